#include "ui/main_window.h"

#include "models/labels.h"
#include "models/roles.h"
#include "store/store_error.h"
#include "ui/assign_dialog.h"
#include "ui/attention_watcher.h"
#include "ui/cheat_sheet.h"
#include "ui/command_palette.h"
#include "ui/facts_rail.h"
#include "ui/handoff_dialog.h"
#include "ui/outbox_model.h"
#include "ui/outbox_panel.h"
#include "ui/queue_delegate.h"
#include "ui/palette.h"
#include "ui/settings_dialog.h"
#include "ui/text_prompt_dialog.h"
#include "ui/thread_view.h"
#include "ui/tray_icon.h"

#include <QApplication>
#include <QCloseEvent>
#include <QDockWidget>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QTableView>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabBar>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace zeiko::ui {

namespace {
using View = QueueFilterProxy::View;
constexpr std::array<View, 5> kViews{View::Mine, View::Unassigned, View::WaitingOnTeam, View::SlaAtRiskOrBreached,
                                     View::All};

int tabOf(View view)
{
    for (int i = 0; i < int(kViews.size()); ++i) {
        if (kViews[i] == view)
            return i;
    }
    return int(kViews.size()) - 1;
}

QString viewName(View view)
{
    switch (view) {
    case View::Mine: return MainWindow::tr("Mine");
    case View::Unassigned: return MainWindow::tr("Unassigned");
    case View::WaitingOnTeam: return MainWindow::tr("Waiting on team");
    case View::SlaAtRiskOrBreached: return MainWindow::tr("SLA at risk");
    case View::All: return MainWindow::tr("All");
    }
    return {};
}
} // namespace

