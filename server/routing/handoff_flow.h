#pragma once
// The life of a live handoff, each step one TenantTx with its events:
// requested by an AI agent (routed by the agent's settings, team notified
// by email), claimed by an operator (first available: atomic, the first
// claim wins), resolved (the ticket is resolved and CSAT may be asked).

#include "channels/outbound_mail.h"
#include "channels/tenant_tx.h"
#include "service/command_rules.h"

namespace zeiko::routing {

struct HandoffOutcome {
    Ticket ticket;
    Handoff handoff;
    Seq seq = 0;
    bool created = false;   // false: the ticket already had an open handoff
};

struct HandoffRequest {
    QString agentId;
    QString agentName;
    QString reason;
    QString topic;          // text the skill keywords are matched against
    QString requestId;
    QString conversationId; // the widget conversation's public id (the console opens it)
};

HandoffOutcome requestHandoff(channels::TenantTx &tx, const Ticket &ticket, const HandoffRequest &request,
                              const channels::MailSettings &mail, const QDateTime &now);

// Handoffs waiting unassigned because everyone eligible was full: the
// round-robin ones that someone has capacity for now are assigned, oldest
// first (each with its events and a notification). Inside the tenant's
// transaction, so two processes never assign one handoff twice. Returns how many.
int routeWaitingHandoffs(channels::TenantTx &tx, const channels::MailSettings &mail, const QDateTime &now);
// Read-only: would routeWaitingHandoffs assign anything? (Saves a write transaction.)
bool hasRoutableWaitingHandoff(QSqlDatabase &db, qint64 tenantId, qint64 nowMs);
QList<qint64> tenantsWithWaitingHandoffs(QSqlDatabase &db);

// The server's data for the claim rule (service::requireClaimable): the
// agent's handoff team, op's capacity and open handoffs. Also what
// take_over is checked against (wired into TicketService by the app).
service::ClaimLimits claimLimits(QSqlDatabase &db, qint64 tenantId, const Handoff &handoff, const Operator &op);

// 404 unknown handoff; 409 already_claimed / handoff_resolved / at_capacity; 403 not on the agent's team.
HandoffOutcome claimHandoff(channels::TenantTx &tx, const QString &handoffId, const Operator &op, const QDateTime &now);

// Resolves the handoff (if open) and the ticket (unless closed). `byName` is
// who resolved it (an operator's or the agent's name).
HandoffOutcome resolveHandoff(channels::TenantTx &tx, const Ticket &ticket, const Actor &by, const QDateTime &now,
                              const QString &requestId);

} // namespace zeiko::routing
