#include "support/fault_proxy.h"

namespace zeiko::test {

FaultProxy::FaultProxy(quint16 upstreamPort, QObject *parent)
    : QObject(parent)
    , m_upstreamPort(upstreamPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &FaultProxy::onNewConnection);
    m_server.listen(QHostAddress::LocalHost, 0);
}

FaultProxy::~FaultProxy()
{
    dropAll();
}

QUrl FaultProxy::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port()));
}

void FaultProxy::setOffline(bool offline)
{
    m_offline = offline;
    if (offline)
        dropAll();
}

void FaultProxy::dropAll()
{
    const QList<Link *> links = m_links;
    for (Link *link : links)
        closeLink(link);
}

void FaultProxy::dropWebSockets()
{
    const QList<Link *> links = m_links;
    for (Link *link : links) {
        if (link->webSocket)
            closeLink(link);
    }
}

void FaultProxy::cutNextResponses(int count, const QByteArray &match)
{
    m_cutBudget = count;
    m_cutMatch = match;
}

void FaultProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        if (m_offline) {
            client->abort();
            client->deleteLater();
            continue;
        }
        auto *link = new Link;
        link->client = client;
        link->upstream = new QTcpSocket(this);
        m_links.append(link);
        connect(client, &QTcpSocket::readyRead, this, [this, link] { onClientData(link); });
        connect(client, &QTcpSocket::disconnected, this, [this, link] { closeLink(link); });
        connect(link->upstream, &QTcpSocket::connected, this, [link] {
            link->upstream->write(link->pendingToUpstream);
            link->pendingToUpstream.clear();
        });
        connect(link->upstream, &QTcpSocket::readyRead, this, [this, link] { onUpstreamData(link); });
        connect(link->upstream, &QTcpSocket::disconnected, this, [this, link] { closeLink(link); });
        connect(link->upstream, &QTcpSocket::errorOccurred, this, [this, link] { closeLink(link); });
        link->upstream->connectToHost(QHostAddress::LocalHost, m_upstreamPort);
    }
}

void FaultProxy::onClientData(Link *link)
{
    if (!m_links.contains(link) || !link->client)
        return;
    const QByteArray data = link->client->readAll();
    if (!link->webSocket) {
        // Request heads start a chunk often enough for tests (one request at a time per connection).
        if (data.contains("\r\nUpgrade: websocket") || data.contains("\r\nupgrade: websocket")) {
            link->webSocket = true;
            if (m_refuseWebSockets) {
                closeLink(link);
                return;
            }
        }
        if (data.startsWith("GET ") || data.startsWith("POST ") || data.startsWith("PUT ") || data.startsWith("DELETE ")) {
            ++m_requestsForwarded;
            const qsizetype end = data.indexOf("\r\n\r\n");
            m_requestHeads.append(end >= 0 ? data.left(end) : data);
        }
        if (m_cutBudget > 0 && !m_cutMatch.isEmpty() && data.contains(m_cutMatch)) {
            --m_cutBudget;
            link->cutResponse = true;
        }
    }
    if (link->upstream->state() == QAbstractSocket::ConnectedState)
        link->upstream->write(data);
    else
        link->pendingToUpstream += data;
}

void FaultProxy::onUpstreamData(Link *link)
{
    if (!m_links.contains(link) || !link->upstream)
        return;
    const QByteArray data = link->upstream->readAll();
    if (link->cutResponse) {
        // The server committed and answered; the client never hears it.
        ++m_responsesCut;
        closeLink(link);
        return;
    }
    if (link->client)
        link->client->write(data);
}

void FaultProxy::closeLink(Link *link)
{
    if (!m_links.removeOne(link))
        return;
    if (link->client) {
        link->client->disconnect(this);
        link->client->abort();
        link->client->deleteLater();
    }
    if (link->upstream) {
        link->upstream->disconnect(this);
        link->upstream->abort();
        link->upstream->deleteLater();
    }
    delete link;
}

} // namespace zeiko::test
