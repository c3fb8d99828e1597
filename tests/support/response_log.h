#pragma once
// What the server said, for the contract check: when ZEIKO_RESPONSE_LOG names
// a file (run_qtest.sh --openapi sets it), every HTTP response a suite receives
// from a zeiko-server it started, and every stream frame it reads, is appended
// there as one JSON line. After the suite, tools/check_openapi.py validates
// each line against docs/openapi.yaml, so a field the document does not
// define — or one it requires and the server left out — fails the suite.

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrl>

namespace zeiko::test::response_log {

// The ports of the zeiko-server processes this suite started; only responses
// from these are the server's (a test may also talk to stand-ins).
void addServerPort(quint16 port);
bool isServerPort(quint16 port);

void recordHttp(const QByteArray &method, const QUrl &url, int status,
                const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body);
// A text frame of GET /api/v1/stream as received.
void recordStreamFrame(const QString &text);

} // namespace zeiko::test::response_log
