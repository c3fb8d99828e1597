#pragma once
// The console: queue | thread + composer | facts rail, driven from the
// keyboard. Thin over the models: the queue is core's TicketQueueModel behind
// QueueFilterProxy, the thread is core's ThreadModel, every write is a Command queued
// in the session's Outbox.

#include "models/queue_filter_proxy.h"
#include "models/ticket_queue_model.h"
#include "ui/action_registry.h"
#include "ui/composer.h"
#include "session/console_session.h"
#include "ui/console_settings.h"
#include "models/thread_model.h"
#include "ui/ticket_cache.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

class QDialog;
class QDockWidget;
class QLabel;
class QLineEdit;
class QSplitter;
class QSystemTrayIcon;
class QTabBar;
class QToolButton;
class QTreeView;

namespace zeiko::ui {

class AttentionWatcher;
class CheatSheet;
class CommandPalette;
class FactsRail;
class OutboxModel;
class OutboxPanel;
class QueueDelegate;
class ThreadView;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ConsoleSession &session, ConsoleSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests, screenshots and the benchmark.
    QTreeView *queueView() const { return m_queueView; }
    QLineEdit *searchField() const { return m_search; }
    QTabBar *viewTabs() const { return m_viewTabs; }
    ThreadView *threadView() const { return m_threadView; }
    FactsRail *factsRail() const { return m_rail; }
    Composer *composer() const { return m_composer; }
    CommandPalette *commandPalette() const { return m_palette; }
    ActionRegistry &actions() { return m_actions; }
    QueueFilterProxy &queueProxy() { return m_proxy; }
    TicketQueueModel &queueModel() { return m_queueModel; }
    QLabel *connectionLabel() const { return m_connectionLabel; }
    QDockWidget *outboxDock() const { return m_outboxDock; }
    TicketId currentTicketId() const { return m_currentTicket; }

    bool openTicketByNumber(qint64 number);
    void setView(QueueFilterProxy::View view);
    void saveLayout();
    // Sends a waiting reply now (sign-out, quit).
    void commitPendingSend();

Q_SIGNALS:
    void signOutRequested();
    void currentTicketChanged(zeiko::TicketId id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildMenus();
    QWidget *buildQueuePane();
    QWidget *buildThreadPane();
    void buildStatusBar();
    void buildOutboxDock();
    void restoreLayout();

    void setCurrentTicket(TicketId id);
    void moveSelection(int delta);
    bool selectTicket(TicketId id);
    void updateActions();
    void updateViewCounts();
    void updateConnection(ConnectionState state);
    void updateOutboxCounts(int pending, int failed);
    void tick();

    bool enqueue(Command command);
    void takeOver();
    void closeTicket(bool thenNext);
    void forceClose();
    void reopen();
    void setPriority(Priority priority);
    void assignToMe();
    void assignTo();
    void openHandoff();
    void startComposer(Composer::Mode mode);
    void goBack();
    void focusSearch();
    void retryItem(qint64 itemId);
    void editItem(qint64 itemId);
    void discardItem(qint64 itemId);
    void notify(const QString &title, const QString &message);
    // When a dialog closes, give the keyboard back to this window (and the
    // widget that had it), also where no window manager does it for us.
    void returnFocusAfter(QDialog *dialog);
    QVariant currentData(int role) const;

    ConsoleSession &m_session;
    ConsoleSettings &m_settings;
    ActionTable m_table;   // before m_actions: the QActions run its handlers
    ActionRegistry m_actions;
    TicketQueueModel m_queueModel;
    QueueFilterProxy m_proxy;
    TicketCache m_tickets;
    ThreadModel m_threadModel;
    OutboxModel *m_outboxModel = nullptr;
    AttentionWatcher *m_attention = nullptr;
    TicketId m_currentTicket = 0;

    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_threadSplitter = nullptr;
    QTreeView *m_queueView = nullptr;
    QueueDelegate *m_queueDelegate = nullptr;
    QLineEdit *m_search = nullptr;
    QTabBar *m_viewTabs = nullptr;
    QLabel *m_ticketTitle = nullptr;
    ThreadView *m_threadView = nullptr;
    Composer *m_composer = nullptr;
    FactsRail *m_rail = nullptr;
    CommandPalette *m_palette = nullptr;
    CheatSheet *m_cheatSheet = nullptr;
    QDockWidget *m_outboxDock = nullptr;
    OutboxPanel *m_outboxPanel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_offlineBanner = nullptr;
    QLabel *m_syncLabel = nullptr;
    QToolButton *m_outboxButton = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_tickTimer;
    QTimer m_countsTimer;
    QTimer m_searchTimer;
};

} // namespace zeiko::ui
