#pragma once
// Every command of the console, in one widget-free table: a typed id, its
// text, its default key and the context that key works in, the group the
// palette and the cheat sheet show, where the menus and the ticket toolbar
// put it, the rule that says when it can run (with the reason when it
// cannot) and the handler that runs it.
//
// Nothing here needs a QWidget, so the table, its keys and its rules are
// tested without a GUI (tests/ui/test_ui_actions.cpp). ActionRegistry is the
// thin adapter that turns each entry into a QAction; menus, the toolbar, the
// palette and the cheat sheet are generated from the entries, in table order.
// A new command is one entry here plus one handler (TicketCommands).

#include "domain/enums.h"
#include "domain/ticket_rules.h"

#include <QCoreApplication>
#include <QHash>
#include <QKeyEvent>
#include <QKeySequence>
#include <QString>

#include <functional>
#include <optional>
#include <vector>

namespace zeiko::ui {

// One value per command. The order is the table order (menus, cheat sheet).
enum class ActionId {
    QueueNext,               // j: next row of the queue
    QueuePrevious,           // k: previous row
    TicketOpen,              // Enter: read the thread
    NavBack,                 // Esc: back to the queue
    QueueNextKeepFocus,      // Alt+J: next row, stay in the composer
    QueuePreviousKeepFocus,  // Alt+K: previous row, stay in the composer
    QueueSearch,             // /: focus the search field
    ViewMine,                // g m
    ViewUnassigned,          // g u
    ViewWaitingOnTeam,       // g w
    ViewSlaAtRisk,           // g s
    ViewAll,                 // g a
    ComposeReply,            // r: reply to the customer (live chat or email, as they can read it)
    ComposeNote,             // n: internal note
    ComposeSend,             // Ctrl+Enter
    ComposeFlip,             // Ctrl+Shift+N: reply <-> note
    ComposePreview,          // Ctrl+Shift+P: markdown preview
    ComposeUndo,             // Ctrl+Z: undo send within the delay
    TicketTakeOver,          // t: take over from the AI agent
    TicketClose,             // c
    TicketCloseAndNext,      // Ctrl+Shift+X
    TicketForceClose,        // Shift+C: close with a reason, ends a handoff
    TicketResolveHandoff,    // Shift+R: end the live handoff (ticket resolved, CSAT asked)
    TicketReopen,            // o
    TicketPriorityUrgent,    // 1
    TicketPriorityHigh,      // 2
    TicketPriorityNormal,    // 3
    TicketPriorityLow,       // 4
    TicketAssignMe,          // a
    TicketAssignTo,          // Shift+A: pick an operator
    TicketHandoff,           // h: the live handoff conversation
    AppPalette,              // Ctrl+K
    AppCheatSheet,           // ?
    AppOutbox,               // Ctrl+Shift+O: show / hide the outbox
    AppSettings,             // Ctrl+,
    AppRefresh,              // F5
    AppSignOut,              // no key
    AppQuit,                 // Ctrl+Q
    AppAbout,                // no key: the About box
    HandoffSend,             // Ctrl+Enter in the handoff window: send the live reply
    PromptAccept,            // Ctrl+Enter in a reason / edit prompt: confirm
    Count                    // not an action: the number of ids
};

// What the palette and the cheat sheet group commands by.
enum class ActionGroup {
    Go,        // moving around the queue and the panes
    View,      // switching the queue's saved views
    Compose,   // the composer
    Ticket,    // commands about the current ticket
    Console    // the application itself
};

// Where a default key works. Two actions may share a key only in different
// contexts. Window actions become QActions of the main window (remappable,
// in the menus, the palette and the cheat sheet); the others are keys a
// dialog handles itself with ActionTable::matches().
// Not listed here: moving through a list (Up/Down/Enter in the palette and
// the assign dialog) and the composer editor's own Ctrl+Enter / Ctrl+Z,
// which are ComposeSend / ComposeUndo while the editor has focus.
enum class ActionContext {
    Window,          // anywhere in the main window (bare keys: not while typing)
    HandoffDialog,   // the live handoff window's reply box
    TextPrompt       // a TextPromptDialog (force-close reason, edit and resend)
};

// The menu bar menu an action appears in (None: palette and keys only).
enum class ActionMenu {
    None,             // not in a menu
    Console,          // &Console
    Go,               // &Go
    Ticket,           // &Ticket
    TicketPriority,   // &Ticket › &Priority
    Compose,          // C&ompose
    View,             // &View
    Help              // &Help
};

// What the enable rules read: the current ticket as the console shows it
// (pending actions applied, its live handoff included) and who is signed in.
// Plain data, built by TicketCommands::actionState() from the queue model's
// TicketFactsRole, built by hand in tests.
struct ActionState
{
    bool hasTicket = false;      // a ticket is selected
    rules::TicketFacts ticket;   // what the command rules read of it
    rules::ActorFacts self;      // the signed-in operator
};

// Whether an action can run now and, if not, why (in the operator's words).
struct Availability
{
    bool enabled = true;
    QString reason;   // empty when enabled
    static Availability yes() { return {}; }
    static Availability no(const QString &why) { return {false, why}; }
};

struct ActionSpec
{
    ActionId id;
    const char *name;          // stable: settings "shortcuts/<name>", objectName "action.<name>"
    QString text;              // translated, may hold a menu mnemonic (&)
    QKeySequence defaultKey;   // empty: no default key
    ActionGroup group;
    ActionContext context = ActionContext::Window;
    ActionMenu menu = ActionMenu::None;
    bool separatorBefore = false;   // in its menu
    bool onToolbar = false;         // the ticket pane's toolbar
    Availability (*enabledWhen)(const ActionState &) = nullptr;   // null: always
};

// The command whose rule decides whether a ticket action can run (the one
// it queues, or — for a dialog — the kind it will queue); nothing for
// actions that are not ticket commands. The enable rules ask
// core/domain/ticket_rules about it: a refusal disables the action with its
// reason, "the server decides" leaves it enabled.
std::optional<Command> ruleCommandFor(ActionId id, const QString &selfOperatorId);

class ActionTable
{
    Q_DECLARE_TR_FUNCTIONS(ActionTable)
public:
    using Handler = std::function<void()>;

