#include "ui/send_delay.h"

namespace zeiko::ui {

SendDelay::SendDelay(QObject *parent)
    : QObject(parent)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &SendDelay::onTick);
}

void SendDelay::start(const OutgoingMessage &message)
{
    commitNow();
    if (m_delaySeconds == 0) {
        Q_EMIT ready(message);
        Q_EMIT finished();
        return;
    }
    m_waiting = message;
    m_secondsLeft = m_delaySeconds;
    m_timer.start();
    Q_EMIT countdown(m_secondsLeft);
}

void SendDelay::onTick()
{
    if (!m_waiting) {
        m_timer.stop();
        return;
    }
    --m_secondsLeft;
    if (m_secondsLeft <= 0)
        commitNow();
    else
        Q_EMIT countdown(m_secondsLeft);
}

std::optional<OutgoingMessage> SendDelay::undo()
{
    m_timer.stop();
    std::optional<OutgoingMessage> message = std::move(m_waiting);
    m_waiting.reset();
    m_secondsLeft = 0;
    if (message)
        Q_EMIT finished();
    return message;
}

void SendDelay::commitNow()
{
    m_timer.stop();
    if (!m_waiting)
        return;
    const OutgoingMessage message = *m_waiting;
    m_waiting.reset();
    m_secondsLeft = 0;
    Q_EMIT ready(message);
    Q_EMIT finished();
}

} // namespace zeiko::ui