MainWindow::MainWindow(ConsoleSession &session, ConsoleSettings &settings, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_settings(settings)
    , m_actions(this)
    , m_queueModel(session.store())
    , m_proxy(session.store())
    , m_tickets(session.store())
    , m_threadModel(session.store())
{
    applyPaletteOverride();   // ZEIKO_PALETTE=dark|light; otherwise the system palette
    setObjectName(QStringLiteral("mainWindow"));
    setWindowTitle(tr("Zeiko Handoff Console — %1 (%2)")
                       .arg(session.identity().self.displayName, session.identity().tenant.name));
    setWindowIcon(QIcon(QStringLiteral(":/zeiko/zeiko-console.svg")));
    setAccessibleName(tr("Zeiko Handoff Console"));

    m_queueModel.setOperatorId(session.operatorId());
    m_proxy.setOperatorId(session.operatorId());
    m_proxy.setSourceModel(&m_queueModel);
    m_outboxModel = new OutboxModel(session.store(), session.outbox().clock(), this);

    buildActions();
    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(QStringLiteral("mainSplitter"));
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->addWidget(buildQueuePane());
    m_mainSplitter->addWidget(buildThreadPane());
    m_rail = new FactsRail(m_tickets, m_mainSplitter);
    m_mainSplitter->addWidget(m_rail);
    m_mainSplitter->setStretchFactor(0, 4);
    m_mainSplitter->setStretchFactor(1, 4);
    m_mainSplitter->setStretchFactor(2, 2);
    setCentralWidget(m_mainSplitter);
    connect(m_rail, &FactsRail::openHandoffRequested, this, &MainWindow::openHandoff);

    buildMenus();
    buildStatusBar();
    buildOutboxDock();

    m_palette = new CommandPalette(m_actions, this);
    connect(m_palette, &CommandPalette::ticketNumberChosen, this, &MainWindow::openTicketByNumber);
    returnFocusAfter(m_palette);

    // Live countdowns: the SLA column and the rail, once a second.
    m_tickTimer.setInterval(1000);
    connect(&m_tickTimer, &QTimer::timeout, this, &MainWindow::tick);
    m_tickTimer.start();
    m_countsTimer.setSingleShot(true);
    m_countsTimer.setInterval(300);
    connect(&m_countsTimer, &QTimer::timeout, this, &MainWindow::updateViewCounts);
    // Throttled, not debounced: a steady trickle of changes must not starve the counters.
    auto recount = [this] {
        if (!m_countsTimer.isActive())
            m_countsTimer.start();
    };
    // Only changes that can move a ticket between views; opening a ticket
    // (viewed) must not recount 100,000 rows on every j.
    connect(&session.store(), &LocalStore::changed, this, [recount](const StoreChange &change) {
        if (!change.insertedTickets.isEmpty() || !change.updatedTickets.isEmpty() || !change.outboxChanged.isEmpty())
            recount();
    });
    connect(&m_queueModel, &QAbstractItemModel::modelReset, this, recount);
    connect(&m_queueModel, &QAbstractItemModel::dataChanged, this, [this] { updateActions(); });
    connect(&m_tickets, &TicketCache::ticketChanged, this, [this](TicketId id) {
        if (id == m_currentTicket)
            updateActions();
    });

    SyncEngine &sync = m_session.sync();
    connect(&sync, &SyncEngine::connectionStateChanged, this, &MainWindow::updateConnection);
    connect(&sync, &SyncEngine::caughtUp, this, [this] {
        m_syncLabel->setText(tr("Synced %1").arg(QLocale().toString(QTime::currentTime(), QLocale::ShortFormat)));
    });
    connect(&sync, &SyncEngine::bootstrapProgress, this, [this](int stored) {
        m_syncLabel->setText(tr("Loading tickets… %1").arg(stored));
    });
    connect(&sync, &SyncEngine::bootstrapFinished, this, [this] {
        if (m_currentTicket == 0)
            moveSelection(0);
    });
    connect(&sync, &SyncEngine::syncError, this, [this](const QString &message) {
        statusBar()->showMessage(message, 8000);
    });
    connect(&sync, &SyncEngine::threadLoadFailed, this, [this](TicketId id, const QString &message) {
        if (id == m_currentTicket)
            statusBar()->showMessage(tr("The conversation could not be refreshed: %1").arg(message), 8000);
    });
    connect(&m_session.outbox(), &Outbox::itemFailed, this, [this](const OutboxItem &item) {
        statusBar()->showMessage(tr("Refused by the server: %1").arg(item.errorMessage), 10000);
    });
    connect(&m_session.outbox(), &Outbox::storeFailed, this, [this](const QString &message) {
        statusBar()->showMessage(message, 10000);
    });

    // The composer queues its sends itself (held in the outbox for the undo
    // window); a refusal it reports leads to the ticket and the outbox row.
    connect(m_composer, &Composer::showRefusedRequested, this, [this](TicketId ticketId, qint64 itemId) {
        selectTicket(ticketId);
        m_outboxDock->show();
        m_outboxPanel->selectItem(itemId);
        m_outboxPanel->view()->setFocus();
    });
    connect(m_composer, &Composer::modeChanged, this, [this] { updateActions(); });
    m_composer->sendDelay().setDelaySeconds(m_settings.sendDelaySeconds());

    m_attention = new AttentionWatcher(session.store(), m_tickets, session.operatorId(), this);
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new TrayIcon(&m_queueModel, this);   // unread/at-risk badge, show/hide + quit menu
        m_tray->show();
    }
    m_attention->setSettings(&m_settings);   // the notification switches gate notificationRequested
    connect(m_attention, &AttentionWatcher::notificationRequested, this, &MainWindow::notify);

    restoreLayout();
    updateConnection(sync.connectionState());
    updateOutboxCounts(m_outboxModel->pendingCount(), m_outboxModel->failedCount());
    m_countsTimer.start();   // counting every view waits until the queue has painted
    moveSelection(0);
    updateActions();
    m_queueView->setFocus(Qt::OtherFocusReason);
}

MainWindow::~MainWindow()
{
    commitPendingSend();
}

void MainWindow::commitPendingSend()
{
    if (m_composer) {
        m_composer->saveDrafts();
        m_composer->sendDelay().commitNow();
    }
}

// ---- construction --------------------------------------------------------------

