// The status state machine (core/domain/ticket_rules) and the server's
// command rules as pure functions: the table matches docs/api.md, and each
// command does what the docs say. (That the console reads the same rules the
// same way: tests/core/test_rule_agreement.cpp.)

#include "domain/ticket_rules.h"
#include "service/command_rules.h"
#include "service/service_error.h"
#include "service/sla_policy.h"

#include <QTest>

using namespace zeiko;
using namespace zeiko::service;
using zeiko::rules::isAllowed;
using zeiko::rules::statusAfter;
using zeiko::rules::transitionTable;
using namespace Qt::StringLiterals;

namespace {

Ticket ticketIn(TicketStatus status)
{
    Ticket t;
    t.id = 7;
    t.status = status;
    t.priority = Priority::Normal;
    t.createdAt = QDateTime(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
    t.lastActivityAt = t.createdAt;
    t.version = 3;
    startSla(t, t.createdAt);
    return t;
}

CommandContext contextAt(const QDateTime &now)
{
    CommandContext c;
    c.actor = Operator{u"1"_s, u"alex@x.test"_s, u"Alex"_s, OperatorRole::Admin, {}, 0};
    c.now = now;
    c.requestId = u"req-1"_s;
    return c;
}

Command commandOf(CommandType type)
{
    Command c;
    c.type = type;
    c.body = u"body"_s;
    c.reason = u"reason"_s;
    c.priority = Priority::High;
    c.assigneeId = u"2"_s;
    return c;
}

Handoff activeHandoffOwnedBy(const QString &operatorId, const QDateTime &at)
{
    return Handoff{u"5"_s, 7, HandoffState::Active, Assignee{ActorKind::Operator, operatorId, u"Op"_s}, u"agent"_s,
                   u"conv"_s, at, at};
}

} // namespace

class TicketStateMachineTest : public QObject
{
    Q_OBJECT

private slots:
    void tableMatchesTheDocs_data()
    {
        QTest::addColumn<CommandType>("command");
        QTest::addColumn<QList<TicketStatus>>("allowedFrom");
        QTest::addColumn<std::optional<TicketStatus>>("to");
        using S = TicketStatus;
        const QList<S> anyButClosed{S::Open, S::WaitingOnCustomer, S::WaitingOnTeam, S::Resolved};
        QTest::newRow("email_reply") << CommandType::EmailReply << anyButClosed << std::optional(S::WaitingOnCustomer);
        QTest::newRow("internal_note") << CommandType::InternalNote << allValues<S>() << std::optional<S>();
        QTest::newRow("take_over") << CommandType::TakeOver << anyButClosed << std::optional<S>();
        QTest::newRow("reopen") << CommandType::Reopen << QList<S>{S::Resolved, S::Closed} << std::optional(S::Open);
        QTest::newRow("close") << CommandType::Close << anyButClosed << std::optional(S::Closed);
        QTest::newRow("force_close") << CommandType::ForceClose << anyButClosed << std::optional(S::Closed);
        QTest::newRow("set_priority") << CommandType::SetPriority << anyButClosed << std::optional<S>();
        QTest::newRow("assign") << CommandType::Assign << anyButClosed << std::optional<S>();
        QTest::newRow("unassign") << CommandType::Unassign << anyButClosed << std::optional<S>();
        QTest::newRow("chat_reply") << CommandType::ChatReply << anyButClosed << std::optional(S::WaitingOnCustomer);
        QTest::newRow("resolve_handoff") << CommandType::ResolveHandoff << anyButClosed << std::optional(S::Resolved);
    }

    void tableMatchesTheDocs()
    {
        QFETCH(CommandType, command);
        QFETCH(QList<TicketStatus>, allowedFrom);
        QFETCH(std::optional<TicketStatus>, to);
        for (const TicketStatus from : allValues<TicketStatus>()) {
            QCOMPARE(isAllowed(command, from), allowedFrom.contains(from));
            if (allowedFrom.contains(from))
                QCOMPARE(toString(statusAfter(command, from)), toString(to.value_or(from)));
        }
    }

