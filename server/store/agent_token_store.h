#pragma once
// The AI agents' service tokens: per tenant, several at once (rotation),
// each revocable. Only a SHA-256 of a token is stored.

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace zeiko::store {

struct AgentTokenInfo {
    QString label;
    qint64 createdAtMs = 0;
    std::optional<qint64> revokedAtMs;
};

void insertAgentToken(QSqlDatabase &db, qint64 tenantId, const QByteArray &tokenHash, const QString &label, qint64 nowMs);
// Revokes the tenant's live tokens with this label; returns how many.
int revokeAgentTokens(QSqlDatabase &db, qint64 tenantId, const QString &label, qint64 nowMs);
// The tenant whose live token has this hash.
std::optional<qint64> tenantOfAgentToken(QSqlDatabase &db, const QByteArray &tokenHash);
QList<AgentTokenInfo> listAgentTokens(QSqlDatabase &db, qint64 tenantId);

} // namespace zeiko::store
