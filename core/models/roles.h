#pragma once
// Every custom item-data role of the console's models, in one place.
// Views and delegates read these; Qt::DisplayRole carries the text of the
// column, Qt::ToolTipRole a longer form where useful.

#include <Qt>

namespace zeiko {

enum Role : int {
    // ---- TicketQueueModel (any column) ------------------------------------
    TicketIdRole = Qt::UserRole + 1,  // TicketId (qint64)
    TicketNumberRole,          // qint64, shown as "#1042"
    SubjectRole,               // QString
    CustomerNameRole,          // QString (may be empty)
    CustomerEmailRole,         // QString (may be empty)
    StatusRole,                // zeiko::TicketStatus as int, with pending commands applied
    PriorityRole,              // zeiko::Priority as int, with pending commands applied
    SlaStateRole,              // zeiko::SlaState as int
    SourceRole,                // zeiko::Source as int
    AssigneeIdRole,            // QString, empty when unassigned (pending applied)
    AssigneeNameRole,          // QString
    AssigneeIsAgentRole,       // bool: assigned to an AI agent
    OwnerModeRole,             // zeiko::OwnerMode as int: agent or human (pending applied)
    LastActivityRole,          // QDateTime (UTC)
    VersionRole,               // qint64 ticket version (for Command::baseVersion)
    SortRole,                  // QVariant comparable per column (numbers/ranks, not text)
    PendingRole,               // bool: queued/in-flight commands not yet confirmed
    FailedRole,                // bool: a command was refused; see FailureMessageRole
    FailureMessageRole,        // QString: the server's reason for the first failed command
    UnreadRole,                // bool: activity since the operator last opened the ticket
    IsMineRole,                // bool: assigned to the signed-in operator
    FirstResponseDueRole,      // QDateTime (UTC) when the first response is due; invalid QVariant: none
    NextResponseDueRole,       // QDateTime (UTC) when the next response is due; invalid QVariant: none
    ResolutionDueRole,         // QDateTime (UTC) when the resolution is due; invalid QVariant: none
    SlaDueRole,                // QDateTime (UTC) the SLA countdown runs to (nextSlaDue, pending applied);
                               // invalid QVariant while paused/met/resolved/closed
    HandoffWaitingRole,        // bool: the AI agent escalated and no human works the ticket yet
                               // (rules::isHandoffWaiting, pending applied): the queue's badge
    TicketFactsRole,           // rules::TicketFacts: what the command rules read (pending applied,
                               // the live handoff included); the actions' enable rules use it

    // ---- ThreadModel ---------------------------------------------------------
    EntryIdRole = Qt::UserRole + 100,  // EntryId (qint64); 0 for a pending item
    EntryKindRole,             // zeiko::EntryKind as int
    AuthorNameRole,            // QString
    AuthorKindRole,            // zeiko::ActorKind as int
    VisibilityRole,            // zeiko::Visibility as int (Internal = never customer-visible)
    BodyRole,                  // QString markdown (render with core/markdown)
    CreatedAtRole,             // QDateTime (UTC); enqueue time for pending items
    EventStatusRole,           // QString: email sent/delivered/bounced, handoff state...
    RequestIdRole,             // QString: the client's Idempotency-Key, if written by a client
    EntryPendingRole,          // bool: an outbox item (reply/note) not yet confirmed
    EntryFailedRole,           // bool: that outbox item was refused
    EntryErrorRole,            // QString: why it failed (or why it is being retried)
    OutboxItemIdRole,          // qint64: the outbox item id for Outbox::retry/edit/discard; 0 otherwise
    EntryCommandTypeRole,      // zeiko::CommandType as int for an outbox item; invalid QVariant for entries
    EntryIsActionRole,         // bool: an outbox item that is an action (close, priority...), not a reply/note
    ReplyDeliveryRole,         // zeiko::ReplyDelivery as int for a human reply: what it recorded, or for a
                               // pending one where it will go; invalid QVariant otherwise (or unrecorded)
    ReplyLabelRole,            // QString: a human reply's one label (labels::reply); empty for other rows
};

} // namespace zeiko
