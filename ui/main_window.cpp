#include "ui/main_window.h"

#include "store/store_error.h"
#include "sync/logging.h"
#include "ui/attention_watcher.h"
#include "ui/composer.h"
#include "ui/facts_rail.h"
#include "ui/outbox_model.h"
#include "ui/outbox_panel.h"
#include "ui/palette.h"
#include "ui/queue_pane.h"
#include "ui/ticket_commands.h"
#include "ui/ticket_pane.h"
#include "ui/tray_icon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QLabel>
#include <QMenuBar>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QToolButton>
#include <QTreeView>

namespace zeiko::ui {

MainWindow::MainWindow(ConsoleSession &session, ConsoleSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_actions(this)
    , m_tickets(session.store())
{
    applyPaletteOverride();   // ZEIKO_PALETTE=dark|light; otherwise the system palette
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Zeiko Handoff Console — %1 (%2)")
                       .arg(session.identity().self.displayName, session.identity().tenant.name));
    setWindowIcon(QIcon(QStringLiteral(":/zeiko/zeiko-console.svg")));
    setAccessibleName(tr("Zeiko Handoff Console"));
    m_outboxModel = new OutboxModel(session.store(), session.outbox().clock(), this);

    // The QActions first (the toolbar and the menus show them); their
    // handlers are bound by TicketCommands once the panes exist.
    m_actions.populate(m_table);
    m_actions.load(m_settings);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_queuePane = new QueuePane(session.store(), m_tickets, session.operatorId(), m_mainSplitter);
    m_ticketPane = new TicketPane(session, m_actions, m_mainSplitter);
    m_rail = new FactsRail(m_tickets, m_queuePane->model(), m_mainSplitter);
    m_mainSplitter->addWidget(m_queuePane);
    m_mainSplitter->addWidget(m_ticketPane);
    m_mainSplitter->addWidget(m_rail);
    m_mainSplitter->setStretchFactor(0, 4);
    m_mainSplitter->setStretchFactor(1, 4);
    m_mainSplitter->setStretchFactor(2, 2);
    setCentralWidget(m_mainSplitter);

    m_actions.buildMenus(menuBar());
    buildStatusBar();
    buildOutboxDock();

    m_commands = new TicketCommands(session, settings, m_table, m_actions, m_tickets,
                                    {m_queuePane, m_ticketPane, m_rail, m_outboxDock, m_outboxPanel}, this);
    connect(m_commands, &TicketCommands::currentTicketChanged, this, &MainWindow::currentTicketChanged);
    connect(m_commands, &TicketCommands::signOutRequested, this, &MainWindow::signOutRequested);
    connect(m_commands, &TicketCommands::message, statusBar(), &QStatusBar::showMessage);

    // Live countdowns: the SLA column and the rail, once a second.
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, [this] {
        m_queuePane->tick();
        m_rail->tick();
    });
    m_tickTimer.start();
    connectSync();

    m_attention = new AttentionWatcher(session.store(), m_tickets, session.operatorId(), this);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new TrayIcon(&m_queuePane->model(), this);   // unread/at-risk badge, show/hide + quit menu
        m_tray->show();
    }
    m_attention->setSettings(&m_settings);   // the notification switches gate notificationRequested
    connect(m_attention, &AttentionWatcher::notificationRequested, this, &MainWindow::notify);

    restoreLayout();
    updateConnection(session.sync().connectionState());
    updateOutboxCounts(m_outboxModel->pendingCount(), m_outboxModel->failedCount());
    m_queuePane->moveSelection(0);
    m_commands->refresh();
    m_queuePane->view()->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow()
{
    // Tearing down hides the dock and moves the keyboard: not ours to follow any more.
    disconnect(qApp, &QApplication::focusChanged, this, nullptr);
    disconnect(m_outboxDock, &QDockWidget::visibilityChanged, this, nullptr);
    commitPendingSend();
}

QTreeView *MainWindow::queueView() const { return m_queuePane->view(); }
QLineEdit *MainWindow::searchField() const { return m_queuePane->searchField(); }
QTabBar *MainWindow::viewTabs() const { return m_queuePane->tabs(); }
ThreadView *MainWindow::threadView() const { return m_ticketPane->threadView(); }
Composer *MainWindow::composer() const { return m_ticketPane ? m_ticketPane->composer() : nullptr; }
CommandPalette *MainWindow::commandPalette() const { return m_commands->palette(); }
QueueFilterProxy &MainWindow::queueProxy() { return m_queuePane->proxy(); }
TicketQueueModel &MainWindow::queueModel() { return m_queuePane->model(); }
TicketId MainWindow::currentTicketId() const { return m_commands->currentTicket(); }
bool MainWindow::openTicketByNumber(qint64 number) { return m_commands->openTicketByNumber(number); }
void MainWindow::setView(QueueFilterProxy::View view) { m_queuePane->setView(view); }

