#pragma once
// The server's notion of "now" for channels, routing and the SLA timer.
// Real time plus an offset that only a test build of the API can move
// (serve --test-clock), so SLA transitions can be tested without waiting
// hours and without sleeping.

#include <QDateTime>

#include <atomic>
#include <functional>

namespace zeiko::channels {

class Clock
{
public:
    QDateTime now() const
    {
        return QDateTime::currentDateTimeUtc().addMSecs(m_offsetMs.load(std::memory_order_relaxed));
    }
    qint64 nowMs() const { return now().toMSecsSinceEpoch(); }

    // Moves time forward (never back: SLA states only move forward with time).
    void advance(qint64 ms)
    {
        if (ms > 0)
            m_offsetMs.fetch_add(ms);
        if (m_onAdvance)
            m_onAdvance();
    }
    qint64 offsetMs() const { return m_offsetMs.load(); }
    // Called after advance() (the SLA timer re-plans its next wake-up).
    void setOnAdvance(std::function<void()> callback) { m_onAdvance = std::move(callback); }

private:
    std::atomic<qint64> m_offsetMs{0};
    std::function<void()> m_onAdvance;
};

} // namespace zeiko::channels
