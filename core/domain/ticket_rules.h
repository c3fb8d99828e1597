#pragma once
// THE rules of the ticket commands, shared by zeiko-server and the console so
// the two cannot drift: the status state machine (docs/api.md "Status state
// machine") and "apply this command to this ticket" as pure functions.
//
// They read what the rules need of a ticket (TicketFacts, its live handoff
// included) and of who asks (ActorFacts), and answer with a value, never an
// exception: the ticket as it will be (TicketAfter), a Refusal with the
// server's stable error code, or — for the console, which lacks data only the
// server has (handoff team and capacity, whether an operator exists) — "the
// server decides" with the result it will have if it accepts.
//
// The server (service::applyCommand) turns a Refusal into its HTTP error and
// adds what only it writes (thread entries, SLA due dates, versions); the
// console's pending overlay shows TicketAfter before the server confirms, and
// its actions table disables what is refused (tests/core/test_rule_agreement
// checks that both agree on every combination).

#include "domain/types.h"

#include <QByteArray>
#include <QList>

#include <optional>
#include <variant>

namespace zeiko::rules {

// ---- the status state machine ------------------------------------------------

struct Transition {
    CommandType command;
    QList<TicketStatus> allowedFrom;
    std::optional<TicketStatus> to;   // nullopt: the status does not change
};

// One table; the rules and the tests read it.
const QList<Transition> &transitionTable();
bool isAllowed(CommandType command, TicketStatus from);
// The status after the command (the same status when it does not change one).
TicketStatus statusAfter(CommandType command, TicketStatus from);

// ---- what the rules read ---------------------------------------------------------

// A ticket's live handoff, as far as the rules care.
struct HandoffFacts {
    HandoffState state = HandoffState::Requested;
    std::optional<Assignee> assignee;   // who owns it (an operator), if anyone
    friend bool operator==(const HandoffFacts &, const HandoffFacts &) = default;
};

struct TicketFacts {
    TicketStatus status = TicketStatus::Open;
    Priority priority = Priority::Normal;
    OwnerMode ownerMode = OwnerMode::Agent;
    std::optional<Assignee> assignee;
    SlaState slaState = SlaState::OnTrack;
    std::optional<HandoffFacts> handoff;   // nullopt: the ticket has no handoff
    friend bool operator==(const TicketFacts &, const TicketFacts &) = default;
};

// Who issues the command.
struct ActorFacts {
    QString id;             // operator id
    QString displayName;
    QString email;          // for the handoff team (server only)
    OperatorRole role = OperatorRole::Operator;
};

// What only the server's data says about who may take a live handoff: the
// agent's handoff team and the actor's open handoffs.
struct ClaimLimits {
    QStringList teamEmails;   // lower case; empty: everyone may
    int capacity = 0;         // open handoffs per person; 0: unlimited
    int openAssignments = 0;  // the actor's open (assigned/active) handoffs now
};

// What the server looks up before it applies a command. The console passes
// none (nullptr): where these matter the answer is ServerDecides.
struct ServerFacts {
    // For take_over of an open handoff; nullopt: not looked up, the claim
    // rule is not applied (a server without routing).
    std::optional<ClaimLimits> claimLimits;
    std::optional<Assignee> assignTo;   // assign: the resolved operator; nullopt: no such operator
};

HandoffFacts handoffFacts(const Handoff &handoff);
std::optional<HandoffFacts> handoffFacts(const std::optional<Handoff> &handoff);
TicketFacts ticketFacts(const Ticket &ticket, const std::optional<Handoff> &handoff);
ActorFacts actorFacts(const Operator &op);

// ---- the answers ------------------------------------------------------------------

enum class RefusalKind {
    InvalidTransition,  // 409 invalid_transition: not from this status
    HandoffOpen,        // 409 handoff_open: close while the live handoff is open
    NotHandoffOwner,    // 409 not_handoff_owner: chat reply by someone not owning the live conversation
    HandoffResolved,    // 409 handoff_resolved (claiming)
    AlreadyClaimed,     // 409 already_claimed: another operator owns the handoff (or, for take_over, the ticket)
    NotOnTeam,          // 403 forbidden: not on the agent's handoff team
    AtCapacity,         // 409 at_capacity: the actor's open handoffs are at the limit
    UnknownAssignee,    // 400 invalid_field: assign to an operator that does not exist
};

struct Refusal {
    RefusalKind kind = RefusalKind::InvalidTransition;
    int httpStatus = 409;
    QByteArray code;          // the server's stable error code (docs/api.md)
    QString message;          // the API's English message
    std::optional<Assignee> by;   // AlreadyClaimed: who owns the handoff or the ticket
};

// How a command moves the SLA's due dates (the server writes the dates).
enum class SlaEffect {
    None,
    Restart,            // reopen: the targets start again from now
    RecomputeDueDates,  // set_priority: due dates from createdAt with the new targets
    ResponseMet,        // a human reply: first response met, next response no longer due
};

struct TicketAfter {
    TicketFacts ticket;           // slaState: the SLA state the server stores
    bool handoffChanged = false;  // ticket.handoff differs and is written
    SlaEffect sla = SlaEffect::None;
};

// The console cannot tell: the server refuses or applies `ifAccepted`.
struct ServerDecides {
    TicketAfter ifAccepted;
};

using Outcome = std::variant<TicketAfter, Refusal, ServerDecides>;

// Apply `command` to `before` as `actor`. `server` is the server's data;
// nullptr for the console. (The version check, baseVersion, is the server's:
// it compares with the stored row.)
Outcome apply(const TicketFacts &before, const Command &command, const ActorFacts &actor,
              const ServerFacts *server = nullptr);

// The claim rule, for claiming a handoff and for taking over a ticket whose
// handoff is open: nothing when `actor` may (or already does) own it.
std::optional<Refusal> claimRefusal(const HandoffFacts &handoff, const ActorFacts &actor, const ClaimLimits &limits);

bool isOpen(const std::optional<HandoffFacts> &handoff);
bool isOpen(const std::optional<Handoff> &handoff);
// The AI agent escalated and no human works the ticket yet (the queue's badge).
bool isHandoffWaiting(const TicketFacts &ticket);

// True when the command would change nothing the queue shows (status,
// priority, owner, assignee, handoff): taking over what one already works,
// assigning to whom it is assigned. The server accepts these (an audit line);
// the console offers them disabled.
bool changesNothing(const TicketFacts &before, const TicketAfter &after);

// The SLA state the console shows until the server confirms: the stored one
// where the clients read it as stored (waiting on the customer, resolved,
// closed, a restart), else what it showed before (derived from due dates).
SlaState shownSlaState(const TicketFacts &before, const TicketAfter &after);

} // namespace zeiko::rules
