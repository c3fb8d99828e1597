#pragma once
// What each command does to a ticket, as a pure function of the ticket
// before it (no database). The rules themselves (state machine, ownership,
// assignment, handoff, SLA state) are core/domain/ticket_rules, shared with
// the console; this adds what only the server writes (the thread entry, the
// SLA due dates, the version) and turns a refusal into the API's error.

#include "domain/ticket_rules.h"
#include "service/service_error.h"

#include <optional>

namespace zeiko::service {

// What only the server's data says about who may take a live handoff.
using ClaimLimits = rules::ClaimLimits;

struct CommandContext {
    Operator actor;                    // who issues it
    QDateTime now;
    QString requestId;                 // the Idempotency-Key
    std::optional<Handoff> handoff;    // the ticket's linked handoff, if any
    std::optional<Operator> assignTo;  // resolved assigneeId (Assign); nullopt if unknown
    // For take_over of an open handoff; nullopt: not looked up, the claim
    // rule is not applied (a caller without the server's data).
    std::optional<ClaimLimits> claimLimits;
};

struct CommandOutcome {
    Ticket ticket;                     // after the command, version bumped
    ThreadEntry entry;                 // the entry it adds (id 0 until stored)
    std::optional<Handoff> handoff;    // set when the command changed the handoff
    EventType eventType = EventType::TicketUpdated;
};

bool isHandoffOpen(const std::optional<Handoff> &handoff);

// A refusal of the rules as the API's error (409s carry `current`).
ServiceError toServiceError(const rules::Refusal &refusal, const Ticket &current);

// The one rule for claiming a handoff and for taking over a ticket whose
// handoff is open. Throws 409 handoff_resolved / already_claimed (someone
// else owns it) / at_capacity, 403 forbidden (not on the agent's handoff
// team); returns true when `actor` already owns it (nothing to check).
bool requireClaimable(const Handoff &handoff, const Operator &actor, const ClaimLimits &limits, const Ticket &ticket);

// Throws ServiceError: 409 version_conflict / invalid_transition / handoff_open,
// 400 invalid_field (unknown assignee).
CommandOutcome applyCommand(const Ticket &before, const Command &command, const CommandContext &context);

} // namespace zeiko::service
