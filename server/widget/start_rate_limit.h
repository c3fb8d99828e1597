#pragma once
// How many widget conversations one client address may start per minute
// (security review finding 12: 40 tickets in 0.5 s from one address).
// Starting a conversation is public and creates a ticket, so it is limited
// per address over a sliding 60-second window; past the limit the caller is
// told when to come back (429 + Retry-After). Per server process: several
// processes behind a balancer each allow the limit. Time comes from the
// caller (the server's clock, which tests move).

#include <QHash>
#include <QMutex>
#include <QString>

#include <deque>
#include <optional>

namespace zeiko::widget {

class StartRateLimit
{
public:
    // perMinute 0: unlimited.
    explicit StartRateLimit(int perMinute) : m_perMinute(perMinute) {}

    // Records a start from `address` at nowMs when it is within the limit
    // (nullopt); otherwise the seconds until the next start is allowed.
    std::optional<int> admit(const QString &address, qint64 nowMs);

private:
    static constexpr qint64 windowMs = 60'000;
    static constexpr qsizetype maxAddresses = 100'000;   // memory bound under a spray of addresses

    const int m_perMinute;
    QMutex m_mutex;
    QHash<QString, std::deque<qint64>> m_starts;   // per address, oldest first, within the window
};

} // namespace zeiko::widget
