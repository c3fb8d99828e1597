#pragma once
// A fault-injecting TCP proxy for end-to-end tests: it sits between the
// console core and the real zeiko-server on loopback, forwards bytes both
// ways, and on request breaks things the way real networks do:
//  - cutNextResponses(n, match): forward a request whose head contains
//    `match`, let the server commit it, then cut both connections before the
//    response reaches the client (the "response lost" case);
//  - setOffline(true): every connection is dropped at once (network gone);
//  - setRefuseWebSockets(true) / dropWebSockets(): the live socket fails while
//    REST keeps working (the polling fallback);
//  - setUpstreamPort(): follow a restarted server to its new port while the
//    client keeps one stable address.

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

namespace zeiko::test {

class FaultProxy : public QObject
{
    Q_OBJECT
public:
    explicit FaultProxy(quint16 upstreamPort, QObject *parent = nullptr);
    ~FaultProxy() override;

    quint16 port() const { return m_server.serverPort(); }
    QUrl baseUrl() const;   // http://127.0.0.1:<proxy port>

    void setUpstreamPort(quint16 port) { m_upstreamPort = port; }
    void setOffline(bool offline);
    bool isOffline() const { return m_offline; }
    void setRefuseWebSockets(bool refuse) { m_refuseWebSockets = refuse; }
    void dropWebSockets();
    void dropAll();
    // The next `count` requests whose head contains `match` reach the server,
    // but their responses never reach the client.
    void cutNextResponses(int count, const QByteArray &match);

    int responsesCut() const { return m_responsesCut; }
    int requestsForwarded() const { return m_requestsForwarded; }
    // The heads (request line + headers) of forwarded HTTP requests, in order.
    const QList<QByteArray> &requestHeads() const { return m_requestHeads; }

private:
    struct Link {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
        QByteArray pendingToUpstream;   // bytes before the upstream connected
        bool webSocket = false;
        bool cutResponse = false;       // drop on the next bytes from upstream
    };
    void onNewConnection();
    void onClientData(Link *link);
    void onUpstreamData(Link *link);
    void closeLink(Link *link);

    QTcpServer m_server;
    quint16 m_upstreamPort = 0;
    bool m_offline = false;
    bool m_refuseWebSockets = false;
    int m_cutBudget = 0;
    QByteArray m_cutMatch;
    int m_responsesCut = 0;
    int m_requestsForwarded = 0;
    QList<Link *> m_links;
    QList<QByteArray> m_requestHeads;
};

} // namespace zeiko::test
