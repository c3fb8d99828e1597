#include "ui/ticket_cache.h"

#include "domain/ticket_rules.h"
#include "store/store_error.h"

namespace zeiko::ui {

TicketCache::TicketCache(LocalStore &store, QObject *parent)
    : QObject(parent)
    , m_store(store)
{
    connect(&m_store, &LocalStore::changed, this, &TicketCache::onStoreChanged);
}

const Ticket *TicketCache::ticket(TicketId id) const
{
    if (Ticket *cached = m_tickets.object(id))
        return cached;
    try {
        std::optional<Ticket> loaded = m_store.isOpen() ? m_store.ticket(id) : std::nullopt;
        if (!loaded)
            return nullptr;
        auto *value = new Ticket(std::move(*loaded));
        m_tickets.insert(id, value);
        return value;
    } catch (const StoreError &) {
        return nullptr;
    }
}

std::optional<Handoff> TicketCache::handoff(TicketId id) const
{
    if (auto *cached = m_handoffs.object(id))
        return *cached;
    try {
        auto *value = new std::optional<Handoff>(m_store.isOpen() ? m_store.handoffForTicket(id) : std::nullopt);
        m_handoffs.insert(id, value);
        return *value;
    } catch (const StoreError &) {
        return std::nullopt;
    }
}

bool TicketCache::isHandoffWaiting(TicketId id) const
{
    const Ticket *t = ticket(id);
    if (!t || t->handoffId.isEmpty())
        return false;
    rules::TicketFacts facts = rules::ticketFacts(*t, handoff(id));
    if (!facts.handoff)
        facts.handoff = rules::HandoffFacts{};   // linked, not synced yet: as requested
    return rules::isHandoffWaiting(facts);
}

void TicketCache::onStoreChanged(const StoreChange &change)
{
    QSet<TicketId> ids(change.updatedTickets.cbegin(), change.updatedTickets.cend());
    for (TicketId id : change.insertedTickets)
        ids.insert(id);
    ids.unite(change.threadsChanged);
    for (TicketId id : std::as_const(ids)) {
        m_tickets.remove(id);
        m_handoffs.remove(id);
        Q_EMIT ticketChanged(id);
    }
}

} // namespace zeiko::ui
