#include "ui/ticket_pane.h"

#include "models/labels.h"
#include "session/console_session.h"
#include "ui/action_registry.h"
#include "ui/composer.h"
#include "ui/thread_view.h"
#include "ui/ticket_toolbar.h"

#include <QLabel>
#include <QSplitter>
#include <QVBoxLayout>

namespace zeiko::ui {

namespace {
// One line, cut with "…" when narrow (the whole text in the tooltip): a long
// subject must not wrap onto a second line and push the toolbar down.
class ElidedLabel : public QLabel
{
public:
    using QLabel::QLabel;
    void setFullText(const QString &text)
    {
        m_full = text;
        setToolTip(text);
        elide();
    }
    QString fullText() const { return m_full; }
    QSize minimumSizeHint() const override { return {0, QLabel::minimumSizeHint().height()}; }
    QSize sizeHint() const override { return {0, QLabel::sizeHint().height()}; }

protected:
    void resizeEvent(QResizeEvent *event) override
    {
        QLabel::resizeEvent(event);
        elide();
    }

private:
    void elide()
    {
        const int width = contentsRect().width() - 2 * margin();
        setText(fontMetrics().elidedText(m_full, Qt::ElideRight, qMax(0, width)));
    }
    QString m_full;
};
} // namespace

TicketPane::TicketPane(ConsoleSession &session, const ActionRegistry &actions, QWidget *parent)
    : QWidget(parent)
    , m_threadModel(session.store())
{
    setObjectName(QStringLiteral("threadPane"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(2);
    m_title = new ElidedLabel(this);
    m_title->setObjectName(QStringLiteral("ticketTitle"));
    m_title->setAccessibleName(tr("Ticket"));
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_title->setFont(titleFont);
    m_title->setMargin(4);
    layout->addWidget(m_title);

    layout->addWidget(new TicketToolbar(actions, this));

    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("threadSplitter"));
    m_splitter->setChildrenCollapsible(false);
    m_threadView = new ThreadView(m_threadModel, session.renderer(), m_splitter);
    m_composer = new Composer(session.store(), session.outbox(), session.renderer(), session.identity().self.id,
                              m_splitter);
    // A thread outside the prefetched working set cannot load offline: the view says so.
    m_threadView->setOffline(session.sync().connectionState() == ConnectionState::Offline);
    connect(&session.sync(), &SyncEngine::connectionStateChanged, m_threadView,
            [view = m_threadView](ConnectionState state) { view->setOffline(state == ConnectionState::Offline); });
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
    static_cast<ElidedLabel *>(m_title)->setFullText(
        tr("#%1  %2  ·  %3").arg(number).arg(subject.isEmpty() ? tr("(no subject)") : subject, labels::status(status)));
}

void TicketPane::showNoTicket()
{
    static_cast<ElidedLabel *>(m_title)->setFullText(tr("No ticket selected"));
}

} // namespace zeiko::ui
