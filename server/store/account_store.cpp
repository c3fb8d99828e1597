#include "store/account_store.h"

#include "store/sql.h"

namespace zeiko::store {

namespace {

Tenant tenantFrom(const QSqlQuery &q, int at = 0)
{
    return {QString::number(q.value(at).toLongLong()), q.value(at + 1).toString(), q.value(at + 2).toString()};
}

const QString operatorColumns = QStringLiteral(
    "o.id, o.email, o.display_name, o.role, o.skills, o.max_open, o.password_hash, o.password_salt, "
    "o.password_iterations, o.tenant_id");

Operator operatorFrom(const QSqlQuery &q, int at = 0)
{
    Operator op;
    op.id = QString::number(q.value(at).toLongLong());
    op.email = q.value(at + 1).toString();
    op.displayName = q.value(at + 2).toString();
    op.role = enumFromString<OperatorRole>(q.value(at + 3).toString()).value_or(OperatorRole::Operator);
    const QString skills = q.value(at + 4).toString();
    op.skills = skills.isEmpty() ? QStringList() : skills.split(QLatin1Char(','));
    op.maxOpenAssignments = q.value(at + 5).toInt();
    return op;
}

} // namespace

Tenant insertTenant(QSqlDatabase &db, const QString &slug, const QString &name)
{
    QSqlQuery q = runOne(db, QStringLiteral("INSERT INTO tenants (slug, name, created_at) VALUES (?, ?, ?) RETURNING id"),
                         {slug, name, QDateTime::currentMSecsSinceEpoch()});
    const qint64 id = q.value(0).toLongLong();
    q.finish();
    run(db, QStringLiteral("INSERT INTO tenant_seq (tenant_id, seq) VALUES (?, 0)"), {id});
    return {QString::number(id), slug, name};
}

std::optional<Tenant> findTenantBySlug(QSqlDatabase &db, const QString &slug)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT id, slug, name FROM tenants WHERE slug = ?"), {slug});
    if (!q.next())
        return std::nullopt;
    return tenantFrom(q);
}

std::optional<Tenant> findTenant(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT id, slug, name FROM tenants WHERE id = ?"), {tenantId});
    if (!q.next())
        return std::nullopt;
    return tenantFrom(q);
}

qint64 tenantCount(QSqlDatabase &db)
{
    return runOne(db, QStringLiteral("SELECT COUNT(*) FROM tenants")).value(0).toLongLong();
}

Operator insertOperator(QSqlDatabase &db, qint64 tenantId, const NewOperator &n)
{
    QSqlQuery q = runOne(db,
                         QStringLiteral("INSERT INTO operators (tenant_id, email, display_name, role, skills, max_open, "
                                        "password_hash, password_salt, password_iterations, created_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                         {tenantId, n.email.toLower(), text(n.displayName), toString(n.role), text(n.skills.join(QLatin1Char(','))),
                          n.maxOpenAssignments, QString::fromLatin1(n.passwordHash), text(QString()), 0,
                          QDateTime::currentMSecsSinceEpoch()});
    Operator op;
    op.id = QString::number(q.value(0).toLongLong());
    op.email = n.email.toLower();
    op.displayName = n.displayName;
    op.role = n.role;
    op.skills = n.skills;
    op.maxOpenAssignments = n.maxOpenAssignments;
    return op;
}

std::optional<StoredOperator> findOperatorByEmail(QSqlDatabase &db, qint64 tenantId, const QString &email)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT %1 FROM operators o WHERE o.tenant_id = ? AND o.email = ?").arg(operatorColumns),
                      {tenantId, email.toLower()});
    if (!q.next())
        return std::nullopt;
    StoredOperator s;
    s.op = operatorFrom(q);
    s.passwordHash = q.value(6).toString();
    s.passwordSalt = q.value(7).toString();
    s.passwordIterations = q.value(8).toInt();
    s.tenantId = q.value(9).toLongLong();
    return s;
}

std::optional<Operator> findOperator(QSqlDatabase &db, qint64 tenantId, qint64 operatorId)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT %1 FROM operators o WHERE o.tenant_id = ? AND o.id = ?").arg(operatorColumns),
                      {tenantId, operatorId});
    if (!q.next())
        return std::nullopt;
    return operatorFrom(q);
}