void MainWindow::buildActions()
{
    using A = ActionId;
    auto on = [this](A id, ActionTable::Handler handler) { m_table.setHandler(id, std::move(handler)); };
    on(A::QueueNext, [this] { moveSelection(1); });
    on(A::QueuePrevious, [this] { moveSelection(-1); });
    on(A::TicketOpen, [this] {
        if (m_currentTicket)
            m_threadView->setFocus(Qt::ShortcutFocusReason);
    });
    on(A::NavBack, [this] { goBack(); });
    on(A::QueueNextKeepFocus, [this] { moveSelection(1); });
    on(A::QueuePreviousKeepFocus, [this] { moveSelection(-1); });
    on(A::QueueSearch, [this] { focusSearch(); });
    on(A::ViewMine, [this] { setView(View::Mine); });
    on(A::ViewUnassigned, [this] { setView(View::Unassigned); });
    on(A::ViewWaitingOnTeam, [this] { setView(View::WaitingOnTeam); });
    on(A::ViewSlaAtRisk, [this] { setView(View::SlaAtRiskOrBreached); });
    on(A::ViewAll, [this] { setView(View::All); });

    on(A::ComposeReply, [this] { startComposer(Composer::Mode::Reply); });
    on(A::ComposeNote, [this] { startComposer(Composer::Mode::Note); });
    on(A::ComposeFlip, [this] {
        m_composer->flipMode();
        m_composer->focusEditor();
    });
    on(A::ComposeSend, [this] { m_composer->send(); });
    on(A::ComposeUndo, [this] { m_composer->undoSend(); });
    on(A::ComposePreview, [this] { m_composer->setPreviewing(!m_composer->isPreviewing()); });

    on(A::TicketTakeOver, [this] { takeOver(); });
    on(A::TicketClose, [this] { closeTicket(false); });
    on(A::TicketForceClose, [this] { forceClose(); });
    on(A::TicketCloseAndNext, [this] { closeTicket(true); });
    on(A::TicketReopen, [this] { reopen(); });
    on(A::TicketPriorityUrgent, [this] { setPriority(Priority::Urgent); });
    on(A::TicketPriorityHigh, [this] { setPriority(Priority::High); });
    on(A::TicketPriorityNormal, [this] { setPriority(Priority::Normal); });
    on(A::TicketPriorityLow, [this] { setPriority(Priority::Low); });
    on(A::TicketAssignMe, [this] { assignToMe(); });
    on(A::TicketAssignTo, [this] { assignTo(); });
    on(A::TicketHandoff, [this] { openHandoff(); });

    on(A::AppPalette, [this] { m_palette->popup(); });
    on(A::AppCheatSheet, [this] {
        if (!m_cheatSheet) {
            m_cheatSheet = new CheatSheet(m_actions, this);
            returnFocusAfter(m_cheatSheet);
        }
        m_cheatSheet->refresh();
        m_cheatSheet->open();
        m_cheatSheet->activateWindow();
    });
    on(A::AppOutbox, [this] {
        m_outboxDock->setVisible(!m_outboxDock->isVisible());
        if (m_outboxDock->isVisible())
            m_outboxPanel->view()->setFocus();
    });
    on(A::AppRefresh, [this] {
        m_session.sync().catchUpNow();
        if (m_currentTicket)
            m_session.sync().openThread(m_currentTicket);
        m_session.outbox().flushNow();
    });
    on(A::AppSettings, [this] {
        auto *dialog = new SettingsDialog(m_actions, m_settings, this);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        connect(dialog, &SettingsDialog::applied, this,
                [this] { m_composer->sendDelay().setDelaySeconds(m_settings.sendDelaySeconds()); });
        returnFocusAfter(dialog);
        dialog->open();
        dialog->activateWindow();
    });
    on(A::AppSignOut, [this] { Q_EMIT signOutRequested(); });
    on(A::AppQuit, [this] { close(); });
    on(A::AppAbout, [this] {
        QMessageBox::about(this, tr("About"),
                           tr("Zeiko Handoff Console %1\nTriage AI-managed support tickets and human handoffs.")
                               .arg(QCoreApplication::applicationVersion()));
    });
    m_actions.populate(m_table);
    m_actions.load(m_settings);
}

void MainWindow::buildMenus()
{
    m_actions.buildMenus(menuBar());
}

