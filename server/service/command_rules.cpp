#include "service/command_rules.h"

#include "domain/reply_delivery.h"

#include "service/service_error.h"
#include "service/sla_policy.h"

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
    return rules::isOpen(handoff);
}

ServiceError toServiceError(const rules::Refusal &refusal, const Ticket &current)
{
    if (refusal.httpStatus == 409)
        return errors::conflict(refusal.code, refusal.message, current);
    return ServiceError(refusal.httpStatus, refusal.code, refusal.message);
}

bool requireClaimable(const Handoff &handoff, const Operator &actor, const ClaimLimits &limits, const Ticket &ticket)
{
    if (const auto refused = rules::claimRefusal(rules::handoffFacts(handoff), rules::actorFacts(actor), limits))
        throw toServiceError(*refused, ticket);
    return handoff.assignee && handoff.assignee->id == actor.id;
}

CommandOutcome applyCommand(const Ticket &before, const Command &command, const CommandContext &context)
{
    if (command.baseVersion && *command.baseVersion != before.version)
        throw errors::conflict("version_conflict",
                               QStringLiteral("The ticket changed (version %1, you saw %2)")
                                   .arg(before.version)
                                   .arg(*command.baseVersion),
                               before);

    rules::ServerFacts server;
    server.claimLimits = context.claimLimits;
    if (context.assignTo)
        server.assignTo = assigneeOf(*context.assignTo);
    const rules::Outcome verdict =
        rules::apply(rules::ticketFacts(before, context.handoff), command, rules::actorFacts(context.actor), &server);
    if (const auto *refused = std::get_if<rules::Refusal>(&verdict))
        throw toServiceError(*refused, before);
    // With the server's facts the rules decide; ServerDecides only answers the console.
    const rules::TicketAfter after = std::holds_alternative<rules::TicketAfter>(verdict)
                                         ? std::get<rules::TicketAfter>(verdict)
                                         : std::get<rules::ServerDecides>(verdict).ifAccepted;

    CommandOutcome out;
    Ticket &t = out.ticket;
    t = before;
    t.status = after.ticket.status;
    t.priority = after.ticket.priority;
    t.ownerMode = after.ticket.ownerMode;
    t.assignee = after.ticket.assignee;
    if (after.handoffChanged && context.handoff) {
        Handoff h = *context.handoff;
        h.state = after.ticket.handoff->state;
        h.assignee = after.ticket.handoff->assignee;
        h.updatedAt = context.now;
        out.handoff = h;
    }
    switch (after.sla) {
    case rules::SlaEffect::None: break;
    case rules::SlaEffect::Restart: startSla(t, context.now); break;   // SLA restarts
    case rules::SlaEffect::RecomputeDueDates: recomputeSlaDueDates(t); break;
    case rules::SlaEffect::ResponseMet:
        if (!t.sla.firstRespondedAt)
            t.sla.firstRespondedAt = context.now;   // first response met
        t.sla.nextResponseDue.reset();              // next response met
        break;
    }
    t.sla.state = after.ticket.slaState;

    const QString actorName = context.actor.displayName;
    switch (command.type) {
    case CommandType::EmailReply:
    case CommandType::ChatReply:
        out.entry = entryBy(context, t, EntryKind::HumanReply, Visibility::Public, command.body);
        // How it reaches the customer, on the entry: the mail worker mails
        // only "email", and every view labels the reply by it.
        out.entry.eventStatus = toString(*replyDelivery(command.type, before));
        out.eventType = EventType::EntryAdded;
        break;
    case CommandType::InternalNote:
        out.entry = entryBy(context, t, EntryKind::InternalNote, Visibility::Internal, command.body);
        out.eventType = EventType::EntryAdded;
        break;
    case CommandType::TakeOver:
        out.entry = audit(context, t, QStringLiteral("%1 took over from the AI agent").arg(actorName));
        break;
    case CommandType::Reopen:
        out.entry = audit(context, t, withReason(QStringLiteral("%1 reopened the ticket").arg(actorName), command.reason));
        break;
    case CommandType::Close:
        out.entry = audit(context, t, withReason(QStringLiteral("%1 closed the ticket").arg(actorName), command.reason));
        break;
    case CommandType::ForceClose:
        out.entry = audit(context, t, withReason(QStringLiteral("%1 force-closed the ticket").arg(actorName), command.reason));
        break;
    case CommandType::SetPriority:
        out.entry = audit(context, t,
                          QStringLiteral("%1 changed the priority from %2 to %3")
                              .arg(actorName, toString(before.priority), toString(t.priority)));
        break;
    case CommandType::Assign:
        out.entry = audit(context, t,
                          QStringLiteral("%1 assigned the ticket to %2").arg(actorName, context.assignTo->displayName));
        break;
    case CommandType::Unassign:
        out.entry = audit(context, t, QStringLiteral("%1 unassigned the ticket").arg(actorName));
        break;
    case CommandType::ResolveHandoff:
        // The same line as POST /handoffs/{id}/resolve writes.
        out.entry = entryBy(context, t, EntryKind::HandoffEvent, Visibility::Internal,
                            QStringLiteral("%1 resolved the conversation; CSAT requested").arg(actorName));
        out.entry.eventStatus = toString(HandoffState::Resolved);
        break;
    case CommandType::UpdateHandoffSettings:
        break;   // not a ticket command: rules::apply() refused it
    }

    t.version = before.version + 1;
    t.lastActivityAt = context.now;
    return out;
}

} // namespace zeiko::service