QList<Operator> listOperators(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT %1 FROM operators o WHERE o.tenant_id = ? ORDER BY o.id").arg(operatorColumns),
                      {tenantId});
    QList<Operator> list;
    while (q.next())
        list.append(operatorFrom(q));
    return list;
}

bool replacePasswordHash(QSqlDatabase &db, qint64 tenantId, qint64 operatorId, const QString &previousHash,
                         const QByteArray &argon2idHash)
{
    const QSqlQuery q = run(db,
                            QStringLiteral("UPDATE operators SET password_hash = ?, password_salt = '', "
                                           "password_iterations = 0 WHERE tenant_id = ? AND id = ? AND password_hash = ?"),
                            {QString::fromLatin1(argon2idHash), tenantId, operatorId, previousHash});
    return q.numRowsAffected() > 0;
}

void insertToken(QSqlDatabase &db, const QByteArray &tokenHash, qint64 tenantId, qint64 operatorId, qint64 nowMs,
                 qint64 expiresAtMs)
{
    run(db, QStringLiteral("INSERT INTO tokens (token_hash, tenant_id, operator_id, created_at, expires_at) "
                           "VALUES (?, ?, ?, ?, ?)"),
        {QString::fromLatin1(tokenHash.toHex()), tenantId, operatorId, nowMs, expiresAtMs});
}

std::optional<TokenOwner> findLiveToken(QSqlDatabase &db, const QByteArray &tokenHash, qint64 nowMs)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT t.id, t.slug, t.name, %1 FROM tokens k "
                                     "JOIN operators o ON o.id = k.operator_id AND o.tenant_id = k.tenant_id "
                                     "JOIN tenants t ON t.id = k.tenant_id "
                                     "WHERE k.token_hash = ? AND k.revoked_at IS NULL AND k.expires_at > ?")
                          .arg(operatorColumns),
                      {QString::fromLatin1(tokenHash.toHex()), nowMs});
    if (!q.next())
        return std::nullopt;
    return TokenOwner{tenantFrom(q), operatorFrom(q, 3)};
}

void revokeToken(QSqlDatabase &db, const QByteArray &tokenHash, qint64 nowMs)
{
    run(db, QStringLiteral("UPDATE tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL"),
        {nowMs, QString::fromLatin1(tokenHash.toHex())});
}

QHash<QString, ThrottleCounter> lockThrottleCounters(QSqlDatabase &db, bool postgres, QStringList scopes)
{
    scopes.sort();   // one lock order for every transaction: no deadlock
    scopes.removeDuplicates();
    QHash<QString, ThrottleCounter> counters;
    for (const QString &scope : scopes) {
        run(db, QStringLiteral("INSERT INTO sign_in_throttle (scope, failures, last_failure_at) VALUES (?, 0, 0) "
                               "ON CONFLICT (scope) DO NOTHING"),
            {scope});
        QSqlQuery q = runOne(db, QStringLiteral("SELECT failures, last_failure_at FROM sign_in_throttle WHERE scope = ?")
                                     + (postgres ? QStringLiteral(" FOR UPDATE") : QString()),
                             {scope});
        counters.insert(scope, {q.value(0).toInt(), q.value(1).toLongLong()});
    }
    return counters;
}

void setThrottleCounter(QSqlDatabase &db, const QString &scope, const ThrottleCounter &counter)
{
    run(db, QStringLiteral("UPDATE sign_in_throttle SET failures = ?, last_failure_at = ? WHERE scope = ?"),
        {counter.failures, counter.lastFailureMs, scope});
}

void clearThrottleCounter(QSqlDatabase &db, const QString &scope)
{
    run(db, QStringLiteral("DELETE FROM sign_in_throttle WHERE scope = ?"), {scope});
}

void takeBackThrottleFailure(QSqlDatabase &db, const QString &scope)
{
    run(db, QStringLiteral("UPDATE sign_in_throttle SET failures = failures - 1 WHERE scope = ? AND failures > 0"),
        {scope});
}

void pruneThrottleCounters(QSqlDatabase &db, qint64 lastFailureBeforeMs)
{
    run(db, QStringLiteral("DELETE FROM sign_in_throttle WHERE last_failure_at < ?"), {lastFailureBeforeMs});
}

} // namespace zeiko::store
