#include "ui/action_table.h"

#include "models/labels.h"

namespace zeiko::ui {

namespace {

// ---- enable rules --------------------------------------------------------------
// Ticket commands ask the one rule set (core/domain/ticket_rules) about the
// command they queue; this only words its answer for the operator.

Availability needsTicket(const ActionState &s)
{
    return s.hasTicket ? Availability::yes() : Availability::no(ActionTable::tr("Select a ticket first."));
}

QString refusalText(const rules::Refusal &refusal, const Command &command, const ActionState &s)
{
    switch (refusal.kind) {
    case rules::RefusalKind::InvalidTransition:
        if (s.ticket.status == TicketStatus::Closed)
            return ActionTable::tr("This ticket is closed.");
        if (command.type == CommandType::Reopen)
            return ActionTable::tr("Only a resolved or closed ticket can be reopened.");
        return ActionTable::tr("Not possible while the ticket is %1.").arg(labels::status(s.ticket.status));
    case rules::RefusalKind::HandoffOpen:
        return ActionTable::tr("A live handoff is still open: resolve it first, or use Force close.");
    case rules::RefusalKind::NotHandoffOwner:
        return ActionTable::tr("Only the operator who owns the live conversation can reply in it: take it over first.");
    case rules::RefusalKind::HandoffResolved:
        if (!s.ticket.handoff)
            return ActionTable::tr("This ticket has no linked handoff conversation.");
        return ActionTable::tr("The handoff is already resolved.");
    case rules::RefusalKind::AlreadyClaimed:
        // A colleague owns the ticket (or its live handoff): who, and what the operator can do instead.
        return ActionTable::tr("Owned by %1 — assign it to yourself to work it, or add an internal note.")
            .arg(refusal.by ? refusal.by->name : ActionTable::tr("a colleague"));
    case rules::RefusalKind::NotOnTeam:
        return ActionTable::tr("You are not on this agent's handoff team.");
    case rules::RefusalKind::AtCapacity:
        return ActionTable::tr("You already have as many open handoffs as you may.");
    case rules::RefusalKind::UnknownAssignee:
        return ActionTable::tr("There is no such operator.");
    }
    return refusal.message;
}

// The rule of a ticket command action: what the rules answer for its command.
template<ActionId id>
Availability commandRule(const ActionState &s)
{
    if (!s.hasTicket)
        return needsTicket(s);
    const std::optional<Command> command = ruleCommandFor(id, s.self.id);
    const rules::Outcome outcome = rules::apply(s.ticket, *command, s.self);
    if (const auto *refusal = std::get_if<rules::Refusal>(&outcome))
        return Availability::no(refusalText(*refusal, *command, s));
    // Accepted but pointless: taking over what one already works, assigning
    // to whom it is assigned (the server would only add an audit line).
    const auto *after = std::get_if<rules::TicketAfter>(&outcome);
    if (after && rules::changesNothing(s.ticket, *after)) {
        if (command->type == CommandType::TakeOver)
            return Availability::no(ActionTable::tr("You already work this ticket."));
        if (command->type == CommandType::Assign)
            return Availability::no(ActionTable::tr("This ticket is already assigned to you."));
    }
    return Availability::yes();   // applied, or the server decides
}

Availability handoffRule(const ActionState &s)
{
    if (!s.hasTicket)
        return needsTicket(s);
    if (!s.ticket.handoff)
        return Availability::no(ActionTable::tr("This ticket has no linked handoff conversation."));
    return Availability::yes();
}

} // namespace

std::optional<Command> ruleCommandFor(ActionId id, const QString &selfOperatorId)
{
    Command c;
    switch (id) {
    case ActionId::TicketTakeOver: c.type = CommandType::TakeOver; return c;
    case ActionId::TicketClose:
    case ActionId::TicketCloseAndNext: c.type = CommandType::Close; return c;
    case ActionId::TicketForceClose: c.type = CommandType::ForceClose; return c;
    case ActionId::TicketResolveHandoff: c.type = CommandType::ResolveHandoff; return c;
    case ActionId::TicketReopen: c.type = CommandType::Reopen; return c;
    case ActionId::TicketAssignMe:
        c.type = CommandType::Assign;
        c.assigneeId = selfOperatorId;
        return c;
    case ActionId::TicketAssignTo:
        c.type = CommandType::Assign;   // to someone picked in the dialog: the server knows who exists
        return c;
    case ActionId::TicketPriorityUrgent:
    case ActionId::TicketPriorityHigh:
    case ActionId::TicketPriorityNormal:
    case ActionId::TicketPriorityLow: {
        static constexpr Priority byAction[] = {Priority::Urgent, Priority::High, Priority::Normal, Priority::Low};
        c.type = CommandType::SetPriority;
        c.priority = byAction[int(id) - int(ActionId::TicketPriorityUrgent)];
        return c;
    }
    default: return std::nullopt;
    }
}

ActionTable::ActionTable()
{
    using A = ActionId;
    using G = ActionGroup;
    using M = ActionMenu;
    const auto key = [](auto... keys) { return QKeySequence(keys...); };
    // id, name, text, default key, group, context, menu, separator before, toolbar, rule
    m_specs = {
        {A::QueueNext, "queue.next", tr("Next ticket"), key(Qt::Key_J), G::Go, ActionContext::Window, M::Go},
        {A::QueuePrevious, "queue.previous", tr("Previous ticket"), key(Qt::Key_K), G::Go, ActionContext::Window, M::Go},
        {A::TicketOpen, "ticket.open", tr("Open ticket (read the thread)"), key(Qt::Key_Return), G::Go,
         ActionContext::Window, M::Go, false, false, needsTicket},
        {A::NavBack, "nav.back", tr("Back to the queue"), key(Qt::Key_Escape), G::Go, ActionContext::Window, M::Go},
        {A::QueueNextKeepFocus, "queue.nextKeepFocus", tr("Next ticket, stay in the composer"),
         key(Qt::ALT | Qt::Key_J), G::Go, ActionContext::Window, M::Go},
        {A::QueuePreviousKeepFocus, "queue.previousKeepFocus", tr("Previous ticket, stay in the composer"),
         key(Qt::ALT | Qt::Key_K), G::Go, ActionContext::Window, M::Go},
        {A::QueueSearch, "queue.search", tr("Search tickets"), key(Qt::Key_Slash), G::Go, ActionContext::Window, M::Go,
         true},
        // The names keep the numbers of QueueFilterProxy::View (saved remappings use them).
        {A::ViewMine, "view.1", tr("Show view: %1").arg(tr("Mine")), key(Qt::Key_G, Qt::Key_M), G::View,
         ActionContext::Window, M::Go, true},
        {A::ViewUnassigned, "view.2", tr("Show view: %1").arg(tr("Unassigned")), key(Qt::Key_G, Qt::Key_U), G::View,
         ActionContext::Window, M::Go},
        {A::ViewWaitingOnTeam, "view.3", tr("Show view: %1").arg(tr("Waiting on team")), key(Qt::Key_G, Qt::Key_W),
         G::View, ActionContext::Window, M::Go},
        {A::ViewSlaAtRisk, "view.4", tr("Show view: %1").arg(tr("SLA at risk")), key(Qt::Key_G, Qt::Key_S), G::View,
         ActionContext::Window, M::Go},
        {A::ViewAll, "view.0", tr("Show view: %1").arg(tr("All")), key(Qt::Key_G, Qt::Key_A), G::View,
         ActionContext::Window, M::Go},

        {A::ComposeReply, "compose.reply", tr("Reply to the customer"), key(Qt::Key_R), G::Compose, ActionContext::Window,
         M::Ticket, false, true, needsTicket},
        {A::ComposeNote, "compose.note", tr("Add an internal note"), key(Qt::Key_N), G::Compose, ActionContext::Window,
         M::Ticket, false, true, needsTicket},
        {A::ComposeSend, "compose.send", tr("Send"), key(Qt::CTRL | Qt::Key_Return), G::Compose, ActionContext::Window,
         M::Compose, false, false, needsTicket},
        {A::ComposeFlip, "compose.flip", tr("Switch reply / internal note"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_N),
         G::Compose, ActionContext::Window, M::Compose},
        {A::ComposePreview, "compose.preview", tr("Toggle markdown preview"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
         G::Compose, ActionContext::Window, M::Compose},
        {A::ComposeUndo, "compose.undo", tr("Undo send"), key(Qt::CTRL | Qt::Key_Z), G::Compose, ActionContext::Window,
         M::Compose},

        {A::TicketTakeOver, "ticket.takeOver", tr("Take over from the AI agent"), key(Qt::Key_T), G::Ticket,
         ActionContext::Window, M::Ticket, true, true, commandRule<A::TicketTakeOver>},
        {A::TicketClose, "ticket.close", tr("Close"), key(Qt::Key_C), G::Ticket, ActionContext::Window, M::Ticket,
         false, true, commandRule<A::TicketClose>},
        {A::TicketCloseAndNext, "ticket.closeAndNext", tr("Close and go to the next ticket"),
         key(Qt::CTRL | Qt::SHIFT | Qt::Key_X), G::Ticket, ActionContext::Window, M::Ticket, false, false,
         commandRule<A::TicketCloseAndNext>},
        {A::TicketForceClose, "ticket.forceClose", tr("Force close…"), key(Qt::SHIFT | Qt::Key_C), G::Ticket,
         ActionContext::Window, M::Ticket, false, true, commandRule<A::TicketForceClose>},
        {A::TicketResolveHandoff, "ticket.resolveHandoff", tr("Resolve the handoff"), key(Qt::SHIFT | Qt::Key_R),
         G::Ticket, ActionContext::Window, M::Ticket, false, true, commandRule<A::TicketResolveHandoff>},
        {A::TicketReopen, "ticket.reopen", tr("Reopen"), key(Qt::Key_O), G::Ticket, ActionContext::Window, M::Ticket,
         false, true, commandRule<A::TicketReopen>},
        {A::TicketPriorityUrgent, "ticket.priority1", tr("Priority: %1").arg(labels::priority(Priority::Urgent)),
         key(Qt::Key_1), G::Ticket, ActionContext::Window, M::TicketPriority, true, false, commandRule<A::TicketPriorityUrgent>},
        {A::TicketPriorityHigh, "ticket.priority2", tr("Priority: %1").arg(labels::priority(Priority::High)),
         key(Qt::Key_2), G::Ticket, ActionContext::Window, M::TicketPriority, false, false, commandRule<A::TicketPriorityHigh>},
        {A::TicketPriorityNormal, "ticket.priority3", tr("Priority: %1").arg(labels::priority(Priority::Normal)),
         key(Qt::Key_3), G::Ticket, ActionContext::Window, M::TicketPriority, false, false, commandRule<A::TicketPriorityNormal>},
        {A::TicketPriorityLow, "ticket.priority4", tr("Priority: %1").arg(labels::priority(Priority::Low)),
         key(Qt::Key_4), G::Ticket, ActionContext::Window, M::TicketPriority, false, false, commandRule<A::TicketPriorityLow>},
        {A::TicketAssignMe, "ticket.assignMe", tr("Assign to me"), key(Qt::Key_A), G::Ticket, ActionContext::Window,
         M::Ticket, false, true, commandRule<A::TicketAssignMe>},
        {A::TicketAssignTo, "ticket.assignTo", tr("Assign to…"), key(Qt::SHIFT | Qt::Key_A), G::Ticket,
         ActionContext::Window, M::Ticket, false, true, commandRule<A::TicketAssignTo>},
        {A::TicketHandoff, "ticket.handoff", tr("Open the handoff conversation"), key(Qt::Key_H), G::Ticket,
         ActionContext::Window, M::Ticket, true, true, handoffRule},

        {A::AppPalette, "app.palette", tr("Command palette"), key(Qt::CTRL | Qt::Key_K), G::Console,
         ActionContext::Window, M::Console},
        {A::AppCheatSheet, "app.cheatSheet", tr("Keyboard shortcuts"), key(Qt::Key_Question), G::Console,
         ActionContext::Window, M::Help},
        {A::AppOutbox, "app.outbox", tr("Show the outbox"), key(Qt::CTRL | Qt::SHIFT | Qt::Key_O), G::Console,
         ActionContext::Window, M::View},
        {A::AppSettings, "app.settings", tr("Settings…"), key(Qt::CTRL | Qt::Key_Comma), G::Console,
         ActionContext::Window, M::Console},
        {A::AppRefresh, "app.refresh", tr("Refresh now"), key(Qt::Key_F5), G::Console, ActionContext::Window,
         M::Console},
        {A::AppSignOut, "app.signOut", tr("Sign out"), QKeySequence(), G::Console, ActionContext::Window, M::Console,
         true},
        {A::AppQuit, "app.quit", tr("Quit"), key(Qt::CTRL | Qt::Key_Q), G::Console, ActionContext::Window,
         M::Console},
        {A::AppAbout, "app.about", tr("About Zeiko Handoff Console"), QKeySequence(), G::Console,
         ActionContext::Window, M::Help},
        {A::HandoffSend, "handoff.send", tr("Send the live reply"), key(Qt::CTRL | Qt::Key_Return), G::Compose,
         ActionContext::HandoffDialog},
        {A::PromptAccept, "prompt.accept", tr("Confirm the reason or the edited text"), key(Qt::CTRL | Qt::Key_Return),
         G::Console, ActionContext::TextPrompt},
    };
    // The table is indexed by id: keep the entries in enum order.
    for (std::size_t i = 0; i < m_specs.size(); ++i)
        Q_ASSERT(std::size_t(m_specs[i].id) == i);
    Q_ASSERT(m_specs.size() == std::size_t(ActionId::Count));
}

QString ActionTable::name(ActionId id)
{
    static const ActionTable names;   // names do not depend on the language
    return QString::fromLatin1(names.spec(id).name);
}

std::optional<ActionId> ActionTable::fromName(const QString &name)
{
    for (int i = 0; i < int(ActionId::Count); ++i) {
        if (ActionTable::name(ActionId(i)) == name)
            return ActionId(i);
    }
    return std::nullopt;
}

QString ActionTable::groupText(ActionGroup group)
{
    switch (group) {
    case ActionGroup::Go: return tr("Go");
    case ActionGroup::View: return tr("View");
    case ActionGroup::Compose: return tr("Compose");
    case ActionGroup::Ticket: return tr("Ticket");
    case ActionGroup::Console: return tr("Console");
    }
    return {};
}

QString ActionTable::menuText(ActionMenu menu)
{
    switch (menu) {
    case ActionMenu::None: return {};
    case ActionMenu::Console: return tr("&Console");
    case ActionMenu::Go: return tr("&Go");
    case ActionMenu::Ticket: return tr("&Ticket");
    case ActionMenu::TicketPriority: return tr("&Priority");
    case ActionMenu::Compose: return tr("C&ompose");
    case ActionMenu::View: return tr("&View");
    case ActionMenu::Help: return tr("&Help");
    }
    return {};
}

Availability ActionTable::availability(ActionId id, const ActionState &state) const
{
    const ActionSpec &s = spec(id);
    return s.enabledWhen ? s.enabledWhen(state) : Availability::yes();
}

void ActionTable::setHandler(ActionId id, Handler handler)
{
    m_handlers.insert(int(id), std::move(handler));
}

Availability ActionTable::trigger(ActionId id, const ActionState &state) const
{
    const Availability a = availability(id, state);
    if (a.enabled)
        run(id);
    return a;
}

void ActionTable::run(ActionId id) const
{
    const auto it = m_handlers.constFind(int(id));
    if (it != m_handlers.cend() && *it)
        (*it)();
}

bool ActionTable::matches(ActionId id, const QKeyEvent *event)
{
    static const ActionTable keys;   // dialog keys are not remappable: the defaults
    const QKeySequence &sequence = keys.spec(id).defaultKey;
    if (sequence.count() != 1 || !event)
        return false;
    const auto normal = [](int k) { return k == Qt::Key_Enter ? int(Qt::Key_Return) : k; };
    const QKeyCombination wanted = sequence[0];
    const Qt::KeyboardModifiers held = event->modifiers() & ~Qt::KeypadModifier;
    return normal(event->key()) == normal(wanted.key()) && (held & wanted.keyboardModifiers()) == wanted.keyboardModifiers();
}

QList<QPair<ActionId, ActionId>> ActionTable::keyClashes(const std::vector<ActionSpec> &specs)
{
    QList<QPair<ActionId, ActionId>> clashes;
    for (std::size_t i = 0; i < specs.size(); ++i) {
        for (std::size_t j = i + 1; j < specs.size(); ++j) {
            const ActionSpec &a = specs[i], &b = specs[j];
            if (!a.defaultKey.isEmpty() && a.defaultKey == b.defaultKey && a.context == b.context)
                clashes.append({a.id, b.id});
        }
    }
    return clashes;
}

} // namespace zeiko::ui
