#pragma once
// Cross-process wake-ups on PostgreSQL: LISTEN zeiko_events on a dedicated
// connection in its own thread (QtSql delivers notifications through that
// thread's event loop) and wake the EventHub for the notified tenant (or,
// for an "auth:<tenant>" payload, have it re-check that tenant's stream
// tokens: a sign-out in another process). A killed listener connection gives no signal, so a watchdog pings it and
// reconnects; after any reconnect every stream re-reads the log, which is
// the truth (notifications are only a hint).

#include <QObject>
#include <QThread>

#include <memory>

namespace zeiko::store {
class Database;
}

namespace zeiko::service {

class EventHub;

class PgListener
{
public:
    PgListener(store::Database &database, EventHub &hub, int watchdogMs = 5000);
    ~PgListener();   // stops the thread

    void start();
    void stop();

private:
    store::Database &m_db;
    EventHub &m_hub;
    int m_watchdogMs;
    QThread m_thread;
};

} // namespace zeiko::service
