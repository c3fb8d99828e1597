#include "simulate/received_email_standin.h"

#include <QJsonDocument>
#include <QTcpSocket>

namespace zeiko::simulate {

ReceivedEmailStandIn::ReceivedEmailStandIn(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool ReceivedEmailStandIn::listen(const QHostAddress &address, quint16 port)
{
    return m_server.listen(address, port);
}

void ReceivedEmailStandIn::add(const QString &emailId, const QJsonObject &email)
{
    if (m_emails.size() > 10'000)   // the server fetches within seconds; keep memory bounded on long runs
        m_emails.clear();
    m_emails.insert(emailId, email);
}

void ReceivedEmailStandIn::serve(QTcpSocket *socket)
{
    const QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    if (buffer.size() > 8 * 1024 * 1024) {
        socket->abort();
        return;
    }
    const qsizetype headEnd = buffer.indexOf("\r\n\r\n");
    qsizetype contentLength = 0;
    for (const QByteArray &line : buffer.left(headEnd).split('\n'))
        if (line.toLower().startsWith("content-length:"))
            contentLength = line.mid(15).trimmed().toLongLong();
    if (headEnd < 0 || buffer.size() - headEnd - 4 < contentLength) {
        socket->setProperty("buffer", buffer);
        return;
    }
    const QList<QByteArray> requestLine = buffer.left(buffer.indexOf("\r\n")).split(' ');
    const QByteArray path = requestLine.value(1);
    int status = 404;
    QByteArray body = R"({"statusCode":404,"message":"Not found","name":"not_found"})";
    const QByteArray prefix = "/emails/receiving/";
    if (requestLine.value(0) == "POST" && path == "/emails") {
        // The server sends its outbound replies through the same base URL:
        // accept them (the demo has no real mailbox) like Resend's send API.
        status = 200;
        body = R"({"id":"sim_sent_)" + QByteArray::number(++m_sent) + R"("})";
    } else if (requestLine.value(0) == "GET" && path.startsWith(prefix)) {
        const QString id = QString::fromUtf8(QByteArray::fromPercentEncoding(path.mid(prefix.size())));
        if (m_emails.contains(id)) {
            QJsonObject email = m_emails.value(id);
            email.insert(QStringLiteral("object"), QStringLiteral("email"));
            email.insert(QStringLiteral("id"), id);
            status = 200;
            body = QJsonDocument(email).toJson(QJsonDocument::Compact);
        }
    }
    socket->write("HTTP/1.1 " + QByteArray::number(status) + (status == 200 ? " OK" : " Not Found") +
                  "\r\nContent-Type: application/json\r\nContent-Length: " + QByteArray::number(body.size()) +
                  "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

} // namespace zeiko::simulate
