#pragma once
// Value types the local store hands out and the change report it emits.

#include "domain/types.h"

#include <QDateTime>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace zeiko {

// The columns the queue shows, read without decoding the whole ticket JSON
// (a cold start over 100,000 tickets must not parse 100,000 documents).
struct TicketRow {
    TicketId id = 0;
    qint64 number = 0;
    QString subject;
    QString customerName;
    QString customerEmail;
    Source source = Source::Email;
    TicketStatus status = TicketStatus::Open;
    Priority priority = Priority::Normal;
    SlaState slaState = SlaState::OnTrack;
    OwnerMode ownerMode = OwnerMode::Agent;
    std::optional<Assignee> assignee;
    qint64 lastActivityMs = 0;   // ms since the epoch, UTC
    qint64 version = 0;
    // SLA due dates and the first answer, ms since the epoch (UTC); 0 = none.
    qint64 firstResponseDueMs = 0;
    qint64 nextResponseDueMs = 0;
    qint64 resolutionDueMs = 0;
    qint64 firstRespondedMs = 0;
    friend bool operator==(const TicketRow &, const TicketRow &) = default;
};

// The due date the SLA countdown runs to now: the first response until it
// was given, else the next response, else the resolution. None while the SLA
// is paused or met, or once the ticket is resolved or closed.
std::optional<QDateTime> nextSlaDue(const TicketRow &row);

TicketRow rowOf(const Ticket &ticket);

// Lifecycle of a queued command. Confirmed commands leave the outbox (their
// effect is then in the ticket/entries tables), so there is no Confirmed state.
enum class OutboxState {
    Queued = 0,    // stored, waiting for its turn, the network or its retry time
    InFlight = 1,  // sent, no answer yet; found at startup it is resent with the same key
    Failed = 2,    // refused on business grounds (409/403/404/422...): waits for retry, edit or discard
};

struct OutboxItem {
    qint64 id = 0;                 // local, creation order (the per-ticket FIFO order)
    Command command;               // command.requestId is the Idempotency-Key
    OutboxState state = OutboxState::Queued;
    int attempts = 0;              // sends so far (transient failures included)
    QString errorCode;             // the server's stable code ("version_conflict") or a local kind
    QString errorMessage;          // human text for the UI
    QDateTime createdAt;
    QDateTime nextAttemptAt;       // invalid: as soon as possible
    // Held in its undo window until then (a reply just sent, still undoable):
    // it and every later command of its ticket wait. Invalid: not held.
    QDateTime notBefore;
    friend bool operator==(const OutboxItem &, const OutboxItem &) = default;
};

// Where a paged bootstrap stands; persisted so an interrupted one resumes.
struct BootstrapState {
    bool complete = false;
    Seq snapshotSeq = 0;           // the log head of the first page; 0 before the first page
    QString nextPageCursor;        // the next page to fetch; empty: start from the first
};

// What one store write changed, so models update row by row (no resets).
struct StoreChange {
    QList<TicketId> insertedTickets;
    QList<TicketId> updatedTickets;
    QSet<TicketId> threadsChanged;      // tickets that got new entries (or a full thread load)
    QSet<TicketId> outboxChanged;       // tickets whose queued commands changed
    bool outboxTouched = false;         // any queued command changed (tenant-level ones have no ticket)
    QSet<TicketId> viewedTickets;       // the operator opened these (unread state changes)
    QStringList confirmedRequestIds;    // commands confirmed by this write
    Seq cursor = 0;                     // the cursor after the write
    bool stoppedAtGap = false;          // applyEvents met a seq gap and stopped before it
    int appliedEvents = 0;

    bool isEmpty() const
    {
        return insertedTickets.isEmpty() && updatedTickets.isEmpty() && threadsChanged.isEmpty()
            && outboxChanged.isEmpty() && !outboxTouched && viewedTickets.isEmpty() && confirmedRequestIds.isEmpty();
    }
};

} // namespace zeiko