    void everyCommandIsInTheTable()
    {
        QCOMPARE(transitionTable().size(), ticketCommandTypes().size());
    }

    void refusedCommandsAreInvalidTransitions()
    {
        for (const CommandType type : ticketCommandTypes()) {
            for (const TicketStatus from : allValues<TicketStatus>()) {
                const Ticket before = ticketIn(from);
                CommandContext context = contextAt(before.createdAt.addSecs(60));
                context.assignTo = Operator{u"2"_s, u"sam@x.test"_s, u"Sam"_s, OperatorRole::Operator, {}, 0};
                if (type == CommandType::ChatReply || type == CommandType::ResolveHandoff)   // both need a live handoff
                    context.handoff = activeHandoffOwnedBy(u"1"_s, before.createdAt);
                if (isAllowed(type, from)) {
                    const CommandOutcome out = applyCommand(before, commandOf(type), context);
                    QCOMPARE(out.ticket.version, before.version + 1);
                    QCOMPARE(out.ticket.lastActivityAt, context.now);
                    QCOMPARE(out.entry.requestId, u"req-1"_s);
                } else {
                    try {
                        applyCommand(before, commandOf(type), context);
                        QFAIL("expected a refusal");
                    } catch (const ServiceError &e) {
                        QCOMPARE(e.status, 409);
                        QCOMPARE(e.code, QByteArray("invalid_transition"));
                        QCOMPARE(e.currentTicket->version, before.version);
                    }
                }
            }
        }
    }

    void staleBaseVersionWinsOverTheTransitionCheck()
    {
        Command c = commandOf(CommandType::Reopen);
        c.baseVersion = 1;
        try {
            applyCommand(ticketIn(TicketStatus::Open), c, contextAt(QDateTime::currentDateTimeUtc()));
            QFAIL("expected a conflict");
        } catch (const ServiceError &e) {
            QCOMPARE(e.code, QByteArray("version_conflict"));
        }
    }

    void closeNeedsTheHandoffResolvedButForceCloseResolvesIt()
    {
        const Ticket before = ticketIn(TicketStatus::Open);
        CommandContext context = contextAt(before.createdAt.addSecs(60));
        for (const HandoffState open : {HandoffState::Requested, HandoffState::Assigned, HandoffState::Active}) {
            context.handoff = Handoff{u"5"_s, 7, open, {}, u"agent"_s, u"conv"_s, before.createdAt, before.createdAt};
            try {
                applyCommand(before, commandOf(CommandType::Close), context);
                QFAIL("expected handoff_open");
            } catch (const ServiceError &e) {
                QCOMPARE(e.code, QByteArray("handoff_open"));
            }
            const CommandOutcome forced = applyCommand(before, commandOf(CommandType::ForceClose), context);
            QCOMPARE(toString(forced.ticket.status), toString(TicketStatus::Closed));
            QCOMPARE(toString(forced.handoff->state), toString(HandoffState::Resolved));
        }
        context.handoff->state = HandoffState::Resolved;
        QCOMPARE(toString(applyCommand(before, commandOf(CommandType::Close), context).ticket.status), toString(TicketStatus::Closed));
    }

