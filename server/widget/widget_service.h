#pragma once
// Website-widget conversations and the AI agents that run them.
//
// Visitor side (public, by conversation id — 128 random bits): start a
// conversation (creates its ticket), send messages, read the canonical
// history, rate the conversation once it is resolved (CSAT). Every visitor
// write carries a clientRequestId: a retried send returns the stored
// message instead of adding a second one — and a retry is recognised only
// among the same client's writes: a start by the visitor's secret
// (visitorToken), a message among the visitor's own messages.
//
// Agent side (a service token of the conversation's tenant: tokens are per
// tenant, created and revoked with `zeiko-server admin`; another tenant's
// conversation is 404): reply, request a human handoff, resolve.
// While a human owns the conversation (handoff requested/assigned/active or
// a human took over) agent replies are refused, so no automated queue or
// offline message lands on top of a human-owned thread.

#include "channels/clock.h"
#include "channels/json_result.h"
#include "channels/outbound_mail.h"
#include "channels/tenant_tx.h"
#include "service/command_pipeline.h"
#include "widget/start_rate_limit.h"

#include <memory>

namespace zeiko::service {
struct Session;
}

namespace zeiko::widget {

using channels::JsonResult;

class WidgetService
{
public:
    WidgetService(store::Database &database, channels::CommitNotifier notify, const channels::Clock &clock,
                  channels::MailSettings mail);

    // `clientAddress`: whom the per-address start limit counts (429 past it).
    JsonResult startConversation(const QString &accountSlug, const QByteArray &body, const QString &clientAddress);
    void setStartsPerMinute(int perMinute) { m_startLimit = std::make_unique<StartRateLimit>(perMinute); }
    JsonResult visitorMessage(const QString &conversationId, const QByteArray &body);
    JsonResult conversation(const QString &conversationId);
    JsonResult rate(const QString &conversationId, const QByteArray &body);

    // The tenant whose live agent token this is; nullopt: not one.
    std::optional<qint64> agentTenant(const QByteArray &token);
    JsonResult agentReply(qint64 agentTenantId, const QString &conversationId, const QByteArray &body);
    JsonResult agentHandoff(qint64 agentTenantId, const QString &conversationId, const QByteArray &body);
    JsonResult agentResolve(qint64 agentTenantId, const QString &conversationId, const QByteArray &body);

    // Operators (bearer session).
    JsonResult claimHandoff(const service::Session &session, const QString &handoffId);
    JsonResult resolveHandoff(const service::Session &session, const QString &handoffId);
    JsonResult listSettings(const service::Session &session);
    JsonResult getSettings(const service::Session &session, const QString &agentId);
    // A command through the CommandPipeline, evented as handoff_settings_updated;
    // `idempotencyKey` may be empty (the route predates keys).
    service::WriteResponse putSettings(const service::Session &session, const QString &agentId,
                                       const QString &idempotencyKey, const QByteArray &body);
    // POST /commands: the commands that name their targets (the tenant's today).
    service::WriteResponse executeCommand(const service::Session &session, const QString &idempotencyKey,
                                          const QByteArray &body);

private:
    struct ConversationRow {
        qint64 tenantId = 0;
        TicketId ticketId = 0;
        QString publicId;
        QString agentId;
        bool csatRequested = false;
    };
    ConversationRow findConversation(const QString &conversationId);
    // The conversation, if it belongs to the agent token's tenant (404 otherwise).
    ConversationRow findAgentConversation(qint64 agentTenantId, const QString &conversationId);
    QJsonObject conversationJson(QSqlDatabase &db, const ConversationRow &row);

    store::Database &m_db;
    channels::CommitNotifier m_notify;
    service::CommandPipeline m_commands;   // after m_notify: it wakes the streams and the dispatcher
    const channels::Clock &m_clock;
    channels::MailSettings m_mail;
    std::unique_ptr<StartRateLimit> m_startLimit = std::make_unique<StartRateLimit>(0);
};

} // namespace zeiko::widget
