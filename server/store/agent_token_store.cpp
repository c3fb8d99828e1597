#include "store/agent_token_store.h"

#include "store/sql.h"

namespace zeiko::store {

void insertAgentToken(QSqlDatabase &db, qint64 tenantId, const QByteArray &tokenHash, const QString &label, qint64 nowMs)
{
    run(db, QStringLiteral("INSERT INTO agent_tokens (token_hash, tenant_id, label, created_at) VALUES (?, ?, ?, ?)"),
        {QString::fromLatin1(tokenHash.toHex()), tenantId, label, nowMs});
}

int revokeAgentTokens(QSqlDatabase &db, qint64 tenantId, const QString &label, qint64 nowMs)
{
    QSqlQuery q = run(db,
                      QStringLiteral("UPDATE agent_tokens SET revoked_at = ? WHERE tenant_id = ? AND label = ? "
                                     "AND revoked_at IS NULL"),
                      {nowMs, tenantId, label});
    return q.numRowsAffected();
}

std::optional<qint64> tenantOfAgentToken(QSqlDatabase &db, const QByteArray &tokenHash)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT tenant_id FROM agent_tokens WHERE token_hash = ? AND revoked_at IS NULL"),
                      {QString::fromLatin1(tokenHash.toHex())});
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

QList<AgentTokenInfo> listAgentTokens(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT label, created_at, revoked_at FROM agent_tokens WHERE tenant_id = ? "
                                         "ORDER BY created_at, label"),
                      {tenantId});
    QList<AgentTokenInfo> out;
    while (q.next())
        out.append({q.value(0).toString(), q.value(1).toLongLong(),
                    q.value(2).isNull() ? std::nullopt : std::optional<qint64>(q.value(2).toLongLong())});
    return out;
}

} // namespace zeiko::store
