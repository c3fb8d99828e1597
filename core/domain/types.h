#pragma once
// The shared domain: plain value types used by the server and the console
// alike, so the two cannot drift. JSON lives in codecs.h.

#include "domain/enums.h"

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace zeiko {

using TicketId = qint64;
using EntryId = qint64;
using Seq = qint64;

struct Customer {
    QString id;
    QString name;    // may be empty (an email with no display name)
    QString email;   // may be empty (anonymous widget visitor)
    // Why nothing can be emailed to `email` (mailboxProblem(), kept when a
    // webhook brought an address that is not a mailbox); empty when it can.
    QString emailProblem;
    // false: the address is only a claim (typed into the website widget), not
    // an identity: never merged with the customer who owns it, never given
    // that customer's order context.
    bool emailVerified = true;
    friend bool operator==(const Customer &, const Customer &) = default;
};

// Who wrote a thread entry.
struct Actor {
    ActorKind kind = ActorKind::System;
    QString id;      // customer, agent or operator id; empty for System
    QString name;
    friend bool operator==(const Actor &, const Actor &) = default;
};

// Who a ticket is assigned to: an AI agent or a human operator.
struct Assignee {
    ActorKind kind = ActorKind::Operator;   // Agent or Operator only
    QString id;
    QString name;
    friend bool operator==(const Assignee &, const Assignee &) = default;
};

struct Sla {
    SlaState state = SlaState::OnTrack;
    std::optional<QDateTime> firstResponseDue;
    std::optional<QDateTime> nextResponseDue;
    std::optional<QDateTime> resolutionDue;
    std::optional<QDateTime> firstRespondedAt;
    friend bool operator==(const Sla &, const Sla &) = default;
};

struct ShopifyLineItem {
    QString title;
    QString sku;
    int quantity = 1;
    QString price;   // decimal string as Shopify sends it, e.g. "49.90"
    friend bool operator==(const ShopifyLineItem &, const ShopifyLineItem &) = default;
};

struct ShopifyOrder {
    QString orderId;
    QString orderNumber;        // "#1001"
    QString financialStatus;    // paid, refunded, pending... (Shopify's own vocabulary)
    QString fulfillmentStatus;  // fulfilled, partial, unfulfilled...
    QString currency;
    QString totalPrice;
    QList<ShopifyLineItem> lineItems;
    QString trackingNumber;
    QString trackingUrl;
    std::optional<QDateTime> createdAt;
    friend bool operator==(const ShopifyOrder &, const ShopifyOrder &) = default;
};

// A ticket as the queue shows it; the thread is fetched separately.
struct Ticket {
    TicketId id = 0;
    qint64 number = 0;          // per tenant, shown as #1042
    QString key;                // unguessable, for ticket+{key}@ aliases
    QString subject;
    Customer customer;
    Source source = Source::Email;
    TicketStatus status = TicketStatus::Open;
    Priority priority = Priority::Normal;
    std::optional<Assignee> assignee;
    OwnerMode ownerMode = OwnerMode::Agent;
    Sla sla;
    QDateTime createdAt;
    QDateTime lastActivityAt;
    QString handoffId;          // empty when none
    std::optional<ShopifyOrder> shopifyOrder;
    std::optional<int> csat;    // 1..5 once given
    QStringList tags;
    qint64 version = 1;         // optimistic concurrency; bumps on every change
    friend bool operator==(const Ticket &, const Ticket &) = default;
};

struct ThreadEntry {
    EntryId id = 0;
    TicketId ticketId = 0;
    EntryKind kind = EntryKind::CustomerMessage;
    Actor author;
    Visibility visibility = Visibility::Public;
    QString body;               // markdown
    QDateTime createdAt;
    QString requestId;          // the client's Idempotency-Key, when a client wrote it
    QString eventStatus;        // email events: sent/delivered/bounced/failed; handoff: requested/...
    friend bool operator==(const ThreadEntry &, const ThreadEntry &) = default;
};

struct Handoff {
    QString id;
    TicketId ticketId = 0;
    HandoffState state = HandoffState::Requested;
    std::optional<Assignee> assignee;
    QString agentId;            // the AI agent that escalated
    QString conversationId;     // the live widget conversation
    QDateTime requestedAt;
    QDateTime updatedAt;
    friend bool operator==(const Handoff &, const Handoff &) = default;
};

struct Operator {
    QString id;
    QString email;
    QString displayName;
    OperatorRole role = OperatorRole::Operator;
    QStringList skills;
    int maxOpenAssignments = 0;   // 0: unlimited
    friend bool operator==(const Operator &, const Operator &) = default;
};

struct Tenant {
    QString id;
    QString slug;
    QString name;
    friend bool operator==(const Tenant &, const Tenant &) = default;
};

// What a command is about (DESIGN.md, sync contract 6): the queue keeps
// each target's commands in order. Operator: the signed-in operator.
struct CommandTarget {
    TargetKind kind = TargetKind::Ticket;
    TicketId ticketId = 0;   // Ticket only
    static CommandTarget ticket(TicketId id) { return {TargetKind::Ticket, id}; }
    static CommandTarget tenant() { return {TargetKind::Tenant, 0}; }
    static CommandTarget signedInOperator() { return {TargetKind::Operator, 0}; }
    friend bool operator==(const CommandTarget &, const CommandTarget &) = default;
};

// One entry of a tenant's change log. A ticket event carries the ticket as
// it is after the change, so applying it is a plain, idempotent upsert; a
// tenant-level event (scope Tenant, no ticketId) carries what changed.
struct Event {
    Seq seq = 0;
    EventType type = EventType::TicketUpdated;
    TargetKind scope = TargetKind::Ticket;   // whose data changed
    TicketId ticketId = 0;                   // 0 unless scope is Ticket (null on the wire)
    QDateTime at;
    QString requestId;                 // Idempotency-Key of the command that caused it
    std::optional<Ticket> ticket;
    std::optional<ThreadEntry> entry;
    std::optional<Handoff> handoff;
    QJsonObject handoffSettings;       // HandoffSettingsUpdated: the settings as the API spells them
    // Not empty: a kind this build does not know (a newer server). Such an
    // event is skipped, not refused, so the cursor still moves past it.
    QString unknownType;
    friend bool operator==(const Event &, const Event &) = default;
};

// A write from a client. requestId is the client-generated UUID that is
// also sent as the Idempotency-Key header.
// A ticket command is about `ticketId` and leaves `targets` empty; other
// commands list their targets (domain/command_targets.h reads both forms,
// so outbox rows stored before targets existed replay unchanged).
struct Command {
    QString requestId;
    CommandType type = CommandType::InternalNote;
    TicketId ticketId = 0;               // the (first) ticket it is about; 0: none
    std::optional<qint64> baseVersion;   // the ticket version the operator saw
    QString body;                        // EmailReply, ChatReply, InternalNote
    std::optional<Priority> priority;    // SetPriority
    QString assigneeId;                  // Assign (operator id)
    QString reason;                      // ForceClose (required), Close/Reopen (optional)
    QString agentId;                     // UpdateHandoffSettings: the AI agent
    QJsonObject settings;                // UpdateHandoffSettings: as the API spells them (the server validates)
    QList<CommandTarget> targets;        // empty: exactly the ticket `ticketId`
    friend bool operator==(const Command &, const Command &) = default;
};

// What a command returns: the ticket after it, and the entry it added (if any).
struct CommandResult {
    Ticket ticket;
    std::optional<ThreadEntry> entry;
    Seq seq = 0;   // the log position of the command's last event
    friend bool operator==(const CommandResult &, const CommandResult &) = default;
};

struct SnapshotPage {
    Seq seq = 0;                     // the log head the snapshot started at
    QList<Ticket> tickets;
    QString nextCursor;              // empty on the last page
    friend bool operator==(const SnapshotPage &, const SnapshotPage &) = default;
};

struct EventPage {
    QList<Event> events;
    Seq head = 0;                    // the newest seq on the server
    bool hasMore = false;
    friend bool operator==(const EventPage &, const EventPage &) = default;
};

struct ApiError {
    QString code;      // stable, e.g. "version_conflict"
    QString message;   // human, for the UI
    std::optional<Ticket> currentTicket;   // with 409 conflicts
    friend bool operator==(const ApiError &, const ApiError &) = default;
};

} // namespace zeiko
