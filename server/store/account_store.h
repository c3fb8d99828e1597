#pragma once
// Tenants, operators, tokens and sign-in attempts. Every function runs on
// the given connection (inside the caller's transaction when there is one).

#include "domain/types.h"

#include <QSqlDatabase>

#include <optional>

namespace zeiko::store {

// The password columns as stored (service/password_hasher.h reads them):
// an Argon2id string in passwordHash with no salt and 0 iterations, or a
// legacy PBKDF2 key and salt (hex) with their iteration count.
struct StoredOperator {
    qint64 tenantId = 0;
    Operator op;
    QString passwordHash;
    QString passwordSalt;
    int passwordIterations = 0;
};

struct NewOperator {
    QString email;
    QString displayName;
    OperatorRole role = OperatorRole::Operator;
    QStringList skills;
    int maxOpenAssignments = 0;
    QByteArray passwordHash;   // the Argon2id string
};

struct TokenOwner {
    Tenant tenant;
    Operator op;
};

// Tenants
Tenant insertTenant(QSqlDatabase &db, const QString &slug, const QString &name);   // also its seq row
std::optional<Tenant> findTenantBySlug(QSqlDatabase &db, const QString &slug);
std::optional<Tenant> findTenant(QSqlDatabase &db, qint64 tenantId);
qint64 tenantCount(QSqlDatabase &db);

// Operators
Operator insertOperator(QSqlDatabase &db, qint64 tenantId, const NewOperator &op);
std::optional<StoredOperator> findOperatorByEmail(QSqlDatabase &db, qint64 tenantId, const QString &email);
std::optional<Operator> findOperator(QSqlDatabase &db, qint64 tenantId, qint64 operatorId);
QList<Operator> listOperators(QSqlDatabase &db, qint64 tenantId);
// Replaces the operator's password hash with an Argon2id string, only if it
// is still `previousHash` (a password changed meanwhile is kept). True when replaced.
bool replacePasswordHash(QSqlDatabase &db, qint64 tenantId, qint64 operatorId, const QString &previousHash,
                         const QByteArray &argon2idHash);

// Tokens (only the SHA-256 of a token is ever stored)
void insertToken(QSqlDatabase &db, const QByteArray &tokenHash, qint64 tenantId, qint64 operatorId,
                 qint64 nowMs, qint64 expiresAtMs);
std::optional<TokenOwner> findLiveToken(QSqlDatabase &db, const QByteArray &tokenHash, qint64 nowMs);
void revokeToken(QSqlDatabase &db, const QByteArray &tokenHash, qint64 nowMs);

// Failed sign-ins, by scope ("account:<slug>/<email>" or "peer:<address>")
void recordFailedSignIn(QSqlDatabase &db, const QString &scope, qint64 nowMs);
struct FailureWindow {
    int count = 0;        // failures since the window start
    qint64 newestMs = 0;  // when the newest was
};
FailureWindow failedSignIns(QSqlDatabase &db, const QString &scope, qint64 sinceMs);
void clearFailedSignIns(QSqlDatabase &db, const QString &scope);
void pruneFailedSignIns(QSqlDatabase &db, qint64 olderThanMs);

} // namespace zeiko::store
