#include "store/migrations.h"

#include "domain/codecs.h"
#include "domain/decode_error.h"
#include "store/sql_support.h"
#include "sync/logging.h"

#include <QSqlQuery>

#include <array>

namespace zeiko::migrations {

namespace {

using namespace Qt::StringLiterals;

void createInitialSchema(const QSqlDatabase &db)
{
    // Indexed columns duplicate the fields the queue sorts and filters on;
    // `json` keeps the whole Ticket so nothing the server sends is lost.
    sql::runText(db, uR"(CREATE TABLE tickets (
        id INTEGER PRIMARY KEY,
        number INTEGER NOT NULL,
        subject TEXT NOT NULL,
        customer_name TEXT NOT NULL,
        customer_email TEXT NOT NULL,
        source TEXT NOT NULL,
        status TEXT NOT NULL,
        priority TEXT NOT NULL,
        sla_state TEXT NOT NULL,
        owner_mode TEXT NOT NULL,
        assignee_kind TEXT,
        assignee_id TEXT,
        assignee_name TEXT,
        last_activity INTEGER NOT NULL,
        version INTEGER NOT NULL,
        json TEXT NOT NULL))"_s);
    sql::runText(db, u"CREATE INDEX tickets_by_activity ON tickets(last_activity DESC)"_s);
    sql::runText(db, u"CREATE INDEX tickets_by_status ON tickets(status)"_s);
    sql::runText(db, u"CREATE INDEX tickets_by_assignee ON tickets(assignee_id)"_s);
    sql::runText(db, u"CREATE INDEX tickets_by_sla ON tickets(sla_state)"_s);
    sql::runText(db, u"CREATE INDEX tickets_by_priority ON tickets(priority)"_s);
    sql::runText(db, u"CREATE INDEX tickets_by_number ON tickets(number)"_s);

    sql::runText(db, uR"(CREATE TABLE entries (
        id INTEGER PRIMARY KEY,
        ticket_id INTEGER NOT NULL,
        request_id TEXT,
        json TEXT NOT NULL))"_s);
    sql::runText(db, u"CREATE INDEX entries_by_ticket ON entries(ticket_id, id)"_s);
    sql::runText(db, u"CREATE INDEX entries_by_request ON entries(request_id) WHERE request_id IS NOT NULL"_s);

    sql::runText(db, u"CREATE TABLE handoffs (id TEXT PRIMARY KEY, ticket_id INTEGER NOT NULL, json TEXT NOT NULL)"_s);
    sql::runText(db, u"CREATE INDEX handoffs_by_ticket ON handoffs(ticket_id)"_s);

    sql::runText(db, u"CREATE TABLE thread_loaded (ticket_id INTEGER PRIMARY KEY, loaded_at INTEGER NOT NULL)"_s);
    sql::runText(db, u"CREATE TABLE recently_viewed (ticket_id INTEGER PRIMARY KEY, viewed_at INTEGER NOT NULL)"_s);
    sql::runText(db, u"CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL)"_s);

    sql::runText(db, uR"(CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        request_id TEXT NOT NULL UNIQUE,
        ticket_id INTEGER NOT NULL,
        state INTEGER NOT NULL,
        command TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        error_code TEXT NOT NULL DEFAULT '',
        error_message TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        next_attempt_at INTEGER))"_s);
    sql::runText(db, u"CREATE INDEX outbox_by_ticket ON outbox(ticket_id, id)"_s);

    sql::runText(db, uR"(CREATE TABLE drafts (
        ticket_id INTEGER NOT NULL,
        mode TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (ticket_id, mode)))"_s);

    // Local search: one row per ticket (rowid = ticket id) and one per entry
    // (rowid = entry id). Entries never change, so they are indexed once.
    sql::runText(db, u"CREATE VIRTUAL TABLE ticket_fts USING fts5(subject, customer, tokenize = 'unicode61 remove_diacritics 2')"_s);
    sql::runText(db, u"CREATE VIRTUAL TABLE entry_fts USING fts5(body, ticket_id UNINDEXED, tokenize = 'unicode61 remove_diacritics 2')"_s);
}

