#pragma once
// How queued commands change what the queue shows before the server
// confirms them: status, priority, assignee, owner mode, SLA state and the
// live handoff as they will be. Each command goes through the one rule set
// (core/domain/ticket_rules) as the signed-in operator: a command the rules
// refuse changes nothing (the server will refuse it too); one only the
// server can decide is shown as it will be if the server accepts it.

#include "domain/ticket_rules.h"
#include "store/store_types.h"

namespace zeiko {

struct PendingOverlay {
    TicketRow row;             // the row with queued commands applied
    std::optional<rules::HandoffFacts> handoff;   // the live handoff with queued commands applied
    bool hasPending = false;   // something is queued or in flight
    bool hasFailed = false;    // something was refused and waits for the operator
    QString failureMessage;    // the first failure's reason
};

// What the rules read of a queue row (and its live handoff, if any).
rules::TicketFacts ticketFacts(const TicketRow &row, const std::optional<rules::HandoffFacts> &handoff);

// `items` are the ticket's outbox items in creation order. Failed items are
// not applied (they did not happen), but reported. `self`: the signed-in operator.
PendingOverlay applyPending(const TicketRow &row, const std::optional<rules::HandoffFacts> &handoff,
                            const QList<OutboxItem> &items, const rules::ActorFacts &self);

} // namespace zeiko