QWidget *MainWindow::buildQueuePane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(QStringLiteral("queuePane"));
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(4, 4, 0, 4);
    layout->setSpacing(4);
    m_offlineBanner = new QLabel(tr("Offline — you are reading the local copy. Replies and actions are kept in "
                                    "the outbox and sent when the connection returns."), pane);
    m_offlineBanner->setObjectName(QStringLiteral("offlineBanner"));
    m_offlineBanner->setAccessibleName(tr("Offline"));
    m_offlineBanner->setWordWrap(true);
    m_offlineBanner->setMargin(6);
    m_offlineBanner->setStyleSheet(QStringLiteral("background: %1; color: %2; font-weight: bold")
                                       .arg(statusFill(StatusTone::Danger).name(), onStatusFill(StatusTone::Danger).name()));
    m_offlineBanner->hide();
    layout->addWidget(m_offlineBanner);
    m_search = new QLineEdit(pane);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setAccessibleName(tr("Search tickets"));
    m_search->setPlaceholderText(tr("Search subject, customer, messages  ( / )"));
    m_search->setClearButtonEnabled(true);
    layout->addWidget(m_search);
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(150);
    connect(m_search, &QLineEdit::textChanged, &m_searchTimer, qOverload<>(&QTimer::start));
    connect(&m_searchTimer, &QTimer::timeout, this, [this] {
        m_proxy.setSearchText(m_search->text());
        if (!selectTicket(m_currentTicket))
            moveSelection(0);
    });
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        m_searchTimer.stop();
        m_proxy.setSearchText(m_search->text());
        moveSelection(0);
        m_queueView->setFocus(Qt::ShortcutFocusReason);
    });

    m_viewTabs = new QTabBar(pane);
    m_viewTabs->setObjectName(QStringLiteral("viewTabs"));
    m_viewTabs->setAccessibleName(tr("Queue views"));
    m_viewTabs->setExpanding(false);
    m_viewTabs->setDrawBase(false);
    m_viewTabs->setFocusPolicy(Qt::NoFocus);
    for (View v : kViews)
        m_viewTabs->addTab(viewName(v));
    connect(m_viewTabs, &QTabBar::currentChanged, this, [this](int index) {
        if (index >= 0 && index < int(kViews.size()))
            setView(kViews[index]);
    });
    layout->addWidget(m_viewTabs);

    m_queueView = new QTreeView(pane);
    m_queueView->setObjectName(QStringLiteral("queueView"));
    m_queueView->setAccessibleName(tr("Ticket queue"));
    m_queueView->setRootIsDecorated(false);
    m_queueView->setUniformRowHeights(true);
    m_queueView->setAlternatingRowColors(true);
    m_queueView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_queueView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queueView->setAllColumnsShowFocus(true);
    m_queueView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_queueView->setModel(&m_proxy);
    m_queueDelegate = new QueueDelegate(m_tickets, m_queueView);
    m_queueView->setItemDelegate(m_queueDelegate);
    QHeaderView *header = m_queueView->header();
    header->setSortIndicator(TicketQueueModel::LastActivityColumn, Qt::DescendingOrder);
    m_queueView->setSortingEnabled(true);
    header->setStretchLastSection(false);
    header->setSectionsMovable(true);
    // Default layout (a saved one replaces it): what triage needs first on the left.
    const QList<int> widths{78, 105, 180, 118, 62, 158, 70, 150, 120};
    for (int c = 0; c < widths.size(); ++c)
        header->resizeSection(c, widths[c]);
    const QList<int> order{TicketQueueModel::NumberColumn, TicketQueueModel::SlaColumn, TicketQueueModel::PriorityColumn,
                           TicketQueueModel::AssigneeColumn, TicketQueueModel::CustomerColumn,
                           TicketQueueModel::SubjectColumn, TicketQueueModel::StatusColumn,
                           TicketQueueModel::SourceColumn, TicketQueueModel::LastActivityColumn};
    for (int visual = 0; visual < order.size(); ++visual)
        header->moveSection(header->visualIndex(order[visual]), visual);
    connect(m_queueView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
        if (current.isValid())
            setCurrentTicket(current.data(TicketIdRole).toLongLong());
    });
    connect(m_queueView, &QTreeView::activated, this, [this] {
        m_threadView->setFocus(Qt::OtherFocusReason);
    });
    layout->addWidget(m_queueView, 1);
    return pane;
}

