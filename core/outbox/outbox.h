#pragma once
// The durable queue of the operator's commands (DESIGN.md, sync contract 5-6).
//
// enqueue() writes the command with its UUID Idempotency-Key to the store
// (synchronous=FULL) before anything is sent, so the effect shows at once as
// pending and survives a crash. A command names its targets (one ticket,
// several, the tenant, the operator; domain/command_targets.h) and each
// target is a lane: a lane's commands are sent in creation order, one in
// flight at a time, and a command goes only when it is the head of every
// one of its lanes (a merge waits for both tickets and holds both until it
// is done). Different lanes proceed independently.
//
// Outcomes:
//  - accepted (HTTP reply, or the echoed event carrying the requestId,
//    whichever comes first): the item leaves the outbox in the same
//    transaction that stores its result, so a pending entry turns into the
//    confirmed one and never into two.
//  - transient failure (network, timeout, 5xx, 408, 429): stays Queued and is
//    resent with the SAME key after a capped backoff (the server dedupes).
//  - business rejection (409, 403, 404, 422, other 4xx): Failed, with the
//    server's reason; it blocks later commands on all its lanes (order
//    matters) until retry(), edit() or discard(). Nothing is dropped silently.
// At start(), items left InFlight by a crash are resent with their key.
//
// Held sends (the undo window, DESIGN.md sync contract 6): enqueueHeld()
// stores a reply or note at once with a not-before time. Until then it is
// not sent and, being in its ticket's order, nothing queued later for that
// ticket overtakes it (a close issued in the window goes after the reply);
// other tickets proceed. withdraw() is the Undo: it deletes the held send
// only, later commands stay queued. The hold is persisted, so a crash in
// the window keeps the send; the next start() RELEASES it (the operator
// meant to send it and the window is gone with the console that showed
// it), it is not offered for undo again. flushNow() never skips a hold.
// Time comes from OutboxOptions::clock, so tests move it instead of waiting.

#include "net/api_client.h"
#include "net/backoff.h"
#include "outbox/queue_position.h"
#include "store/local_store.h"
#include "sync/clock.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <functional>

namespace zeiko {

struct OutboxOptions {
    Backoff retry{std::chrono::milliseconds(1000), std::chrono::milliseconds(60000), 0.2, {}};
    Clock *clock = nullptr;   // nullptr: systemClock(); must outlive the outbox
};

class Outbox : public QObject
{
    Q_OBJECT
public:
    Outbox(LocalStore &store, ApiClient &api, OutboxOptions options = {}, QObject *parent = nullptr);

    // Stores the command durably (assigning a requestId when empty) and
    // schedules sending. On a store failure (disk full) returns nullopt and
    // sets `error` to a message for the operator; nothing was queued.
    std::optional<OutboxItem> enqueue(Command command, QString *error = nullptr);
    // The same, held for `undoWindow` from now (0: not held, as enqueue()).
    std::optional<OutboxItem> enqueueHeld(Command command, std::chrono::milliseconds undoWindow,
                                          QString *error = nullptr);
    // Undo: deletes the item if it is still held and returns it (its text
    // goes back to the composer). nullopt when the window is over.
    std::optional<OutboxItem> withdraw(qint64 itemId);
    // Ends a hold now (a second send, quitting): it goes in its turn.
    bool release(qint64 itemId);

    // Begin sending (recovers items left InFlight by a crash). Until start()
    // enqueue only stores.
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    // Try now, ignoring backoff waits (the network just came back).
    void flushNow();

    // For a Failed item: send again. After a business rejection the server
    // did not apply it, so it gets a fresh key (and, if it carried a
    // baseVersion, the ticket's current version); after other failures the
    // key is kept so the server can still dedupe.
    bool retry(qint64 itemId);
    // For a Failed reply/note: new body, fresh key, queued again.
    bool edit(qint64 itemId, const QString &newBody);
    // Drop a Failed or not-yet-sent item.
    bool discard(qint64 itemId);

    QList<OutboxItem> items() const { return m_store.outboxItems(); }
    std::optional<OutboxItem> item(qint64 itemId) const { return m_store.outboxItem(itemId); }
    // What each item waits for (queue_position.h), at the outbox's now.
    QHash<qint64, QueuePosition> positions() const;
    const Clock &clock() const { return *m_clock; }
    int inFlightCount() const { return int(m_inFlight.size()); }

Q_SIGNALS:
    // Accepted by the server (reply or echoed event, whichever came first;
    // emitted once). ticketId: the command's (first) ticket, 0 for none.
    void itemConfirmed(const QString &requestId, zeiko::TicketId ticketId);
    void itemFailed(const zeiko::OutboxItem &item);
    // A store write failed while updating the queue (the item is unchanged on disk).
    void storeFailed(const QString &message);
    // Nothing queued and nothing in flight (tests, "all sent" indicator).
    void drained();
    // A backoff wait ran out and woke the queue up (the retry timer fired).
    // After a reconnect flushNow() sends without it; tests check it stayed silent.
    void backoffElapsed();

private:
    void scheduleFlush();
    void flush();
    void send(OutboxItem item);
    // The server's answer to a send: accepted (`confirm` stores the result) or `failure`.
    void onReply(qint64 itemId, const QString &requestId, const ApiFailure *failure,
                 const std::function<void()> &confirm);
    void onStoreChanged(const StoreChange &change);
    bool isBusinessRejection(const QString &errorCode) const;
    // A fresh Idempotency-Key, and the ticket version as the cache knows it now.
    void rekeyAgainstCurrentTicket(Command &command) const;
    // Back to the queue from Failed, after `change` agreed (and adjusted the item).
    bool requeueFailed(qint64 itemId, const std::function<bool(OutboxItem &)> &change);
    // Held items of a previous run go in their turn (see the header comment).
    void releaseHoldsFromEarlierRuns();

    LocalStore &m_store;
    ApiClient &m_api;
    OutboxOptions m_options;
    Clock *m_clock = nullptr;
    bool m_running = false;
    bool m_ignoreBackoff = false;
    QHash<QString, TicketId> m_inFlight;   // requestId being sent -> its (first) ticket
    QTimer m_flushTimer;                   // coalesces flushes
    QTimer m_retryTimer;                   // wakes up for the earliest backoff
    QTimer m_holdTimer;                    // wakes up when the earliest undo window ends
    QSet<qint64> m_heldHere;               // holds this run started (kept at start())
};

} // namespace zeiko
