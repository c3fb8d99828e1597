#include "routing/handoff_dispatcher.h"

#include "routing/handoff_flow.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcDispatch, "zeiko.routing")

namespace zeiko::routing {

HandoffDispatcher::HandoffDispatcher(store::Database &database, const channels::Clock &clock,
                                     channels::CommitNotifier notify, channels::MailSettings mail,
                                     std::chrono::milliseconds maxSleep)
    : m_db(database)
    , m_clock(clock)
    , m_notify(std::move(notify))
    , m_mail(std::move(mail))
    , m_worker(QStringLiteral("handoff dispatcher"), maxSleep, [this] {
        dispatchOnce();
        return std::optional<std::chrono::milliseconds>();
    })
{
}

int HandoffDispatcher::dispatchOnce()
{
    const QList<qint64> tenants = m_db.read([](QSqlDatabase &db) { return tenantsWithWaitingHandoffs(db); });
    int routed = 0;
    for (const qint64 tenantId : tenants) {
        // A read-only look first: most passes find nobody with capacity, and
        // should not take the tenant's write lock for nothing.
        if (!m_db.read([&](QSqlDatabase &db) { return hasRoutableWaitingHandoff(db, tenantId, m_clock.nowMs()); }))
            continue;
        const int n = channels::tenantWrite(m_db, tenantId, m_notify, [&](channels::TenantTx &tx) {
            return routeWaitingHandoffs(tx, m_mail, m_clock.now());
        });
        if (n > 0)
            qCInfo(lcDispatch) << "tenant" << tenantId << ":" << n << "waiting handoff(s) routed";
        routed += n;
    }
    return routed;
}

} // namespace zeiko::routing
