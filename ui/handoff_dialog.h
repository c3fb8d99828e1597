#pragma once
// The live handoff conversation linked to a ticket: what the customer and the
// AI agent said, the handoff's state, and a reply box that opens only while
// the signed-in operator owns the ACTIVE handoff (the server refuses anyone
// else with 409 not_handoff_owner). Replies are chat_reply commands through
// the outbox: shown at once as pending, never mailed. Stays current from
// realtime events (through the store) and a periodic fallback refresh.

#include "session/console_session.h"
#include "models/thread_model.h"
#include "ui/ticket_cache.h"

#include <QDialog>
#include <QTimer>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace zeiko::ui {

class ThreadView;

class HandoffDialog : public QDialog
{
    Q_OBJECT
public:
    HandoffDialog(ConsoleSession &session, TicketCache &tickets, TicketId ticketId, QWidget *parent = nullptr);
    TicketId ticketId() const { return m_ticketId; }
    // The operator owns the active handoff of an open ticket.
    bool canReply() const;
    // Why the reply box is closed (empty while canReply()).
    QString whyNoReply() const;
    // The server's reason for the newest refused live reply (empty if none).
    QString failureText() const;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshState();
    void sendReply();
    void takeOver();
    bool enqueue(Command command);

    ConsoleSession &m_session;
    TicketCache &m_tickets;
    TicketId m_ticketId;
    ThreadModel m_model;
    ThreadView *m_view = nullptr;
    QLabel *m_state = nullptr;
    QLabel *m_failure = nullptr;
    QPlainTextEdit *m_reply = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_takeOver = nullptr;
    QTimer m_refresh;
};

} // namespace zeiko::ui
