#include "ui/handoff_dialog.h"

#include "ui/thread_view.h"

#include <QHBoxLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace zeiko::ui {

HandoffDialog::HandoffDialog(ConsoleSession &session, TicketCache &tickets, TicketId ticketId, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_tickets(tickets)
    , m_ticketId(ticketId)
    , m_model(session.store())
{
    setObjectName(QStringLiteral("handoffDialog"));
    setAccessibleName(tr("Handoff conversation"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("handoffState"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    m_model.setPublicOnly(true);
    m_model.setTicket(ticketId);
    m_view = new ThreadView(m_model, session.renderer(), this);
    m_view->setObjectName(QStringLiteral("handoffThread"));
    m_view->setAccessibleName(tr("Live conversation"));
    layout->addWidget(m_view, 1);
    m_reply = new QPlainTextEdit(this);
    m_reply->setObjectName(QStringLiteral("handoffReply"));
    m_reply->setAccessibleName(tr("Reply in the live conversation"));
    m_reply->setMaximumHeight(90);
    m_reply->setTabChangesFocus(true);
    m_reply->installEventFilter(this);
    layout->addWidget(m_reply);
    auto *row = new QHBoxLayout;
    m_takeOver = new QPushButton(tr("Take over"), this);
    m_takeOver->setObjectName(QStringLiteral("handoffTakeOver"));
    m_send = new QPushButton(tr("Send to customer (Ctrl+Enter)"), this);
    m_send->setObjectName(QStringLiteral("handoffSend"));
    row->addStretch(1);
    row->addWidget(m_takeOver);
    row->addWidget(m_send);
    layout->addLayout(row);
    connect(m_send, &QPushButton::clicked, this, &HandoffDialog::sendReply);
    connect(m_takeOver, &QPushButton::clicked, this, [this] { Q_EMIT takeOverRequested(m_ticketId); });
    connect(&m_tickets, &TicketCache::ticketChanged, this, [this](TicketId id) {
        if (id == m_ticketId)
            refreshState();
    });
    // The fallback refresh: even if a realtime event is delayed or missed.
    m_refresh.setInterval(10000);
    connect(&m_refresh, &QTimer::timeout, this, [this] { m_session.sync().openThread(m_ticketId); });
    m_refresh.start();
    m_session.sync().openThread(m_ticketId);
    resize(620, 640);
    refreshState();
}

bool HandoffDialog::canReply() const
{
    const Ticket *t = m_tickets.ticket(m_ticketId);
    return t && t->ownerMode == OwnerMode::Human && t->assignee && t->assignee->id == m_session.operatorId()
        && t->status != TicketStatus::Closed;
}

void HandoffDialog::refreshState()
{
    const Ticket *t = m_tickets.ticket(m_ticketId);
    setWindowTitle(t ? tr("Handoff conversation — #%1 %2").arg(t->number).arg(t->subject) : tr("Handoff conversation"));
    QString state;
    if (const auto handoff = m_tickets.handoff(m_ticketId)) {
        switch (handoff->state) {
        case HandoffState::Requested: state = tr("The AI agent asked for a human."); break;
        case HandoffState::Assigned:
            state = tr("Assigned to %1, not joined yet.").arg(handoff->assignee ? handoff->assignee->name : tr("someone"));
            break;
        case HandoffState::Active:
            state = tr("Live: %1 is in the conversation.").arg(handoff->assignee ? handoff->assignee->name : tr("a human"));
            break;
        case HandoffState::Resolved: state = tr("Resolved."); break;
        }
    } else {
        state = tr("Loading the handoff…");
    }
    const bool mine = canReply();
    state += u' ' + (mine ? tr("You own it: replies go to the customer.")
                          : tr("Take over the ticket to reply live."));
    m_state->setText(state);
    m_reply->setEnabled(mine);
    m_send->setEnabled(mine);
    m_takeOver->setVisible(!mine);
}

void HandoffDialog::sendReply()
{
    const QString body = m_reply->toPlainText();
    if (!canReply() || body.trimmed().isEmpty())
        return;
    Q_EMIT replyRequested(m_ticketId, body);
    m_reply->clear();
}

bool HandoffDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_reply && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if ((key->modifiers() & Qt::ControlModifier) && (key->key() == Qt::Key_Return || key->key() == Qt::Key_Enter)) {
            sendReply();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace zeiko::ui