QWidget *MainWindow::buildThreadPane()
{
    auto *pane = new QWidget(this);
    pane->setObjectName(QStringLiteral("threadPane"));
    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 4, 0, 4);
    layout->setSpacing(2);
    m_ticketTitle = new QLabel(pane);
    m_ticketTitle->setObjectName(QStringLiteral("ticketTitle"));
    m_ticketTitle->setAccessibleName(tr("Ticket"));
    m_ticketTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_ticketTitle->setWordWrap(true);
    QFont titleFont = m_ticketTitle->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.2);
    m_ticketTitle->setFont(titleFont);
    m_ticketTitle->setMargin(4);
    layout->addWidget(m_ticketTitle);

    auto *toolbar = new QToolBar(pane);
    toolbar->setObjectName(QStringLiteral("ticketToolbar"));
    toolbar->setAccessibleName(tr("Ticket actions"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->setFocusPolicy(Qt::NoFocus);
    m_actions.fillToolbar(toolbar);
    layout->addWidget(toolbar);

    m_threadSplitter = new QSplitter(Qt::Vertical, pane);
    m_threadSplitter->setObjectName(QStringLiteral("threadSplitter"));
    m_threadSplitter->setChildrenCollapsible(false);
    m_threadView = new ThreadView(m_threadModel, m_session.renderer(), m_threadSplitter);
    m_composer = new Composer(m_session.store(), m_session.outbox(), m_session.renderer(), m_threadSplitter);
    m_threadSplitter->addWidget(m_threadView);
    m_threadSplitter->addWidget(m_composer);
    m_threadSplitter->setStretchFactor(0, 3);
    m_threadSplitter->setStretchFactor(1, 1);
    layout->addWidget(m_threadSplitter, 1);
    connect(m_threadView, &ThreadView::retryRequested, this, &MainWindow::retryItem);
    connect(m_threadView, &ThreadView::editRequested, this, &MainWindow::editItem);
    connect(m_threadView, &ThreadView::discardRequested, this, &MainWindow::discardItem);
    return pane;
}

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
    connect(m_outboxPanel, &OutboxPanel::retryRequested, this, &MainWindow::retryItem);
    connect(m_outboxPanel, &OutboxPanel::editRequested, this, &MainWindow::editItem);
    connect(m_outboxPanel, &OutboxPanel::discardRequested, this, &MainWindow::discardItem);
}

void MainWindow::restoreLayout()
{
    resize(1400, 860);
    m_mainSplitter->setSizes({660, 460, 280});
    m_threadSplitter->setSizes({520, 260});
    if (!m_settings.windowGeometry().isEmpty())
        restoreGeometry(m_settings.windowGeometry());
    if (!m_settings.windowState().isEmpty())
        restoreState(m_settings.windowState());
    if (!m_settings.splitterState(QStringLiteral("main")).isEmpty())
        m_mainSplitter->restoreState(m_settings.splitterState(QStringLiteral("main")));
    if (!m_settings.splitterState(QStringLiteral("thread")).isEmpty())
        m_threadSplitter->restoreState(m_settings.splitterState(QStringLiteral("thread")));
    if (!m_settings.queueHeaderState().isEmpty())
        m_queueView->header()->restoreState(m_settings.queueHeaderState());
    const int view = m_settings.currentView();
    const View initial = view >= 0 && view <= int(View::SlaAtRiskOrBreached) ? View(view) : View::All;
    m_viewTabs->setCurrentIndex(tabOf(initial));
    setView(initial);
}

void MainWindow::saveLayout()
{
    m_settings.setWindowGeometry(saveGeometry());
    m_settings.setWindowState(saveState());
    m_settings.setSplitterState(QStringLiteral("main"), m_mainSplitter->saveState());
    m_settings.setSplitterState(QStringLiteral("thread"), m_threadSplitter->saveState());
    m_settings.setQueueHeaderState(m_queueView->header()->saveState());
    m_settings.setCurrentView(int(m_proxy.view()));
    m_settings.sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveLayout();
    commitPendingSend();
    QMainWindow::closeEvent(event);
}

