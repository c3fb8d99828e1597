#pragma once
// Customers, tickets, thread entries and handoffs, always scoped by tenant:
// a ticket id from another tenant is simply not found.

#include "domain/types.h"

#include <QSqlDatabase>

#include <optional>

namespace zeiko::store {

struct TicketFilter {
    std::optional<TicketStatus> status;
    enum class AssigneeMode { Any, None, Operator } assigneeMode = AssigneeMode::Any;
    QString assigneeId;
    // Keyset cursor over (lastActivityAt desc, id desc): rows strictly after it.
    std::optional<qint64> afterActivityMs;
    qint64 afterId = 0;
    int limit = 50;
};

// How far an email address identifies the customer: Verified (it came from
// the mail system, a shop or an operator) finds the customer who owns it;
// Unverified (typed into the widget) always makes a customer of its own.
enum class EmailClaim { Verified, Unverified };

Customer findOrCreateCustomer(QSqlDatabase &db, qint64 tenantId, const QString &email, const QString &name,
                              qint64 nowMs, EmailClaim claim = EmailClaim::Verified);

// Inserts a ticket (id, number and key as given must be unset/0; the
// number is the tenant's next one). Returns it with id and number filled.
Ticket insertTicket(QSqlDatabase &db, qint64 tenantId, Ticket ticket);
// Writes every mutable column of the ticket (including version).
void updateTicket(QSqlDatabase &db, qint64 tenantId, const Ticket &ticket);
std::optional<Ticket> findTicket(QSqlDatabase &db, qint64 tenantId, TicketId id);
QList<Ticket> listTickets(QSqlDatabase &db, qint64 tenantId, const TicketFilter &filter);
// Snapshot pages: tickets with id > afterId, ascending.
QList<Ticket> ticketsAfterId(QSqlDatabase &db, qint64 tenantId, TicketId afterId, int limit);

ThreadEntry insertEntry(QSqlDatabase &db, qint64 tenantId, ThreadEntry entry);
QList<ThreadEntry> listEntries(QSqlDatabase &db, qint64 tenantId, TicketId ticketId, EntryId afterId, int limit);

Handoff insertHandoff(QSqlDatabase &db, qint64 tenantId, Handoff handoff);
void updateHandoff(QSqlDatabase &db, qint64 tenantId, const Handoff &handoff);
std::optional<Handoff> findHandoff(QSqlDatabase &db, qint64 tenantId, const QString &handoffId);
// A handoff given back to the team queue waits from `nowMs` (routing serves the longest waiting first).
void markHandoffWaiting(QSqlDatabase &db, qint64 tenantId, const QString &handoffId, qint64 nowMs);

// The ticket's widget conversation (if it has one) asks its visitor for a rating.
void requestCsat(QSqlDatabase &db, qint64 tenantId, TicketId id);

// The SLA pause start is a server-side detail not in the shared Ticket type.
std::optional<qint64> slaPausedAt(QSqlDatabase &db, qint64 tenantId, TicketId id);
void setSlaPausedAt(QSqlDatabase &db, qint64 tenantId, TicketId id, std::optional<qint64> ms);
// Forgets the SLA state the timer last announced: a response target was met
// or a new one started, so its at_risk/breached are news again.
void clearSlaAnnouncement(QSqlDatabase &db, qint64 tenantId, TicketId id);

} // namespace zeiko::store
