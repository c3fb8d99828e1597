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

#include "domain/types.h"
#include "http/http_types.h"

#include <QHash>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

namespace zeiko::store {
class Database;
}

namespace zeiko::service {

class EventHub;

// One live stream of one tenant. Created by the WebSocket session; its
// fields are owned by the hub thread after subscribe().
class StreamSubscription
{
public:
    StreamSubscription(qint64 tenantId, Seq after, std::shared_ptr<http::WebSocketConnection> connection)
        : m_tenantId(tenantId), m_lastSent(after), m_connection(std::move(connection))
    {
    }
    qint64 tenantId() const { return m_tenantId; }

private:
    friend class EventHub;
    const qint64 m_tenantId;
    Seq m_lastSent;
    std::shared_ptr<http::WebSocketConnection> m_connection;
    bool m_dirty = true;          // guarded by the hub mutex
    bool m_pongRequested = false; // guarded by the hub mutex
    bool m_replayed = false;      // hub thread only
    std::chrono::steady_clock::time_point m_lastHeartbeat{};   // hub thread only
};

class EventHub
{
public:
    EventHub(store::Database &database, std::chrono::milliseconds heartbeatInterval);
    ~EventHub();

    void start();
    void stop();   // joins the hub thread; idempotent

    void subscribe(const std::shared_ptr<StreamSubscription> &subscription);
    void unsubscribe(const StreamSubscription *subscription);
    void requestPong(const StreamSubscription *subscription);
    void notify(qint64 tenantId);   // thread-safe, cheap
    void notifyAll();

    int subscriberCount() const;

private:
    void run();
    void serve(StreamSubscription &subscription, bool heartbeatDue, bool pong);

    store::Database &m_db;
    const std::chrono::milliseconds m_heartbeatInterval;
    mutable std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_running = false;
    bool m_pending = false;
    QHash<const StreamSubscription *, std::shared_ptr<StreamSubscription>> m_subscriptions;
    std::thread m_thread;
};

} // namespace zeiko::service
