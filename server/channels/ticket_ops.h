#pragma once
// Ticket changes made by the channels (not by an operator's command), each
// inside a TenantTx and each leaving exactly one event per change:
// a new ticket with its first message, a customer message appended to a
// ticket (moving its status and resuming its SLA), and system entries
// (email, handoff, Shopify events) that annotate the thread.

#include "channels/tenant_tx.h"
#include "service/ticket_creation.h"

namespace zeiko::channels {

using NewTicket = service::NewTicket;

struct TicketWithEntry {
    Ticket ticket;
    ThreadEntry entry;
    Seq seq = 0;
};

// Creates the ticket and its first entry (a customer message unless
// `firstEntry.kind` says otherwise) the one way (service::insertNewTicket);
// emits ticket_created.
TicketWithEntry createTicket(TenantTx &tx, const NewTicket &ticket, ThreadEntry firstEntry, const QDateTime &now);

// A customer message on an existing ticket: waiting_on_customer -> waiting_on_team,
// resolved -> open (reopened); the SLA resumes (next response due, resolution
// pushed by the paused time). Emits entry_added. The ticket must not be closed.
TicketWithEntry appendCustomerMessage(TenantTx &tx, const Ticket &before, ThreadEntry entry, const QDateTime &now);

// Appends an entry that does not change the ticket (email/handoff/Shopify
// events, agent replies); emits entry_added with the ticket as it is.
// `touch` moves lastActivityAt (and bumps the version), e.g. for agent replies.
TicketWithEntry appendEntry(TenantTx &tx, Ticket ticket, ThreadEntry entry, const QDateTime &now, bool touch);

// Writes the ticket (version bumped by the caller) and emits ticket_updated
// with it, optionally with an entry and a handoff.
Seq emitTicketUpdate(TenantTx &tx, const Ticket &ticket, const QDateTime &now, EventType type = EventType::TicketUpdated,
                     const std::optional<ThreadEntry> &entry = std::nullopt,
                     const std::optional<Handoff> &handoff = std::nullopt, const QString &requestId = {});

// The entry with this request id on the ticket, if any (dedupes retries).
std::optional<ThreadEntry> findEntryByRequestId(QSqlDatabase &db, qint64 tenantId, TicketId ticketId,
                                                const QString &requestId);
// The same, among the entries of one kind written by one kind of author only:
// a client's retry must find its own earlier write, never another author's
// entry (an internal note) that happens to carry the same request id.
std::optional<ThreadEntry> findOwnEntryByRequestId(QSqlDatabase &db, qint64 tenantId, TicketId ticketId,
                                                   const QString &requestId, EntryKind kind, ActorKind author);

ThreadEntry systemEntry(TicketId ticketId, EntryKind kind, const QString &body, const QString &eventStatus,
                        const QDateTime &now);

} // namespace zeiko::channels
