#pragma once
// The live handoff conversation linked to a ticket: what the customer and the
// AI agent said, the handoff's state, and a reply box that opens once the
// operator owns the conversation. Stays current from realtime events (through
// the store) and a periodic fallback refresh, as the seed asks.

#include "ui/console_session.h"
#include "ui/thread_model.h"
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
    bool canReply() const;

Q_SIGNALS:
    void replyRequested(zeiko::TicketId ticketId, const QString &body);
    void takeOverRequested(zeiko::TicketId ticketId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refreshState();
    void sendReply();

    ConsoleSession &m_session;
    TicketCache &m_tickets;
    TicketId m_ticketId;
    ThreadModel m_model;
    ThreadView *m_view = nullptr;
    QLabel *m_state = nullptr;
    QPlainTextEdit *m_reply = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_takeOver = nullptr;
    QTimer m_refresh;
};

} // namespace zeiko::ui