// ---- selection -----------------------------------------------------------------

void MainWindow::setView(View view)
{
    m_proxy.setView(view);
    const int tab = tabOf(view);
    if (m_viewTabs->currentIndex() != tab) {
        const QSignalBlocker blocker(m_viewTabs);
        m_viewTabs->setCurrentIndex(tab);
    }
    if (!selectTicket(m_currentTicket))
        moveSelection(0);
}

void MainWindow::moveSelection(int delta)
{
    const int rows = m_proxy.rowCount();
    if (rows == 0)
        return;
    const QModelIndex current = m_queueView->currentIndex();
    int row = current.isValid() ? current.row() + delta : 0;
    row = qBound(0, row, rows - 1);
    const QModelIndex target = m_proxy.index(row, 0);
    m_queueView->selectionModel()->setCurrentIndex(
        target, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_queueView->scrollTo(target);
}

bool MainWindow::selectTicket(TicketId id)
{
    if (id == 0)
        return false;
    const int sourceRow = m_queueModel.rowOf(id);
    if (sourceRow < 0)
        return false;
    const QModelIndex index = m_proxy.mapFromSource(m_queueModel.index(sourceRow, 0));
    if (!index.isValid())
        return false;
    m_queueView->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_queueView->scrollTo(index);
    return true;
}

bool MainWindow::openTicketByNumber(qint64 number)
{
    TicketId id = 0;
    for (int row = 0; row < m_queueModel.rowCount(); ++row) {
        const QModelIndex index = m_queueModel.index(row, 0);
        if (index.data(TicketNumberRole).toLongLong() == number) {
            id = index.data(TicketIdRole).toLongLong();
            break;
        }
    }
    if (id == 0) {
        statusBar()->showMessage(tr("Ticket #%1 is not in the local copy.").arg(number), 6000);
        return false;
    }
    if (!selectTicket(id)) {
        // Not in this view or search: show everything.
        m_search->clear();
        m_searchTimer.stop();
        m_proxy.setSearchText({});
        setView(View::All);
        selectTicket(id);
    }
    m_threadView->setFocus(Qt::ShortcutFocusReason);
    return true;
}

void MainWindow::setCurrentTicket(TicketId id)
{
    if (id == m_currentTicket)
        return;
    m_currentTicket = id;
    m_composer->setTicket(id);
    m_threadModel.setTicketId(id);
    m_rail->setTicket(id);
    if (id != 0)
        m_session.sync().openThread(id);
    updateActions();
    Q_EMIT currentTicketChanged(id);
}

QVariant MainWindow::currentData(int role) const
{
    const int row = m_queueModel.rowOf(m_currentTicket);
    return row < 0 ? QVariant() : m_queueModel.index(row, 0).data(role);
}

void MainWindow::updateActions()
{
    const bool has = m_currentTicket != 0;
    const auto status = TicketStatus(currentData(StatusRole).toInt());
    const Ticket *ticket = has ? m_tickets.ticket(m_currentTicket) : nullptr;
    ActionState state;
    state.hasTicket = has;
    state.status = status;
    state.ownerMode = OwnerMode(currentData(OwnerModeRole).toInt());
    state.isMine = currentData(IsMineRole).toBool();
    state.hasHandoff = ticket && !ticket->handoffId.isEmpty();
    m_actions.applyState(state);

    if (!has) {
        m_ticketTitle->setText(tr("No ticket selected"));
    } else {
        const QString subject = currentData(SubjectRole).toString();
        m_ticketTitle->setText(tr("#%1  %2  ·  %3")
                                   .arg(currentData(TicketNumberRole).toLongLong())
                                   .arg(subject.isEmpty() ? tr("(no subject)") : subject,
                                        labels::status(status)));
    }
}

void MainWindow::updateViewCounts()
{
    for (int i = 0; i < int(kViews.size()); ++i)
        m_viewTabs->setTabText(i, tr("%1 %2").arg(viewName(kViews[i])).arg(m_proxy.countFor(kViews[i])));
}

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
    m_offlineBanner->setVisible(state == ConnectionState::Offline);
}

