#pragma once
// In-process fan-out of the event log to live WebSocket streams.
//
// One hub thread does all the sending. notify(tenant) only marks that
// tenant's streams dirty and wakes the thread; the thread then reads the log
// after each stream's last sent seq and sends what is new. Because only this
// thread advances a stream's position and it always reads from the log,
// racing notifications can neither skip an event nor send one twice. Every
// heartbeat also re-reads the log, so a lost notification costs at most one
// heartbeat interval.
//
// A stream lives only as long as the token that opened it: at every
// heartbeat, and at once after recheckTokens(tenant) (a sign-out in this
// process, or a revocation NOTIFY from another one), the hub asks the
// TokenCheck whether the stream's token is still live and otherwise closes
// the stream with closeTokenRevoked (docs/api.md). So a revoked, expired or
// deactivated token stops receiving events within one heartbeat interval
// (plus the hub's one-second tick) even when no notification reached us.

#include "domain/types.h"
#include "http/http_types.h"

#include <QHash>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

namespace zeiko::store {
class Database;
}

namespace zeiko::service {

class EventHub;

// The WebSocket close code of a stream whose token was revoked (sign-out),
// expired or otherwise stopped authenticating; clients must sign in again
// instead of reconnecting with the same token.
inline constexpr quint16 closeTokenRevoked = 4001;
inline constexpr char closeTokenRevokedReason[] = "token revoked or expired";

// One live stream of one tenant. Created by the WebSocket session; its
// fields are owned by the hub thread after subscribe().
class StreamSubscription
{
public:
    // tokenHash: AuthService::tokenHash() of the bearer token that opened it.
    StreamSubscription(qint64 tenantId, QByteArray tokenHash, Seq after,
                       std::shared_ptr<http::WebSocketConnection> connection)
        : m_tenantId(tenantId), m_tokenHash(std::move(tokenHash)), m_lastSent(after), m_connection(std::move(connection))
    {
    }
    qint64 tenantId() const { return m_tenantId; }

private:
    friend class EventHub;
    const qint64 m_tenantId;
    const QByteArray m_tokenHash;
    Seq m_lastSent;
    std::shared_ptr<http::WebSocketConnection> m_connection;
    bool m_dirty = true;          // guarded by the hub mutex
    bool m_pongRequested = false; // guarded by the hub mutex
    bool m_recheckToken = false;  // guarded by the hub mutex
    bool m_replayed = false;      // hub thread only
    std::chrono::steady_clock::time_point m_lastHeartbeat{};   // hub thread only
};

class EventHub
{
public:
    // True while the token with this hash may still read the stream. Called
    // on the hub thread; may throw (the stream is then closed as failed).
    using TokenCheck = std::function<bool(const QByteArray &tokenHash)>;

    EventHub(store::Database &database, std::chrono::milliseconds heartbeatInterval);
    ~EventHub();

    void start();
    void stop();   // joins the hub thread; idempotent

    void subscribe(const std::shared_ptr<StreamSubscription> &subscription);
    void unsubscribe(const StreamSubscription *subscription);
    void requestPong(const StreamSubscription *subscription);
    void notify(qint64 tenantId);   // thread-safe, cheap
    void notifyAll();
    // Set before start(). Without one, tokens are never re-checked.
    void setTokenCheck(TokenCheck check) { m_tokenCheck = std::move(check); }
    // A token of this tenant was revoked: re-check its streams now.
    void recheckTokens(qint64 tenantId);   // thread-safe, cheap

    int subscriberCount() const;

private:
    void run();
    void serve(StreamSubscription &subscription, bool heartbeatDue, bool pong, bool recheckToken);
    bool tokenStillLive(StreamSubscription &subscription);

    store::Database &m_db;
    const std::chrono::milliseconds m_heartbeatInterval;
    TokenCheck m_tokenCheck;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_running = false;
    bool m_pending = false;
    QHash<const StreamSubscription *, std::shared_ptr<StreamSubscription>> m_subscriptions;
    std::thread m_thread;
};

} // namespace zeiko::service
