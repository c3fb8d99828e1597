#include "support/raw_socket.h"

#include <QDeadlineTimer>
#include <QList>

namespace zeiko::test {

bool RawHttpConnection::connectTo(quint16 port, int timeoutMs)
{
    m_socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    return m_socket.waitForConnected(timeoutMs);
}

bool RawHttpConnection::send(const QByteArray &bytes)
{
    if (m_socket.write(bytes) != bytes.size())
        return false;
    while (m_socket.bytesToWrite() > 0) {
        if (!m_socket.waitForBytesWritten(5000))
            return false;
    }
    return true;
}

bool RawHttpConnection::fill(int timeoutMs)
{
    if (m_socket.bytesAvailable() == 0 && !m_socket.waitForReadyRead(timeoutMs)) {
        m_buffer += m_socket.readAll();
        return false;
    }
    m_buffer += m_socket.readAll();
    return true;
}

bool RawHttpConnection::hasDataNow()
{
    m_socket.waitForReadyRead(0);
    m_buffer += m_socket.readAll();
    return !m_buffer.isEmpty();
}

std::optional<RawResponse> RawHttpConnection::readResponse(int timeoutMs, bool expectBody)
{
    QDeadlineTimer deadline(timeoutMs);
    qsizetype headerEnd = -1;
    while ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0) {
        if (deadline.hasExpired() || !fill(int(deadline.remainingTime())))
            if ((headerEnd = m_buffer.indexOf("\r\n\r\n")) < 0)
                return std::nullopt;
    }

    RawResponse response;
    const QList<QByteArray> lines = m_buffer.left(headerEnd).split('\n');
    response.statusLine = lines.value(0).trimmed();
    const QList<QByteArray> statusParts = response.statusLine.split(' ');
    response.status = statusParts.value(1).toInt();
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            response.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype bodyStart = headerEnd + 4;
    const qsizetype length = expectBody ? response.header("content-length").toLongLong() : 0;
    while (m_buffer.size() - bodyStart < length) {
        if (deadline.hasExpired() || !fill(int(deadline.remainingTime()))) {
            if (m_buffer.size() - bodyStart < length)
                return std::nullopt;
        }
    }
    response.body = m_buffer.mid(bodyStart, length);
    m_buffer.remove(0, bodyStart + length);
    return response;
}

bool RawHttpConnection::waitForClosed(int timeoutMs)
{
    QDeadlineTimer deadline(timeoutMs);
    while (m_socket.state() != QAbstractSocket::UnconnectedState) {
        if (deadline.hasExpired())
            return false;
        m_socket.waitForReadyRead(int(std::min<qint64>(deadline.remainingTime(), 100)));
        m_buffer += m_socket.readAll();
    }
    m_buffer += m_socket.readAll();
    return true;
}

} // namespace zeiko::test
