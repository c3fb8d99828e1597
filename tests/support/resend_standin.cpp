#include "support/resend_standin.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QTcpSocket>

namespace zeiko::test {

ResendStandIn::ResendStandIn()
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { serve(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool ResendStandIn::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

QString ResendStandIn::baseUrl() const
{
    return QStringLiteral("http://127.0.0.1:%1").arg(m_server.serverPort());
}

void ResendStandIn::serve(QTcpSocket *socket)
{
    QByteArray buffer = socket->property("buffer").toByteArray() + socket->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        socket->setProperty("buffer", buffer);
        return;
    }
    RecordedRequest request;
    const QList<QByteArray> lines = buffer.left(end).split('\n');
    const QList<QByteArray> first = lines.value(0).trimmed().split(' ');
    request.method = first.value(0);
    request.path = first.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(), lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length").toLongLong();
    if (buffer.size() - end - 4 < length) {
        socket->setProperty("buffer", buffer);
        return;
    }
    request.body = buffer.mid(end + 4, length);
    socket->setProperty("buffer", QByteArray());

    int status = 404;
    QByteArray body = R"({"statusCode":404,"message":"Not found","name":"not_found"})";
    const bool authorized = request.headers.value("authorization").startsWith("Bearer ");
    if (!authorized) {
        status = 401;
        body = R"({"statusCode":401,"message":"Missing API key","name":"missing_api_key"})";
    } else if (request.method == "GET" && request.path.startsWith("/emails/receiving/")) {
        ++m_fetches;
        const QString id = QString::fromUtf8(request.path.mid(18));
        if (m_received.contains(id)) {
            status = 200;
            QJsonObject email = m_received.value(id);
            email.insert(QStringLiteral("object"), QStringLiteral("email"));
            email.insert(QStringLiteral("id"), id);
            body = QJsonDocument(email).toJson(QJsonDocument::Compact);
        }
    } else if (request.method == "POST" && request.path == "/emails") {
        if (m_failSends > 0) {
            --m_failSends;
            status = 500;
            body = R"({"statusCode":500,"message":"Internal error","name":"internal_server_error"})";
        } else {
            m_sends.append(request);
            status = 200;
            body = QJsonDocument(QJsonObject{{QStringLiteral("id"), QStringLiteral("re_sent_%1").arg(m_nextId++)}})
                       .toJson(QJsonDocument::Compact);
        }
    }
    socket->write("HTTP/1.1 " + QByteArray::number(status) + " X\r\nContent-Type: application/json\r\nContent-Length: " +
                  QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

QList<QPair<QByteArray, QByteArray>> svixHeaders(const QByteArray &id, const QByteArray &body, const QString &secret,
                                                  qint64 timestampSecs)
{
    const QByteArray timestamp = QByteArray::number(timestampSecs);
    const QByteArray key = QByteArray::fromBase64(secret.mid(secret.startsWith(QStringLiteral("whsec_")) ? 6 : 0).toLatin1());
    const QByteArray mac = QMessageAuthenticationCode::hash(id + '.' + timestamp + '.' + body, key, QCryptographicHash::Sha256);
    return {{"svix-id", id}, {"svix-timestamp", timestamp}, {"svix-signature", "v1," + mac.toBase64()}};
}

} // namespace zeiko::test
