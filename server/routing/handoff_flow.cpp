#include "routing/handoff_flow.h"

#include "channels/ticket_ops.h"
#include "routing/handoff_router.h"
#include "service/command_rules.h"
#include "service/service_error.h"
#include "store/sql.h"
#include "store/ticket_store.h"

namespace zeiko::routing {

using namespace Qt::StringLiterals;
using channels::TenantTx;

namespace {

Assignee assigneeOf(const Operator &op)
{
    return {ActorKind::Operator, op.id, op.displayName};
}

QStringList emailsOf(const QList<Operator> &ops)
{
    QStringList out;
    for (const Operator &op : ops)
        out.append(op.email);
    return out;
}

QString names(const QList<Operator> &ops)
{
    QStringList out;
    for (const Operator &op : ops)
        out.append(op.displayName);
    return out.join(u", "_s);
}

void emitBoth(TenantTx &tx, HandoffOutcome &out, ThreadEntry entry, const QDateTime &now)
{
    store::updateTicket(tx.db(), tx.tenantId(), out.ticket);
    store::updateHandoff(tx.db(), tx.tenantId(), out.handoff);
    entry.ticketId = out.ticket.id;
    entry = store::insertEntry(tx.db(), tx.tenantId(), entry);
    channels::emitTicketUpdate(tx, out.ticket, now, EventType::EntryAdded, entry, std::nullopt, entry.requestId);
    out.seq = channels::emitTicketUpdate(tx, out.ticket, now, EventType::HandoffUpdated, std::nullopt, out.handoff,
                                         entry.requestId);
}

} // namespace

HandoffOutcome requestHandoff(TenantTx &tx, const Ticket &ticket, const HandoffRequest &request,
                              const channels::MailSettings &mail, const QDateTime &now)
{
    HandoffOutcome out;
    out.ticket = ticket;
    if (const auto existing = store::findHandoff(tx.db(), tx.tenantId(), ticket.handoffId);
        existing && service::isHandoffOpen(existing)) {
        out.handoff = *existing;   // asking twice links to the same live handoff
        return out;
    }
    if (ticket.status == TicketStatus::Closed)
        throw service::errors::conflict("invalid_transition", u"The ticket is closed"_s, ticket);

    // Handoffs that have waited for capacity go first (oldest first), so a
    // newcomer never takes the place an earlier one was waiting for.
    routeWaitingHandoffs(tx, mail, now);

    HandoffSettings settings = loadSettings(tx.db(), tx.tenantId(), request.agentId);
    if (settings.agentName.isEmpty())
        settings.agentName = request.agentName;
    const QString topic = request.topic + u'\n' + request.reason;
    const RoutingDecision decision = routeHandoff(tx.db(), tx.tenantId(), settings, topic, now.toMSecsSinceEpoch());

    Handoff h;
    h.ticketId = ticket.id;
    h.agentId = request.agentId;
    h.conversationId = request.conversationId;
    h.requestedAt = now;
    h.updatedAt = now;
    h.state = decision.assignee ? HandoffState::Assigned : HandoffState::Requested;
    if (decision.assignee)
        h.assignee = assigneeOf(*decision.assignee);
    h = store::insertHandoff(tx.db(), tx.tenantId(), h);
    // waiting_since marks a handoff nobody could take for lack of capacity:
    // only those are routed later (a first-available offer is not waiting).
    store::run(tx.db(), u"UPDATE handoffs SET topic = ?, waiting_since = ? WHERE tenant_id = ? AND id = ?"_s,
               {topic.left(4000), decision.waitingForTeam ? QVariant(now.toMSecsSinceEpoch()) : store::nullInt(),
                tx.tenantId(), h.id.toLongLong()});
    out.handoff = h;
    out.created = true;

    Ticket &t = out.ticket;
    t.handoffId = h.id;
    if (decision.assignee)
        t.assignee = assigneeOf(*decision.assignee);
    else if (t.assignee && t.assignee->kind == ActorKind::Agent)
        t.assignee.reset();   // waits for a human: shows in "unassigned"
    if (t.status == TicketStatus::WaitingOnCustomer || t.status == TicketStatus::Resolved)
        t.status = TicketStatus::WaitingOnTeam;
    t.lastActivityAt = now;
    t.version += 1;

    const QString agent = request.agentName.isEmpty() ? request.agentId : request.agentName;
    QString body = u"**%1** requested a human"_s.arg(agent);
    if (!request.reason.trimmed().isEmpty())
        body += u": "_s + request.reason.trimmed().left(2000);
    if (!decision.matchedSkills.isEmpty())
        body += u"\n\nSkills: %1"_s.arg(decision.matchedSkills.join(u", "_s));
    QStringList notify;
    if (decision.assignee) {
        body += u"\n\nRouted to %1 (round robin)."_s.arg(decision.assignee->displayName);
        notify = {decision.assignee->email};
    } else if (decision.waitingForTeam) {
        body += u"\n\nEveryone eligible is at capacity: waiting for the team."_s;
        notify = emailsOf(decision.candidates);
    } else {
        body += u"\n\nOffered to %1 (first available)."_s.arg(names(decision.available));
        notify = emailsOf(decision.available);
    }
    ThreadEntry entry = channels::systemEntry(t.id, EntryKind::HandoffEvent, body, toString(h.state), now);
    entry.requestId = request.requestId;
    emitBoth(tx, out, entry, now);

    const QString subject = decision.assignee
                                ? u"[#%1] Handoff assigned to you: %2"_s.arg(t.number).arg(t.subject)
                                : u"[#%1] Handoff waiting for the team: %2"_s.arg(t.number).arg(t.subject);
    channels::enqueueNotifications(tx.db(), tx.tenantId(), t.id, notify, subject, body,
                                   u"handoff:%1:%2"_s.arg(tx.tenantId()).arg(h.id), mail, now.toMSecsSinceEpoch());
    return out;
}

QList<qint64> tenantsWithWaitingHandoffs(QSqlDatabase &db)
{
    QSqlQuery q = store::run(db, u"SELECT DISTINCT tenant_id FROM handoffs WHERE state = 'requested' "
                                 "AND assignee_id IS NULL AND waiting_since IS NOT NULL"_s);
    QList<qint64> tenants;
    while (q.next())
        tenants.append(q.value(0).toLongLong());
    return tenants;
}

namespace {

struct WaitingHandoff {
    QString id;
    QString agentId;
    QString topic;
};

QList<WaitingHandoff> waitingHandoffs(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = store::run(db,
                             u"SELECT id, agent_id, topic FROM handoffs WHERE state = 'requested' AND tenant_id = ? "
                             "AND assignee_id IS NULL AND waiting_since IS NOT NULL ORDER BY waiting_since, id LIMIT 500"_s,
                             {tenantId});
    QList<WaitingHandoff> list;
    while (q.next())
        list.append({q.value(0).toString(), q.value(1).toString(), q.value(2).toString()});
    return list;
}

// Round-robin handoffs are assigned by the server; first-available ones stay
// offered to everyone (whoever has capacity can claim them at any time).
template<typename OnRoutable>
void forEachRoutable(QSqlDatabase &db, qint64 tenantId, qint64 nowMs, bool dryRun, OnRoutable &&onRoutable)
{
    QHash<QString, HandoffSettings> settingsByAgent;
    for (const WaitingHandoff &w : waitingHandoffs(db, tenantId)) {
        auto settings = settingsByAgent.find(w.agentId);
        if (settings == settingsByAgent.end())
            settings = settingsByAgent.insert(w.agentId, loadSettings(db, tenantId, w.agentId));
        if (settings->strategy != Strategy::RoundRobin)
            continue;
        const RoutingDecision decision = routeHandoff(db, tenantId, *settings, w.topic, nowMs, dryRun);
        if (decision.assignee && !onRoutable(w, *decision.assignee))
            return;
    }
}

} // namespace

bool hasRoutableWaitingHandoff(QSqlDatabase &db, qint64 tenantId, qint64 nowMs)
{
    bool found = false;
    forEachRoutable(db, tenantId, nowMs, true, [&](const WaitingHandoff &, const Operator &) {
        found = true;
        return false;
    });
    return found;
}

int routeWaitingHandoffs(TenantTx &tx, const channels::MailSettings &mail, const QDateTime &now)
{
    int routed = 0;
    forEachRoutable(tx.db(), tx.tenantId(), now.toMSecsSinceEpoch(), false, [&](const WaitingHandoff &w, const Operator &op) {
        const auto handoff = store::findHandoff(tx.db(), tx.tenantId(), w.id);
        const auto ticket = handoff ? store::findTicket(tx.db(), tx.tenantId(), handoff->ticketId) : std::nullopt;
        if (!ticket)
            return true;
        HandoffOutcome out{*ticket, *handoff, 0, false};
        out.handoff.state = HandoffState::Assigned;
        out.handoff.assignee = assigneeOf(op);
        out.handoff.updatedAt = now;
        out.ticket.assignee = assigneeOf(op);
        out.ticket.lastActivityAt = now;
        out.ticket.version += 1;
        const QString body = u"Capacity freed up: routed to %1 (round robin)."_s.arg(op.displayName);
        emitBoth(tx, out, channels::systemEntry(out.ticket.id, EntryKind::HandoffEvent, body, toString(HandoffState::Assigned), now),
                 now);
        channels::enqueueNotifications(tx.db(), tx.tenantId(), out.ticket.id, {op.email},
                                       u"[#%1] Handoff assigned to you: %2"_s.arg(out.ticket.number).arg(out.ticket.subject),
                                       body, u"handoff:%1:%2:v%3"_s.arg(tx.tenantId()).arg(out.handoff.id).arg(out.ticket.version),
                                       mail, now.toMSecsSinceEpoch());
        ++routed;
        return true;
    });
    return routed;
}

service::ClaimLimits claimLimits(QSqlDatabase &db, qint64 tenantId, const Handoff &handoff, const Operator &op)
{
    const HandoffSettings settings = loadSettings(db, tenantId, handoff.agentId);
    service::ClaimLimits limits;
    limits.teamEmails = settings.assigneeEmails;
    limits.capacity = capacityOf(op, settings);
    if (limits.capacity > 0)
        limits.openAssignments = openAssignments(db, tenantId).value(op.id);
    return limits;
}

HandoffOutcome claimHandoff(TenantTx &tx, const QString &handoffId, const Operator &op, const QDateTime &now)
{
    const auto handoff = store::findHandoff(tx.db(), tx.tenantId(), handoffId);
    if (!handoff)
        throw service::errors::notFound(u"No such handoff"_s);
    const auto ticket = store::findTicket(tx.db(), tx.tenantId(), handoff->ticketId);
    if (!ticket)
        throw service::errors::notFound(u"No such handoff"_s);
    HandoffOutcome out{*ticket, *handoff, 0, false};
    const bool mine = service::requireClaimable(*handoff, op, claimLimits(tx.db(), tx.tenantId(), *handoff, op), *ticket);
    if (mine && handoff->state == HandoffState::Active)
        return out;   // a repeated claim by the winner

    out.handoff.state = HandoffState::Active;
    out.handoff.assignee = assigneeOf(op);
    out.handoff.updatedAt = now;
    out.ticket.assignee = assigneeOf(op);
    out.ticket.ownerMode = OwnerMode::Human;
    out.ticket.lastActivityAt = now;
    out.ticket.version += 1;
    emitBoth(tx, out,
             channels::systemEntry(out.ticket.id, EntryKind::HandoffEvent,
                                   u"%1 claimed the handoff and joined the conversation"_s.arg(op.displayName),
                                   toString(HandoffState::Active), now),
             now);
    return out;
}

HandoffOutcome resolveHandoff(TenantTx &tx, const Ticket &ticket, const Actor &by, const QDateTime &now,
                              const QString &requestId)
{
    HandoffOutcome out;
    out.ticket = ticket;
    const auto handoff = store::findHandoff(tx.db(), tx.tenantId(), ticket.handoffId);
    if (handoff)
        out.handoff = *handoff;
    const bool handoffOpen = service::isHandoffOpen(handoff);
    const bool ticketOpen = ticket.status != TicketStatus::Resolved && ticket.status != TicketStatus::Closed;
    if (!handoffOpen && !ticketOpen)
        return out;   // already resolved: nothing to do (a retry)

    if (handoffOpen) {
        out.handoff.state = HandoffState::Resolved;
        out.handoff.updatedAt = now;
    }
    if (ticketOpen) {
        out.ticket.status = TicketStatus::Resolved;
        out.ticket.sla.state = SlaState::Met;
        store::setSlaPausedAt(tx.db(), tx.tenantId(), ticket.id, std::nullopt);
    }
    out.ticket.lastActivityAt = now;
    out.ticket.version += 1;
    ThreadEntry entry = channels::systemEntry(ticket.id, EntryKind::HandoffEvent,
                                              u"%1 resolved the conversation; CSAT requested"_s.arg(by.name),
                                              toString(HandoffState::Resolved), now);
    entry.author = by;
    entry.requestId = requestId;
    if (handoff) {
        emitBoth(tx, out, entry, now);
    } else {
        store::updateTicket(tx.db(), tx.tenantId(), out.ticket);
        entry = store::insertEntry(tx.db(), tx.tenantId(), entry);
        out.seq = channels::emitTicketUpdate(tx, out.ticket, now, EventType::EntryAdded, entry, std::nullopt, requestId);
    }
    return out;
}

} // namespace zeiko::routing
