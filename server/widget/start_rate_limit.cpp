#include "widget/start_rate_limit.h"

#include <QMutexLocker>

namespace zeiko::widget {

std::optional<int> StartRateLimit::admit(const QString &address, qint64 nowMs)
{
    if (m_perMinute <= 0)
        return std::nullopt;
    const QMutexLocker lock(&m_mutex);
    if (m_starts.size() >= maxAddresses) {
        // Forget addresses whose window has passed; if all are fresh, start over
        // rather than grow without bound.
        for (auto it = m_starts.begin(); it != m_starts.end();)
            it = it->empty() || it->back() <= nowMs - windowMs ? m_starts.erase(it) : std::next(it);
        if (m_starts.size() >= maxAddresses)
            m_starts.clear();
    }
    std::deque<qint64> &starts = m_starts[address];
    while (!starts.empty() && starts.front() <= nowMs - windowMs)
        starts.pop_front();
    if (qsizetype(starts.size()) >= m_perMinute) {
        const qint64 waitMs = starts.front() + windowMs - nowMs;
        return int(std::max<qint64>(1, (waitMs + 999) / 1000));
    }
    starts.push_back(nowMs);
    return std::nullopt;
}

} // namespace zeiko::widget
