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

QString pairScope(const QString &account, const QString &email, const QString &client)
{
    return QStringLiteral("pair:") + account.trimmed().toLower() + QLatin1Char('/') + email.trimmed().toLower()
        + QLatin1Char('@') + client;
}

QString addressScope(const QString &client)
{
    return QStringLiteral("address:") + client;
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

std::chrono::milliseconds AuthService::admit(const QString &pair, const QString &address, qint64 nowMs)
{
    const ThrottlePolicy &p = m_throttle;
    struct Verdict {
        int failures = 0;        // the most of either counter before this attempt
        qint64 refusedUntil = 0; // > nowMs: refused
    };
    const Verdict verdict = m_db.write([&](QSqlDatabase &db) {
        auto counters = store::lockThrottleCounters(db, m_db.isPostgres(), {pair, address});
        Verdict v;
        for (auto it = counters.begin(); it != counters.end(); ++it) {
            store::ThrottleCounter &c = it.value();
            if (c.failures > 0 && nowMs - c.lastFailureMs >= p.forgetAfter.count())
                c = {};
            v.failures = std::max(v.failures, c.failures);
            const int backoffAfter = it.key() == pair ? p.pairBackoffAfter : p.addressBackoffAfter;
            if (c.failures >= backoffAfter) {
                const int doublings = std::min(c.failures - backoffAfter, 30);
                const qint64 wait = std::min<qint64>(p.maxBackoff.count(), p.firstBackoff.count() << doublings);
                v.refusedUntil = std::max(v.refusedUntil, c.lastFailureMs + wait);
            }
        }
        if (v.refusedUntil > nowMs)
            return v;   // refused: not counted
        // Admitted: counted as a failure now; a success takes it back.
        for (auto it = counters.begin(); it != counters.end(); ++it)
            store::setThrottleCounter(db, it.key(), {it.value().failures + 1, nowMs});
        return v;
    });
    if (verdict.refusedUntil > nowMs) {
        qCInfo(lcAuth) << "sign-in refused after" << verdict.failures << "failures";
        ServiceError e(429, "too_many_attempts", QStringLiteral("Too many failed sign-ins; try again later"));
        e.retryAfterSeconds = int(std::max<qint64>(1, (verdict.refusedUntil - nowMs + 999) / 1000));
        throw e;
    }
    if (verdict.failures >= p.delayAfter) {
        qCInfo(lcAuth) << "sign-in delayed after" << verdict.failures << "recent failures";
        return p.delay;
    }
    return std::chrono::milliseconds(0);
}

void AuthService::signIn(const SignInAttempt &attempt, std::function<void(SignInOutcome)> done)
{
    if (!m_hashing)
        throw std::logic_error("AuthService::signIn needs a hashing pool");
    const QString pair = pairScope(attempt.account, attempt.email, attempt.client);
    const QString address = addressScope(attempt.client);
    const std::chrono::milliseconds delay = admit(pair, address, tokenNowMs());   // a refusal throws here
    // The delay is the job's due time in the pool's queue: no thread waits it out.
    m_hashing->post(
        [this, attempt, pair, address, done] {
            SignInOutcome outcome = errors::unauthorized();
            try {
                outcome = verifySignIn(attempt, pair, address);
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

SignInResult AuthService::verifySignIn(const SignInAttempt &attempt, const QString &pair, const QString &address)
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
        // Already counted when admitted; counters long without a failure go.
        m_db.write([&](QSqlDatabase &db) {
            store::pruneThrottleCounters(db, tokenNowMs() - m_throttle.forgetAfter.count());
        });
        throw wrongCredentials();
    }

    const QString token = newToken();
    const qint64 issuedAt = tokenNowMs();
    const qint64 tenantId = found->first.id.toLongLong();
    const qint64 operatorId = found->second.op.id.toLongLong();
    const bool upgraded = m_db.write([&](QSqlDatabase &db) {
        store::clearThrottleCounter(db, pair);
        store::takeBackThrottleFailure(db, address);
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
