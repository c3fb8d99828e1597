#pragma once
// Tenants, operators, tokens and sign-in attempts. Every function runs on
// the given connection (inside the caller's transaction when there is one).

#include "domain/types.h"

#include <QHash>
#include <QSqlDatabase>
#include <QStringList>

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

// Sign-in throttle counters, one row per scope (an account+email+address
// pair, or an address; see service::AuthService).
struct ThrottleCounter {
    int failures = 0;          // counted since the scope was last forgotten or cleared
    qint64 lastFailureMs = 0;  // when the newest was counted
};
// Inside a write transaction: makes sure each scope has a row and locks them
// (PostgreSQL: SELECT ... FOR UPDATE in scope order; SQLite's write
// transaction is exclusive already), so check-and-record cannot interleave.
QHash<QString, ThrottleCounter> lockThrottleCounters(QSqlDatabase &db, bool postgres, QStringList scopes);
void setThrottleCounter(QSqlDatabase &db, const QString &scope, const ThrottleCounter &counter);
void pruneThrottleCounters(QSqlDatabase &db, qint64 lastFailureBeforeMs);
void clearThrottleCounter(QSqlDatabase &db, const QString &scope);
// One count less (an admitted attempt that succeeded), never below 0.
void takeBackThrottleFailure(QSqlDatabase &db, const QString &scope);

} // namespace zeiko::store
