#include "store/idempotency_store.h"

#include "store/sql.h"

namespace zeiko::store {

std::optional<StoredResponse> findIdempotent(QSqlDatabase &db, qint64 tenantId, const QString &key)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT operator_id, request_hash, status, response FROM idempotency "
                                     "WHERE tenant_id = ? AND idem_key = ?"),
                      {tenantId, key});
    if (!q.next())
        return std::nullopt;
    return StoredResponse{q.value(0).toLongLong(), q.value(1).toString().toLatin1(), q.value(2).toInt(),
                          q.value(3).toString().toUtf8()};
}

void insertIdempotencyPlaceholder(QSqlDatabase &db, qint64 tenantId, const QString &key, qint64 operatorId,
                                  const QByteArray &requestHash, qint64 nowMs)
{
    run(db,
        QStringLiteral("INSERT INTO idempotency (tenant_id, idem_key, operator_id, request_hash, status, response, "
                       "created_at) VALUES (?, ?, ?, ?, 0, '', ?)"),
        {tenantId, key, operatorId, QString::fromLatin1(requestHash), nowMs});
}

void completeIdempotent(QSqlDatabase &db, qint64 tenantId, const QString &key, int status, const QByteArray &body)
{
    run(db, QStringLiteral("UPDATE idempotency SET status = ?, response = ? WHERE tenant_id = ? AND idem_key = ?"),
        {status, QString::fromUtf8(body), tenantId, key});
}

} // namespace zeiko::store