void MainWindow::commitPendingSend()
{
    if (Composer *c = composer()) {
        c->saveDrafts();
        c->sendDelay().commitNow();
    }
}

// ---- assembly ------------------------------------------------------------------

void MainWindow::buildStatusBar()
{
    m_connectionLabel = new QLabel(this);
    m_connectionLabel->setObjectName(QStringLiteral("connectionLabel"));
    m_connectionLabel->setAccessibleName(tr("Connection"));
    m_syncLabel = new QLabel(tr("Not synced yet"), this);
    m_syncLabel->setObjectName(QStringLiteral("lastSyncLabel"));
    m_syncLabel->setAccessibleName(tr("Last sync"));
    m_outboxButton = new QToolButton(this);
    m_outboxButton->setObjectName(QStringLiteral("outboxButton"));
    m_outboxButton->setAutoRaise(true);
    m_outboxButton->setAccessibleName(tr("Outbox"));
    connect(m_outboxButton, &QToolButton::clicked, m_actions.action(ActionId::AppOutbox), &QAction::trigger);
    auto *who = new QLabel(tr("%1 · %2").arg(m_session.identity().self.displayName, m_session.identity().tenant.name), this);
    who->setObjectName(QStringLiteral("signedInLabel"));
    statusBar()->addPermanentWidget(who);
    statusBar()->addPermanentWidget(m_outboxButton);
    statusBar()->addPermanentWidget(m_syncLabel);
    statusBar()->addPermanentWidget(m_connectionLabel);
    connect(m_outboxModel, &OutboxModel::countsChanged, this, &MainWindow::updateOutboxCounts);
}

void MainWindow::buildOutboxDock()
{
    m_outboxDock = new QDockWidget(tr("Outbox"), this);
    m_outboxDock->setObjectName(QStringLiteral("outboxDock"));
    m_outboxPanel = new OutboxPanel(*m_outboxModel, m_outboxDock);
    m_outboxDock->setWidget(m_outboxPanel);
    addDockWidget(Qt::BottomDockWidgetArea, m_outboxDock);
    m_outboxDock->hide();

    // Hiding the dock while it has the keyboard would hand it to the next
    // widget in the chain (the search field, where "j j" then types "jj"):
    // it goes back to where it was before the outbox took it.
    connect(qApp, &QApplication::focusChanged, this, [this](QWidget *old, QWidget *now) {
        const bool nowInDock = now && m_outboxDock->isAncestorOf(now);
        if (nowInDock && !m_focusInOutbox) {
            m_focusInOutbox = true;
            if (old && old->window() == this && !m_outboxDock->isAncestorOf(old))
                m_focusBeforeOutbox = old;
        } else if (now && !nowInDock && !m_outboxDock->isHidden()) {
            m_focusInOutbox = false;   // the operator moved on by themselves
        }
    });
    connect(m_outboxDock, &QDockWidget::visibilityChanged, this, [this](bool visible) {
        if (visible || !m_focusInOutbox)
            return;
        m_focusInOutbox = false;
        QWidget *back = m_focusBeforeOutbox && m_focusBeforeOutbox->isVisible() && m_focusBeforeOutbox->isEnabled()
            ? m_focusBeforeOutbox.data()
            : static_cast<QWidget *>(m_queuePane->view());
        back->setFocus(Qt::OtherFocusReason);
    });
}

