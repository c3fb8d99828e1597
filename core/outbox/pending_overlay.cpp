#include "outbox/pending_overlay.h"

namespace zeiko {

PendingOverlay applyPending(const TicketRow &row, const QList<OutboxItem> &items, const QString &selfOperatorId)
{
    PendingOverlay overlay{row, false, false, {}};
    TicketRow &r = overlay.row;
    for (const OutboxItem &item : items) {
        if (item.state == OutboxState::Failed) {
            if (!overlay.hasFailed)
                overlay.failureMessage = item.errorMessage;
            overlay.hasFailed = true;
            continue;
        }
        overlay.hasPending = true;
        const Command &c = item.command;
        switch (c.type) {
        case CommandType::EmailReply:
        case CommandType::ChatReply:
            if (r.status != TicketStatus::Closed) {
                r.status = TicketStatus::WaitingOnCustomer;
                // As the server will: the reply meets the running response target.
                r.slaState = SlaState::Met;
                r.nextResponseDueMs = 0;
            }
            break;
        case CommandType::InternalNote:
            break;
        case CommandType::TakeOver:
            r.ownerMode = OwnerMode::Human;
            if ((!r.assignee || r.assignee->kind == ActorKind::Agent) && !selfOperatorId.isEmpty())
                r.assignee = Assignee{ActorKind::Operator, selfOperatorId, {}};
            break;
        case CommandType::Reopen:
            r.status = TicketStatus::Open;
            break;
        case CommandType::Close:
        case CommandType::ForceClose:
            r.status = TicketStatus::Closed;
            r.slaState = SlaState::Met;
            break;
        case CommandType::SetPriority:
            if (c.priority)
                r.priority = *c.priority;
            break;
        case CommandType::Assign:
            if (!r.assignee || r.assignee->id != c.assigneeId)
                r.assignee = Assignee{ActorKind::Operator, c.assigneeId, {}};
            break;
        case CommandType::Unassign:
            r.assignee.reset();
            break;
        }
    }
    return overlay;
}

} // namespace zeiko
