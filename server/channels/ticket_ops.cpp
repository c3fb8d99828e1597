#include "channels/ticket_ops.h"

#include "service/sla_policy.h"
#include "service/ticket_creation.h"
#include "store/sql.h"
#include "store/ticket_store.h"

namespace zeiko::channels {

TicketWithEntry createTicket(TenantTx &tx, const NewTicket &n, ThreadEntry entry, const QDateTime &now)
{
    service::CreatedTicket created = service::insertNewTicket(tx.db(), tx.tenantId(), n, std::move(entry), now);
    const Seq seq = tx.appendEvent(created.event);
    return {created.ticket, created.entry, seq};
}

TicketWithEntry appendCustomerMessage(TenantTx &tx, const Ticket &before, ThreadEntry entry, const QDateTime &now)
{
    Ticket t = before;
    const std::optional<qint64> pausedAt = store::slaPausedAt(tx.db(), tx.tenantId(), t.id);
    if (t.status == TicketStatus::WaitingOnCustomer) {
        t.status = TicketStatus::WaitingOnTeam;
        // The clock stopped while we waited on the customer: the resolution
        // target moves by the paused time, and a next response is now owed.
        if (pausedAt && t.sla.resolutionDue)
            t.sla.resolutionDue = t.sla.resolutionDue->addMSecs(std::max<qint64>(0, now.toMSecsSinceEpoch() - *pausedAt));
        if (t.sla.firstRespondedAt)
            t.sla.nextResponseDue = now.addMSecs(service::slaTargets(t.priority).firstResponse.count());
        store::setSlaPausedAt(tx.db(), tx.tenantId(), t.id, std::nullopt);
        store::clearSlaAnnouncement(tx.db(), tx.tenantId(), t.id);   // a new target starts
    } else if (t.status == TicketStatus::Resolved) {
        t.status = TicketStatus::Open;   // the customer came back: reopened
        service::startSla(t, now);
        store::clearSlaAnnouncement(tx.db(), tx.tenantId(), t.id);
    } else if (t.sla.firstRespondedAt && !t.sla.nextResponseDue) {
        t.sla.nextResponseDue = now.addMSecs(service::slaTargets(t.priority).firstResponse.count());
    }
    t.sla.state = SlaState::OnTrack;
    t.lastActivityAt = now;
    t.version = before.version + 1;
    store::updateTicket(tx.db(), tx.tenantId(), t);

    entry.ticketId = t.id;
    entry.kind = EntryKind::CustomerMessage;
    entry.author = {ActorKind::Customer, t.customer.id, t.customer.name};
    entry.visibility = Visibility::Public;
    entry.createdAt = now;
    entry = store::insertEntry(tx.db(), tx.tenantId(), entry);
    const Seq seq = emitTicketUpdate(tx, t, now, EventType::EntryAdded, entry, std::nullopt, entry.requestId);
    return {t, entry, seq};
}

TicketWithEntry appendEntry(TenantTx &tx, Ticket t, ThreadEntry entry, const QDateTime &now, bool touch)
{
    if (touch) {
        t.lastActivityAt = now;
        t.version += 1;
        store::updateTicket(tx.db(), tx.tenantId(), t);
    }
    entry.ticketId = t.id;
    entry.createdAt = now;
    entry = store::insertEntry(tx.db(), tx.tenantId(), entry);
    const Seq seq = emitTicketUpdate(tx, t, now, EventType::EntryAdded, entry, std::nullopt, entry.requestId);
    return {t, entry, seq};
}

Seq emitTicketUpdate(TenantTx &tx, const Ticket &ticket, const QDateTime &now, EventType type,
                     const std::optional<ThreadEntry> &entry, const std::optional<Handoff> &handoff,
                     const QString &requestId)
{
    Event event;
    event.type = type;
    event.ticketId = ticket.id;
    event.at = now;
    event.requestId = requestId;
    event.ticket = service::withEffectiveSla(ticket, now);
    event.entry = entry;
    event.handoff = handoff;
    return tx.appendEvent(event);
}

namespace {

std::optional<ThreadEntry> entryById(QSqlDatabase &db, qint64 tenantId, TicketId ticketId, QSqlQuery &q)
{
    if (!q.next())
        return std::nullopt;
    const EntryId id = q.value(0).toLongLong();
    q.finish();
    const QList<ThreadEntry> entries = store::listEntries(db, tenantId, ticketId, id - 1, 1);
    if (entries.isEmpty())
        return std::nullopt;
    return entries.first();
}

} // namespace

std::optional<ThreadEntry> findEntryByRequestId(QSqlDatabase &db, qint64 tenantId, TicketId ticketId,
                                                const QString &requestId)
{
    if (requestId.isEmpty())
        return std::nullopt;
    QSqlQuery q = store::run(db,
                             QStringLiteral("SELECT id FROM entries WHERE tenant_id = ? AND ticket_id = ? AND "
                                            "request_id = ? ORDER BY id LIMIT 1"),
                             {tenantId, qlonglong(ticketId), requestId});
    return entryById(db, tenantId, ticketId, q);
}

std::optional<ThreadEntry> findOwnEntryByRequestId(QSqlDatabase &db, qint64 tenantId, TicketId ticketId,
                                                   const QString &requestId, EntryKind kind, ActorKind author)
{
    if (requestId.isEmpty())
        return std::nullopt;
    QSqlQuery q = store::run(db,
                             QStringLiteral("SELECT id FROM entries WHERE tenant_id = ? AND ticket_id = ? AND "
                                            "request_id = ? AND kind = ? AND author_kind = ? ORDER BY id LIMIT 1"),
                             {tenantId, qlonglong(ticketId), requestId, toString(kind), toString(author)});
    return entryById(db, tenantId, ticketId, q);
}

ThreadEntry systemEntry(TicketId ticketId, EntryKind kind, const QString &body, const QString &eventStatus,
                        const QDateTime &now)
{
    ThreadEntry e;
    e.ticketId = ticketId;
    e.kind = kind;
    e.author = {ActorKind::System, QString(), QStringLiteral("Zeiko")};
    e.visibility = Visibility::Internal;
    e.body = body;
    e.eventStatus = eventStatus;
    e.createdAt = now;
    return e;
}

} // namespace zeiko::channels