    ActionTable();   // builds the entries (texts translated at this point)

    const std::vector<ActionSpec> &specs() const { return m_specs; }
    const ActionSpec &spec(ActionId id) const { return m_specs[std::size_t(id)]; }
    static QString name(ActionId id);
    static std::optional<ActionId> fromName(const QString &name);
    static QString groupText(ActionGroup group);
    static QString menuText(ActionMenu menu);

    // The rule for one action on a state (always enabled without a rule).
    Availability availability(ActionId id, const ActionState &state) const;

    void setHandler(ActionId id, Handler handler);
    bool hasHandler(ActionId id) const { return m_handlers.contains(int(id)); }
    // Runs the handler if the rule allows it on `state`; returns the refusal otherwise.
    Availability trigger(ActionId id, const ActionState &state) const;
    // Runs the handler without asking the rule (the QAction was enabled).
    void run(ActionId id) const;

    // Pairs of actions whose default keys clash in the same context.
    QList<QPair<ActionId, ActionId>> defaultKeyClashes() const { return keyClashes(m_specs); }
    static QList<QPair<ActionId, ActionId>> keyClashes(const std::vector<ActionSpec> &specs);

    // True when `event` is the default key of `id` (a dialog-context key;
    // Enter and Return are the same key, extra modifiers are tolerated).
    static bool matches(ActionId id, const QKeyEvent *event);

private:
    std::vector<ActionSpec> m_specs;
    QHash<int, Handler> m_handlers;
};

} // namespace zeiko::ui
