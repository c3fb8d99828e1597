#pragma once
// The console's offline copy: one SQLite file per account and server.
//
// Synchronous on purpose (it is local and fast); every write is one
// transaction and reports what it changed through changed(), which is the
// only way data reaches the models (cold start reads the same tables).
// The file runs in WAL mode with synchronous=FULL, so a command queued in
// the outbox survives a crash or power loss once enqueue returns.
//
// Errors: open() returns false and errorString() explains; every other call
// throws StoreError (disk full, I/O error) after rolling its transaction back.

#include "store/sql_support.h"
#include "store/store_types.h"

#include <QObject>
#include <QHash>
#include <QSqlDatabase>

#include <optional>

namespace zeiko {

class LocalStore : public QObject
{
    Q_OBJECT
public:
    explicit LocalStore(QObject *parent = nullptr);
    ~LocalStore() override;

    // Opens (creating or upgrading) the store at `path`. A file written by a
    // newer schema is refused with a clear message and left untouched.
    bool open(const QString &path);
    void close();
    bool isOpen() const { return m_database.isOpen(); }
    QString errorString() const { return m_errorString; }
    QString path() const { return m_path; }
    static int schemaVersion();

    // ---- tickets ---------------------------------------------------------
    std::optional<Ticket> ticket(TicketId id) const;
    std::optional<TicketRow> ticketRow(TicketId id) const;
    QList<TicketRow> ticketRows() const;              // newest activity first
    QList<TicketRow> ticketRows(const QList<TicketId> &ids) const;
    qint64 ticketCount() const;
    // Upserts tickets whose version is >= the stored one (older are ignored).
    StoreChange upsertTickets(const QList<Ticket> &tickets);

    // ---- threads ---------------------------------------------------------
    QList<ThreadEntry> entries(TicketId ticketId) const;   // in server order (id)
    std::optional<Handoff> handoffForTicket(TicketId ticketId) const;
    bool isThreadLoaded(TicketId ticketId) const;
    // A full thread from GET /tickets/{id}: ticket, all entries, handoff.
    StoreChange storeThread(const Ticket &ticket, const QList<ThreadEntry> &entries,
                            const std::optional<Handoff> &handoff);
    void markViewed(TicketId ticketId);
    // Tickets worth reading offline whose thread is not cached yet: recently
    // viewed first, then assigned to `operatorId`, then unassigned open ones.
    QList<TicketId> uncachedWorkingSet(const QString &operatorId, int limit) const;
    QList<TicketId> recentlyViewed(int limit) const;   // most recent first
    QHash<TicketId, qint64> viewedAtMs() const;        // every ticket ever opened -> when (ms)

    // ---- sync ------------------------------------------------------------
    Seq cursor() const;
    BootstrapState bootstrapState() const;
    // Stores one snapshot page and the bootstrap progress. The last page
    // (empty nextCursor) completes the bootstrap and sets the cursor to the
    // snapshot's seq.
    StoreChange applySnapshotPage(const SnapshotPage &page);
    // Forget bootstrap progress (410 cursor_expired): the next sync starts a
    // fresh snapshot. Cached tickets stay readable meanwhile; thread caches
    // are marked stale (entries may have been missed) and reload on open.
    void resetBootstrap();
    // Applies events in one transaction: seq <= cursor is skipped (delivered
    // twice = applied once), tickets upsert by version, entries dedupe by id,
    // an event's requestId confirms (removes) the matching outbox item.
    // Stops before a seq gap (stoppedAtGap) so the cursor never skips one.
    StoreChange applyEvents(const QList<Event> &events);

    // ---- search ----------------------------------------------------------
    // Tickets whose subject, customer or thread text match every word of
    // `text` (prefix match). Empty text: empty result.
    QSet<TicketId> search(const QString &text, int limit = -1) const;   // -1: no limit

    // ---- drafts ----------------------------------------------------------
    QString draft(TicketId ticketId, const QString &mode) const;
    void saveDraft(TicketId ticketId, const QString &mode, const QString &body);   // empty body deletes

    // ---- outbox ----------------------------------------------------------
    // Writes the command (its requestId must be set) as Queued; durable on return.
    // `notBefore` valid: held until then (the undo window), see OutboxItem.
    OutboxItem insertOutboxItem(const Command &command, const QDateTime &notBefore = {});
    QList<OutboxItem> outboxItems() const;                    // creation order
    QList<OutboxItem> outboxItems(TicketId ticketId) const;   // creation order
    std::optional<OutboxItem> outboxItem(qint64 id) const;
    void updateOutboxItem(const OutboxItem &item);            // state, attempts, error, command
    void removeOutboxItem(qint64 id);
    // The server accepted `requestId`: stores its result and removes the item
    // in one transaction. A second confirmation (reply after event) is a no-op.
    StoreChange confirmCommand(const QString &requestId, const CommandResult &result);
    // A command whose answer carries no ticket (tenant- or operator-level):
    // it leaves the outbox; what it changed arrives with its event.
    StoreChange confirmCommand(const QString &requestId);

Q_SIGNALS:
    // Emitted after every committed write that changed something.
    void changed(const zeiko::StoreChange &change);

private:
    QSqlQuery &prepared(const QString &text) const;
    void upsertTicket(const Ticket &ticket, StoreChange &change);
    void insertEntry(const ThreadEntry &entry, StoreChange &change);
    void upsertHandoff(const Handoff &handoff);
    bool removeOutboxByRequestId(const QString &requestId, StoreChange &change);
    void deleteOutboxRow(qint64 id);   // the item and its targets (inside the caller's transaction)
    void setState(const QString &key, const QString &value);
    QString state(const QString &key) const;
    void notify(const StoreChange &change);

    QSqlDatabase m_database;
    QString m_connectionName;
    QString m_path;
    QString m_errorString;
    mutable sql::PreparedQueries m_queries;
};

} // namespace zeiko

Q_DECLARE_METATYPE(zeiko::StoreChange)
