#pragma once
// A blocking HTTP/1.1 client over a plain QTcpSocket, for tests that must
// send exact (or deliberately broken) bytes and see exactly what comes back.

#include <QByteArray>
#include <QHash>
#include <QTcpSocket>

#include <optional>

namespace zeiko::test {

struct RawResponse {
    int status = 0;
    QByteArray statusLine;
    QHash<QByteArray, QByteArray> headers;   // keys lower-cased
    QByteArray body;

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

class RawHttpConnection
{
public:
    bool connectTo(quint16 port, int timeoutMs = 5000);
    bool send(const QByteArray &bytes);

    // Reads one response (Content-Length framed). For a reply to HEAD pass
    // expectBody = false. Empty when the peer closed or time ran out first.
    std::optional<RawResponse> readResponse(int timeoutMs = 10000, bool expectBody = true);

    // True once the server has closed the connection (data still arriving is
    // kept for later readResponse calls).
    bool waitForClosed(int timeoutMs = 10000);
    bool isConnected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }

    // Bytes received but not yet consumed by readResponse.
    QByteArray pending() const { return m_buffer; }
    // Does not wait: whatever arrived so far.
    bool hasDataNow();
    void abort() { m_socket.abort(); }
    QTcpSocket &socket() { return m_socket; }

private:
    bool fill(int timeoutMs);

    QTcpSocket m_socket;
    QByteArray m_buffer;
};

} // namespace zeiko::test
