#pragma once
// THE one way a ticket comes to be, for every entry point (POST /tickets,
// inbound email, the chat widget, Shopify webhooks): the ticket row with its
// SLA started, its first entry, and the ticket_created event — which carries
// the ticket as clients read it (effective SLA), like every other event.
// The caller appends the event in its own transaction (the ticket service
// with the seq it took first, the channels through TenantTx).

#include "domain/types.h"

#include <QSqlDatabase>

namespace zeiko::service {

struct NewTicket {
    QString subject;
    QString customerEmail;
    QString customerName;
    Source source = Source::Email;
    Priority priority = Priority::Normal;
    QStringList tags;
    std::optional<Assignee> assignee;   // e.g. the AI agent that owns a widget chat
    std::optional<ShopifyOrder> shopifyOrder;
    bool customerEmailUnverified = false;   // a widget visitor's claim (see store::EmailClaim)
};

struct CreatedTicket {
    Ticket ticket;      // as stored (raw SLA state)
    ThreadEntry entry;  // the first entry, stored
    Event event;        // ticket_created, seq 0: the caller appends it
};

// Inserts the ticket and its first entry (a customer message unless
// `firstEntry.kind` says otherwise; then its author is the caller's).
CreatedTicket insertNewTicket(QSqlDatabase &db, qint64 tenantId, const NewTicket &ticket, ThreadEntry firstEntry,
                              const QDateTime &now);

} // namespace zeiko::service
