#include "sync/clock.h"

namespace zeiko {

namespace {

class SystemClock final : public Clock
{
public:
    QDateTime now() const override { return QDateTime::currentDateTimeUtc(); }
};

} // namespace

Clock &systemClock()
{
    static SystemClock clock;
    return clock;
}

FakeClock::FakeClock(QDateTime start, QObject *parent)
    : Clock(parent)
    , m_now(start.toUTC())
{
}

void FakeClock::advance(std::chrono::milliseconds by)
{
    set(m_now.addMSecs(by.count()));
}

void FakeClock::set(const QDateTime &now)
{
    m_now = now.toUTC();
    Q_EMIT jumped();
}

} // namespace zeiko
