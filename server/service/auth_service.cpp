#include "service/auth_service.h"

#include "service/hashing_pool.h"
#include "service/password_hasher.h"
#include "store/account_store.h"
#include "store/database.h"
#include "store/event_log.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <QLoggingCategory>

#include <stdexcept>

Q_LOGGING_CATEGORY(lcAuth, "zeiko.auth")

namespace zeiko::service {

namespace {

QString accountScope(const QString &account, const QString &email)
{
    return QStringLiteral("account:") + account.trimmed().toLower() + QLatin1Char('/') + email.trimmed().toLower();
}

QString peerScope(const QString &peer)
{
    return QStringLiteral("peer:") + peer;
}

QString newToken()
{
    quint32 words[8];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof(words))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

// The stored columns as the hasher reads them (see store::StoredOperator).
StoredPassword storedPassword(const store::StoredOperator &op)
{
    if (op.passwordIterations > 0)
        return {{}, QByteArray::fromHex(op.passwordHash.toLatin1()), QByteArray::fromHex(op.passwordSalt.toLatin1()),
                op.passwordIterations};
    return {op.passwordHash.toLatin1(), {}, {}, 0};
}

ServiceError wrongCredentials()
{
    return errors::unauthorized(QStringLiteral("Unknown account, email or password"));
}

} // namespace

AuthService::AuthService(store::Database &database, ThrottlePolicy throttle, std::chrono::hours tokenLifetime)
    : m_db(database)
    , m_throttle(throttle)
    , m_tokenLifetime(tokenLifetime)
{
}

qint64 AuthService::tokenNowMs() const
{
    return m_nowMs ? m_nowMs() : QDateTime::currentMSecsSinceEpoch();
}

QByteArray AuthService::tokenHash(const QByteArray &token)
{
    return QCryptographicHash::hash(token, QCryptographicHash::Sha256);
}

std::chrono::milliseconds AuthService::checkThrottle(const QStringList &scopes, qint64 nowMs)
{
    const qint64 windowMs = m_throttle.window.count();
    store::FailureWindow worst;
    m_db.read([&](QSqlDatabase &db) {
        for (const QString &scope : scopes) {
            const store::FailureWindow w = store::failedSignIns(db, scope, nowMs - windowMs);
            if (w.count > worst.count)
                worst = w;
        }
    });
    if (worst.count >= m_throttle.lockAfter) {
        qCInfo(lcAuth) << "sign-in refused after" << worst.count << "recent failures";
        ServiceError e(429, "too_many_attempts", QStringLiteral("Too many failed sign-ins; try again later"));
        e.retryAfterSeconds = int(std::max<qint64>(1, (worst.newestMs + windowMs - nowMs + 999) / 1000));
        throw e;
    }
    if (worst.count >= m_throttle.delayAfter) {
        qCInfo(lcAuth) << "sign-in delayed after" << worst.count << "recent failures";
        return m_throttle.delay;
    }
    return std::chrono::milliseconds(0);
}

void AuthService::signIn(const SignInAttempt &attempt, std::function<void(SignInOutcome)> done)
{
    if (!m_hashing)
        throw std::logic_error("AuthService::signIn needs a hashing pool");
    const QStringList scopes{accountScope(attempt.account, attempt.email), peerScope(attempt.client)};
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const std::chrono::milliseconds delay = checkThrottle(scopes, now);   // a refusal throws here
    // The delay is the job's due time in the pool's queue: no thread waits it out.
    m_hashing->post(
        [this, attempt, scopes, now, done] {
            SignInOutcome outcome = errors::unauthorized();
            try {
                outcome = verifySignIn(attempt, scopes, now);
            } catch (const ServiceError &e) {
                outcome = e;
            } catch (const std::exception &e) {
                qCWarning(lcAuth) << "sign-in failed:" << e.what();
                outcome = ServiceError(500, "internal_error", QStringLiteral("The server could not complete the request"));
            }
            done(std::move(outcome));
        },
        [done] { done(ServiceError(503, "service_unavailable", QStringLiteral("The server is shutting down"))); },
        HashingPool::Clock::now() + delay);
}

SignInResult AuthService::verifySignIn(const SignInAttempt &attempt, const QStringList &scopes, qint64 now)
{
    const QString &account = attempt.account;
    const QString &email = attempt.email;
    const QString &password = attempt.password;
    const auto found = m_db.read([&](QSqlDatabase &db) -> std::optional<std::pair<Tenant, store::StoredOperator>> {
        const auto tenant = store::findTenantBySlug(db, account.trimmed().toLower());
        if (!tenant)
            return std::nullopt;
        const auto op = store::findOperatorByEmail(db, tenant->id.toLongLong(), email.trimmed());
        if (!op)
            return std::nullopt;
        return std::make_pair(*tenant, *op);
    });
    bool ok = false;
    std::optional<QByteArray> rehashed;   // an old-format (or weaker) hash, replaced on success
    if (found) {
        const StoredPassword stored = storedPassword(found->second);
        ok = verifyPassword(password, stored);
        if (ok && needsRehash(stored))
            rehashed = hashPassword(password);   // before the transaction: hashing is the slow part
    } else {
        burnPasswordCheck(password);
    }

    if (!ok) {
        m_db.write([&](QSqlDatabase &db) {
            for (const QString &scope : scopes)
                store::recordFailedSignIn(db, scope, now);
            store::pruneFailedSignIns(db, now - m_throttle.window.count());
        });
        throw wrongCredentials();
    }

    const QString token = newToken();
    const qint64 issuedAt = tokenNowMs();
    const qint64 tenantId = found->first.id.toLongLong();
    const qint64 operatorId = found->second.op.id.toLongLong();
    const bool upgraded = m_db.write([&](QSqlDatabase &db) {
        store::clearFailedSignIns(db, scopes.first());
        store::insertToken(db, tokenHash(token.toLatin1()), tenantId, operatorId, issuedAt,
                           issuedAt + std::chrono::duration_cast<std::chrono::milliseconds>(m_tokenLifetime).count());
        return rehashed && store::replacePasswordHash(db, tenantId, operatorId, found->second.passwordHash, *rehashed);
    });
    if (upgraded)
        qCInfo(lcAuth) << "password hash of operator" << operatorId << "of tenant" << tenantId << "upgraded to Argon2id";
    return {token, found->second.op, found->first};
}

Session AuthService::authenticate(const QByteArray &token)
{
    if (token.isEmpty())
        throw errors::unauthorized();
    const auto owner = m_db.read([&](QSqlDatabase &db) {
        return store::findLiveToken(db, tokenHash(token), tokenNowMs());
    });
    if (!owner)
        throw errors::unauthorized(QStringLiteral("The token is unknown, expired or revoked; sign in again"));
    return {owner->tenant.id.toLongLong(), owner->tenant, owner->op.id.toLongLong(), owner->op};
}

void AuthService::signOut(const QByteArray &token)
{
    const QByteArray hash = tokenHash(token);
    const qint64 now = tokenNowMs();
    const std::optional<qint64> tenant = m_db.write([&](QSqlDatabase &db) -> std::optional<qint64> {
        const auto owner = store::findLiveToken(db, hash, now);
        store::revokeToken(db, hash, now);
        if (!owner)
            return std::nullopt;
        const qint64 tenantId = owner->tenant.id.toLongLong();
        store::notifyTokensRevoked(db, m_db.isPostgres(), tenantId);
        return tenantId;
    });
    // After the commit: a re-check now sees the token revoked.
    if (tenant && m_onRevoked)
        m_onRevoked(*tenant);
}

bool AuthService::isTokenLive(const QByteArray &hash)
{
    return m_db.read([&](QSqlDatabase &db) { return store::findLiveToken(db, hash, tokenNowMs()).has_value(); });
}

QList<Operator> AuthService::operators(const Session &session)
{
    return m_db.read([&](QSqlDatabase &db) { return store::listOperators(db, session.tenantId); });
}

Tenant AuthService::createTenant(const QString &slug, const QString &name)
{
    const QString clean = slug.trimmed().toLower();
    static const QRegularExpression valid(QStringLiteral("^[a-z0-9][a-z0-9-]{0,62}$"));
    if (!valid.match(clean).hasMatch())
        throw errors::invalidField(QStringLiteral("slug"), QStringLiteral("use lowercase letters, digits and dashes"));
    return m_db.write([&](QSqlDatabase &db) {
        if (store::findTenantBySlug(db, clean))
            throw ServiceError(409, "already_exists", QStringLiteral("Tenant \"%1\" already exists").arg(clean));
        return store::insertTenant(db, clean, name.isEmpty() ? clean : name);
    });
}

Operator AuthService::createOperator(const QString &tenantSlug, const NewOperatorInput &input)
{
    if (!input.email.contains(QLatin1Char('@')))
        throw errors::invalidField(QStringLiteral("email"), QStringLiteral("expected an email address"));
    if (input.password.size() < 8)
        throw errors::invalidField(QStringLiteral("password"), QStringLiteral("use at least 8 characters"));
    const QByteArray hash = hashPassword(input.password);
    return m_db.write([&](QSqlDatabase &db) {
        const auto tenant = store::findTenantBySlug(db, tenantSlug.trimmed().toLower());
        if (!tenant)
            throw errors::notFound(QStringLiteral("No tenant \"%1\"").arg(tenantSlug));
        if (store::findOperatorByEmail(db, tenant->id.toLongLong(), input.email.trimmed()))
            throw ServiceError(409, "already_exists", QStringLiteral("Operator %1 already exists").arg(input.email));
        store::NewOperator n{input.email.trimmed(), input.displayName, input.role, input.skills,
                             input.maxOpenAssignments, hash};
        return store::insertOperator(db, tenant->id.toLongLong(), n);
    });
}

} // namespace zeiko::service
