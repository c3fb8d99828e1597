#pragma once
// How queued commands change what the queue shows before the server
// confirms them: status, priority, assignee and owner mode as they will be.

#include "store/store_types.h"

namespace zeiko {

struct PendingOverlay {
    TicketRow row;             // the row with queued commands applied
    bool hasPending = false;   // something is queued or in flight
    bool hasFailed = false;    // something was refused and waits for the operator
    QString failureMessage;    // the first failure's reason
};

// `items` are the ticket's outbox items in creation order. Failed items are
// not applied (they did not happen), but reported.
PendingOverlay applyPending(const TicketRow &row, const QList<OutboxItem> &items, const QString &selfOperatorId = {});

} // namespace zeiko
