#include "api/stream_session.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace zeiko::api {

StreamSession::StreamSession(service::EventHub &hub, qint64 tenantId, QByteArray tokenHash, Seq after)
    : m_hub(hub)
    , m_tenantId(tenantId)
    , m_tokenHash(std::move(tokenHash))
    , m_after(after)
{
}

StreamSession::~StreamSession()
{
    if (m_subscription)
        m_hub.unsubscribe(m_subscription.get());
}

void StreamSession::onOpen(std::shared_ptr<http::WebSocketConnection> connection)
{
    m_subscription = std::make_shared<service::StreamSubscription>(m_tenantId, m_tokenHash, m_after,
                                                                    std::move(connection));
    m_hub.subscribe(m_subscription);
}

void StreamSession::onMessage(const QByteArray &text)
{
    if (!m_subscription || text.size() > 4096)
        return;
    const QJsonDocument document = QJsonDocument::fromJson(text);
    if (document.isObject() && document.object().value(QStringLiteral("type")).toString() == QStringLiteral("ping"))
        m_hub.requestPong(m_subscription.get());
    // Anything else is ignored: the stream is server -> client.
}

void StreamSession::onClose()
{
    if (m_subscription) {
        m_hub.unsubscribe(m_subscription.get());
        m_subscription.reset();
    }
}

} // namespace zeiko::api
