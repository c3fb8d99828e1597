#pragma once
// Sign-in, bearer tokens, sign-out, sign-in throttling and the admin
// operations that create tenants and operators.

#include "service/service_error.h"

#include <chrono>
#include <functional>
#include <variant>

namespace zeiko::store {
class Database;
}

namespace zeiko::service {

struct SignInResult {
    QString token;   // shown once; only its SHA-256 is stored
    Operator op;
    Tenant tenant;
};

struct SignInAttempt {
    QString account;
    QString email;
    QString password;
    QString client;   // the caller's address (throttling)
};

// What a sign-in ends in: a token, or the refusal to answer with.
using SignInOutcome = std::variant<SignInResult, ServiceError>;

class HashingPool;

struct NewOperatorInput {
    QString email;
    QString displayName;
    QString password;
    OperatorRole role = OperatorRole::Operator;
    QStringList skills;
    int maxOpenAssignments = 0;
};

// Failed sign-ins are counted per account+email and per peer address in the
// database (so the limit holds across processes and restarts). From
// `delayAfter` failures within `window` each attempt waits `delay` first
// (as a due time in the hashing pool's queue: no thread waits it out);
// from `lockAfter` failures every attempt is refused (429 + Retry-After)
// until the window has passed since the newest failure.
struct ThrottlePolicy {
    int delayAfter = 5;
    int lockAfter = 10;
    std::chrono::milliseconds window = std::chrono::minutes(15);
    std::chrono::milliseconds delay = std::chrono::seconds(1);
};

class AuthService
{
public:
    AuthService(store::Database &database, ThrottlePolicy throttle,
                std::chrono::hours tokenLifetime = std::chrono::hours(24 * 30));

    // Signs in without holding the caller's thread: the throttle is checked
    // here (a refusal, 429, is thrown at once); the password is verified on
    // the hashing pool, after the throttle's delay when one applies, and
    // `done` gets the outcome on a pool thread (503 if the pool stops first).
    void signIn(const SignInAttempt &attempt, std::function<void(SignInOutcome)> done);
    // Where sign-ins hash (required by signIn; serve sets it before serving).
    void setHashingPool(HashingPool &pool) { m_hashing = &pool; }
    Session authenticate(const QByteArray &token);   // 401 when unknown, revoked or expired
    // Revokes the token; other processes hear of it by NOTIFY (PostgreSQL),
    // this one through the revocation listener.
    void signOut(const QByteArray &token);
    // The cheap re-check of an open stream: one indexed lookup of the hash.
    bool isTokenLive(const QByteArray &tokenHash);

    // Called after a token of `tenantId` was revoked (e.g. EventHub::recheckTokens).
    void setRevocationListener(std::function<void(qint64 tenantId)> listener) { m_onRevoked = std::move(listener); }
    // Where token issue and expiry times come from (ms since the epoch);
    // default: the system clock. serve uses the channels' clock, so a test
    // server (--test-clock) can let tokens expire. Set before serving.
    void setClock(std::function<qint64()> nowMs) { m_nowMs = std::move(nowMs); }
    QList<Operator> operators(const Session &session);

    Tenant createTenant(const QString &slug, const QString &name);
    Operator createOperator(const QString &tenantSlug, const NewOperatorInput &input);

    static QByteArray tokenHash(const QByteArray &token);

private:
    // The delay the attempt waits first (0: none); throws 429 when refused.
    std::chrono::milliseconds checkThrottle(const QStringList &scopes, qint64 nowMs);
    SignInResult verifySignIn(const SignInAttempt &attempt, const QStringList &scopes, qint64 now);
    qint64 tokenNowMs() const;

    store::Database &m_db;
    ThrottlePolicy m_throttle;
    std::chrono::hours m_tokenLifetime;
    std::function<void(qint64)> m_onRevoked;
    std::function<qint64()> m_nowMs;
    HashingPool *m_hashing = nullptr;
};

} // namespace zeiko::service
