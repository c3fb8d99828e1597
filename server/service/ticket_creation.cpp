#include "service/ticket_creation.h"

#include "service/sla_policy.h"
#include "store/ticket_store.h"

namespace zeiko::service {

CreatedTicket insertNewTicket(QSqlDatabase &db, qint64 tenantId, const NewTicket &n, ThreadEntry entry,
                              const QDateTime &now)
{
    Ticket t;
    t.subject = n.subject;
    t.customer = store::findOrCreateCustomer(db, tenantId, n.customerEmail, n.customerName, now.toMSecsSinceEpoch(),
                                             n.customerEmailUnverified ? store::EmailClaim::Unverified
                                                                       : store::EmailClaim::Verified);
    t.source = n.source;
    t.priority = n.priority;
    t.status = TicketStatus::Open;
    t.ownerMode = OwnerMode::Agent;
    t.assignee = n.assignee;
    t.tags = n.tags;
    t.shopifyOrder = n.shopifyOrder;
    t.createdAt = now;
    t.lastActivityAt = now;
    t.version = 1;
    startSla(t, now);
    t = store::insertTicket(db, tenantId, t);

    entry.ticketId = t.id;
    if (entry.kind == EntryKind::CustomerMessage)
        entry.author = {ActorKind::Customer, t.customer.id, t.customer.name};
    entry.createdAt = now;
    entry = store::insertEntry(db, tenantId, entry);

    CreatedTicket created{t, entry, {}};
    Event &event = created.event;
    event.type = EventType::TicketCreated;
    event.ticketId = t.id;
    event.at = now;
    event.requestId = entry.requestId;
    event.ticket = withEffectiveSla(t, now);
    event.entry = entry;
    return created;
}

} // namespace zeiko::service
