#pragma once
// The undo window of a sent message, as the composer shows it. The message
// is not kept here: send() stores it in the outbox at once, held until the
// window ends (Outbox::enqueueHeld), so nothing the operator issues later on
// that ticket can overtake it, and a crash inside the window keeps it. This
// follows the held item for the countdown and takes it back on undo
// (Outbox::withdraw); the outbox releases it when its time comes.
// One held send is shown at a time: sending another one, switching account
// or quitting releases the shown one at once (commitNow). 0 s: not held.

#include "domain/types.h"
#include "outbox/outbox.h"

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
    explicit SendDelay(Outbox &outbox, QObject *parent = nullptr);

    void setDelaySeconds(int seconds) { m_delaySeconds = qMax(0, seconds); }
    int delaySeconds() const { return m_delaySeconds; }

    // Queues the message, held for delaySeconds() (0: sent in its turn at
    // once). nullopt with `error` set when the store refused it.
    std::optional<OutboxItem> send(const OutgoingMessage &message, QString *error = nullptr);
    bool isWaiting() const { return m_waiting.has_value(); }
    int secondsLeft() const { return m_secondsLeft; }
    const std::optional<OutgoingMessage> &waiting() const { return m_waiting; }
    qint64 waitingItemId() const { return m_itemId; }
    // Withdraws the held message from the outbox (nullopt when there is none
    // or its window is over).
    std::optional<OutgoingMessage> undo();
    // Releases the held message now: it goes in its turn.
    void commitNow();

Q_SIGNALS:
    void countdown(int secondsLeft);
    void finished();   // nothing is held any more (released, sent or undone)

private:
    // Recomputes the countdown from the held item and the outbox's clock.
    void refresh();
    void forget();

    Outbox &m_outbox;
    int m_delaySeconds = 5;
    int m_secondsLeft = 0;
    std::optional<OutgoingMessage> m_waiting;
    qint64 m_itemId = 0;
    QTimer m_timer;   // repaints the countdown only; the outbox keeps the time
};

} // namespace zeiko::ui

Q_DECLARE_METATYPE(zeiko::ui::OutgoingMessage)
