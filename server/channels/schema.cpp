#include "channels/schema.h"

namespace zeiko::channels {

QStringList schemaV2Statements()
{
    return {
        // The SLA state the timer last announced (at_risk / breached), so each
        // transition is emitted once, by one process.
        QStringLiteral("ALTER TABLE tickets ADD COLUMN sla_notified TEXT"),
        QStringLiteral("CREATE INDEX tickets_by_status ON tickets (status, tenant_id)"),
        // Handoff routing per AI agent. rr_last_operator is the round-robin
        // position; it lives in the database so it survives restarts and is
        // shared by every server process.
        QStringLiteral("CREATE TABLE handoff_settings (tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                       "agent_id TEXT NOT NULL, agent_name TEXT NOT NULL, strategy TEXT NOT NULL, "
                       "assignee_emails TEXT NOT NULL, max_open INTEGER NOT NULL, skill_keywords TEXT NOT NULL, "
                       "rr_last_operator BIGINT, updated_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, agent_id))"),
        // A live website-widget conversation and the ticket it feeds.
        // start_request_id: since the visitor-secret fix it holds
        // "<sha256 of the visitor's token hex>:<clientRequestId>" (the start's
        // dedupe key, scoped to one visitor); older rows hold the bare id,
        // which no new key can equal.
        QStringLiteral("CREATE TABLE widget_conversations (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                       "public_id TEXT NOT NULL UNIQUE, agent_id TEXT NOT NULL, "
                       "ticket_id BIGINT NOT NULL REFERENCES tickets(id), start_request_id TEXT NOT NULL, "
                       "csat_requested INTEGER NOT NULL, created_at BIGINT NOT NULL, "
                       "UNIQUE (tenant_id, start_request_id))"),
        QStringLiteral("CREATE INDEX widget_conversations_by_ticket ON widget_conversations (ticket_id)"),
        // Client request ids (widget retries, email Message-IDs) are looked up per ticket.
        QStringLiteral("CREATE INDEX entries_by_request ON entries (ticket_id, request_id)"),
        QStringLiteral("CREATE INDEX entries_by_kind ON entries (kind, id)"),
        // Webhook deliveries already handled (svix-id, X-Shopify-Webhook-Id).
        QStringLiteral("CREATE TABLE webhook_deliveries (delivery_id TEXT PRIMARY KEY, source TEXT NOT NULL, "
                       "outcome TEXT NOT NULL, received_at BIGINT NOT NULL)"),
        // Every Message-ID we sent or received per ticket: threads replies by
        // In-Reply-To/References and drops duplicate deliveries.
        QStringLiteral("CREATE TABLE email_messages (tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                       "message_id TEXT NOT NULL, ticket_id BIGINT NOT NULL, direction TEXT NOT NULL, "
                       "created_at BIGINT NOT NULL, PRIMARY KEY (tenant_id, message_id))"),
        QStringLiteral("CREATE INDEX email_messages_by_message ON email_messages (message_id)"),
        QStringLiteral("CREATE TABLE entry_attachments (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                       "entry_id BIGINT NOT NULL, filename TEXT NOT NULL, content_type TEXT NOT NULL, "
                       "size_bytes BIGINT, provider_id TEXT)"),
        // The durable outbound mail queue. idempotency_key is unique: a reply
        // is queued once, and the key goes to the provider with every attempt.
        QStringLiteral("CREATE TABLE mail_queue (id {ID}, tenant_id BIGINT NOT NULL REFERENCES tenants(id), "
                       "ticket_id BIGINT, entry_id BIGINT UNIQUE, kind TEXT NOT NULL, "
                       "idempotency_key TEXT NOT NULL UNIQUE, message TEXT NOT NULL, status TEXT NOT NULL, "
                       "attempts INTEGER NOT NULL, next_attempt_at BIGINT NOT NULL, claimed_until BIGINT, "
                       "provider_id TEXT, last_error TEXT, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL)"),
        QStringLiteral("CREATE INDEX mail_queue_due ON mail_queue (status, next_attempt_at)"),
        QStringLiteral("CREATE INDEX mail_queue_by_provider ON mail_queue (provider_id)"),
    };
}

} // namespace zeiko::channels
