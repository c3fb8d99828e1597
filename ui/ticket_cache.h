#pragma once
// Whole tickets (handoff link and state, Shopify order, CSAT) read lazily
// from the store for the facts rail and the handoff window; everything else the queue paints (SLA due dates
// included) comes from TicketRow through the queue model's roles. Entries
// are dropped when the store reports the ticket changed.

#include "store/local_store.h"

#include <QCache>
#include <QObject>

namespace zeiko::ui {

class TicketCache : public QObject
{
    Q_OBJECT
public:
    explicit TicketCache(LocalStore &store, QObject *parent = nullptr);

    // nullptr when the ticket is not in the store.
    const Ticket *ticket(TicketId id) const;
    // The handoff as last synced (may lag the ticket until its thread loads).
    std::optional<Handoff> handoff(TicketId id) const;
    // The AI agent escalated and no human owns the ticket yet
    // (rules::isHandoffWaiting on the ticket as stored; the queue reads
    // HandoffWaitingRole, which also has the pending actions applied).
    bool isHandoffWaiting(TicketId id) const;

Q_SIGNALS:
    void ticketChanged(zeiko::TicketId id);

private:
    void onStoreChanged(const StoreChange &change);

    LocalStore &m_store;
    mutable QCache<TicketId, Ticket> m_tickets{2000};
    mutable QCache<TicketId, std::optional<Handoff>> m_handoffs{2000};
};

} // namespace zeiko::ui
