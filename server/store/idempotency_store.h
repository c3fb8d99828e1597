#pragma once
// Idempotency-Key -> (operator, request hash, stored response), unique per
// tenant and key. Read and written inside the command's own transaction,
// after the tenant's seq row is locked, so two requests with one key are
// serialised and only the first executes.

#include <QByteArray>
#include <QSqlDatabase>

#include <optional>

namespace zeiko::store {

struct StoredResponse {
    qint64 operatorId = 0;
    QByteArray requestHash;   // hex
    int status = 0;           // 0: placeholder (the command is running in this transaction)
    QByteArray body;
};

std::optional<StoredResponse> findIdempotent(QSqlDatabase &db, qint64 tenantId, const QString &key);
void insertIdempotencyPlaceholder(QSqlDatabase &db, qint64 tenantId, const QString &key, qint64 operatorId,
                                  const QByteArray &requestHash, qint64 nowMs);
void completeIdempotent(QSqlDatabase &db, qint64 tenantId, const QString &key, int status, const QByteArray &body);

} // namespace zeiko::store
