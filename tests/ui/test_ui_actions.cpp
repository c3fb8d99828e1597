// The actions table (ui/action_table.*) on its own, with no widgets: every
// action has a unique id and name and a text, no two actions share a default
// key in the same context, and the enable rules answer with a reason.

#include "ui/action_table.h"
#include "ui/ticket_commands.h"

#include <QSet>
#include <QTest>

using namespace zeiko;
using namespace zeiko::ui;

class TestUiActions : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void everyIdHasOneEntry();
    void everyActionHasTextAndAGroup();
    void noDefaultKeyClashesInAContext();
    void clashDetectionWorks();
    void dialogKeysMatchEvents();
    void namesRoundTrip();
    void rulesWithoutATicket();
    void rulesOnAClosedTicket();
    void rulesOnAnOpenTicket();
    void rulesWithALiveHandoff();
    void handlersRunOnlyWhenEnabled();
    void ticketCommandsForOneKeyActions();
    void stateFromTheQueueRow();
};

void TestUiActions::everyIdHasOneEntry()
{
    const ActionTable table;
    QCOMPARE(int(table.specs().size()), int(ActionId::Count));
    QSet<QString> names;
    for (int i = 0; i < int(ActionId::Count); ++i) {
        const ActionSpec &spec = table.spec(ActionId(i));
        QCOMPARE(int(spec.id), i);
        const QString name = QString::fromLatin1(spec.name);
        QVERIFY2(!name.isEmpty(), qPrintable(QString::number(i)));
        QVERIFY2(!names.contains(name), qPrintable(name));
        names.insert(name);
    }
}

void TestUiActions::everyActionHasTextAndAGroup()
{
    const ActionTable table;
    for (const ActionSpec &spec : table.specs()) {
        QVERIFY2(!spec.text.trimmed().isEmpty(), spec.name);
        QVERIFY2(!ActionTable::groupText(spec.group).isEmpty(), spec.name);
        if (spec.menu != ActionMenu::None)
            QVERIFY2(!ActionTable::menuText(spec.menu).isEmpty(), spec.name);
    }
}

void TestUiActions::noDefaultKeyClashesInAContext()
{
    const ActionTable table;
    const auto clashes = table.defaultKeyClashes();
    QStringList described;
    for (const auto &[a, b] : clashes)
        described << ActionTable::name(a) + QStringLiteral(" / ") + ActionTable::name(b);
    QVERIFY2(clashes.isEmpty(), qPrintable(described.join(QStringLiteral(", "))));
    // A chord's prefix must not also be a single-key command of the same context.
    QSet<QKeyCombination> singles;
    for (const ActionSpec &spec : table.specs()) {
        if (spec.defaultKey.count() == 1)
            singles.insert(spec.defaultKey[0]);
    }
    for (const ActionSpec &spec : table.specs()) {
        if (spec.defaultKey.count() > 1)
            QVERIFY2(!singles.contains(spec.defaultKey[0]), spec.name);
    }
}

void TestUiActions::clashDetectionWorks()
{
    // The check itself: two entries with one key in one context are reported.
    const ActionTable table;
    std::vector<ActionSpec> specs = table.specs();
    specs[std::size_t(ActionId::QueuePrevious)].defaultKey = QKeySequence(Qt::Key_J);
    const auto clashes = ActionTable::keyClashes(specs);
    QCOMPARE(clashes.size(), 1);
    QCOMPARE(clashes.first().first, ActionId::QueueNext);
    QCOMPARE(clashes.first().second, ActionId::QueuePrevious);
    // One key in two contexts is not a clash: Ctrl+Enter sends from the
    // composer and from the handoff window, and confirms a prompt.
    QCOMPARE(table.spec(ActionId::ComposeSend).defaultKey, table.spec(ActionId::HandoffSend).defaultKey);
    QVERIFY(table.spec(ActionId::ComposeSend).context != table.spec(ActionId::HandoffSend).context);
}

