#pragma once
// The application side of one /api/v1/stream WebSocket: registers with the
// EventHub on open (which replays after the client's seq, then streams),
// answers {"type":"ping"} with a pong, unregisters on close. It remembers
// the hash of the token that opened it, so the hub can close it (4001) once
// that token is revoked or expired.

#include "http/http_types.h"
#include "service/event_hub.h"

namespace zeiko::api {

class StreamSession : public http::WebSocketSession
{
public:
    StreamSession(service::EventHub &hub, qint64 tenantId, QByteArray tokenHash, Seq after);
    ~StreamSession() override;

    void onOpen(std::shared_ptr<http::WebSocketConnection> connection) override;
    void onMessage(const QByteArray &text) override;
    void onClose() override;

private:
    service::EventHub &m_hub;
    const qint64 m_tenantId;
    const QByteArray m_tokenHash;
    const Seq m_after;
    std::shared_ptr<service::StreamSubscription> m_subscription;
};

} // namespace zeiko::api
