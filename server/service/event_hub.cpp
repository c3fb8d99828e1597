#include "service/event_hub.h"

#include "domain/json_reader.h"
#include "store/database.h"
#include "store/event_log.h"

#include <QDateTime>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcStream, "zeiko.stream")

namespace zeiko::service {

namespace {
constexpr int replayBatch = 500;   // per stream per round, so one slow replay cannot starve others

QByteArray heartbeatJson(const char *type, Seq head)
{
    return QByteArray("{\"type\":\"") + type + "\",\"head\":" + QByteArray::number(head) + ",\"at\":\"" +
           isoUtc(QDateTime::currentDateTimeUtc()).toLatin1() + "\"}";
}
} // namespace

EventHub::EventHub(store::Database &database, std::chrono::milliseconds heartbeatInterval)
    : m_db(database)
    , m_heartbeatInterval(heartbeatInterval)
{
}

EventHub::~EventHub()
{
    stop();
}

void EventHub::start()
{
    std::lock_guard lock(m_mutex);
    if (m_running)
        return;
    m_running = true;
    m_thread = std::thread([this] { run(); });
}

void EventHub::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_running = false;
    }
    m_wake.notify_all();
    if (m_thread.joinable())
        m_thread.join();
    std::lock_guard lock(m_mutex);
    for (const auto &s : std::as_const(m_subscriptions))
        s->m_connection->close();
    m_subscriptions.clear();
}

void EventHub::subscribe(const std::shared_ptr<StreamSubscription> &subscription)
{
    {
        std::lock_guard lock(m_mutex);
        m_subscriptions.insert(subscription.get(), subscription);
        subscription->m_dirty = true;
        // The first heartbeat follows the replay, then every interval.
        subscription->m_lastHeartbeat = std::chrono::steady_clock::now();
        m_pending = true;
    }
    m_wake.notify_one();
}

void EventHub::unsubscribe(const StreamSubscription *subscription)
{
    std::lock_guard lock(m_mutex);
    m_subscriptions.remove(subscription);
}

void EventHub::requestPong(const StreamSubscription *subscription)
{
    {
        std::lock_guard lock(m_mutex);
        const auto it = m_subscriptions.find(subscription);
        if (it == m_subscriptions.end())
            return;
        (*it)->m_pongRequested = true;
        m_pending = true;
    }
    m_wake.notify_one();
}

void EventHub::notify(qint64 tenantId)
{
    {
        std::lock_guard lock(m_mutex);
        for (const auto &s : std::as_const(m_subscriptions)) {
            if (s->m_tenantId == tenantId) {
                s->m_dirty = true;
                m_pending = true;
            }
        }
    }
    m_wake.notify_one();
}

void EventHub::notifyAll()
{
    {
        std::lock_guard lock(m_mutex);
        for (const auto &s : std::as_const(m_subscriptions))
            s->m_dirty = true;
        m_pending = true;
    }
    m_wake.notify_one();
}

void EventHub::recheckTokens(qint64 tenantId)
{
    {
        std::lock_guard lock(m_mutex);
        for (const auto &s : std::as_const(m_subscriptions)) {
            if (s->m_tenantId == tenantId) {
                s->m_recheckToken = true;
                m_pending = true;
            }
        }
    }
    m_wake.notify_one();
}

int EventHub::subscriberCount() const
{
    std::lock_guard lock(m_mutex);
    return int(m_subscriptions.size());
}

void EventHub::run()
{
    using clock = std::chrono::steady_clock;
    for (;;) {
        struct Work {
            std::shared_ptr<StreamSubscription> subscription;
            bool dirty;
            bool pong;
            bool recheck;
        };
        QList<Work> work;
        const auto now = clock::now();
        {
            std::unique_lock lock(m_mutex);
            m_wake.wait_for(lock, std::chrono::seconds(1), [this] { return m_pending || !m_running; });
            if (!m_running)
                return;
            m_pending = false;
            for (const auto &s : std::as_const(m_subscriptions)) {
                const bool heartbeatDue = now - s->m_lastHeartbeat >= m_heartbeatInterval;
                if (s->m_dirty || s->m_pongRequested || heartbeatDue || s->m_recheckToken) {
                    // Cleared before reading the log: a notification that
                    // arrives meanwhile sets it again and we come back.
                    work.append({s, s->m_dirty || heartbeatDue, s->m_pongRequested, s->m_recheckToken});
                    s->m_dirty = false;
                    s->m_pongRequested = false;
                    s->m_recheckToken = false;
                }
            }
        }
        for (const Work &w : std::as_const(work)) {
            try {
                serve(*w.subscription, w.dirty, w.pong, w.recheck);
            } catch (const std::exception &e) {
                qCWarning(lcStream) << "stream of tenant" << w.subscription->m_tenantId << "failed:" << e.what();
                w.subscription->m_connection->close();
                unsubscribe(w.subscription.get());
            }
        }
    }
}

bool EventHub::tokenStillLive(StreamSubscription &s)
{
    if (!m_tokenCheck || m_tokenCheck(s.m_tokenHash))
        return true;
    qCInfo(lcStream) << "closing a stream of tenant" << s.m_tenantId << "- its token was revoked or expired";
    s.m_connection->closeWithCode(closeTokenRevoked, QByteArray(closeTokenRevokedReason));
    unsubscribe(&s);
    return false;
}

void EventHub::serve(StreamSubscription &s, bool readLog, bool pong, bool recheckToken)
{
    if (!s.m_connection->isOpen()) {
        unsubscribe(&s);
        return;
    }
    const auto now = std::chrono::steady_clock::now();
    const bool heartbeatDue = now - s.m_lastHeartbeat >= m_heartbeatInterval;
    // Checked before anything is read or sent: a dead token gets nothing more.
    if ((recheckToken || heartbeatDue) && !tokenStillLive(s))
        return;
    bool more = false;
    if (readLog) {
        const store::RawEvents events =
            m_db.read([&](QSqlDatabase &db) { return store::eventsAfter(db, s.m_tenantId, s.m_lastSent, replayBatch); });
        for (const QByteArray &payload : events.payloads)
            s.m_connection->sendText("{\"type\":\"event\",\"event\":" + payload + "}");
        if (!events.payloads.isEmpty())
            s.m_lastSent = events.lastSeq;
        more = events.payloads.size() == replayBatch;
    }
    const bool replayJustFinished = !s.m_replayed && !more;
    if (replayJustFinished)
        s.m_replayed = true;
    if (heartbeatDue || replayJustFinished || pong) {
        const Seq head = m_db.read([&](QSqlDatabase &db) { return store::headSeq(db, s.m_tenantId); });
        if (pong)
            s.m_connection->sendText(heartbeatJson("pong", head));
        if (heartbeatDue || replayJustFinished) {
            s.m_connection->sendText(heartbeatJson("heartbeat", head));
            s.m_lastHeartbeat = now;
        }
    }
    if (more) {
        std::lock_guard lock(m_mutex);
        s.m_dirty = true;
        m_pending = true;
    }
}

} // namespace zeiko::service
