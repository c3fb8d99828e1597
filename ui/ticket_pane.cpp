#include "ui/ticket_pane.h"

#include "models/labels.h"
#include "session/console_session.h"
#include "ui/action_registry.h"
#include "ui/composer.h"
#include "ui/thread_view.h"

#include <QLabel>
#include <QSplitter>
#include <QToolBar>
#include <QVBoxLayout>

namespace zeiko::ui {

TicketPane::TicketPane(ConsoleSession &session, const ActionRegistry &actions, QWidget *parent)
    : QWidget(parent)
    , m_threadModel(session.store())
{
    setObjectName(QStringLiteral("threadPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(2);
    m_title = new QLabel(this);
    m_title->setObjectName(QStringLiteral("ticketTitle"));
    m_title->setAccessibleName(tr("Ticket"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setWordWrap(true);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setMargin(4);
    layout->addWidget(m_title);

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("ticketToolbar"));
    toolbar->setAccessibleName(tr("Ticket actions"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->setFocusPolicy(Qt::NoFocus);
    actions.fillToolbar(toolbar);
    layout->addWidget(toolbar);

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("threadSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_threadView = new ThreadView(m_threadModel, session.renderer(), m_splitter);
    m_composer = new Composer(session.store(), session.outbox(), session.renderer(), m_splitter);
    m_splitter->addWidget(m_threadView);
    m_splitter->addWidget(m_composer);
    m_splitter->setStretchFactor(0, 3);
    m_splitter->setStretchFactor(1, 1);
    layout->addWidget(m_splitter, 1);
}

void TicketPane::setTicket(TicketId id)
{
    m_composer->setTicket(id);
    m_threadModel.setTicketId(id);
}

void TicketPane::showTitle(qint64 number, const QString &subject, TicketStatus status)
{
    m_title->setText(tr("#%1  %2  ·  %3")
                         .arg(number)
                         .arg(subject.isEmpty() ? tr("(no subject)") : subject, labels::status(status)));
}

void TicketPane::showNoTicket()
{
    m_title->setText(tr("No ticket selected"));
}

} // namespace zeiko::ui
