#include "routing/handoff_flow.h"

#include "channels/ticket_ops.h"
#include "routing/handoff_router.h"
#include "service/command_rules.h"
#include "service/service_error.h"
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

    HandoffSettings settings = loadSettings(tx.db(), tx.tenantId(), request.agentId);
    if (settings.agentName.isEmpty())
        settings.agentName = request.agentName;
    const RoutingDecision decision =
        routeHandoff(tx.db(), tx.tenantId(), settings, request.topic + u'\n' + request.reason, now.toMSecsSinceEpoch());

    Handoff h;
    h.ticketId = ticket.id;
    h.agentId = request.agentId;
    h.conversationId = ticket.key;
    h.requestedAt = now;
    h.updatedAt = now;
    h.state = decision.assignee ? HandoffState::Assigned : HandoffState::Requested;
    if (decision.assignee)
        h.assignee = assigneeOf(*decision.assignee);
    h = store::insertHandoff(tx.db(), tx.tenantId(), h);
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

HandoffOutcome claimHandoff(TenantTx &tx, const QString &handoffId, const Operator &op, const QDateTime &now)
{
    const auto handoff = store::findHandoff(tx.db(), tx.tenantId(), handoffId);
    if (!handoff)
        throw service::errors::notFound(u"No such handoff"_s);
    const auto ticket = store::findTicket(tx.db(), tx.tenantId(), handoff->ticketId);
    if (!ticket)
        throw service::errors::notFound(u"No such handoff"_s);
    HandoffOutcome out{*ticket, *handoff, 0, false};
    if (handoff->state == HandoffState::Resolved)
        throw service::errors::conflict("handoff_resolved", u"The handoff is already resolved"_s, *ticket);
    const bool mine = handoff->assignee && handoff->assignee->id == op.id;
    if (handoff->assignee && !mine)
        throw service::errors::conflict("already_claimed",
                                        u"%1 already took this handoff"_s.arg(handoff->assignee->name), *ticket);
    if (mine && handoff->state == HandoffState::Active)
        return out;   // a repeated claim by the winner
    const HandoffSettings settings = loadSettings(tx.db(), tx.tenantId(), handoff->agentId);
    if (!mine && !settings.assigneeEmails.isEmpty() && !settings.assigneeEmails.contains(op.email.toLower()))
        throw service::ServiceError(403, "forbidden", u"You are not on this agent's handoff team"_s);
    const int capacity = capacityOf(op, settings);
    if (!mine && capacity > 0 && openAssignments(tx.db(), tx.tenantId()).value(op.id) >= capacity)
        throw service::errors::conflict("at_capacity",
                                        u"You already have %1 open handoffs (the limit)"_s.arg(capacity), *ticket);

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
