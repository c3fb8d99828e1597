#pragma once
// A local stand-in for the parts of Resend's HTTP API the server calls,
// answering as Resend documents them:
//   GET  /emails/receiving/{id}  -> the received email registered with addReceivedEmail(), else 404
//   POST /emails                 -> {"id": "..."} and the request is recorded (failNextSends() answers 500)
// It runs on the thread that owns it (serve it by spinning the event loop,
// e.g. while a ServerProcess request or QTRY_ waits).

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QTcpServer>

namespace zeiko::test {

struct RecordedRequest {
    QByteArray method;
    QByteArray path;
    QHash<QByteArray, QByteArray> headers;   // lower-case names
    QByteArray body;
};

class ResendStandIn : public QObject
{
    // No Q_OBJECT: only lambda connections (the support library has no moc).
public:
    ResendStandIn();
    bool listen();
    QString baseUrl() const;   // http://127.0.0.1:<port>
    void addReceivedEmail(const QString &id, const QJsonObject &email) { m_received.insert(id, email); }
    void failNextSends(int count) { m_failSends = count; }
    QList<RecordedRequest> sends() const { return m_sends; }
    int fetchCount() const { return m_fetches; }

private:
    void serve(QTcpSocket *socket);
    QTcpServer m_server;
    QHash<QString, QJsonObject> m_received;
    QList<RecordedRequest> m_sends;
    int m_failSends = 0;
    int m_fetches = 0;
    int m_nextId = 1;
};

// Builds a signed Resend webhook delivery (svix-* headers) for the body.
QList<QPair<QByteArray, QByteArray>> svixHeaders(const QByteArray &id, const QByteArray &body, const QString &secret,
                                                  qint64 timestampSecs);

} // namespace zeiko::test
