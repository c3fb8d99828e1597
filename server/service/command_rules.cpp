#include "service/command_rules.h"

#include "service/service_error.h"
#include "service/sla_policy.h"
#include "service/ticket_state_machine.h"

namespace zeiko::service {

namespace {

ThreadEntry entryBy(const CommandContext &context, const Ticket &ticket, EntryKind kind, Visibility visibility,
                    const QString &body)
{
    ThreadEntry entry;
    entry.ticketId = ticket.id;
    entry.kind = kind;
    entry.author = {ActorKind::Operator, context.actor.id, context.actor.displayName};
    entry.visibility = visibility;
    entry.body = body;
    entry.createdAt = context.now;
    entry.requestId = context.requestId;
    return entry;
}

ThreadEntry audit(const CommandContext &context, const Ticket &ticket, const QString &body)
{
    return entryBy(context, ticket, EntryKind::AuditEvent, Visibility::Internal, body);
}

Assignee assigneeOf(const Operator &op)
{
    return {ActorKind::Operator, op.id, op.displayName};
}

QString withReason(QString text, const QString &reason)
{
    if (!reason.trimmed().isEmpty())
        text += QStringLiteral(": ") + reason.trimmed();
    return text;
}

} // namespace

bool isHandoffOpen(const std::optional<Handoff> &handoff)
{
    return handoff && handoff->state != HandoffState::Resolved;
}

bool requireClaimable(const Handoff &handoff, const Operator &actor, const ClaimLimits &limits, const Ticket &ticket)
{
    if (handoff.state == HandoffState::Resolved)
        throw errors::conflict("handoff_resolved", QStringLiteral("The handoff is already resolved"), ticket);
    const bool mine = handoff.assignee && handoff.assignee->id == actor.id;
    if (mine)
        return true;
    if (handoff.assignee)
        throw errors::conflict("already_claimed", QStringLiteral("%1 already took this handoff").arg(handoff.assignee->name),
                               ticket);
    if (!limits.teamEmails.isEmpty() && !limits.teamEmails.contains(actor.email.toLower()))
        throw ServiceError(403, "forbidden", QStringLiteral("You are not on this agent's handoff team"));
    if (limits.capacity > 0 && limits.openAssignments >= limits.capacity)
        throw errors::conflict("at_capacity",
                               QStringLiteral("You already have %1 open handoffs (the limit)").arg(limits.capacity), ticket);
    return false;
}

CommandOutcome applyCommand(const Ticket &before, const Command &command, const CommandContext &context)
{
    if (command.baseVersion && *command.baseVersion != before.version)
        throw errors::conflict("version_conflict",
                               QStringLiteral("The ticket changed (version %1, you saw %2)")
                                   .arg(before.version)
                                   .arg(*command.baseVersion),
                               before);
    if (!isAllowed(command.type, before.status))
        throw errors::conflict("invalid_transition",
                               QStringLiteral("%1 is not allowed while the ticket is %2")
                                   .arg(toString(command.type), toString(before.status)),
                               before);

    CommandOutcome out;
    Ticket &t = out.ticket;
    t = before;
    t.status = statusAfter(command.type, before.status);
    const QString actorName = context.actor.displayName;

    switch (command.type) {
    case CommandType::EmailReply:
        out.entry = entryBy(context, t, EntryKind::HumanReply, Visibility::Public, command.body);
        out.eventType = EventType::EntryAdded;
        if (!t.sla.firstRespondedAt)
            t.sla.firstRespondedAt = context.now;   // first response met
        t.sla.nextResponseDue.reset();              // next response met
        break;
    case CommandType::ChatReply:
        // Only the operator who owns the live conversation may speak in it;
        // anyone else would talk over them (or over the AI agent).
        if (!context.handoff || context.handoff->state != HandoffState::Active || !context.handoff->assignee ||
            context.handoff->assignee->id != context.actor.id)
            throw errors::conflict("not_handoff_owner",
                                   QStringLiteral("Only the operator who owns the live conversation can reply in it; "
                                                  "take it over first"),
                                   before);
        out.entry = entryBy(context, t, EntryKind::HumanReply, Visibility::Public, command.body);
        out.eventType = EventType::EntryAdded;
        if (!t.sla.firstRespondedAt)
            t.sla.firstRespondedAt = context.now;
        t.sla.nextResponseDue.reset();
        break;
    case CommandType::InternalNote:
        out.entry = entryBy(context, t, EntryKind::InternalNote, Visibility::Internal, command.body);
        out.eventType = EventType::EntryAdded;
        break;
    case CommandType::TakeOver:
        if (isHandoffOpen(context.handoff) && context.claimLimits)
            requireClaimable(*context.handoff, context.actor, *context.claimLimits, before);
        t.ownerMode = OwnerMode::Human;
        if (!t.assignee || t.assignee->kind == ActorKind::Agent)
            t.assignee = assigneeOf(context.actor);
        if (isHandoffOpen(context.handoff)) {
            Handoff h = *context.handoff;
            h.state = HandoffState::Active;
            h.assignee = assigneeOf(context.actor);
            h.updatedAt = context.now;
            out.handoff = h;
        }
        out.entry = audit(context, t, QStringLiteral("%1 took over from the AI agent").arg(actorName));
        break;
    case CommandType::Reopen:
        startSla(t, context.now);   // SLA restarts
        out.entry = audit(context, t, withReason(QStringLiteral("%1 reopened the ticket").arg(actorName), command.reason));
        break;
    case CommandType::Close:
        if (isHandoffOpen(context.handoff))
            throw errors::conflict("handoff_open",
                                   QStringLiteral("The live handoff is still %1; resolve it or force close")
                                       .arg(toString(context.handoff->state)),
                                   before);
        out.entry = audit(context, t, withReason(QStringLiteral("%1 closed the ticket").arg(actorName), command.reason));
        break;
    case CommandType::ForceClose:
        if (isHandoffOpen(context.handoff)) {
            Handoff h = *context.handoff;
            h.state = HandoffState::Resolved;
            h.updatedAt = context.now;
            out.handoff = h;
        }
        out.entry = audit(context, t, withReason(QStringLiteral("%1 force-closed the ticket").arg(actorName), command.reason));
        break;
    case CommandType::SetPriority:
        t.priority = *command.priority;
        recomputeSlaDueDates(t);
        out.entry = audit(context, t,
                          QStringLiteral("%1 changed the priority from %2 to %3")
                              .arg(actorName, toString(before.priority), toString(t.priority)));
        break;
    case CommandType::Assign:
        if (!context.assignTo)
            throw errors::invalidField(QStringLiteral("assigneeId"), QStringLiteral("no such operator"));
        t.assignee = assigneeOf(*context.assignTo);
        if (isHandoffOpen(context.handoff)) {
            // The live handoff follows the ticket: it counts against the new
            // assignee's open assignments, no longer against the old one's.
            Handoff h = *context.handoff;
            h.assignee = t.assignee;
            if (h.state == HandoffState::Requested)
                h.state = HandoffState::Assigned;
            h.updatedAt = context.now;
            out.handoff = h;
        }
        out.entry = audit(context, t,
                          QStringLiteral("%1 assigned the ticket to %2").arg(actorName, context.assignTo->displayName));
        break;
    case CommandType::Unassign:
        t.assignee.reset();
        if (isHandoffOpen(context.handoff)) {
            // Back to the team's queue: routed again when someone has capacity.
            Handoff h = *context.handoff;
            h.assignee.reset();
            h.state = HandoffState::Requested;
            h.updatedAt = context.now;
            out.handoff = h;
        }
        out.entry = audit(context, t, QStringLiteral("%1 unassigned the ticket").arg(actorName));
        break;
    }

    // The stored SLA state; effectiveSla() derives on_track/at_risk/breached at read time.
    // A human reply meets the response target: `met` until the customer
    // answers (which starts the next-response target). Other commands on a
    // ticket waiting on the customer keep what it was (met, or paused).
    const bool humanReply = entryKindFor(command.type) == EntryKind::HumanReply;
    if (humanReply && t.status == TicketStatus::WaitingOnCustomer)
        t.sla.state = SlaState::Met;
    else if (t.status == TicketStatus::WaitingOnCustomer)
        t.sla.state = before.sla.state == SlaState::Met ? SlaState::Met : SlaState::Paused;
    else if (t.status == TicketStatus::Closed || t.status == TicketStatus::Resolved)
        t.sla.state = SlaState::Met;
    else
        t.sla.state = SlaState::OnTrack;

    t.version = before.version + 1;
    t.lastActivityAt = context.now;
    return out;
}

} // namespace zeiko::service
