#include "outbox/pending_overlay.h"

namespace zeiko {

rules::TicketFacts ticketFacts(const TicketRow &row, const std::optional<rules::HandoffFacts> &handoff)
{
    rules::TicketFacts f;
    f.status = row.status;
    f.priority = row.priority;
    f.ownerMode = row.ownerMode;
    f.assignee = row.assignee;
    f.slaState = row.slaState;
    f.handoff = handoff;
    return f;
}

PendingOverlay applyPending(const TicketRow &row, const std::optional<rules::HandoffFacts> &handoff,
                            const QList<OutboxItem> &items, const rules::ActorFacts &self)
{
    PendingOverlay overlay{row, handoff, false, false, {}};
    TicketRow &r = overlay.row;
    for (const OutboxItem &item : items) {
        if (item.state == OutboxState::Failed) {
            if (!overlay.hasFailed)
                overlay.failureMessage = item.errorMessage;
            overlay.hasFailed = true;
            continue;
        }
        overlay.hasPending = true;
        const rules::TicketFacts before = ticketFacts(r, overlay.handoff);
        const rules::Outcome outcome = rules::apply(before, item.command, self);
        const rules::TicketAfter *after = std::get_if<rules::TicketAfter>(&outcome);
        if (const auto *undecided = std::get_if<rules::ServerDecides>(&outcome))
            after = &undecided->ifAccepted;
        if (!after)
            continue;   // refused by the rules: the server will refuse it, nothing changes
        const rules::TicketFacts &t = after->ticket;
        r.status = t.status;
        r.priority = t.priority;
        r.ownerMode = t.ownerMode;
        // The same assignee keeps the name the queue shows.
        const bool sameAssignee = t.assignee && r.assignee && t.assignee->kind == r.assignee->kind &&
                                  t.assignee->id == r.assignee->id;
        if (!sameAssignee)
            r.assignee = t.assignee;
        r.slaState = rules::shownSlaState(before, *after);
        if (after->sla == rules::SlaEffect::ResponseMet)
            r.nextResponseDueMs = 0;   // as the server will: the reply meets the running response target
        overlay.handoff = t.handoff;
    }
    return overlay;
}

} // namespace zeiko