void MainWindow::updateOutboxCounts(int pending, int failed)
{
    m_outboxButton->setText(failed > 0 ? tr("Outbox: %1 pending, %2 failed").arg(pending).arg(failed)
                                       : tr("Outbox: %1 pending").arg(pending));
    m_outboxButton->setStyleSheet(
        failed > 0 ? QStringLiteral("color: %1; font-weight: bold").arg(statusText(StatusTone::Danger, palette()).name())
                   : QString());
}

void MainWindow::tick()
{
    // Repaint only the SLA cells that are visible; the countdown is computed while painting.
    const QRect area = m_queueView->viewport()->rect();
    const int x = m_queueView->header()->sectionViewportPosition(TicketQueueModel::SlaColumn);
    const int w = m_queueView->header()->sectionSize(TicketQueueModel::SlaColumn);
    m_queueView->viewport()->update(QRect(x, area.top(), w, area.height()));
    m_rail->tick();
}

// ---- actions -------------------------------------------------------------------

bool MainWindow::enqueue(Command command)
{
    if (command.ticketId == 0)
        command.ticketId = m_currentTicket;
    if (command.ticketId == 0)
        return false;
    QString error;
    if (!m_session.outbox().enqueue(command, &error)) {
        QMessageBox::warning(this, tr("Not queued"), error);
        return false;
    }
    return true;
}

void MainWindow::takeOver()
{
    Command c;
    c.type = CommandType::TakeOver;
    enqueue(c);
}

void MainWindow::closeTicket(bool thenNext)
{
    const TicketId closing = m_currentTicket;
    TicketId next = 0;
    if (thenNext) {
        const int row = m_queueView->currentIndex().row();
        for (int r : {row + 1, row - 1}) {
            const QModelIndex index = m_proxy.index(r, 0);
            if (index.isValid()) {
                next = index.data(TicketIdRole).toLongLong();
                break;
            }
        }
    }
    if (m_tickets.isHandoffWaiting(closing) && !thenNext) {
        statusBar()->showMessage(tr("A live handoff is still open: the server will refuse a plain close. "
                                    "Use Force close (Shift+C) to close it anyway."), 8000);
    }
    Command c;
    c.type = CommandType::Close;
    c.ticketId = closing;
    if (enqueue(c) && next)
        selectTicket(next);
}

void MainWindow::forceClose()
{
    if (!m_currentTicket)
        return;
    const TicketId ticketId = m_currentTicket;
    auto *dialog = new TextPromptDialog(tr("Force close"),
                                        tr("Why force close #%1? This also ends an open handoff. The reason is kept in the audit trail.")
                                            .arg(currentData(TicketNumberRole).toLongLong()),
                                        tr("Force close"), this);
    dialog->setObjectName(QStringLiteral("forceCloseDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId] {
        Command c;
        c.type = CommandType::ForceClose;
        c.ticketId = ticketId;
        c.reason = dialog->text();
        enqueue(c);
        m_queueView->setFocus(Qt::OtherFocusReason);
    });
    returnFocusAfter(dialog);
    dialog->open();
    dialog->activateWindow();
    dialog->editor()->setFocus();
}

void MainWindow::reopen()
{
    Command c;
    c.type = CommandType::Reopen;
    enqueue(c);
}

void MainWindow::setPriority(Priority priority)
{
    Command c;
    c.type = CommandType::SetPriority;
    c.priority = priority;
    enqueue(c);
}

void MainWindow::assignToMe()
{
    Command c;
    c.type = CommandType::Assign;
    c.assigneeId = m_session.operatorId();
    enqueue(c);
}

