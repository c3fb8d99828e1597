#include "store/local_store.h"

#include "domain/codecs.h"
#include "store/fts_query.h"
#include "store/migrations.h"
#include "store/store_error.h"
#include "sync/logging.h"

#include <QFileInfo>
#include <QSqlError>
#include <QSqlQuery>
#include <QUuid>

#include <algorithm>
#include <array>

namespace zeiko {

using namespace Qt::StringLiterals;

namespace {

QString ticketJson(const Ticket &ticket)
{
    return QString::fromUtf8(encode(ticket));
}

template<typename E> E enumOr(const QString &text, E fallback)
{
    return enumFromString<E>(text).value_or(fallback);
}

// The columns of a ticket row, spelled once: the SELECT, the upsert, its
// bindings and readRow() are all built from this list (the json column,
// written with them, is read only by ticket()).
enum RowColumn {
    ColId, ColNumber, ColSubject, ColCustomerName, ColCustomerEmail, ColSource, ColStatus, ColPriority,
    ColSlaState, ColOwnerMode, ColAssigneeKind, ColAssigneeId, ColAssigneeName, ColLastActivity, ColVersion,
    ColFirstResponseDue, ColNextResponseDue, ColResolutionDue, ColFirstResponded, ColJson,
    RowColumnCount = ColJson,   // what a TicketRow reads
    StoredColumnCount,          // what the upsert writes
};
constexpr std::array<const char *, StoredColumnCount> kColumnNames{
    "id", "number", "subject", "customer_name", "customer_email", "source", "status", "priority",
    "sla_state", "owner_mode", "assignee_kind", "assignee_id", "assignee_name", "last_activity", "version",
    "first_response_due", "next_response_due", "resolution_due", "first_responded", "json"};

QString columnList(int count, const char *format)
{
    const QString pattern = QString::fromLatin1(format);
    const bool named = pattern.contains(u"%1");   // "?" lists placeholders; arg() would warn
    QStringList parts;
    for (int column = 0; column < count; ++column)
        parts << (named ? pattern.arg(QLatin1String(kColumnNames[size_t(column)])) : pattern);
    return parts.join(u", ");
}

const QString selectRowColumns = u"SELECT "_s + columnList(RowColumnCount, "%1") + u" FROM tickets"_s;

// INSERT … ON CONFLICT(id) DO UPDATE of every stored column, bound by storedValues().
const QString upsertTicketSql = u"INSERT INTO tickets("_s + columnList(StoredColumnCount, "%1") + u") VALUES("_s
    + columnList(StoredColumnCount, "?") + u") ON CONFLICT(id) DO UPDATE SET "_s
    + columnList(StoredColumnCount, "%1 = excluded.%1").section(u", "_s, 1);   // all but id

TicketRow readRow(const QSqlQuery &q)
{
    TicketRow row;
    row.id = q.value(ColId).toLongLong();
    row.number = q.value(ColNumber).toLongLong();
    row.subject = q.value(ColSubject).toString();
    row.customerName = q.value(ColCustomerName).toString();
    row.customerEmail = q.value(ColCustomerEmail).toString();
    row.source = enumOr(q.value(ColSource).toString(), Source::Email);
    row.status = enumOr(q.value(ColStatus).toString(), TicketStatus::Open);
    row.priority = enumOr(q.value(ColPriority).toString(), Priority::Normal);
    row.slaState = enumOr(q.value(ColSlaState).toString(), SlaState::OnTrack);
    row.ownerMode = enumOr(q.value(ColOwnerMode).toString(), OwnerMode::Agent);
    if (!q.value(ColAssigneeKind).isNull()) {
        row.assignee = Assignee{enumOr(q.value(ColAssigneeKind).toString(), ActorKind::Operator),
                                q.value(ColAssigneeId).toString(), q.value(ColAssigneeName).toString()};
    }
    row.lastActivityMs = q.value(ColLastActivity).toLongLong();
    row.version = q.value(ColVersion).toLongLong();
    row.firstResponseDueMs = q.value(ColFirstResponseDue).toLongLong();   // NULL reads as 0: none
    row.nextResponseDueMs = q.value(ColNextResponseDue).toLongLong();
    row.resolutionDueMs = q.value(ColResolutionDue).toLongLong();
    row.firstRespondedMs = q.value(ColFirstResponded).toLongLong();
    return row;
}

QVariant msOrNull(const std::optional<QDateTime> &at)
{
    return at ? QVariant(at->toMSecsSinceEpoch()) : QVariant();
}

// The upsert's bindings, set by column (not by position in a list).
QVariantList storedValues(const Ticket &t)
{
    QVariantList v(StoredColumnCount);
    const QVariant nullText;   // SQL NULL
    v[ColId] = t.id;
    v[ColNumber] = t.number;
    v[ColSubject] = t.subject;
    v[ColCustomerName] = t.customer.name;
    v[ColCustomerEmail] = t.customer.email;
    v[ColSource] = toString(t.source);
    v[ColStatus] = toString(t.status);
    v[ColPriority] = toString(t.priority);
    v[ColSlaState] = toString(t.sla.state);
    v[ColOwnerMode] = toString(t.ownerMode);
    v[ColAssigneeKind] = t.assignee ? QVariant(toString(t.assignee->kind)) : nullText;
    v[ColAssigneeId] = t.assignee ? QVariant(t.assignee->id) : nullText;
    v[ColAssigneeName] = t.assignee ? QVariant(t.assignee->name) : nullText;
    v[ColLastActivity] = t.lastActivityAt.toMSecsSinceEpoch();
    v[ColVersion] = t.version;
    v[ColFirstResponseDue] = msOrNull(t.sla.firstResponseDue);
    v[ColNextResponseDue] = msOrNull(t.sla.nextResponseDue);
    v[ColResolutionDue] = msOrNull(t.sla.resolutionDue);
    v[ColFirstResponded] = msOrNull(t.sla.firstRespondedAt);
    v[ColJson] = ticketJson(t);
    return v;
}

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

TicketRow rowOf(const Ticket &t)
{
    TicketRow row;
    row.id = t.id;
    row.number = t.number;
    row.subject = t.subject;
    row.customerName = t.customer.name;
    row.customerEmail = t.customer.email;
    row.source = t.source;
    row.status = t.status;
    row.priority = t.priority;
    row.slaState = t.sla.state;
    row.ownerMode = t.ownerMode;
    row.assignee = t.assignee;
    row.lastActivityMs = t.lastActivityAt.toMSecsSinceEpoch();
    row.version = t.version;
    auto ms = [](const std::optional<QDateTime> &at) { return at ? at->toMSecsSinceEpoch() : qint64(0); };
    row.firstResponseDueMs = ms(t.sla.firstResponseDue);
    row.nextResponseDueMs = ms(t.sla.nextResponseDue);
    row.resolutionDueMs = ms(t.sla.resolutionDue);
    row.firstRespondedMs = ms(t.sla.firstRespondedAt);
    return row;
}

std::optional<QDateTime> nextSlaDue(const TicketRow &row)
{
    if (row.status == TicketStatus::Closed || row.status == TicketStatus::Resolved)
        return std::nullopt;
    if (row.slaState == SlaState::Paused || row.slaState == SlaState::Met)
        return std::nullopt;
    qint64 due = 0;
    if (row.firstRespondedMs == 0 && row.firstResponseDueMs != 0)
        due = row.firstResponseDueMs;
    else if (row.nextResponseDueMs != 0)
        due = row.nextResponseDueMs;
    else
        due = row.resolutionDueMs;
    if (due == 0)
        return std::nullopt;
    return QDateTime::fromMSecsSinceEpoch(due, Qt::UTC);
}

LocalStore::LocalStore(QObject *parent)
    : QObject(parent)
{
    qRegisterMetaType<zeiko::StoreChange>();
}

LocalStore::~LocalStore()
{
    close();
}

int LocalStore::schemaVersion()
{
    return migrations::latestVersion();
}

bool LocalStore::open(const QString &path)
{
    close();
    m_path = path;
    m_errorString.clear();
    m_connectionName = u"zeiko-store-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_database = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_database.setDatabaseName(path);
    if (!m_database.open()) {
        m_errorString = tr("Could not open the local cache at %1: %2").arg(path, m_database.lastError().text());
        close();
        return false;
    }
    m_queries.reset(m_database);
    try {
        sql::runText(m_database, u"PRAGMA busy_timeout = 5000"_s);
        const int version = migrations::currentVersion(m_database);
        if (version < 0) {
            m_errorString = tr("The file %1 is not a Zeiko cache (or it is damaged).").arg(path);
            close();
            return false;
        }
        if (version > migrations::latestVersion()) {
            // Never wipe: the newer app that wrote it may hold unsent commands.
            m_errorString = tr("The local cache at %1 was written by a newer version of Zeiko "
                               "(schema %2; this version understands up to %3). Update Zeiko, or "
                               "move that file away to start with an empty cache.")
                                .arg(path)
                                .arg(version)
                                .arg(migrations::latestVersion());
            close();
            return false;
        }
        QSqlQuery journal(m_database);
        if (!journal.exec(u"PRAGMA journal_mode = WAL"_s) || !journal.next()
            || journal.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            qCWarning(lcStore) << "WAL journal mode unavailable for the local cache";
        }
        journal.finish();
        sql::runText(m_database, u"PRAGMA synchronous = FULL"_s);
        // A bigger page cache: 100,000 tickets plus their FTS index do not fit the default 2 MB.
        sql::runText(m_database, u"PRAGMA cache_size = -32768"_s);
        sql::runText(m_database, u"PRAGMA temp_store = MEMORY"_s);
        migrations::upgrade(m_database);
    } catch (const StoreError &error) {
        m_errorString = tr("Could not prepare the local cache at %1: %2").arg(path, error.userMessage());
        close();
        return false;
    }
    qCInfo(lcStore) << "opened local store" << QFileInfo(path).fileName();
    return true;
}

void LocalStore::close()
{
    m_queries.reset(QSqlDatabase());
    if (m_database.isValid()) {
        m_database.close();
        m_database = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_connectionName);
    }
}

QSqlQuery &LocalStore::prepared(const QString &text) const
{
    if (!m_database.isOpen())
        throw StoreError(tr("The local cache is not open."), u"not open"_s);
    return m_queries.get(text);
}

void LocalStore::notify(const StoreChange &change)
{
    if (!change.isEmpty())
        Q_EMIT changed(change);
}

// ---- sync state ------------------------------------------------------------

void LocalStore::setState(const QString &key, const QString &value)
{
    auto &q = prepared(u"INSERT INTO sync_state(key, value) VALUES(?, ?) "
                       u"ON CONFLICT(key) DO UPDATE SET value = excluded.value"_s);
    sql::run(q, {key, value});
}

QString LocalStore::state(const QString &key) const
{
    auto &q = prepared(u"SELECT value FROM sync_state WHERE key = ?"_s);
    sql::run(q, {key});
    const QString value = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return value;
}

Seq LocalStore::cursor() const
{
    return state(u"cursor"_s).toLongLong();
}

BootstrapState LocalStore::bootstrapState() const
{
    BootstrapState s;
    s.complete = state(u"bootstrap_complete"_s) == u"1"_s;
    s.snapshotSeq = state(u"bootstrap_seq"_s).toLongLong();
    s.nextPageCursor = state(u"bootstrap_next"_s);
    return s;
}

void LocalStore::resetBootstrap()
{
    sql::Transaction tx(m_database);
    setState(u"bootstrap_complete"_s, u"0"_s);
    setState(u"bootstrap_seq"_s, u"0"_s);
    setState(u"bootstrap_next"_s, QString());
    sql::runText(m_database, u"DELETE FROM thread_loaded"_s);
    tx.commit();
}

StoreChange LocalStore::applySnapshotPage(const SnapshotPage &page)
{
    StoreChange change;
    sql::Transaction tx(m_database);
    const BootstrapState before = bootstrapState();
    const Seq snapshotSeq = before.snapshotSeq > 0 ? before.snapshotSeq : page.seq;
    for (const Ticket &ticket : page.tickets)
        upsertTicket(ticket, change);
    setState(u"bootstrap_seq"_s, QString::number(snapshotSeq));
    setState(u"bootstrap_next"_s, page.nextCursor);
    if (page.nextCursor.isEmpty()) {
        setState(u"bootstrap_complete"_s, u"1"_s);
        setState(u"cursor"_s, QString::number(snapshotSeq));
    }
    tx.commit();
    change.cursor = cursor();
    notify(change);
    return change;
}

StoreChange LocalStore::applyEvents(const QList<Event> &events)
{
    StoreChange change;
    QList<Event> ordered = events;
    std::sort(ordered.begin(), ordered.end(), [](const Event &a, const Event &b) { return a.seq < b.seq; });
    sql::Transaction tx(m_database);
    Seq current = cursor();
    for (const Event &event : std::as_const(ordered)) {
        if (event.seq <= current)
            continue;   // delivered twice: applied once
        if (event.seq != current + 1) {
            change.stoppedAtGap = true;
            break;
        }
        if (event.ticket)
            upsertTicket(*event.ticket, change);
        if (event.entry)
            insertEntry(*event.entry, change);
        if (event.handoff)
            upsertHandoff(*event.handoff);
        if (!event.requestId.isEmpty() && removeOutboxByRequestId(event.requestId, change))
            change.confirmedRequestIds.append(event.requestId);
        current = event.seq;
        ++change.appliedEvents;
    }
    if (change.appliedEvents > 0)
        setState(u"cursor"_s, QString::number(current));
    tx.commit();
    change.cursor = current;
    notify(change);
    return change;
}

// ---- tickets ---------------------------------------------------------------

void LocalStore::upsertTicket(const Ticket &t, StoreChange &change)
{
    auto &existing = prepared(u"SELECT version FROM tickets WHERE id = ?"_s);
    sql::run(existing, {t.id});
    const bool exists = existing.next();
    const qint64 storedVersion = exists ? existing.value(0).toLongLong() : 0;
    existing.finish();
    if (exists && t.version < storedVersion)
        return;   // an older copy (snapshot page after a newer event): keep ours

    auto &upsert = prepared(upsertTicketSql);
    sql::run(upsert, storedValues(t));

    auto &ftsDelete = prepared(u"DELETE FROM ticket_fts WHERE rowid = ?"_s);
    sql::run(ftsDelete, {t.id});
    auto &ftsInsert = prepared(u"INSERT INTO ticket_fts(rowid, subject, customer) VALUES(?, ?, ?)"_s);
    sql::run(ftsInsert, {t.id, t.subject, t.customer.name + u' ' + t.customer.email});

    QList<TicketId> &list = exists ? change.updatedTickets : change.insertedTickets;
    if (!list.contains(t.id))
        list.append(t.id);
}

StoreChange LocalStore::upsertTickets(const QList<Ticket> &tickets)
{
    StoreChange change;
    sql::Transaction tx(m_database);
    for (const Ticket &ticket : tickets)
        upsertTicket(ticket, change);
    tx.commit();
    change.cursor = cursor();
    notify(change);
    return change;
}

std::optional<Ticket> LocalStore::ticket(TicketId id) const
{
    auto &q = prepared(u"SELECT json FROM tickets WHERE id = ?"_s);
    sql::run(q, {id});
    if (!q.next())
        return std::nullopt;
    const QByteArray json = q.value(0).toString().toUtf8();
    q.finish();
    try {
        return decode<Ticket>(json);
    } catch (const DecodeError &error) {
        qCWarning(lcStore) << "unreadable cached ticket" << id << error.field();
        return std::nullopt;
    }
}

std::optional<TicketRow> LocalStore::ticketRow(TicketId id) const
{
    auto &q = prepared(selectRowColumns + u" WHERE id = ?"_s);
    sql::run(q, {id});
    std::optional<TicketRow> row;
    if (q.next())
        row = readRow(q);
    q.finish();
    return row;
}

QList<TicketRow> LocalStore::ticketRows() const
{
    QList<TicketRow> rows;
    rows.reserve(ticketCount());
    auto &q = prepared(selectRowColumns + u" ORDER BY last_activity DESC, id DESC"_s);
    sql::run(q);
    while (q.next())
        rows.append(readRow(q));
    q.finish();
    return rows;
}

QList<TicketRow> LocalStore::ticketRows(const QList<TicketId> &ids) const
{
    QList<TicketRow> rows;
    rows.reserve(ids.size());
    for (TicketId id : ids) {
        if (auto row = ticketRow(id))
            rows.append(*row);
    }
    return rows;
}

qint64 LocalStore::ticketCount() const
{
    auto &q = prepared(u"SELECT COUNT(*) FROM tickets"_s);
    sql::run(q);
    const qint64 count = q.next() ? q.value(0).toLongLong() : 0;
    q.finish();
    return count;
}

// ---- threads ---------------------------------------------------------------

void LocalStore::insertEntry(const ThreadEntry &e, StoreChange &change)
{
    auto &insert = prepared(u"INSERT OR IGNORE INTO entries(id, ticket_id, request_id, json) VALUES(?, ?, ?, ?)"_s);
    sql::run(insert, {e.id, e.ticketId, e.requestId.isEmpty() ? QVariant() : QVariant(e.requestId),
                      QString::fromUtf8(encode(e))});
    if (insert.numRowsAffected() <= 0)
        return;   // already stored (event after reply, or twice)
    auto &fts = prepared(u"INSERT INTO entry_fts(rowid, body, ticket_id) VALUES(?, ?, ?)"_s);
    sql::run(fts, {e.id, e.body, e.ticketId});
    change.threadsChanged.insert(e.ticketId);
}

void LocalStore::upsertHandoff(const Handoff &h)
{
    auto &q = prepared(u"INSERT INTO handoffs(id, ticket_id, json) VALUES(?, ?, ?) "
                       u"ON CONFLICT(id) DO UPDATE SET ticket_id = excluded.ticket_id, json = excluded.json"_s);
    sql::run(q, {h.id, h.ticketId, QString::fromUtf8(encode(h))});
}

QList<ThreadEntry> LocalStore::entries(TicketId ticketId) const
{
    QList<ThreadEntry> list;
    auto &q = prepared(u"SELECT json FROM entries WHERE ticket_id = ? ORDER BY id"_s);
    sql::run(q, {ticketId});
    while (q.next()) {
        try {
            list.append(decode<ThreadEntry>(q.value(0).toString().toUtf8()));
        } catch (const DecodeError &error) {
            qCWarning(lcStore) << "unreadable cached entry of ticket" << ticketId << error.field();
        }
    }
    q.finish();
    return list;
}

std::optional<Handoff> LocalStore::handoffForTicket(TicketId ticketId) const
{
    auto &q = prepared(u"SELECT json FROM handoffs WHERE ticket_id = ? ORDER BY rowid DESC LIMIT 1"_s);
    sql::run(q, {ticketId});
    std::optional<Handoff> handoff;
    if (q.next()) {
        try {
            handoff = decode<Handoff>(q.value(0).toString().toUtf8());
        } catch (const DecodeError &) {
        }
    }
    q.finish();
    return handoff;
}

bool LocalStore::isThreadLoaded(TicketId ticketId) const
{
    auto &q = prepared(u"SELECT 1 FROM thread_loaded WHERE ticket_id = ?"_s);
    sql::run(q, {ticketId});
    const bool loaded = q.next();
    q.finish();
    return loaded;
}

StoreChange LocalStore::storeThread(const Ticket &ticket, const QList<ThreadEntry> &list,
                                    const std::optional<Handoff> &handoff)
{
    StoreChange change;
    sql::Transaction tx(m_database);
    upsertTicket(ticket, change);
    for (const ThreadEntry &entry : list)
        insertEntry(entry, change);
    if (handoff)
        upsertHandoff(*handoff);
    auto &loaded = prepared(u"INSERT INTO thread_loaded(ticket_id, loaded_at) VALUES(?, ?) "
                            u"ON CONFLICT(ticket_id) DO UPDATE SET loaded_at = excluded.loaded_at"_s);
    sql::run(loaded, {ticket.id, nowMs()});
    // Entries written by our own commands confirm them too (a reply lost in transit).
    for (const ThreadEntry &entry : list) {
        if (!entry.requestId.isEmpty() && removeOutboxByRequestId(entry.requestId, change))
            change.confirmedRequestIds.append(entry.requestId);
    }
    tx.commit();
    change.threadsChanged.insert(ticket.id);
    change.cursor = cursor();
    notify(change);
    return change;
}

void LocalStore::markViewed(TicketId ticketId)
{
    // Strictly increasing stamps: two views within one millisecond must
    // still order by when they happened, not by ticket id.
    auto &q = prepared(u"INSERT INTO recently_viewed(ticket_id, viewed_at) "
                       u"VALUES(?, MAX(?, COALESCE((SELECT MAX(viewed_at) FROM recently_viewed), 0) + 1)) "
                       u"ON CONFLICT(ticket_id) DO UPDATE SET viewed_at = excluded.viewed_at"_s);
    sql::run(q, {ticketId, nowMs()});
    StoreChange change;
    change.viewedTickets.insert(ticketId);
    change.cursor = cursor();
    notify(change);
}

QHash<TicketId, qint64> LocalStore::viewedAtMs() const
{
    QHash<TicketId, qint64> viewed;
    auto &q = prepared(u"SELECT ticket_id, viewed_at FROM recently_viewed"_s);
    sql::run(q);
    while (q.next())
        viewed.insert(q.value(0).toLongLong(), q.value(1).toLongLong());
    q.finish();
    return viewed;
}

QList<TicketId> LocalStore::uncachedWorkingSet(const QString &operatorId, int limit) const
{
    QList<TicketId> ids;
    auto &q = prepared(
        u"SELECT t.id FROM tickets t LEFT JOIN recently_viewed r ON r.ticket_id = t.id "
        u"WHERE t.id NOT IN (SELECT ticket_id FROM thread_loaded) AND ("
        u"  r.ticket_id IS NOT NULL"
        u"  OR (t.assignee_id = ? AND t.status != 'closed')"
        u"  OR (t.assignee_id IS NULL AND t.status IN ('open', 'waiting_on_team'))) "
        u"ORDER BY (r.ticket_id IS NOT NULL) DESC, r.viewed_at DESC, (t.assignee_id = ?) DESC, t.last_activity DESC "
        u"LIMIT ?"_s);
    sql::run(q, {operatorId, operatorId, limit});
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    return ids;
}

QList<TicketId> LocalStore::recentlyViewed(int limit) const
{
    QList<TicketId> ids;
    auto &q = prepared(u"SELECT ticket_id FROM recently_viewed ORDER BY viewed_at DESC, rowid DESC LIMIT ?"_s);
    sql::run(q, {limit});
    while (q.next())
        ids.append(q.value(0).toLongLong());
    q.finish();
    return ids;
}

// ---- search ----------------------------------------------------------------

QSet<TicketId> LocalStore::search(const QString &text, int limit) const
{
    QSet<TicketId> ids;
    const QString query = ftsQueryFor(text);
    if (query.isEmpty())
        return ids;
    // All words must match within one source: the ticket's own fields or
    // one entry. Simple, predictable, and fast on both FTS tables.
    auto &q = prepared(u"SELECT rowid FROM ticket_fts WHERE ticket_fts MATCH ? "
                       u"UNION SELECT ticket_id FROM entry_fts WHERE entry_fts MATCH ? LIMIT ?"_s);
    sql::run(q, {query, query, limit});
    while (q.next())
        ids.insert(q.value(0).toLongLong());
    q.finish();
    return ids;
}

} // namespace zeiko
