#include "ui/send_delay.h"

#include "store/store_error.h"

#include <cmath>

namespace zeiko::ui {

SendDelay::SendDelay(Outbox &outbox, QObject *parent)
    : QObject(parent)
    , m_outbox(outbox)
{
    m_timer.setInterval(250);
    connect(&m_timer, &QTimer::timeout, this, &SendDelay::refresh);
    connect(&m_outbox.clock(), &Clock::jumped, this, &SendDelay::refresh);
}

std::optional<OutboxItem> SendDelay::send(const OutgoingMessage &message, QString *error)
{
    commitNow();
    Command command;
    command.type = message.type;
    command.ticketId = message.ticketId;
    command.body = message.body;
    std::optional<OutboxItem> item =
        m_outbox.enqueueHeld(command, std::chrono::seconds(m_delaySeconds), error);
    if (!item || !item->notBefore.isValid())
        return item;
    m_waiting = message;
    m_itemId = item->id;
    m_secondsLeft = -1;
    m_timer.start();
    refresh();
    return item;
}

void SendDelay::refresh()
{
    if (!m_waiting)
        return;
    std::optional<OutboxItem> item;
    try {
        item = m_outbox.item(m_itemId);
    } catch (const StoreError &) {
        return;   // unreadable now: the next tick tries again
    }
    const QDateTime now = m_outbox.clock().now();
    if (!item || !isHeld(*item, now)) {
        // Released (its time came, a restart) or gone (discarded, withdrawn elsewhere).
        forget();
        Q_EMIT finished();
        return;
    }
    const int left = int(std::ceil(double(now.msecsTo(item->notBefore)) / 1000.0));
    if (left != m_secondsLeft) {
        m_secondsLeft = left;
        Q_EMIT countdown(left);
    }
}

void SendDelay::forget()
{
    m_timer.stop();
    m_waiting.reset();
    m_itemId = 0;
    m_secondsLeft = 0;
}

std::optional<OutgoingMessage> SendDelay::undo()
{
    if (!m_waiting)
        return std::nullopt;
    const std::optional<OutboxItem> withdrawn = m_outbox.withdraw(m_itemId);
    std::optional<OutgoingMessage> message;
    if (withdrawn)
        message = OutgoingMessage{withdrawn->command.ticketId, withdrawn->command.type, withdrawn->command.body};
    forget();
    Q_EMIT finished();
    return message;
}

void SendDelay::commitNow()
{
    if (!m_waiting)
        return;
    m_outbox.release(m_itemId);
    forget();
    Q_EMIT finished();
}

} // namespace zeiko::ui