void MainWindow::assignTo()
{
    if (!m_currentTicket)
        return;
    const TicketId ticketId = m_currentTicket;
    if (m_session.operators().isEmpty())
        m_session.refreshOperators();
    const Ticket *ticket = m_tickets.ticket(ticketId);
    auto *dialog = new AssignDialog(m_session.operators(), ticket ? ticket->number : 0, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(&m_session, &ConsoleSession::operatorsChanged, dialog, [this, dialog] {
        dialog->setOperators(m_session.operators());
    });
    connect(dialog, &QDialog::accepted, this, [this, dialog, ticketId] {
        const QString id = dialog->selectedOperatorId();
        if (id.isEmpty())
            return;
        Command c;
        c.type = CommandType::Assign;
        c.ticketId = ticketId;
        c.assigneeId = id;
        enqueue(c);
    });
    returnFocusAfter(dialog);
    dialog->open();
    dialog->activateWindow();
    dialog->filter()->setFocus();
}

void MainWindow::openHandoff()
{
    const Ticket *ticket = m_currentTicket ? m_tickets.ticket(m_currentTicket) : nullptr;
    if (!ticket || ticket->handoffId.isEmpty()) {
        statusBar()->showMessage(tr("This ticket has no linked handoff conversation."), 5000);
        return;
    }
    auto *dialog = new HandoffDialog(m_session, m_tickets, m_currentTicket, this);
    dialog->show();
}

void MainWindow::startComposer(Composer::Mode mode)
{
    if (!m_currentTicket)
        return;
    m_composer->setMode(mode);
    m_composer->focusEditor();
    if (mode == Composer::Mode::Reply && TicketStatus(currentData(StatusRole).toInt()) == TicketStatus::Closed)
        statusBar()->showMessage(tr("This ticket is closed: reopen it (O) before replying, or the server refuses the reply."), 8000);
}

void MainWindow::goBack()
{
    QWidget *focus = QApplication::focusWidget();
    if (focus == m_queueView && !m_search->text().isEmpty()) {
        m_search->clear();
        m_searchTimer.stop();
        m_proxy.setSearchText({});
        selectTicket(m_currentTicket);
    }
    if (focus == m_composer->editor())
        m_composer->saveDrafts();
    m_queueView->setFocus(Qt::ShortcutFocusReason);
}

void MainWindow::focusSearch()
{
    m_search->setFocus(Qt::ShortcutFocusReason);
    m_search->selectAll();
}

void MainWindow::retryItem(qint64 itemId)
{
    if (itemId && !m_session.outbox().retry(itemId))
        statusBar()->showMessage(tr("That action can no longer be retried."), 5000);
}

void MainWindow::editItem(qint64 itemId)
{
    std::optional<OutboxItem> item;
    try {
        item = m_session.store().outboxItem(itemId);
    } catch (const StoreError &) {
    }
    if (!item)
        return;
    auto *dialog = new TextPromptDialog(tr("Edit and resend"), tr("Change the text, then send it again:"),
                                        tr("Send again"), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setText(item->command.body);
    returnFocusAfter(dialog);
    connect(dialog, &QDialog::accepted, this, [this, dialog, itemId] {
        if (!m_session.outbox().edit(itemId, dialog->text()))
            statusBar()->showMessage(tr("That message can no longer be edited."), 5000);
    });
    dialog->open();
    dialog->activateWindow();
}

void MainWindow::discardItem(qint64 itemId)
{
    if (itemId && !m_session.outbox().discard(itemId))
        statusBar()->showMessage(tr("That action can no longer be discarded."), 5000);
}

void MainWindow::returnFocusAfter(QDialog *dialog)
{
    connect(dialog, &QDialog::finished, this, [this, previous = QPointer<QWidget>(QApplication::focusWidget())] {
        activateWindow();
        QWidget *focus = previous && previous->window() == this ? previous.data()
                       : focusWidget()                          ? focusWidget()
                                                                : static_cast<QWidget *>(m_queueView);
        focus->setFocus(Qt::OtherFocusReason);
    });
}

void MainWindow::notify(const QString &title, const QString &message)
{
    if (m_tray && QSystemTrayIcon::supportsMessages())
        m_tray->showMessage(title, message, QSystemTrayIcon::Information, 8000);
    else
        statusBar()->showMessage(title + QStringLiteral(": ") + message, 10000);
}

} // namespace zeiko::ui
