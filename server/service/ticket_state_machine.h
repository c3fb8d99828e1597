#pragma once
// THE status state machine (docs/api.md "Status state machine"): which
// command is allowed from which status and where it leaves the ticket.
// One table; the command rules and the tests both read it.

#include "domain/enums.h"

#include <QList>

#include <optional>

namespace zeiko::service {

struct Transition {
    CommandType command;
    QList<TicketStatus> allowedFrom;
    std::optional<TicketStatus> to;   // nullopt: the status does not change
};

const QList<Transition> &transitionTable();
bool isAllowed(CommandType command, TicketStatus from);
// The status after the command (the same status when it does not change one).
TicketStatus statusAfter(CommandType command, TicketStatus from);

} // namespace zeiko::service
