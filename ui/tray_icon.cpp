#include "ui/tray_icon.h"

#include <QAction>
#include <QApplication>
#include <QEvent>
#include <QMenu>
#include <QPainter>
#include <QPainterPath>
#include <QWidget>

namespace zeiko::ui {

TrayIcon::TrayIcon(QAbstractItemModel *queue, QWidget *window)
    : QSystemTrayIcon(window)
    , m_state(queue)
    , m_window(window)
    , m_base(window ? window->windowIcon() : QApplication::windowIcon())
    , m_menu(std::make_unique<QMenu>())
{
    m_menu->setObjectName(QStringLiteral("trayMenu"));
    m_showHide = m_menu->addAction(QString(), this, &TrayIcon::toggleWindow);
    m_showHide->setObjectName(QStringLiteral("trayShowHide"));
    m_menu->addSeparator();
    m_quit = m_menu->addAction(tr("&Quit"), this, [this] {
        // Closing the window first saves its layout and sends a waiting reply.
        if (m_window)
            m_window->close();
        QCoreApplication::quit();
    });
    m_quit->setObjectName(QStringLiteral("trayQuit"));
    setContextMenu(m_menu.get());
    connect(m_menu.get(), &QMenu::aboutToShow, this, &TrayIcon::updateShowHideText);
    connect(this, &QSystemTrayIcon::activated, this, [this](ActivationReason reason) {
        if (reason == Trigger || reason == DoubleClick)
            toggleWindow();
    });
    connect(&m_state, &TrayState::countsChanged, this, &TrayIcon::refresh);
    if (window)
        window->installEventFilter(this);
    updateShowHideText();
    refresh(m_state.counts());
}

TrayIcon::~TrayIcon()
{
    if (m_window)
        m_window->removeEventFilter(this);
}

QColor TrayIcon::atRiskColor()
{
    return QColor(0xd3, 0x2f, 0x2f);
}

QColor TrayIcon::unreadColor()
{
    return QColor(0x1e, 0x6f, 0xd9);
}

QIcon TrayIcon::badgedIcon(const QIcon &base, const TrayCounts &counts, int size)
{
    QImage image(size, size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::transparent);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    const QPixmap pixmap = base.pixmap(size, size);
    if (!pixmap.isNull()) {
        painter.drawPixmap(QRect(0, 0, size, size), pixmap);
    } else {
        // No icon engine for the SVG (libqt6svg6 missing): a plain tile still
        // carries the badge.
        QPainterPath tile;
        tile.addRoundedRect(QRectF(0, 0, size, size), size * 0.2, size * 0.2);
        painter.fillPath(tile, QColor(0x26, 0x32, 0x38));
    }
    const int number = counts.atRisk > 0 ? counts.atRisk : counts.unread;
    if (number > 0) {
        const qreal diameter = size * 0.6;
        const QRectF badge(size - diameter, size - diameter, diameter, diameter);
        painter.setPen(Qt::NoPen);
        painter.setBrush(counts.atRisk > 0 ? atRiskColor() : unreadColor());
        painter.drawEllipse(badge);
        QFont font = painter.font();
        font.setBold(true);
        font.setPixelSize(qMax(6, int(diameter * (number > 9 ? 0.42 : 0.55))));
        painter.setFont(font);
        painter.setPen(Qt::white);
        painter.drawText(badge, Qt::AlignCenter, number > 99 ? QStringLiteral("99+") : QString::number(number));
    }
    painter.end();
    return QIcon(QPixmap::fromImage(image));
}

QString TrayIcon::toolTipFor(const TrayCounts &counts)
{
    // "Label: number" needs no plural forms in any language.
    QStringList lines{tr("Zeiko Handoff Console"), tr("Unread: %1").arg(counts.unread),
                      tr("SLA at risk: %1").arg(counts.atRisk)};
    if (counts.breached > 0)
        lines << tr("of which breached: %1").arg(counts.breached);
    return lines.join(QLatin1Char('\n'));
}

void TrayIcon::refresh(const TrayCounts &counts)
{
    setIcon(badgedIcon(m_base, counts));
    setToolTip(toolTipFor(counts));
}

void TrayIcon::showWindow()
{
    if (!m_window)
        return;
    if (m_window->isMinimized())
        m_window->showNormal();
    else
        m_window->show();
    m_window->raise();
    m_window->activateWindow();
}

void TrayIcon::toggleWindow()
{
    if (!m_window)
        return;
    if (m_window->isVisible() && !m_window->isMinimized())
        m_window->hide();
    else
        showWindow();
}

void TrayIcon::updateShowHideText()
{
    const bool shown = m_window && m_window->isVisible() && !m_window->isMinimized();
    m_showHide->setText(shown ? tr("&Hide window") : tr("&Show window"));
}

bool TrayIcon::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_window && (event->type() == QEvent::Show || event->type() == QEvent::Hide
                                || event->type() == QEvent::WindowStateChange))
        updateShowHideText();
    return QSystemTrayIcon::eventFilter(watched, event);
}

} // namespace zeiko::ui