void TestUiActions::dialogKeysMatchEvents()
{
    const QKeyEvent ctrlReturn(QEvent::KeyPress, Qt::Key_Return, Qt::ControlModifier);
    const QKeyEvent ctrlKeypadEnter(QEvent::KeyPress, Qt::Key_Enter, Qt::ControlModifier | Qt::KeypadModifier);
    const QKeyEvent plainReturn(QEvent::KeyPress, Qt::Key_Return, Qt::NoModifier);
    const QKeyEvent ctrlZ(QEvent::KeyPress, Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(ActionTable::matches(ActionId::HandoffSend, &ctrlReturn));
    QVERIFY(ActionTable::matches(ActionId::PromptAccept, &ctrlKeypadEnter));
    QVERIFY(!ActionTable::matches(ActionId::HandoffSend, &plainReturn));   // Enter is a new line
    QVERIFY(!ActionTable::matches(ActionId::HandoffSend, &ctrlZ));
}

void TestUiActions::namesRoundTrip()
{
    for (int i = 0; i < int(ActionId::Count); ++i)
        QCOMPARE(ActionTable::fromName(ActionTable::name(ActionId(i))), std::optional<ActionId>(ActionId(i)));
    QCOMPARE(ActionTable::fromName(QStringLiteral("no.such.action")), std::nullopt);
    // Saved remappings use these names: they must not change.
    QCOMPARE(ActionTable::name(ActionId::QueueNext), QStringLiteral("queue.next"));
    QCOMPARE(ActionTable::name(ActionId::ViewAll), QStringLiteral("view.0"));
    QCOMPARE(ActionTable::name(ActionId::ViewMine), QStringLiteral("view.1"));
    QCOMPARE(ActionTable::name(ActionId::TicketPriorityUrgent), QStringLiteral("ticket.priority1"));
}

void TestUiActions::rulesWithoutATicket()
{
    const ActionTable table;
    const ActionState none;
    for (ActionId id : {ActionId::ComposeReply, ActionId::TicketClose, ActionId::TicketReopen,
                        ActionId::TicketAssignMe, ActionId::TicketHandoff, ActionId::TicketOpen}) {
        const Availability a = table.availability(id, none);
        QVERIFY2(!a.enabled, qPrintable(ActionTable::name(id)));
        QVERIFY2(!a.reason.isEmpty(), qPrintable(ActionTable::name(id)));
    }
    for (ActionId id : {ActionId::QueueNext, ActionId::AppPalette, ActionId::AppQuit, ActionId::ViewAll})
        QVERIFY(table.availability(id, none).enabled);
}

void TestUiActions::rulesOnAClosedTicket()
{
    const ActionTable table;
    ActionState closed;
    closed.hasTicket = true;
    closed.ticket.status = TicketStatus::Closed;
    for (ActionId id : {ActionId::TicketClose, ActionId::TicketCloseAndNext, ActionId::TicketForceClose,
                        ActionId::TicketTakeOver, ActionId::TicketAssignMe, ActionId::TicketAssignTo,
                        ActionId::TicketPriorityUrgent, ActionId::TicketPriorityLow}) {
        const Availability a = table.availability(id, closed);
        QVERIFY2(!a.enabled, qPrintable(ActionTable::name(id)));
        QCOMPARE(a.reason, ActionTable::tr("This ticket is closed."));
    }
    QVERIFY(table.availability(ActionId::TicketReopen, closed).enabled);
    QVERIFY(table.availability(ActionId::ComposeReply, closed).enabled);   // the composer warns instead
    ActionState resolved = closed;
    resolved.ticket.status = TicketStatus::Resolved;
    QVERIFY(table.availability(ActionId::TicketReopen, resolved).enabled);
    QVERIFY(table.availability(ActionId::TicketClose, resolved).enabled);
}

void TestUiActions::rulesOnAnOpenTicket()
{
    const ActionTable table;
    ActionState open;
    open.hasTicket = true;
    open.self.id = QStringLiteral("me");
    open.ticket.status = TicketStatus::WaitingOnTeam;
    QVERIFY(table.availability(ActionId::TicketClose, open).enabled);
    QVERIFY(table.availability(ActionId::TicketTakeOver, open).enabled);
    QVERIFY(table.availability(ActionId::TicketAssignMe, open).enabled);
    const Availability reopen = table.availability(ActionId::TicketReopen, open);
    QVERIFY(!reopen.enabled);
    QCOMPARE(reopen.reason, ActionTable::tr("Only a resolved or closed ticket can be reopened."));
    const Availability handoff = table.availability(ActionId::TicketHandoff, open);
    QVERIFY(!handoff.enabled);
    QVERIFY(!handoff.reason.isEmpty());

    // Mine and already taken over: nothing to take over, nothing to assign.
    ActionState mine = open;
    mine.ticket.assignee = Assignee{ActorKind::Operator, QStringLiteral("me"), QStringLiteral("Me")};
    mine.ticket.ownerMode = OwnerMode::Human;
    QCOMPARE(table.availability(ActionId::TicketTakeOver, mine).reason, ActionTable::tr("You already work this ticket."));
    QCOMPARE(table.availability(ActionId::TicketAssignMe, mine).reason,
             ActionTable::tr("This ticket is already assigned to you."));
    QVERIFY(table.availability(ActionId::TicketAssignTo, mine).enabled);
    // Mine but the AI agent still answers: taking over is the point.
    mine.ticket.ownerMode = OwnerMode::Agent;
    QVERIFY(table.availability(ActionId::TicketTakeOver, mine).enabled);

    // A colleague's (issue 11, item 7): not the AI agent's to take over from,
    // whoever answers; the reason names the owner, and what applies is offered.
    for (const OwnerMode mode : {OwnerMode::Agent, OwnerMode::Human}) {
        ActionState colleagues = open;
        colleagues.ticket.assignee = Assignee{ActorKind::Operator, QStringLiteral("mei"), QStringLiteral("Mei Tanaka")};
        colleagues.ticket.ownerMode = mode;
        const Availability takeOver = table.availability(ActionId::TicketTakeOver, colleagues);
        QVERIFY(!takeOver.enabled);
        QCOMPARE(takeOver.reason, ActionTable::tr("Owned by %1 — assign it to yourself to work it, or add an internal "
                                                  "note.").arg(QStringLiteral("Mei Tanaka")));
        QVERIFY(table.availability(ActionId::TicketAssignMe, colleagues).enabled);
        QVERIFY(table.availability(ActionId::ComposeNote, colleagues).enabled);
        // Its unclaimed live handoff does not make it the agent's either.
        colleagues.ticket.handoff = rules::HandoffFacts{HandoffState::Requested, std::nullopt};
        QVERIFY(!table.availability(ActionId::TicketTakeOver, colleagues).enabled);
    }
}

// The rules read the live handoff and who owns it, not only the ticket.
void TestUiActions::rulesWithALiveHandoff()
{
    const ActionTable table;
    ActionState s;
    s.hasTicket = true;
    s.self.id = QStringLiteral("me");
    s.ticket.status = TicketStatus::WaitingOnTeam;
    s.ticket.handoff = rules::HandoffFacts{HandoffState::Requested, std::nullopt};
    QVERIFY(table.availability(ActionId::TicketHandoff, s).enabled);
    // A plain close is refused while the handoff is open; force close is the way.
    const Availability close = table.availability(ActionId::TicketClose, s);
    QVERIFY(!close.enabled);
    QCOMPARE(close.reason, ActionTable::tr("A live handoff is still open: resolve it first, or use Force close."));
    QVERIFY(!table.availability(ActionId::TicketCloseAndNext, s).enabled);
    QVERIFY(table.availability(ActionId::TicketForceClose, s).enabled);
    // Unclaimed: team and capacity are the server's to check, so take over is offered.
    QVERIFY(table.availability(ActionId::TicketTakeOver, s).enabled);
    // Someone else owns the live conversation: they do.
    s.ticket.handoff->state = HandoffState::Active;
    s.ticket.handoff->assignee = Assignee{ActorKind::Operator, QStringLiteral("sam"), QStringLiteral("Sam")};
    QCOMPARE(table.availability(ActionId::TicketTakeOver, s).reason,
             ActionTable::tr("Owned by %1 — assign it to yourself to work it, or add an internal note.").arg(QStringLiteral("Sam")));
    // Resolved: closing is fine again.
    s.ticket.handoff->state = HandoffState::Resolved;
    QVERIFY(table.availability(ActionId::TicketClose, s).enabled);
}

void TestUiActions::handlersRunOnlyWhenEnabled()
{
    ActionTable table;
    int closes = 0;
    table.setHandler(ActionId::TicketClose, [&closes] { ++closes; });
    QVERIFY(table.hasHandler(ActionId::TicketClose));
    QVERIFY(!table.hasHandler(ActionId::TicketReopen));
    ActionState s;
    QVERIFY(!table.trigger(ActionId::TicketClose, s).enabled);
    QCOMPARE(closes, 0);
    s.hasTicket = true;
    QVERIFY(table.trigger(ActionId::TicketClose, s).enabled);
    QCOMPARE(closes, 1);
    table.trigger(ActionId::TicketReopen, s);   // no handler, refused: nothing happens
}

void TestUiActions::ticketCommandsForOneKeyActions()
{
    const QString me = QStringLiteral("op-7");
    const auto takeOver = ticketCommandFor(ActionId::TicketTakeOver, 42, me);
    QVERIFY(takeOver);
    QVERIFY(takeOver->type == CommandType::TakeOver);
    QCOMPARE(takeOver->ticketId, TicketId(42));
    QVERIFY(ticketCommandFor(ActionId::TicketCloseAndNext, 42, me)->type == CommandType::Close);
    QVERIFY(ticketCommandFor(ActionId::TicketReopen, 42, me)->type == CommandType::Reopen);
    const auto mine = ticketCommandFor(ActionId::TicketAssignMe, 42, me);
    QVERIFY(mine->type == CommandType::Assign);
    QCOMPARE(mine->assigneeId, me);
    const std::pair<ActionId, Priority> priorities[] = {{ActionId::TicketPriorityUrgent, Priority::Urgent},
                                                        {ActionId::TicketPriorityHigh, Priority::High},
                                                        {ActionId::TicketPriorityNormal, Priority::Normal},
                                                        {ActionId::TicketPriorityLow, Priority::Low}};
    for (const auto &[id, priority] : priorities) {
        const auto c = ticketCommandFor(id, 42, me);
        QVERIFY(c->type == CommandType::SetPriority);
        QVERIFY(c->priority == std::optional<Priority>(priority));
    }
    // Actions with a dialog or no ticket command queue nothing directly.
    for (ActionId id : {ActionId::TicketForceClose, ActionId::TicketAssignTo, ActionId::ComposeReply, ActionId::QueueNext})
        QVERIFY(!ticketCommandFor(id, 42, me));
}

void TestUiActions::stateFromTheQueueRow()
{
    rules::TicketFacts ticket;
    ticket.status = TicketStatus::Closed;
    ticket.handoff = rules::HandoffFacts{HandoffState::Active, std::nullopt};
    rules::ActorFacts me;
    me.id = QStringLiteral("op-7");
    QCOMPARE(actionStateFor(0, ticket, me).hasTicket, false);
    const ActionState s = actionStateFor(5, ticket, me);
    QVERIFY(s.hasTicket);
    QVERIFY(s.ticket == ticket);
    QCOMPARE(s.self.id, me.id);
}

QTEST_GUILESS_MAIN(TestUiActions)
#include "test_ui_actions.moc"
