#pragma once
// The console's commands: the handler of every entry in the actions table,
// the dialogs they open (force close, assign, settings, edit and resend,
// the handoff window, the palette, the cheat sheet) and the current ticket
// the commands act on. MainWindow only assembles the panes this drives.
//
// What a command decides is kept in plain functions (ticketCommandFor,
// actionStateFor) so it is tested without widgets; the enable rules
// themselves are the table's (ui/action_table.h).

#include "domain/types.h"
#include "ui/action_table.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QDialog;
class QDockWidget;
class QWidget;

namespace zeiko {
class ConsoleSession;
}

namespace zeiko::ui {

class ActionRegistry;
class CheatSheet;
class CommandPalette;
class ConsoleSettings;
class FactsRail;
class HandoffDialog;
class OutboxPanel;
class QueuePane;
class TicketCache;
class TicketPane;

// The command a one-key ticket action queues (take over, close, reopen,
// priority, assign to me) for `ticket`; nothing for other actions.
std::optional<Command> ticketCommandFor(ActionId id, TicketId ticket, const QString &selfOperatorId);

// The state the enable rules read: the queue row's TicketFactsRole and the signed-in operator.
ActionState actionStateFor(TicketId id, const rules::TicketFacts &ticket, const rules::ActorFacts &self);

class TicketCommands : public QObject
{
    Q_OBJECT
public:
    struct Panes
    {
        QueuePane *queue;
        TicketPane *ticket;
        FactsRail *rail;
        QDockWidget *outboxDock;
        OutboxPanel *outboxPanel;
    };
    // Sets a handler for every action of `table`; `window` parents the dialogs.
    TicketCommands(ConsoleSession &session, ConsoleSettings &settings, ActionTable &table, ActionRegistry &actions,
                   TicketCache &tickets, Panes panes, QWidget *window);

    TicketId currentTicket() const { return m_current; }
    CommandPalette *palette() const { return m_palette; }
    ActionState actionState() const;
    // Re-applies the enable rules and the ticket title.
    void refresh();
    bool openTicketByNumber(qint64 number);

    void retryItem(qint64 itemId);
    void editItem(qint64 itemId);
    void discardItem(qint64 itemId);
    void openHandoff();
    // When a dialog closes, give the keyboard back to the window (and the
    // widget that had it), also where no window manager does it for us.
    void returnFocusAfter(QDialog *dialog);

Q_SIGNALS:
    void currentTicketChanged(zeiko::TicketId id);
    void message(const QString &text, int timeoutMs);
    void signOutRequested();
    void quitRequested();

private:
    void bindHandlers(ActionTable &table);
    void setCurrentTicket(TicketId id);
    bool enqueue(Command command);
    bool runTicketCommand(ActionId id);
    void takeOver();
    void closeTicket(bool thenNext);
    void forceClose();
    void assignTo();
    void startComposer(bool reply);
    void goBack();
    void showCheatSheet();
    void showSettings();
    void showAbout();

    ConsoleSession &m_session;
    ConsoleSettings &m_settings;
    ActionRegistry &m_actions;
    TicketCache &m_tickets;
    Panes m_panes;
    QWidget *m_window;
    TicketId m_current = 0;
    CommandPalette *m_palette = nullptr;
    CheatSheet *m_cheatSheet = nullptr;
    // One live-conversation window per ticket: `h` again raises it.
    QHash<TicketId, QPointer<HandoffDialog>> m_handoffWindows;
};

} // namespace zeiko::ui
