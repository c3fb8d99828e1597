#pragma once
// What each command does to a ticket, as a pure function of the ticket
// before it (no database): checked against the state machine, then
// ownership, assignment, SLA, handoff and the thread entry it leaves.

#include "domain/types.h"

#include <optional>

namespace zeiko::service {

// What only the server's data says about who may take a live handoff: the
// agent's handoff team and the actor's open handoffs.
struct ClaimLimits {
    QStringList teamEmails;            // lower case; empty: everyone may
    int capacity = 0;                  // open handoffs per person; 0: unlimited
    int openAssignments = 0;           // the actor's open (assigned/active) handoffs now
};

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

// The one rule for claiming a handoff and for taking over a ticket whose
// handoff is open. Throws 409 handoff_resolved / already_claimed (someone
// else owns it) / at_capacity, 403 forbidden (not on the agent's handoff
// team); returns true when `actor` already owns it (nothing to check).
bool requireClaimable(const Handoff &handoff, const Operator &actor, const ClaimLimits &limits, const Ticket &ticket);

// Throws ServiceError: 409 version_conflict / invalid_transition / handoff_open,
// 400 invalid_field (unknown assignee).
CommandOutcome applyCommand(const Ticket &before, const Command &command, const CommandContext &context);

} // namespace zeiko::service
