#pragma once
// Where the console's own deadlines get "now" from (the outbox's undo
// windows and their countdown), so tests move time instead of sleeping.
//
// systemClock() is the wall clock (UTC). A FakeClock stands still until a
// test moves it; moving it emits jumped(), and everything that waits for a
// deadline re-checks at once (timers run on real time and cannot know).

#include <QDateTime>
#include <QObject>

#include <chrono>

namespace zeiko {

class Clock : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    virtual QDateTime now() const = 0;   // UTC

Q_SIGNALS:
    // Time moved other than by running: deadlines must be re-checked now.
    void jumped();
};

// The wall clock; one for the whole process.
Clock &systemClock();

class FakeClock : public Clock
{
    Q_OBJECT
public:
    explicit FakeClock(QDateTime start = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC),
                       QObject *parent = nullptr);
    QDateTime now() const override { return m_now; }
    void advance(std::chrono::milliseconds by);
    void set(const QDateTime &now);

private:
    QDateTime m_now;
};

} // namespace zeiko