// The queue shows SLA countdowns for every painted row, so the due dates
// become columns (read with the row) instead of a JSON decode per ticket.
void addSlaDueColumns(const QSqlDatabase &db)
{
    for (const char *column : {"first_response_due", "next_response_due", "resolution_due", "first_responded"})
        sql::runText(db, u"ALTER TABLE tickets ADD COLUMN %1 INTEGER"_s.arg(QLatin1String(column)));
    QSqlQuery read(db);
    read.setForwardOnly(true);
    read.prepare(u"SELECT id, json FROM tickets"_s);
    sql::run(read);
    QSqlQuery update(db);
    update.prepare(u"UPDATE tickets SET first_response_due = ?, next_response_due = ?, resolution_due = ?, "
                   u"first_responded = ? WHERE id = ?"_s);
    auto ms = [](const std::optional<QDateTime> &at) { return at ? QVariant(at->toMSecsSinceEpoch()) : QVariant(); };
    while (read.next()) {
        Sla sla;
        try {
            sla = decode<Ticket>(read.value(1).toByteArray()).sla;
        } catch (const DecodeError &) {
            continue;   // the next sync rewrites the row
        }
        sql::run(update, {ms(sla.firstResponseDue), ms(sla.nextResponseDue), ms(sla.resolutionDue),
                          ms(sla.firstRespondedAt), read.value(0)});
    }
}

// A sent reply is stored at once and held in the outbox until its undo
// window ends (so nothing issued later can overtake it); the hold is
// persisted so a crash inside the window keeps the reply. NULL: not held.
void addOutboxNotBefore(const QSqlDatabase &db)
{
    sql::runText(db, u"ALTER TABLE outbox ADD COLUMN not_before INTEGER"_s);
}

// A queued command names its targets (one ticket, several, the tenant, the
// operator; domain/command_targets.h). One row per target, so a ticket's
// view finds the commands that touch it, a merge included. outbox.ticket_id
// stays the command's first ticket (0: none). Rows queued before this step
// are about their one ticket: they get that target and replay unchanged.
void addOutboxTargets(const QSqlDatabase &db)
{
    sql::runText(db, uR"(CREATE TABLE outbox_targets (
        outbox_id INTEGER NOT NULL,
        kind TEXT NOT NULL,
        ticket_id INTEGER))"_s);   // NULL unless kind is 'ticket'
    sql::runText(db, u"CREATE INDEX outbox_targets_by_item ON outbox_targets(outbox_id)"_s);
    sql::runText(db, u"CREATE INDEX outbox_targets_by_ticket ON outbox_targets(ticket_id) WHERE ticket_id IS NOT NULL"_s);
    sql::runText(db, u"INSERT INTO outbox_targets(outbox_id, kind, ticket_id) SELECT id, 'ticket', ticket_id FROM outbox"_s);
}

using Step = void (*)(const QSqlDatabase &);
// Step i upgrades user_version i to i + 1. Append only; never edit a shipped step.
constexpr std::array<Step, 4> steps{{&createInitialSchema, &addSlaDueColumns, &addOutboxNotBefore, &addOutboxTargets}};

} // namespace

int latestVersion()
{
    return int(steps.size());
}

int currentVersion(const QSqlDatabase &database)
{
    QSqlQuery query(database);
    if (!query.exec(u"PRAGMA user_version"_s) || !query.next())
        return -1;
    return query.value(0).toInt();
}

void upgrade(const QSqlDatabase &database)
{
    for (int version = currentVersion(database); version < latestVersion(); ++version) {
        qCInfo(lcStore) << "migrating local store from schema" << version << "to" << version + 1;
        sql::Transaction transaction(database);
        steps[std::size_t(version)](database);
        sql::runText(database, u"PRAGMA user_version = %1"_s.arg(version + 1));
        transaction.commit();
    }
}

} // namespace zeiko::migrations
