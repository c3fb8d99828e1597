#pragma once
// The simulator's own stand-in for Resend's received-emails API
// (GET /emails/receiving/{id}): a Resend webhook carries metadata only and
// the server fetches the body from there, so simulated inbound mail needs
// something to answer. Start the server with
// --resend-api-base-url http://<this address> to use it. It also accepts
// the server's outbound mail (POST /emails, as Resend's send API) so replies
// written in the demo are marked sent. Loopback only.

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QTcpServer>

namespace zeiko::simulate {

class ReceivedEmailStandIn : public QObject
{
    Q_OBJECT
public:
    explicit ReceivedEmailStandIn(QObject *parent = nullptr);
    bool listen(const QHostAddress &address, quint16 port);
    QString errorString() const { return m_server.errorString(); }
    quint16 port() const { return m_server.serverPort(); }
    void add(const QString &emailId, const QJsonObject &email);

private:
    void serve(QTcpSocket *socket);

    QTcpServer m_server;
    QHash<QString, QJsonObject> m_emails;
    quint64 m_sent = 0;
};

} // namespace zeiko::simulate