// What the sync engine and the outbox report, shown in the status bar.
void MainWindow::connectSync()
{
    SyncEngine &sync = m_session.sync();
    connect(&sync, &SyncEngine::connectionStateChanged, this, &MainWindow::updateConnection);
    connect(&sync, &SyncEngine::caughtUp, this, [this] {
        m_syncLabel->setText(tr("Synced %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    });
    connect(&sync, &SyncEngine::bootstrapProgress, this, [this](int stored) {
        m_syncLabel->setText(tr("Loading tickets… %1").arg(stored));
    });
    connect(&sync, &SyncEngine::bootstrapFinished, this, [this] {
        if (m_commands->currentTicket() == 0)
            m_queuePane->moveSelection(0);
    });
    connect(&sync, &SyncEngine::syncError, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
    });
    connect(&sync, &SyncEngine::threadLoadFailed, this, [this](TicketId id, const QString &message) {
        if (id == m_commands->currentTicket())
            statusBar()->showMessage(tr("The conversation could not be refreshed: %1").arg(message), 8000);
    });
    connect(&m_session.outbox(), &Outbox::itemFailed, this, [this](const OutboxItem &item) {
        statusBar()->showMessage(tr("Refused by the server: %1").arg(item.errorMessage), 10000);
    });
    connect(&m_session.outbox(), &Outbox::storeFailed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });
    // The operator's own reply or action is activity they have seen: it must
    // not mark the ticket unread again (the unread dot is for what others did).
    connect(&m_session.outbox(), &Outbox::itemConfirmed, this, [this](const QString &, TicketId ticketId) {
        try {
            m_session.store().markViewed(ticketId);
        } catch (const StoreError &error) {
            qCWarning(lcStore) << "could not mark ticket" << ticketId << "read:" << error.userMessage();
        }
    });
}

// ---- layout --------------------------------------------------------------------

void MainWindow::fitFirstStart()
{
    // No saved geometry: the default size where it fits; on a smaller
    // screen (1366×768 less a panel) the screen's available area.
    const QSize preferred(1400, 860);
    const QScreen *screen = this->screen() ? this->screen() : QGuiApplication::primaryScreen();
    const QRect available = screen ? screen->availableGeometry() : QRect(QPoint(0, 0), preferred);
    // Room for a window manager's frame (a title bar and borders).
    const QSize frame(16, 40);
    if (preferred.width() + frame.width() <= available.width() && preferred.height() + frame.height() <= available.height()) {
        resize(preferred);
        move(available.center() - QPoint(preferred.width() / 2, preferred.height() / 2));
    } else {
        resize((available.size() - frame).expandedTo(QSize(640, 480)).boundedTo(available.size()));
        move(available.topLeft());
        setWindowState(windowState() | Qt::WindowMaximized);   // a window manager fits it exactly
    }
}

void MainWindow::restoreLayout()
{
    // The queue gets half: at 1366 px its subjects stay readable.
    m_mainSplitter->setSizes({700, 440, 260});
    m_ticketPane->splitter()->setSizes({520, 260});
    if (!m_settings.windowGeometry().isEmpty())
        restoreGeometry(m_settings.windowGeometry());   // Qt moves it back onto a smaller screen
    else
        fitFirstStart();
    if (!m_settings.windowState().isEmpty())
        restoreState(m_settings.windowState());
    if (!m_settings.splitterState(QStringLiteral("main")).isEmpty())
        m_mainSplitter->restoreState(m_settings.splitterState(QStringLiteral("main")));
    if (!m_settings.splitterState(QStringLiteral("thread")).isEmpty())
        m_ticketPane->splitter()->restoreState(m_settings.splitterState(QStringLiteral("thread")));
    m_queuePane->restoreState(m_settings);
}

void MainWindow::saveLayout()
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setSplitterState(QStringLiteral("main"), m_mainSplitter->saveState());
    m_settings.setSplitterState(QStringLiteral("thread"), m_ticketPane->splitter()->saveState());
    m_queuePane->saveState(m_settings);
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    commitPendingSend();
    QMainWindow::closeEvent(event);
}

// ---- status --------------------------------------------------------------------

void MainWindow::updateConnection(ConnectionState state)
{
    QString text;
    StatusTone tone = StatusTone::Good;
    switch (state) {
    case ConnectionState::Live: text = tr("Live"); tone = StatusTone::Good; break;
    case ConnectionState::Polling: text = tr("Polling"); tone = StatusTone::Warning; break;
    case ConnectionState::Offline: text = tr("Offline — working from the local copy"); tone = StatusTone::Danger; break;
    }
    const QString colour = statusText(tone, m_connectionLabel->palette()).name();
    m_connectionLabel->setText(QStringLiteral("<span style=\"color:%1\">\u25CF</span> %2").arg(colour, text.toHtmlEscaped()));
    m_connectionLabel->setProperty("connectionState", int(state));
    m_queuePane->setOffline(state == ConnectionState::Offline);
}

void MainWindow::updateOutboxCounts(int pending, int failed)
{
    m_outboxButton->setText(failed > 0 ? tr("Outbox: %1 pending, %2 failed").arg(pending).arg(failed)
                                       : tr("Outbox: %1 pending").arg(pending));
    m_outboxButton->setStyleSheet(
        failed > 0 ? QStringLiteral("color: %1; font-weight: bold").arg(statusText(StatusTone::Danger, palette()).name())
                   : QString());
}

void MainWindow::notify(const QString &title, const QString &message)
{
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, QSystemTrayIcon::Information, 8000);
    else
        statusBar()->showMessage(title + QStringLiteral(": ") + message, 10000);
}

} // namespace zeiko::ui