    void chatReplyOnlyFromTheOwnerOfTheActiveHandoff()
    {
        const Ticket before = ticketIn(TicketStatus::WaitingOnTeam);
        CommandContext context = contextAt(before.createdAt.addSecs(60));
        const auto refused = [&](const std::optional<Handoff> &handoff) {
            context.handoff = handoff;
            try {
                applyCommand(before, commandOf(CommandType::ChatReply), context);
                return false;
            } catch (const ServiceError &e) {
                return e.status == 409 && e.code == QByteArray("not_handoff_owner");
            }
        };
        QVERIFY(refused(std::nullopt));
        QVERIFY(refused(activeHandoffOwnedBy(u"2"_s, before.createdAt)));   // someone else's conversation
        Handoff waiting = activeHandoffOwnedBy(u"1"_s, before.createdAt);
        waiting.state = HandoffState::Assigned;                               // not joined yet
        QVERIFY(refused(waiting));
        context.handoff = activeHandoffOwnedBy(u"1"_s, before.createdAt);
        const CommandOutcome out = applyCommand(before, commandOf(CommandType::ChatReply), context);
        QCOMPARE(toString(out.entry.kind), toString(EntryKind::HumanReply));
        QCOMPARE(toString(out.entry.visibility), toString(Visibility::Public));
        QCOMPARE(out.ticket.sla.firstRespondedAt, context.now);
        QCOMPARE(toString(out.ticket.status), toString(TicketStatus::WaitingOnCustomer));
        QCOMPARE(toString(out.ticket.sla.state), toString(SlaState::Met));
        QCOMPARE(toString(effectiveSla(out.ticket, context.now.addDays(30)).state), toString(SlaState::Met));
    }

    void emailReplyMeetsTheResponseTarget()
    {
        const Ticket before = ticketIn(TicketStatus::Open);
        const CommandContext context = contextAt(before.createdAt.addSecs(600));
        const CommandOutcome out = applyCommand(before, commandOf(CommandType::EmailReply), context);
        QCOMPARE(toString(out.ticket.status), toString(TicketStatus::WaitingOnCustomer));
        QCOMPARE(out.ticket.sla.firstRespondedAt, context.now);
        QCOMPARE(toString(out.ticket.sla.state), toString(SlaState::Met));
        QCOMPARE(toString(out.entry.kind), toString(EntryKind::HumanReply));
        QCOMPARE(toString(out.entry.visibility), toString(Visibility::Public));
        QCOMPARE(toString(out.eventType), toString(EventType::EntryAdded));
        // Met is what clients see for as long as the customer has not answered,
        // however long that takes: the resolution clock is stopped meanwhile.
        QCOMPARE(toString(effectiveSla(out.ticket, before.createdAt.addDays(30)).state), toString(SlaState::Met));
    }

    void aLaterReplyMeetsTheNextResponseAndKeepsTheFirst()
    {
        Ticket before = ticketIn(TicketStatus::WaitingOnTeam);
        before.sla.firstRespondedAt = before.createdAt.addSecs(60);
        before.sla.nextResponseDue = before.createdAt.addSecs(3 * 3600);
        const CommandContext context = contextAt(before.createdAt.addSecs(2 * 3600));
        const CommandOutcome out = applyCommand(before, commandOf(CommandType::EmailReply), context);
        QCOMPARE(out.ticket.sla.firstRespondedAt, before.createdAt.addSecs(60));
        QVERIFY(!out.ticket.sla.nextResponseDue);   // answered: nothing owed until the customer writes
        QCOMPARE(toString(out.ticket.sla.state), toString(SlaState::Met));
    }

    void commandsWhileWaitingKeepMetOrPaused()
    {
        // Met after a reply stays met through notes, assignments, priority changes.
        const Ticket open = ticketIn(TicketStatus::Open);
        const CommandContext context = contextAt(open.createdAt.addSecs(600));
        const Ticket answered = applyCommand(open, commandOf(CommandType::EmailReply), context).ticket;
        for (const CommandType type : {CommandType::InternalNote, CommandType::SetPriority, CommandType::Unassign,
                                       CommandType::TakeOver}) {
            const CommandOutcome out = applyCommand(answered, commandOf(type), context);
            QCOMPARE(toString(out.ticket.status), toString(TicketStatus::WaitingOnCustomer));
            QCOMPARE(toString(out.ticket.sla.state), toString(SlaState::Met));
        }
        // Waiting on the customer without a reply on record (older data, demo tickets): paused.
        Ticket waiting = ticketIn(TicketStatus::WaitingOnCustomer);
        waiting.sla.state = SlaState::Paused;
        const CommandOutcome out = applyCommand(waiting, commandOf(CommandType::InternalNote), context);
        QCOMPARE(toString(out.ticket.sla.state), toString(SlaState::Paused));
        QCOMPARE(toString(effectiveSla(out.ticket, waiting.createdAt.addDays(30)).state), toString(SlaState::Paused));
        // ...until a human replies.
        QCOMPARE(toString(applyCommand(waiting, commandOf(CommandType::EmailReply), context).ticket.sla.state),
                 toString(SlaState::Met));
    }

