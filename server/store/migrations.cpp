#include "store/migrations.h"

#include "channels/schema.h"
#include "domain/codecs.h"

#include "store/database.h"
#include "store/sql.h"

#include <QDateTime>
#include <QStringList>

#include <functional>

namespace zeiko::store {

namespace {

// One schema for both databases; the one dialect difference is spelled as
// a placeholder: {ID} is the auto-increment primary key column.
struct Migration {
    int version;
    QStringList statements;
    std::function<void(QSqlDatabase &)> backfill = {};   // data the statements cannot compute portably
};

// tickets.shopify_order_id from the stored order JSON (parsed by the shared
// codec, so both databases get the same answer without JSON SQL dialects).
void backfillShopifyOrderIds(QSqlDatabase &db)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT id, shopify_order FROM tickets WHERE shopify_order IS NOT NULL"));
    QList<std::pair<qlonglong, QString>> ids;
    while (q.next()) {
        try {
            const QString orderId = decode<ShopifyOrder>(q.value(1).toString().toUtf8()).orderId;
            if (!orderId.isEmpty())
                ids.append({q.value(0).toLongLong(), orderId});
        } catch (const std::exception &) {
            // unreadable context: no order id, as if it had none
        }
    }
    q.finish();
    for (const auto &[id, orderId] : ids)
        run(db, QStringLiteral("UPDATE tickets SET shopify_order_id = ? WHERE id = ?"), {orderId, id});
}

QList<Migration> migrations()
{
    return {
        {1,
         {
             QStringLiteral("CREATE TABLE tenants (id {ID}, slug TEXT NOT NULL UNIQUE, name TEXT NOT NULL, "
                            "created_at BIGINT NOT NULL)"),
             // The gapless per-tenant event counter: every write transaction
             // starts by incrementing this row, which also serialises writers.
             QStringLiteral("CREATE TABLE tenant_seq (tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id), "
                            "seq BIGINT NOT NULL)"),
             QStringLiteral("CREATE TABLE operators (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "email TEXT NOT NULL, display_name TEXT NOT NULL, role TEXT NOT NULL, "
                            "skills TEXT NOT NULL, max_open INTEGER NOT NULL, password_hash TEXT NOT NULL, "
                            "password_salt TEXT NOT NULL, password_iterations INTEGER NOT NULL, "
                            "created_at BIGINT NOT NULL, UNIQUE (tenant_id, email))"),
             QStringLiteral("CREATE TABLE tokens (token_hash TEXT PRIMARY KEY, "
                            "tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "operator_id BIGINT NOT NULL REFERENCES operators(id), created_at BIGINT NOT NULL, "
                            "expires_at BIGINT NOT NULL, revoked_at BIGINT)"),
             QStringLiteral("CREATE TABLE customers (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "name TEXT NOT NULL, email TEXT NOT NULL, created_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX customers_by_email ON customers (tenant_id, email)"),
             QStringLiteral("CREATE TABLE tickets (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "number BIGINT NOT NULL, ticket_key TEXT NOT NULL UNIQUE, subject TEXT NOT NULL, "
                            "customer_id BIGINT NOT NULL REFERENCES customers(id), source TEXT NOT NULL, "
                            "status TEXT NOT NULL, priority TEXT NOT NULL, assignee_kind TEXT, assignee_id TEXT, "
                            "assignee_name TEXT, owner_mode TEXT NOT NULL, sla_state TEXT NOT NULL, "
                            "first_response_due BIGINT, next_response_due BIGINT, resolution_due BIGINT, "
                            "first_responded_at BIGINT, sla_paused_at BIGINT, created_at BIGINT NOT NULL, "
                            "last_activity_at BIGINT NOT NULL, handoff_id BIGINT, shopify_order TEXT, csat INTEGER, "
                            "tags TEXT NOT NULL, version BIGINT NOT NULL, UNIQUE (tenant_id, number))"),
             QStringLiteral("CREATE INDEX tickets_by_activity ON tickets (tenant_id, last_activity_at, id)"),
             QStringLiteral("CREATE INDEX tickets_by_id ON tickets (tenant_id, id)"),
             QStringLiteral("CREATE TABLE entries (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "ticket_id BIGINT NOT NULL REFERENCES tickets(id), kind TEXT NOT NULL, "
                            "author_kind TEXT NOT NULL, author_id TEXT NOT NULL, author_name TEXT NOT NULL, "
                            "visibility TEXT NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL, "
                            "request_id TEXT, event_status TEXT)"),
             QStringLiteral("CREATE INDEX entries_by_ticket ON entries (ticket_id, id)"),
             QStringLiteral("CREATE TABLE handoffs (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "ticket_id BIGINT NOT NULL REFERENCES tickets(id), state TEXT NOT NULL, "
                            "assignee_kind TEXT, assignee_id TEXT, assignee_name TEXT, agent_id TEXT NOT NULL, "
                            "conversation_id TEXT NOT NULL, requested_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX handoffs_by_ticket ON handoffs (ticket_id)"),
             // The change log. payload is the whole Event as JSON, served as is.
             QStringLiteral("CREATE TABLE events (tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "seq BIGINT NOT NULL, type TEXT NOT NULL, ticket_id BIGINT NOT NULL, "
                            "payload TEXT NOT NULL, request_id TEXT, created_at BIGINT NOT NULL, "
                            "PRIMARY KEY (tenant_id, seq))"),
             QStringLiteral("CREATE TABLE idempotency (tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "idem_key TEXT NOT NULL, operator_id BIGINT NOT NULL, request_hash TEXT NOT NULL, "
                            "status INTEGER NOT NULL, response TEXT NOT NULL, created_at BIGINT NOT NULL, "
                            "PRIMARY KEY (tenant_id, idem_key))"),
             QStringLiteral("CREATE TABLE sign_in_attempts (id {ID}, scope TEXT NOT NULL, "
                            "attempted_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX sign_in_attempts_by_scope ON sign_in_attempts (scope, attempted_at)"),
         }},
        {2, channels::schemaV2Statements()},   // channels, routing, widget, SLA timer, mail queue
        {3,
         {
             // Handoffs that wait for capacity are routed later by their
             // topic (skill keywords), the longest waiting first (waiting
             // since a request nobody had room for, or since an operator
             // gave it back); NULL: not waiting for capacity.
             QStringLiteral("ALTER TABLE handoffs ADD COLUMN topic TEXT"),
             QStringLiteral("ALTER TABLE handoffs ADD COLUMN waiting_since BIGINT"),
             QStringLiteral("CREATE INDEX handoffs_waiting ON handoffs (state, tenant_id)"),
         }},
        {4,
         {
             // Shopify webhooks find a ticket by its order: an indexed column
             // instead of a LIKE over the order JSON.
             QStringLiteral("ALTER TABLE tickets ADD COLUMN shopify_order_id TEXT"),
             QStringLiteral("CREATE INDEX tickets_by_shopify_order ON tickets (tenant_id, shopify_order_id)"),
         },
         backfillShopifyOrderIds},
        {5,
         {
             // Why nothing may be emailed to a customer's address (a webhook
             // brought one that is not a mailbox); NULL: deliverable.
             QStringLiteral("ALTER TABLE customers ADD COLUMN email_problem TEXT"),
         }},
        {6,
         {
             // 1: the address is a visitor's claim (the widget), never matched
             // to the customer who owns it nor given their order context.
             QStringLiteral("ALTER TABLE customers ADD COLUMN email_unverified INTEGER NOT NULL DEFAULT 0"),
         }},
        {7,
         {
             // The AI agents' service tokens, per tenant (several live at once
             // for rotation); a token acts on its tenant's conversations only.
             QStringLiteral("CREATE TABLE agent_tokens (token_hash TEXT PRIMARY KEY, "
                            "tenant_id BIGINT NOT NULL REFERENCES tenants(id), label TEXT NOT NULL, "
                            "created_at BIGINT NOT NULL, revoked_at BIGINT)"),
             QStringLiteral("CREATE INDEX agent_tokens_by_tenant ON agent_tokens (tenant_id, label)"),
         }},
        {8,
         {
             // Shopify webhooks per tenant: the shop they must come from and
             // the secret(s) that sign them (the previous one while rotating).
             QStringLiteral("CREATE TABLE shopify_shops (tenant_id BIGINT PRIMARY KEY REFERENCES tenants(id), "
                            "shop_domain TEXT NOT NULL, webhook_secret TEXT NOT NULL, previous_webhook_secret TEXT, "
                            "updated_at BIGINT NOT NULL)"),
             // The newest signed version (updated_at) applied per topic and
             // Shopify object: replays and late retries are not applied.
             QStringLiteral("CREATE TABLE shopify_deliveries (tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "topic TEXT NOT NULL, object_key TEXT NOT NULL, version_ms BIGINT NOT NULL, "
                            "received_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, topic, object_key))"),
         }},
        {9,
         {
             // The sign-in throttle: one counter row per scope (an
             // account+email+address pair, or an address), locked while an
             // attempt is checked and recorded, so concurrent attempts cannot
             // all pass the check (one row per attempt could not be locked).
             QStringLiteral("CREATE TABLE sign_in_throttle (scope TEXT PRIMARY KEY, failures INTEGER NOT NULL, "
                            "last_failure_at BIGINT NOT NULL)"),
             QStringLiteral("CREATE INDEX sign_in_throttle_by_time ON sign_in_throttle (last_failure_at)"),
             QStringLiteral("DROP TABLE sign_in_attempts"),
         }},
        {10,
         {
             // Tenant-level events (handoff settings today): the log carries
             // events about no ticket, so ticket_id may be NULL. Rebuilt, as
             // SQLite cannot drop a NOT NULL in place; rows keep their seq.
             QStringLiteral("CREATE TABLE events_v10 (tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                            "seq BIGINT NOT NULL, type TEXT NOT NULL, ticket_id BIGINT, "
                            "payload TEXT NOT NULL, request_id TEXT, created_at BIGINT NOT NULL, "
                            "PRIMARY KEY (tenant_id, seq))"),
             QStringLiteral("INSERT INTO events_v10 (tenant_id, seq, type, ticket_id, payload, request_id, created_at) "
                            "SELECT tenant_id, seq, type, ticket_id, payload, request_id, created_at FROM events"),
             QStringLiteral("DROP TABLE events"),
             QStringLiteral("ALTER TABLE events_v10 RENAME TO events"),
         }},
    };
}

QString dialect(const Database &database, QString statement)
{
    return statement.replace(QStringLiteral("{ID}"), database.isSqlite()
                                                         ? QStringLiteral("INTEGER PRIMARY KEY AUTOINCREMENT")
                                                         : QStringLiteral("BIGSERIAL PRIMARY KEY"));
}

} // namespace

int currentSchemaVersion(QSqlDatabase &db)
{
    QSqlQuery query = run(db, QStringLiteral("SELECT MAX(version) FROM schema_migrations"));
    return query.next() && !query.value(0).isNull() ? query.value(0).toInt() : 0;
}

void runMigrations(Database &database, QSqlDatabase &db)
{
    run(db, QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, "
                           "applied_at BIGINT NOT NULL)"));
    if (database.isPostgres())
        run(db, QStringLiteral("SELECT pg_advisory_lock(7426001)"));
    try {
        for (const Migration &migration : migrations()) {
            database.write([&](QSqlDatabase &tx) {
                // Each step by its own record, not by the highest one: a step
                // whose record is missing runs (how the tests rebuild an old
                // database, whatever steps came later).
                if (run(tx, QStringLiteral("SELECT 1 FROM schema_migrations WHERE version = ?"), {migration.version}).next())
                    return;
                for (const QString &statement : migration.statements)
                    run(tx, dialect(database, statement));
                if (migration.backfill)
                    migration.backfill(tx);
                run(tx, QStringLiteral("INSERT INTO schema_migrations (version, applied_at) VALUES (?, ?)"),
                    {migration.version, QDateTime::currentMSecsSinceEpoch()});
            });
        }
    } catch (...) {
        if (database.isPostgres())
            run(db, QStringLiteral("SELECT pg_advisory_unlock(7426001)"));
        throw;
    }
    if (database.isPostgres())
        run(db, QStringLiteral("SELECT pg_advisory_unlock(7426001)"));
}

} // namespace zeiko::store
