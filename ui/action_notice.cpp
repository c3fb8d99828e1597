#include "ui/action_notice.h"

#include <QAccessible>
#include <QHBoxLayout>
#include <QLabel>

namespace zeiko::ui {

namespace {
constexpr int kGap = 6;             // between the notice and what it points at
constexpr int kMaxWidth = 420;
constexpr int kShownMs = 6000;      // long enough to read two lines twice
}

ActionNotice::ActionNotice(QWidget *window)
    : QFrame(window)
{
    setObjectName(QStringLiteral("actionNotice"));
    setAccessibleName(tr("Why that key did nothing"));
    setFocusPolicy(Qt::NoFocus);
    setAttribute(Qt::WA_TransparentForMouseEvents);   // a glance, not a control
    setFrameShape(QFrame::Box);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::ToolTipBase);
    setForegroundRole(QPalette::ToolTipText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    m_label = new QLabel(this);
    m_label->setObjectName(QStringLiteral("actionNoticeText"));
    m_label->setWordWrap(true);
    m_label->setTextFormat(Qt::PlainText);
    m_label->setForegroundRole(QPalette::ToolTipText);
    layout->addWidget(m_label);
    m_hideTimer.setSingleShot(true);
    m_hideTimer.setInterval(kShownMs);
    connect(&m_hideTimer, &QTimer::timeout, this, &QWidget::hide);
    hide();
}

QString ActionNotice::text() const
{
    return m_label->text();
}

void ActionNotice::showNear(QWidget *anchor, const QRect &area, const QString &text)
{
    QWidget *window = parentWidget();
    m_label->setText(text);
    m_label->setAccessibleName(text);
    setMaximumWidth(qMin(kMaxWidth, window->width() - 2 * kGap));
    adjustSize();

    const QRect target(anchor->mapTo(window, area.topLeft()), area.size());
    QPoint at;
    if (target.height() <= 3 * height()) {
        // A row or a button: just below it, or above when there is no room.
        at = QPoint(target.left() + 2 * kGap, target.bottom() + kGap);
        if (at.y() + height() > window->height())
            at.setY(target.top() - kGap - height());
    } else {
        at = target.topLeft() + QPoint(2 * kGap, 2 * kGap);   // a whole pane: at its top
    }
    at.setX(qBound(kGap, at.x(), qMax(kGap, window->width() - width() - kGap)));
    at.setY(qBound(kGap, at.y(), qMax(kGap, window->height() - height() - kGap)));
    move(at);
    show();
    raise();
    m_hideTimer.start();

    QAccessibleEvent alert(m_label, QAccessible::Alert);
    QAccessible::updateAccessibility(&alert);
}

} // namespace zeiko::ui
