#pragma once
// The console window: queue pane | ticket pane (thread + composer) | facts
// rail, the outbox dock, the menus and the status bar. It assembles these
// and persists their layout; it decides nothing. The commands, their dialogs
// and their enable rules are in the actions table (ui/action_table.h) and
// TicketCommands (ui/ticket_commands.h).

#include "models/queue_filter_proxy.h"
#include "models/ticket_queue_model.h"
#include "session/console_session.h"
#include "ui/action_registry.h"
#include "ui/action_table.h"
#include "ui/console_settings.h"
#include "ui/ticket_cache.h"

#include <QMainWindow>
#include <QPointer>
#include <QTimer>

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
class CommandPalette;
class Composer;
class FactsRail;
class OutboxModel;
class OutboxPanel;
class QueuePane;
class ThreadView;
class TicketCommands;
class TicketPane;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(ConsoleSession &session, ConsoleSettings &settings, QWidget *parent = nullptr);
    ~MainWindow() override;

    // For tests, screenshots and the benchmark.
    QueuePane *queuePane() const { return m_queuePane; }
    TicketPane *ticketPane() const { return m_ticketPane; }
    QTreeView *queueView() const;
    QLineEdit *searchField() const;
    QTabBar *viewTabs() const;
    ThreadView *threadView() const;
    FactsRail *factsRail() const { return m_rail; }
    Composer *composer() const;
    CommandPalette *commandPalette() const;
    ActionRegistry &actions() { return m_actions; }
    TicketCommands *commands() const { return m_commands; }
    QueueFilterProxy &queueProxy();
    TicketQueueModel &queueModel();
    QLabel *connectionLabel() const { return m_connectionLabel; }
    QDockWidget *outboxDock() const { return m_outboxDock; }
    TicketId currentTicketId() const;

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
    void buildStatusBar();
    void buildOutboxDock();
    void connectSync();
    void restoreLayout();
    void fitFirstStart();
    void updateConnection(ConnectionState state);
    void updateOutboxCounts(int pending, int failed);
    void notify(const QString &title, const QString &message);

    ConsoleSession &m_session;
    ConsoleSettings &m_settings;
    ActionTable m_table;   // before m_actions: the QActions run its handlers
    ActionRegistry m_actions;
    TicketCache m_tickets;
    OutboxModel *m_outboxModel = nullptr;
    AttentionWatcher *m_attention = nullptr;
    TicketCommands *m_commands = nullptr;

    QSplitter *m_mainSplitter = nullptr;
    QueuePane *m_queuePane = nullptr;
    TicketPane *m_ticketPane = nullptr;
    FactsRail *m_rail = nullptr;
    QDockWidget *m_outboxDock = nullptr;
    OutboxPanel *m_outboxPanel = nullptr;
    QLabel *m_connectionLabel = nullptr;
    QLabel *m_syncLabel = nullptr;
    QToolButton *m_outboxButton = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QTimer m_tickTimer;
    // Where the keyboard was before the outbox panel took it (given back when it closes).
    QPointer<QWidget> m_focusBeforeOutbox;
    bool m_focusInOutbox = false;
};

} // namespace zeiko::ui
