#include "domain/ticket_rules.h"

namespace zeiko::rules {

using namespace Qt::StringLiterals;

namespace {

using S = TicketStatus;
using C = CommandType;
const QList<S> anyStatus{S::Open, S::WaitingOnCustomer, S::WaitingOnTeam, S::Resolved, S::Closed};
const QList<S> anyButClosed{S::Open, S::WaitingOnCustomer, S::WaitingOnTeam, S::Resolved};

Refusal refusal(RefusalKind kind, int httpStatus, QByteArray code, QString message)
{
    return Refusal{kind, httpStatus, std::move(code), std::move(message), std::nullopt};
}

bool sameAssignee(const std::optional<Assignee> &a, const std::optional<Assignee> &b)
{
    if (!a || !b)
        return !a && !b;
    return a->kind == b->kind && a->id == b->id;
}

bool sameHandoff(const std::optional<HandoffFacts> &a, const std::optional<HandoffFacts> &b)
{
    if (!a || !b)
        return !a && !b;
    return a->state == b->state && sameAssignee(a->assignee, b->assignee);
}

Assignee assigneeOf(const ActorFacts &actor)
{
    return {ActorKind::Operator, actor.id, actor.displayName};
}

} // namespace

const QList<Transition> &transitionTable()
{
    static const QList<Transition> table{
        {C::EmailReply, anyButClosed, S::WaitingOnCustomer},
        {C::InternalNote, anyStatus, std::nullopt},
        {C::TakeOver, anyButClosed, std::nullopt},
        {C::Reopen, {S::Resolved, S::Closed}, S::Open},
        {C::Close, anyButClosed, S::Closed},       // also refused while a handoff is open
        {C::ForceClose, anyButClosed, S::Closed},  // resolves an open handoff
        {C::SetPriority, anyButClosed, std::nullopt},
        {C::Assign, anyButClosed, std::nullopt},
        {C::Unassign, anyButClosed, std::nullopt},
        {C::ChatReply, anyButClosed, S::WaitingOnCustomer},   // only while the sender owns the live handoff
        {C::ResolveHandoff, anyButClosed, S::Resolved},       // only while a handoff is open
    };
    return table;
}

bool isAllowed(CommandType command, TicketStatus from)
{
    for (const Transition &t : transitionTable())
        if (t.command == command)
            return t.allowedFrom.contains(from);
    return false;
}

TicketStatus statusAfter(CommandType command, TicketStatus from)
{
    for (const Transition &t : transitionTable())
        if (t.command == command)
            return t.to.value_or(from);
    return from;
}

HandoffFacts handoffFacts(const Handoff &handoff)
{
    return {handoff.state, handoff.assignee};
}

std::optional<HandoffFacts> handoffFacts(const std::optional<Handoff> &handoff)
{
    if (!handoff)
        return std::nullopt;
    return handoffFacts(*handoff);
}

TicketFacts ticketFacts(const Ticket &ticket, const std::optional<Handoff> &handoff)
{
    TicketFacts f;
    f.status = ticket.status;
    f.priority = ticket.priority;
    f.ownerMode = ticket.ownerMode;
    f.assignee = ticket.assignee;
    f.slaState = ticket.sla.state;
    f.handoff = handoffFacts(handoff);
    return f;
}

ActorFacts actorFacts(const Operator &op)
{
    return {op.id, op.displayName, op.email, op.role};
}

bool isOpen(const std::optional<HandoffFacts> &handoff)
{
    return handoff && handoff->state != HandoffState::Resolved;
}

bool isOpen(const std::optional<Handoff> &handoff)
{
    return handoff && handoff->state != HandoffState::Resolved;
}

bool isHandoffWaiting(const TicketFacts &t)
{
    if (!t.handoff || t.ownerMode == OwnerMode::Human)
        return false;
    if (t.status == TicketStatus::Closed || t.status == TicketStatus::Resolved)
        return false;
    return t.handoff->state == HandoffState::Requested || t.handoff->state == HandoffState::Assigned;
}

std::optional<Refusal> claimRefusal(const HandoffFacts &handoff, const ActorFacts &actor, const ClaimLimits &limits)
{
    if (handoff.state == HandoffState::Resolved)
        return refusal(RefusalKind::HandoffResolved, 409, "handoff_resolved", u"The handoff is already resolved"_s);
    if (handoff.assignee && handoff.assignee->id == actor.id)
        return std::nullopt;   // already the actor's: nothing to check
    if (handoff.assignee) {
        Refusal r = refusal(RefusalKind::AlreadyClaimed, 409, "already_claimed",
                            u"%1 already took this handoff"_s.arg(handoff.assignee->name));
        r.by = handoff.assignee;
        return r;
    }
    if (!limits.teamEmails.isEmpty() && !limits.teamEmails.contains(actor.email.toLower()))
        return refusal(RefusalKind::NotOnTeam, 403, "forbidden", u"You are not on this agent's handoff team"_s);
    if (limits.capacity > 0 && limits.openAssignments >= limits.capacity)
        return refusal(RefusalKind::AtCapacity, 409, "at_capacity",
                       u"You already have %1 open handoffs (the limit)"_s.arg(limits.capacity));
    return std::nullopt;
}

Outcome apply(const TicketFacts &before, const Command &command, const ActorFacts &actor, const ServerFacts *server)
{
    if (!isAllowed(command.type, before.status))
        return refusal(RefusalKind::InvalidTransition, 409, "invalid_transition",
                       u"%1 is not allowed while the ticket is %2"_s.arg(toString(command.type), toString(before.status)));

    TicketAfter out;
    TicketFacts &t = out.ticket;
    t = before;
    t.status = statusAfter(command.type, before.status);
    const bool handoffOpen = isOpen(before.handoff);
    bool serverDecides = false;

    switch (command.type) {
    case CommandType::EmailReply:
        out.sla = SlaEffect::ResponseMet;
        break;
    case CommandType::ChatReply:
        // Only the operator who owns the live conversation may speak in it;
        // anyone else would talk over them (or over the AI agent).
        if (!before.handoff || before.handoff->state != HandoffState::Active || !before.handoff->assignee ||
            before.handoff->assignee->id != actor.id)
            return refusal(RefusalKind::NotHandoffOwner, 409, "not_handoff_owner",
                           u"Only the operator who owns the live conversation can reply in it; take it over first"_s);
        out.sla = SlaEffect::ResponseMet;
        break;
    case CommandType::InternalNote:
        break;
    case CommandType::TakeOver:
        // Taking over is from the AI agent: a ticket a colleague works is not
        // the agent's to hand over. Its owner is whoever holds its open
        // handoff (refused by the claim rule below), else its assignee.
        if (!(handoffOpen && before.handoff->assignee) && before.assignee
            && before.assignee->kind == ActorKind::Operator && !actor.id.isEmpty() && before.assignee->id != actor.id) {
            Refusal r = refusal(RefusalKind::AlreadyClaimed, 409, "already_claimed",
                                u"%1 owns this ticket; assign it to yourself to work it"_s.arg(before.assignee->name));
            r.by = before.assignee;
            return r;
        }
        if (handoffOpen) {
            if (server) {
                if (server->claimLimits)
                    if (auto refused = claimRefusal(*before.handoff, actor, *server->claimLimits))
                        return *refused;
            } else {
                // The console knows who owns the handoff, not the team or the capacity.
                if (auto refused = claimRefusal(*before.handoff, actor, ClaimLimits{}))
                    return *refused;
                const bool mine = before.handoff->assignee && before.handoff->assignee->id == actor.id;
                serverDecides = !mine;
            }
        }
        t.ownerMode = OwnerMode::Human;
        if ((!t.assignee || t.assignee->kind == ActorKind::Agent) && !actor.id.isEmpty())
            t.assignee = assigneeOf(actor);
        if (handoffOpen) {
            t.handoff->state = HandoffState::Active;
            t.handoff->assignee = assigneeOf(actor);
            out.handoffChanged = true;
        }
        break;
    case CommandType::Reopen:
        out.sla = SlaEffect::Restart;
        break;
    case CommandType::Close:
        if (handoffOpen)
            return refusal(RefusalKind::HandoffOpen, 409, "handoff_open",
                           u"The live handoff is still %1; resolve it or force close"_s.arg(toString(before.handoff->state)));
        break;
    case CommandType::ForceClose:
        if (handoffOpen) {
            t.handoff->state = HandoffState::Resolved;
            out.handoffChanged = true;
        }
        break;
    case CommandType::ResolveHandoff:
        // The way a live chat ends (POST /handoffs/{id}/resolve as a command):
        // nothing to end without an open handoff.
        if (!handoffOpen)
            return refusal(RefusalKind::HandoffResolved, 409, "handoff_resolved",
                           u"There is no open handoff to resolve"_s);
        t.handoff->state = HandoffState::Resolved;
        out.handoffChanged = true;
        break;
    case CommandType::SetPriority:
        if (command.priority)
            t.priority = *command.priority;
        out.sla = SlaEffect::RecomputeDueDates;
        break;
    case CommandType::Assign: {
        Assignee target{ActorKind::Operator, command.assigneeId, {}};
        if (server) {
            if (!server->assignTo)
                return refusal(RefusalKind::UnknownAssignee, 400, "invalid_field",
                               u"Field \"assigneeId\": no such operator"_s);
            target = *server->assignTo;
        } else if (command.assigneeId == actor.id && !actor.id.isEmpty()) {
            target = assigneeOf(actor);
        } else {
            // Whether that operator exists is the server's to say.
            serverDecides = true;
            if (t.assignee && t.assignee->kind == ActorKind::Operator && t.assignee->id == target.id)
                target = *t.assignee;   // keep the name the queue already shows
        }
        t.assignee = target;
        if (handoffOpen) {
            // The live handoff follows the ticket: it counts against the new
            // assignee's open assignments, no longer against the old one's.
            t.handoff->assignee = target;
            if (t.handoff->state == HandoffState::Requested)
                t.handoff->state = HandoffState::Assigned;
            out.handoffChanged = true;
        }
        break;
    }
    case CommandType::Unassign:
        t.assignee.reset();
        if (handoffOpen) {
            // Back to the team's queue: routed again when someone has capacity.
            t.handoff->assignee.reset();
            t.handoff->state = HandoffState::Requested;
            out.handoffChanged = true;
        }
        break;
    case CommandType::UpdateHandoffSettings:
        break;   // not a ticket command: isAllowed() refused it above
    }

    // The stored SLA state; the server derives on_track/at_risk/breached at read time.
    // A human reply meets the response target: `met` until the customer
    // answers (which starts the next-response target). Other commands on a
    // ticket waiting on the customer keep what it was (met, or paused).
    const bool humanReply = entryKindFor(command.type) == EntryKind::HumanReply;
    if (humanReply && t.status == TicketStatus::WaitingOnCustomer)
        t.slaState = SlaState::Met;
    else if (t.status == TicketStatus::WaitingOnCustomer)
        t.slaState = before.slaState == SlaState::Met ? SlaState::Met : SlaState::Paused;
    else if (t.status == TicketStatus::Closed || t.status == TicketStatus::Resolved)
        t.slaState = SlaState::Met;
    else
        t.slaState = SlaState::OnTrack;

    if (serverDecides)
        return ServerDecides{out};
    return out;
}

bool changesNothing(const TicketFacts &before, const TicketAfter &after)
{
    const TicketFacts &a = after.ticket;
    return a.status == before.status && a.priority == before.priority && a.ownerMode == before.ownerMode &&
           sameAssignee(a.assignee, before.assignee) && sameHandoff(a.handoff, before.handoff);
}

SlaState shownSlaState(const TicketFacts &before, const TicketAfter &after)
{
    switch (after.ticket.status) {
    case TicketStatus::WaitingOnCustomer:
    case TicketStatus::Resolved:
    case TicketStatus::Closed:
        return after.ticket.slaState;
    case TicketStatus::Open:
    case TicketStatus::WaitingOnTeam:
        break;
    }
    return after.sla == SlaEffect::Restart ? SlaState::OnTrack : before.slaState;
}

} // namespace zeiko::rules
