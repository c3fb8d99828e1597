#include "channels/tenant_tx.h"

#include "store/event_log.h"

namespace zeiko::channels {

TenantTx::TenantTx(QSqlDatabase &db, qint64 tenantId)
    : m_db(db)
    , m_tenantId(tenantId)
    , m_firstSeq(store::nextSeq(db, tenantId))
{
}

Seq TenantTx::appendEvent(Event event)
{
    // The first event uses the seq taken (and locked) at the start; later
    // ones increment the row this transaction already holds.
    event.seq = m_events == 0 ? m_firstSeq : store::nextSeq(m_db, m_tenantId);
    store::appendEvent(m_db, m_tenantId, event);
    ++m_events;
    m_lastSeq = event.seq;
    return event.seq;
}

} // namespace zeiko::channels
