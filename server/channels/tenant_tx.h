#pragma once
// A write transaction of one tenant for the channel services (widget,
// email, Shopify, routing, SLA timer), with the same guarantees as the
// ticket commands: the tenant's seq row is taken FIRST (serialising the
// tenant's writers, so read-then-write inside is race-free, also across
// server processes), every change appends its events in the same
// transaction, and a transaction that ends without an event is rolled back
// so the seq it took leaves no gap.

#include "domain/types.h"
#include "store/database.h"
#include "store/event_log.h"

#include <QSqlDatabase>

#include <functional>
#include <optional>

namespace zeiko::channels {

using CommitNotifier = std::function<void(qint64 tenantId)>;

class TenantTx
{
public:
    TenantTx(QSqlDatabase &db, qint64 tenantId);
    QSqlDatabase &db() { return m_db; }
    qint64 tenantId() const { return m_tenantId; }
    // Appends the event with the next seq; returns that seq.
    Seq appendEvent(Event event);
    int eventCount() const { return m_events; }
    Seq lastSeq() const { return m_lastSeq; }

private:
    QSqlDatabase &m_db;
    qint64 m_tenantId;
    Seq m_firstSeq;
    Seq m_lastSeq = 0;
    int m_events = 0;
};

namespace detail {
struct NothingChanged {};
} // namespace detail

// Runs f(TenantTx&) in one transaction; returns what f returns. Commits and
// wakes live streams when f emitted events; rolls back (and still returns
// f's result) when it emitted none.
template<typename F>
auto tenantWrite(store::Database &database, qint64 tenantId, const CommitNotifier &notify, F &&f)
    -> decltype(f(std::declval<TenantTx &>()))
{
    using R = decltype(f(std::declval<TenantTx &>()));
    std::optional<R> unchanged;
    try {
        R result = database.write([&](QSqlDatabase &db) -> R {
            TenantTx tx(db, tenantId);
            R r = f(tx);
            if (tx.eventCount() == 0) {
                unchanged.emplace(std::move(r));
                throw detail::NothingChanged{};
            }
            store::notifyCommitted(db, database.isPostgres(), tenantId);
            return r;
        });
        if (notify)
            notify(tenantId);
        return result;
    } catch (const detail::NothingChanged &) {
        return std::move(*unchanged);
    }
}

} // namespace zeiko::channels

