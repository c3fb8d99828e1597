#pragma once
// What each command does to a ticket, as a pure function of the ticket
// before it (no database): checked against the state machine, then
// ownership, assignment, SLA, handoff and the thread entry it leaves.

#include "domain/types.h"

#include <optional>

namespace zeiko::service {

struct CommandContext {
    Operator actor;                    // who issues it
    QDateTime now;
    QString requestId;                 // the Idempotency-Key
    std::optional<Handoff> handoff;    // the ticket's linked handoff, if any
    std::optional<Operator> assignTo;  // resolved assigneeId (Assign); nullopt if unknown
};

struct CommandOutcome {
    Ticket ticket;                     // after the command, version bumped
    ThreadEntry entry;                 // the entry it adds (id 0 until stored)
    std::optional<Handoff> handoff;    // set when the command changed the handoff
    EventType eventType = EventType::TicketUpdated;
};

bool isHandoffOpen(const std::optional<Handoff> &handoff);

// Throws ServiceError: 409 version_conflict / invalid_transition / handoff_open,
// 400 invalid_field (unknown assignee).
CommandOutcome applyCommand(const Ticket &before, const Command &command, const CommandContext &context);

} // namespace zeiko::service
