#include "ui/handoff_dialog.h"

#include "domain/ticket_rules.h"
#include "store/store_error.h"
#include "ui/action_table.h"
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
    , m_model(session.store(), ticketId)
{
    setObjectName(QStringLiteral("handoffDialog"));
    setAccessibleName(tr("Handoff conversation"));
    setAttribute(Qt::WA_DeleteOnClose);
    auto *layout = new QVBoxLayout(this);
    m_state = new QLabel(this);
    m_state->setObjectName(QStringLiteral("handoffState"));
    m_state->setWordWrap(true);
    layout->addWidget(m_state);
    m_model.setCustomerVisibleOnly(true);
    m_view = new ThreadView(m_model, session.renderer(), this);
    m_view->setObjectName(QStringLiteral("handoffThread"));
    m_view->setAccessibleName(tr("Live conversation"));
    layout->addWidget(m_view, 1);
    m_failure = new QLabel(this);
    m_failure->setObjectName(QStringLiteral("handoffFailure"));
    m_failure->setWordWrap(true);
    m_failure->setTextFormat(Qt::PlainText);
    m_failure->setForegroundRole(QPalette::BrightText);
    m_failure->setAutoFillBackground(true);
    QPalette failurePalette = m_failure->palette();
    failurePalette.setColor(QPalette::Window, QColor(0xb0, 0x00, 0x20));
    failurePalette.setColor(QPalette::BrightText, Qt::white);
    m_failure->setPalette(failurePalette);
    m_failure->setContentsMargins(6, 4, 6, 4);
    m_failure->hide();
    layout->addWidget(m_failure);
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
    m_send = new QPushButton(tr("Send in the live chat (Ctrl+Enter)"), this);
    m_send->setObjectName(QStringLiteral("handoffSend"));
    row->addStretch(1);
    row->addWidget(m_takeOver);
    row->addWidget(m_send);
    layout->addLayout(row);
    connect(m_send, &QPushButton::clicked, this, &HandoffDialog::sendReply);
    connect(m_takeOver, &QPushButton::clicked, this, &HandoffDialog::takeOver);
    connect(&m_tickets, &TicketCache::ticketChanged, this, [this](TicketId id) {
        if (id == m_ticketId)
            refreshState();
    });
    // The outbox changes (a reply queued, refused, retried, discarded) decide
    // what the failure banner says.
    connect(&m_session.store(), &LocalStore::changed, this, [this](const StoreChange &change) {
        if (change.outboxChanged.contains(m_ticketId))
            refreshState();
    });
    // The fallback refresh: even if a realtime event is delayed or missed.
    m_refresh.setInterval(10000);
    connect(&m_refresh, &QTimer::timeout, this, [this] { m_session.sync().openThread(m_ticketId); });
    m_refresh.start();
    m_session.sync().openThread(m_ticketId);
    resize(620, 640);
    refreshState();
    // Opened to answer: the keyboard starts in the reply box when the chat is the operator's.
    if (canReply())
        m_reply->setFocus(Qt::OtherFocusReason);
}

bool HandoffDialog::canReply() const
{
    return whyNoReply().isEmpty();
}

QString HandoffDialog::whyNoReply() const
{
    const Ticket *t = m_tickets.ticket(m_ticketId);
    if (!t)
        return tr("The ticket is not in the local copy yet.");
    const std::optional<Handoff> handoff = m_tickets.handoff(m_ticketId);
    if (!handoff && t->status != TicketStatus::Closed)
        return tr("Loading the handoff…");
    // Whether a live reply may be sent is the rules' to say (as the server will).
    Command reply;
    reply.type = CommandType::ChatReply;
    const rules::Outcome outcome =
        rules::apply(rules::ticketFacts(*t, handoff), reply, rules::actorFacts(m_session.identity().self));
    if (!std::holds_alternative<rules::Refusal>(outcome))
        return {};
    // Refused: say why in this window's words.
    if (t->status == TicketStatus::Closed || !handoff)
        return tr("The ticket is closed: the live conversation is over.");
    switch (handoff->state) {
    case HandoffState::Requested:
    case HandoffState::Assigned:
        return tr("Nobody has joined the conversation yet: take it over to reply live.");
    case HandoffState::Resolved:
        return tr("The handoff is resolved: the live conversation is over. Reply from the ticket instead.");
    case HandoffState::Active: break;
    }
    const QString owner = handoff->assignee ? handoff->assignee->name : tr("another operator");
    return tr("%1 owns the live conversation: only they can reply. Assign the ticket to yourself to reply.").arg(owner);
}

QString HandoffDialog::failureText() const
{
    return m_failure->isHidden() ? QString() : m_failure->text();
}

void HandoffDialog::refreshState()
{
    const Ticket *t = m_tickets.ticket(m_ticketId);
    setWindowTitle(t ? tr("Handoff conversation — #%1 %2").arg(t->number).arg(t->subject) : tr("Handoff conversation"));
    const std::optional<Handoff> handoff = m_tickets.handoff(m_ticketId);
    QString state;
    if (handoff) {
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
    }
    const QString why = whyNoReply();
    const bool mine = why.isEmpty();
    if (mine)
        state += u' ' + tr("You own it: what you send goes straight to the customer's chat.");
    else if (why != state)
        state += u' ' + why;
    m_state->setText(state.trimmed());
    m_reply->setEnabled(mine);
    m_reply->setPlaceholderText(mine ? tr("Write to the customer… (Ctrl+Enter sends)") : why);
    m_send->setEnabled(mine);
    // Take over is offered while the rules would give the operator the
    // conversation — never over a colleague who owns it.
    Command takeOver;
    takeOver.type = CommandType::TakeOver;
    const bool canTakeOver = t && rules::isOpen(handoff)
        && !std::holds_alternative<rules::Refusal>(
            rules::apply(rules::ticketFacts(*t, handoff), takeOver, rules::actorFacts(m_session.identity().self)));
    m_takeOver->setVisible(!mine && canTakeOver);

    // The newest refused live reply, with the server's reason, until it is
    // retried or discarded (from the thread below or the outbox panel).
    QString failure;
    try {
        for (const OutboxItem &item : m_session.store().outboxItems(m_ticketId)) {
            if (item.command.type == CommandType::ChatReply && item.state == OutboxState::Failed)
                failure = tr("Your live reply was refused: %1").arg(item.errorMessage);
        }
    } catch (const StoreError &error) {
        failure = error.userMessage();
    }
    m_failure->setText(failure);
    m_failure->setVisible(!failure.isEmpty());
}

bool HandoffDialog::enqueue(Command command)
{
    command.ticketId = m_ticketId;
    QString error;
    if (!m_session.outbox().enqueue(command, &error)) {
        m_failure->setText(tr("Not queued: %1").arg(error));
        m_failure->show();
        return false;
    }
    return true;
}

void HandoffDialog::sendReply()
{
    const QString body = m_reply->toPlainText();
    if (!canReply() || body.trimmed().isEmpty())
        return;
    Command c;
    c.type = CommandType::ChatReply;
    c.body = body;
    if (enqueue(c))
        m_reply->clear();
}

void HandoffDialog::takeOver()
{
    Command c;
    c.type = CommandType::TakeOver;
    enqueue(c);
}

bool HandoffDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_reply && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (ActionTable::matches(ActionId::HandoffSend, key)) {
            sendReply();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace zeiko::ui
