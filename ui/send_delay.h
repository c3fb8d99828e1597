#pragma once
// The undo window between "send" and the outbox: a reply waits a few seconds
// (counting down) and can be taken back; only then does it become a durable
// command. One message waits at a time: sending another one, switching
// account or quitting commits the waiting one immediately.

#include "domain/types.h"

#include <QObject>
#include <QTimer>

#include <optional>

namespace zeiko::ui {

struct OutgoingMessage {
    TicketId ticketId = 0;
    CommandType type = CommandType::EmailReply;   // EmailReply or InternalNote
    QString body;
};

class SendDelay : public QObject
{
    Q_OBJECT
public:
    explicit SendDelay(QObject *parent = nullptr);

    void setDelaySeconds(int seconds) { m_delaySeconds = qMax(0, seconds); }
    int delaySeconds() const { return m_delaySeconds; }

    // Starts the countdown (0 s: ready() right away).
    void start(const OutgoingMessage &message);
    bool isWaiting() const { return m_waiting.has_value(); }
    int secondsLeft() const { return m_secondsLeft; }
    const std::optional<OutgoingMessage> &waiting() const { return m_waiting; }
    // Takes the waiting message back (nullopt when there is none).
    std::optional<OutgoingMessage> undo();
    // Sends the waiting message now.
    void commitNow();

Q_SIGNALS:
    void ready(const zeiko::ui::OutgoingMessage &message);
    void countdown(int secondsLeft);
    void finished();   // nothing waits any more (sent or undone)

private:
    void onTick();

    int m_delaySeconds = 5;
    int m_secondsLeft = 0;
    std::optional<OutgoingMessage> m_waiting;
    QTimer m_timer;
};

} // namespace zeiko::ui

Q_DECLARE_METATYPE(zeiko::ui::OutgoingMessage)
