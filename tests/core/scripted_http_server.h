#pragma once
// A tiny scripted HTTP/1.1 server for protocol tests of the REST client:
// it records each request and answers with the next scripted reply (or
// misbehaves on purpose: hang, or close without answering). The real
// server is exercised by the e2e suites; this one produces what the real
// one never should (malformed JSON, odd statuses).

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

namespace zeiko::test {

struct ScriptedReply {
    enum class Action { Respond, Hang, Close };
    Action action = Action::Respond;
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;

    static ScriptedReply json(int status, const QByteArray &body) { return {Action::Respond, status, body, {}}; }
    static ScriptedReply hang() { return {Action::Hang, 0, {}, {}}; }
    static ScriptedReply close() { return {Action::Close, 0, {}, {}}; }
};

struct RecordedRequest {
    QByteArray method;
    QByteArray target;   // path + query
    QHash<QByteArray, QByteArray> headers;   // lower-case names
    QByteArray body;
};

class ScriptedHttpServer : public QObject
{
    Q_OBJECT
public:
    ScriptedHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                m_sockets.append(socket);
                connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
            }
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }

    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort())); }
    void enqueue(const ScriptedReply &reply) { m_replies.append(reply); }
    // Answers every request the queue does not cover.
    void setHandler(std::function<ScriptedReply(const RecordedRequest &)> handler) { m_handler = std::move(handler); }
    const QList<RecordedRequest> &requests() const { return m_requests; }

private:
    void onReadyRead(QTcpSocket *socket)
    {
        QByteArray &buffer = m_buffers[socket];
        buffer += socket->readAll();
        const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
        if (headerEnd < 0)
            return;
        RecordedRequest request;
        const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
        const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
        request.method = requestLine.value(0);
        request.target = requestLine.value(1);
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines.at(i).indexOf(':');
            if (colon > 0)
                request.headers.insert(lines.at(i).left(colon).trimmed().toLower(), lines.at(i).mid(colon + 1).trimmed());
        }
        const qsizetype length = request.headers.value("content-length", "0").toLongLong();
        if (buffer.size() < headerEnd + 4 + length)
            return;
        request.body = buffer.mid(headerEnd + 4, length);
        buffer.remove(0, headerEnd + 4 + length);
        m_requests.append(request);

        const ScriptedReply reply = !m_replies.isEmpty() ? m_replies.takeFirst()
            : m_handler ? m_handler(request)
                        : ScriptedReply::json(404, R"({"error":{"code":"not_found","message":"none"}})");
        switch (reply.action) {
        case ScriptedReply::Action::Hang:
            return;
        case ScriptedReply::Action::Close:
            socket->abort();
            return;
        case ScriptedReply::Action::Respond:
            break;
        }
        QByteArray response = "HTTP/1.1 " + QByteArray::number(reply.status) + " Scripted\r\n";
        response += "Content-Type: application/json\r\nContent-Length: " + QByteArray::number(reply.body.size()) + "\r\n";
        for (const auto &[name, value] : reply.headers)
            response += name + ": " + value + "\r\n";
        response += "\r\n" + reply.body;
        socket->write(response);
    }

    QTcpServer m_server;
    QList<QPointer<QTcpSocket>> m_sockets;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<ScriptedReply> m_replies;
    std::function<ScriptedReply(const RecordedRequest &)> m_handler;
    QList<RecordedRequest> m_requests;
};

} // namespace zeiko::test
