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
    QString client;   // the client address (http::Request::client: behind a trusted proxy, the forwarded one)
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

// Failed sign-ins are counted per (account+email, client address) pair and
// per client address, in the database (so the limits hold across processes
// and restarts). The client address is the request's resolved one (behind a
// trusted proxy: from X-Forwarded-For). Nothing locks a named operator out:
// failures from one address never refuse the same operator from another.
// - From `delayAfter` failures of either counter, each attempt waits
//   `delay` first (as a due time in the hashing pool's queue: no thread
//   waits it out).
// - From `pairBackoffAfter` failures of the pair (`addressBackoffAfter` of
//   the address), attempts are refused with 429 + Retry-After until
//   `firstBackoff` after the newest failure, doubling with every further
//   failure (up to `maxBackoff`): once the wait is over, one more attempt is
//   evaluated, and a failure doubles the next wait.
// - An attempt is counted as a failure when it is admitted, in the same
//   transaction as the check (rows locked), so concurrent attempts cannot
//   exceed a limit; a success then clears the pair and takes its one count
//   back from the address. A counter with no failure for `forgetAfter`
//   starts again from 0.
struct ThrottlePolicy {
    int delayAfter = 5;
    std::chrono::milliseconds delay = std::chrono::seconds(1);
    int pairBackoffAfter = 10;
    int addressBackoffAfter = 30;
    std::chrono::milliseconds firstBackoff = std::chrono::minutes(1);
    std::chrono::milliseconds maxBackoff = std::chrono::hours(1);
    std::chrono::milliseconds forgetAfter = std::chrono::hours(24);
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
    // Checks the attempt against both counters and counts it, atomically;
    // returns the delay it waits first (0: none); throws 429 when refused.
    std::chrono::milliseconds admit(const QString &pairScope, const QString &addressScope, qint64 nowMs);
    SignInResult verifySignIn(const SignInAttempt &attempt, const QString &pairScope, const QString &addressScope);
    qint64 tokenNowMs() const;

    store::Database &m_db;
    ThrottlePolicy m_throttle;
    std::chrono::hours m_tokenLifetime;
    std::function<void(qint64)> m_onRevoked;
    std::function<qint64()> m_nowMs;
    HashingPool *m_hashing = nullptr;
};

} // namespace zeiko::service
