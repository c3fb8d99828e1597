#pragma once
// The console in the system tray: the app icon with a painted badge (red
// with the number of SLAs at risk or breached, else blue with the number of
// unread tickets), a tooltip with the counts, a menu to show/hide the window
// and to quit. Notifications (AttentionWatcher) are shown through it.

#include "ui/tray_state.h"

#include <QIcon>
#include <QPointer>
#include <QSystemTrayIcon>

#include <memory>

class QAbstractItemModel;
class QAction;
class QMenu;
class QWidget;

namespace zeiko::ui {

class TrayIcon : public QSystemTrayIcon
{
    Q_OBJECT
public:
    // queue: rows with the roles of models/roles.h; window: what show/hide toggles.
    TrayIcon(QAbstractItemModel *queue, QWidget *window);
    ~TrayIcon() override;

    const TrayState &state() const { return m_state; }
    QAction *showHideAction() const { return m_showHide; }
    QAction *quitAction() const { return m_quit; }

    // The base icon with the badge for `counts`; no badge when all are zero.
    static QIcon badgedIcon(const QIcon &base, const TrayCounts &counts, int size = 64);
    static QString toolTipFor(const TrayCounts &counts);
    // The badge colours, for tests and docs.
    static QColor atRiskColor();
    static QColor unreadColor();

    // Brings the window to the front (also from a second launch).
    void showWindow();

private:
    void refresh(const TrayCounts &counts);
    void toggleWindow();
    void updateShowHideText();
    bool eventFilter(QObject *watched, QEvent *event) override;

    TrayState m_state;
    QPointer<QWidget> m_window;
    QIcon m_base;
    std::unique_ptr<QMenu> m_menu;   // a tray icon does not own its menu
    QAction *m_showHide = nullptr;
    QAction *m_quit = nullptr;
};

} // namespace zeiko::ui