    void takeOverMakesTheOperatorOwner()
    {
        Ticket before = ticketIn(TicketStatus::Open);
        before.assignee = Assignee{ActorKind::Agent, u"agent-returns"_s, u"Returns Agent"_s};
        CommandContext context = contextAt(before.createdAt.addSecs(60));
        context.handoff = Handoff{u"5"_s, 7, HandoffState::Requested, {}, u"agent"_s, u"conv"_s, before.createdAt, before.createdAt};
        const CommandOutcome out = applyCommand(before, commandOf(CommandType::TakeOver), context);
        QCOMPARE(toString(out.ticket.ownerMode), toString(OwnerMode::Human));
        QCOMPARE(out.ticket.assignee->id, u"1"_s);
        QCOMPARE(toString(out.handoff->state), toString(HandoffState::Active));
        // A colleague's ticket is not the AI agent's to take over from: refused, naming them.
        before.assignee = Assignee{ActorKind::Operator, u"2"_s, u"Sam"_s};
        try {
            applyCommand(before, commandOf(CommandType::TakeOver), context);
            QFAIL("expected already_claimed");
        } catch (const ServiceError &e) {
            QCOMPARE(e.status, 409);
            QCOMPARE(e.code, QByteArray("already_claimed"));
            QVERIFY(e.message.contains(u"Sam"_s));
        }
    }

    void assignNeedsAKnownOperator()
    {
        try {
            applyCommand(ticketIn(TicketStatus::Open), commandOf(CommandType::Assign), contextAt(QDateTime::currentDateTimeUtc()));
            QFAIL("expected invalid_field");
        } catch (const ServiceError &e) {
            QCOMPARE(e.status, 400);
            QCOMPARE(e.code, QByteArray("invalid_field"));
        }
    }

    void slaStateAtReadTime()
    {
        Ticket t = ticketIn(TicketStatus::Open);   // normal: 8 h first response, 48 h resolution
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(3600)).state), toString(SlaState::OnTrack));
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(7 * 3600)).state), toString(SlaState::AtRisk));   // < 25% of 8 h left
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(9 * 3600)).state), toString(SlaState::Breached));
        t.sla.firstRespondedAt = t.createdAt.addSecs(600);
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(9 * 3600)).state), toString(SlaState::OnTrack));
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(49 * 3600)).state), toString(SlaState::Breached));
        t.status = TicketStatus::WaitingOnCustomer;
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(49 * 3600)).state), toString(SlaState::Paused));
        t.sla.state = SlaState::Met;   // stored by a human reply
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(49 * 3600)).state), toString(SlaState::Met));
        t.sla.state = SlaState::OnTrack;   // anything else while waiting: the clocks are stopped
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(49 * 3600)).state), toString(SlaState::Paused));
        t.status = TicketStatus::Closed;
        QCOMPARE(toString(effectiveSla(t, t.createdAt.addSecs(49 * 3600)).state), toString(SlaState::Met));
    }

    void slaTargetsPerPriority()
    {
        QCOMPARE(slaTargets(Priority::Urgent).firstResponse, std::chrono::hours(1));
        QCOMPARE(slaTargets(Priority::Urgent).resolution, std::chrono::hours(4));
        QCOMPARE(slaTargets(Priority::High).resolution, std::chrono::hours(24));
        QCOMPARE(slaTargets(Priority::Normal).firstResponse, std::chrono::hours(8));
        QCOMPARE(slaTargets(Priority::Low).resolution, std::chrono::hours(120));
    }
};

QTEST_GUILESS_MAIN(TicketStateMachineTest)
#include "test_ticket_state_machine.moc"
