// The server and the console agree on every command in every state.
//
// For every (status × owner × handoff state and owner × actor role × command)
// — enumerated from the enums, so a new status, command or handoff state is
// covered without touching this file — the server's rule path
// (service::applyCommand, as the ticket service calls it, with the server's
// data) and the console's reading of the same rules (rules::apply without the
// server's data) must agree: what the console refuses the server refuses with
// the same code; what the console applies the server applies with the same
// result; where the console says "the server decides", the server accepts with
// the result the console showed or refuses with a code only its data explains
// (handoff team, capacity, unknown operator). The console's side is what it
// really runs: the pending overlay (what the queue shows while the command is
// queued) must show what the server's event will carry, and the actions
// table (ui/action_table, widget-free) enables an action exactly when the
// server would do something with its command.

#include "domain/ticket_rules.h"
#include "outbox/pending_overlay.h"
#include "service/command_rules.h"
#include "service/service_error.h"
#include "service/sla_policy.h"
#include "ui/action_table.h"

#include <QTest>

using namespace zeiko;
using namespace Qt::StringLiterals;

namespace {

const QString kMe = u"1"_s;
const QString kOther = u"2"_s;

enum class Who { Nobody, Agent, Me, Other };
const Who kOwners[] = {Who::Nobody, Who::Agent, Who::Me, Who::Other};
const Who kHandoffOwners[] = {Who::Nobody, Who::Me, Who::Other};   // an operator owns a handoff, never an agent

QString whoName(Who w)
{
    switch (w) {
    case Who::Nobody: return u"nobody"_s;
    case Who::Agent: return u"agent"_s;
    case Who::Me: return u"me"_s;
    case Who::Other: return u"other"_s;
    }
    return {};
}

std::optional<Assignee> assigneeFor(Who w)
{
    switch (w) {
    case Who::Nobody: return std::nullopt;
    case Who::Agent: return Assignee{ActorKind::Agent, u"agent-returns"_s, u"Returns Agent"_s};
    case Who::Me: return Assignee{ActorKind::Operator, kMe, u"Alex"_s};
    case Who::Other: return Assignee{ActorKind::Operator, kOther, u"Sam"_s};
    }
    return std::nullopt;
}

Operator operatorFor(Who w, OperatorRole role = OperatorRole::Operator)
{
    return w == Who::Me ? Operator{kMe, u"alex@x.test"_s, u"Alex"_s, role, {}, 0}
                        : Operator{kOther, u"sam@x.test"_s, u"Sam"_s, OperatorRole::Operator, {}, 0};
}

// One combination of the matrix.
struct Case {
    TicketStatus status;
    OwnerMode ownerMode;
    Who owner;
    std::optional<HandoffState> handoff;   // nullopt: no handoff
    Who handoffOwner;
    OperatorRole role;
    CommandType command;
    Who target;   // assign: to whom

    QString name() const
    {
        return u"%1/%2 owned by %3/handoff %4 owned by %5/%6 %7%8"_s.arg(
            toString(status), toString(ownerMode), whoName(owner), handoff ? toString(*handoff) : u"none"_s,
            whoName(handoffOwner), toString(role), toString(command),
            command == CommandType::Assign ? u" to "_s + whoName(target) : QString());
    }
};

QList<Case> everyCase()
{
    QList<Case> cases;
    QList<std::optional<HandoffState>> handoffs{std::nullopt};
    for (const HandoffState s : allValues<HandoffState>())
        handoffs.append(s);
    for (const TicketStatus status : allValues<TicketStatus>())
        for (const OwnerMode mode : allValues<OwnerMode>())
            for (const Who owner : kOwners)
                for (const auto &handoff : handoffs)
                    for (const Who handoffOwner : kHandoffOwners) {
                        if (!handoff && handoffOwner != Who::Nobody)
                            continue;
                        for (const OperatorRole role : allValues<OperatorRole>())
                            for (const CommandType command : ticketCommandTypes())
                                for (const Who target : {Who::Me, Who::Other}) {
                                    if (command != CommandType::Assign && target != Who::Me)
                                        continue;
                                    cases.append({status, mode, owner, handoff, handoffOwner, role, command, target});
                                }
                    }
    return cases;
}

const QDateTime kCreated(QDate(2026, 1, 1), QTime(9, 0), Qt::UTC);
const QDateTime kNow = kCreated.addSecs(60);   // every due date far ahead: the derived SLA is on track

Ticket ticketFor(const Case &c)
{
    Ticket t;
    t.id = 7;
    t.status = c.status;
    t.priority = Priority::Normal;
    t.ownerMode = c.ownerMode;
    t.assignee = assigneeFor(c.owner);
    t.createdAt = kCreated;
    t.lastActivityAt = kCreated;
    t.version = 3;
    service::startSla(t, kCreated);
    if (c.status == TicketStatus::WaitingOnCustomer)
        t.sla.state = SlaState::Paused;
    else if (c.status == TicketStatus::Closed || c.status == TicketStatus::Resolved)
        t.sla.state = SlaState::Met;
    if (c.handoff)
        t.handoffId = u"5"_s;
    return t;
}

std::optional<Handoff> handoffFor(const Case &c)
{
    if (!c.handoff)
        return std::nullopt;
    return Handoff{u"5"_s, 7, *c.handoff, assigneeFor(c.handoffOwner), u"agent"_s, u"conv"_s, kCreated, kCreated};
}

Command commandFor(const Case &c)
{
    Command command;
    command.type = c.command;
    command.ticketId = 7;
    command.requestId = u"req-1"_s;
    command.body = u"body"_s;
    command.reason = u"reason"_s;
    command.priority = Priority::High;
    command.assigneeId = c.target == Who::Me ? kMe : kOther;
    return command;
}

// What the server's data can say on top of the rules the console knows.
enum class ServerData { Permissive, Restrictive };

struct ServerAnswer {
    std::optional<service::CommandOutcome> outcome;
    QByteArray code;   // when refused
    std::optional<Handoff> handoffAfter;
};

ServerAnswer serverPath(const Case &c, ServerData data)
{
    const Ticket before = ticketFor(c);
    service::CommandContext context;
    context.actor = operatorFor(Who::Me, c.role);
    context.now = kNow;
    context.requestId = u"req-1"_s;
    context.handoff = handoffFor(c);
    // As TicketService::execute looks them up.
    if (c.command == CommandType::TakeOver && service::isHandoffOpen(context.handoff)) {
        context.claimLimits = service::ClaimLimits{};
        if (data == ServerData::Restrictive)
            context.claimLimits = service::ClaimLimits{{u"someone@else.test"_s}, 1, 1};
    }
    // The actor exists; another operator only in the permissive data.
    if (c.command == CommandType::Assign && (data == ServerData::Permissive || c.target == Who::Me))
        context.assignTo = operatorFor(c.target);
    ServerAnswer answer;
    try {
        answer.outcome = service::applyCommand(before, commandFor(c), context);
        answer.handoffAfter = answer.outcome->handoff ? answer.outcome->handoff : context.handoff;
    } catch (const service::ServiceError &e) {
        answer.code = e.code;
    }
    return answer;
}

QString assigneeText(const std::optional<Assignee> &a)
{
    return a ? toString(a->kind) + u':' + a->id : u"none"_s;
}

QString handoffText(const std::optional<rules::HandoffFacts> &h)
{
    return h ? toString(h->state) + u'@' + assigneeText(h->assignee) : u"none"_s;
}

// The server's result as the rules' facts, to compare with what the console shows.
QString describe(const service::CommandOutcome &out, const std::optional<Handoff> &handoff)
{
    const Ticket &t = out.ticket;
    return u"%1 %2 %3 %4 sla=%5 handoff=%6"_s.arg(toString(t.status), toString(t.priority), toString(t.ownerMode),
                                                 assigneeText(t.assignee), toString(t.sla.state),
                                                 handoffText(rules::handoffFacts(handoff)));
}

QString describe(const rules::TicketAfter &after)
{
    const rules::TicketFacts &t = after.ticket;
    return u"%1 %2 %3 %4 sla=%5 handoff=%6"_s.arg(toString(t.status), toString(t.priority), toString(t.ownerMode),
                                                 assigneeText(t.assignee), toString(t.slaState), handoffText(t.handoff));
}

// The server's event as the queue row shows it (the SLA state as clients
// read it: derived at `kNow`).
QString describeRow(const service::CommandOutcome &out, const std::optional<Handoff> &handoff)
{
    const Ticket t = service::withEffectiveSla(out.ticket, kNow);
    return u"%1 %2 %3 %4 sla=%5 handoff=%6"_s.arg(toString(t.status), toString(t.priority), toString(t.ownerMode),
                                                 assigneeText(t.assignee), toString(t.sla.state),
                                                 handoffText(rules::handoffFacts(handoff)));
}

QString describeRow(const TicketRow &r, const std::optional<rules::HandoffFacts> &handoff)
{
    return u"%1 %2 %3 %4 sla=%5 handoff=%6"_s.arg(toString(r.status), toString(r.priority), toString(r.ownerMode),
                                                 assigneeText(r.assignee), toString(r.slaState), handoffText(handoff));
}

rules::ActorFacts consoleActor(const Case &c)
{
    // The console knows its operator's id, name and role (not what the server
    // keeps about them, such as the handoff teams).
    rules::ActorFacts me;
    me.id = kMe;
    me.displayName = u"Alex"_s;
    me.role = c.role;
    return me;
}

} // namespace

class TestRuleAgreement : public QObject
{
    Q_OBJECT

private slots:
    void theMatrixCoversEveryEnumValue();
    void serverAndConsoleRulesAgree();
    void pendingOverlayShowsWhatTheServerWillSend();
    void actionsAreEnabledExactlyWhenTheServerWouldAct();
    void serverOnlyRefusalsAreNotGuessedByTheConsole();
};

void TestRuleAgreement::theMatrixCoversEveryEnumValue()
{
    const QList<Case> cases = everyCase();
    QSet<int> statuses, commands, handoffs, roles;
    for (const Case &c : cases) {
        statuses.insert(int(c.status));
        commands.insert(int(c.command));
        roles.insert(int(c.role));
        if (c.handoff)
            handoffs.insert(int(*c.handoff));
    }
    QCOMPARE(statuses.size(), allValues<TicketStatus>().size());
    QCOMPARE(commands.size(), ticketCommandTypes().size());
    QCOMPARE(handoffs.size(), allValues<HandoffState>().size());
    QCOMPARE(roles.size(), allValues<OperatorRole>().size());
    QVERIFY(cases.size() > 5000);
}

void TestRuleAgreement::serverAndConsoleRulesAgree()
{
    QStringList disagreements;
    int refused = 0, applied = 0, decidedByServer = 0;
    for (const Case &c : everyCase()) {
        const Ticket ticket = ticketFor(c);
        const rules::Outcome console =
            rules::apply(rules::ticketFacts(ticket, handoffFor(c)), commandFor(c), consoleActor(c));
        const ServerAnswer permissive = serverPath(c, ServerData::Permissive);
        const ServerAnswer restrictive = serverPath(c, ServerData::Restrictive);
        const auto disagree = [&](const QString &what) { disagreements.append(c.name() + u": "_s + what); };

        if (const auto *refusal = std::get_if<rules::Refusal>(&console)) {
            ++refused;
            for (const ServerAnswer *server : {&permissive, &restrictive})
                if (server->code != refusal->code)
                    disagree(u"the console refuses (%1), the server answers %2"_s.arg(
                        QString::fromLatin1(refusal->code),
                        server->outcome ? u"by applying it"_s : QString::fromLatin1(server->code)));
        } else if (const auto *after = std::get_if<rules::TicketAfter>(&console)) {
            ++applied;
            for (const ServerAnswer *server : {&permissive, &restrictive}) {
                if (!server->outcome)
                    disagree(u"the console applies it, the server refuses (%1)"_s.arg(QString::fromLatin1(server->code)));
                else if (describe(*server->outcome, server->handoffAfter) != describe(*after))
                    disagree(u"the console shows %1, the server has %2"_s.arg(describe(*after),
                                                                             describe(*server->outcome, server->handoffAfter)));
            }
        } else {
            ++decidedByServer;
            const rules::TicketAfter &ifAccepted = std::get<rules::ServerDecides>(console).ifAccepted;
            if (!permissive.outcome)
                disagree(u"the server refuses (%1) although its data allows it"_s.arg(QString::fromLatin1(permissive.code)));
            else if (describe(*permissive.outcome, permissive.handoffAfter) != describe(ifAccepted))
                disagree(u"the console shows %1, the server has %2"_s.arg(
                    describe(ifAccepted), describe(*permissive.outcome, permissive.handoffAfter)));
            // Refused by the server's data: a refusal only that data explains.
            const QList<QByteArray> serverOnly{"forbidden", "at_capacity", "invalid_field"};
            if (restrictive.outcome || !serverOnly.contains(restrictive.code))
                disagree(u"the console leaves it to the server, whose data cannot refuse it (%1)"_s.arg(
                    restrictive.outcome ? u"applied"_s : QString::fromLatin1(restrictive.code)));
        }
    }
    QVERIFY2(disagreements.isEmpty(),
             qPrintable(u"%1 disagreements, e.g.:\n"_s.arg(disagreements.size()) + disagreements.mid(0, 15).join(u'\n')));
    // Each kind of answer happens (the matrix is not degenerate).
    QVERIFY(refused > 0);
    QVERIFY(applied > 0);
    QVERIFY(decidedByServer > 0);
}

void TestRuleAgreement::pendingOverlayShowsWhatTheServerWillSend()
{
    QStringList disagreements;
    for (const Case &c : everyCase()) {
        const Ticket ticket = ticketFor(c);
        const TicketRow before = rowOf(service::withEffectiveSla(ticket, kNow));   // as synced
        const std::optional<rules::HandoffFacts> handoff = rules::handoffFacts(handoffFor(c));
        OutboxItem item;
        item.id = 1;
        item.command = commandFor(c);
        const PendingOverlay overlay = applyPending(before, handoff, {item}, consoleActor(c));
        const QString shown = describeRow(overlay.row, overlay.handoff);
        const ServerAnswer server = serverPath(c, ServerData::Permissive);
        const QString expected = server.outcome ? describeRow(*server.outcome, server.handoffAfter)
                                                : describeRow(before, handoff);   // refused: nothing changes
        if (!overlay.hasPending || shown != expected)
            disagreements.append(u"%1: the queue shows %2 while queued, the server then sends %3"_s.arg(
                c.name(), shown, server.outcome ? expected : u"a refusal (%1)"_s.arg(QString::fromLatin1(server.code))));
    }
    QVERIFY2(disagreements.isEmpty(),
             qPrintable(u"%1 disagreements, e.g.:\n"_s.arg(disagreements.size()) + disagreements.mid(0, 15).join(u'\n')));
}

void TestRuleAgreement::actionsAreEnabledExactlyWhenTheServerWouldAct()
{
    const ui::ActionTable table;
    const QList<QByteArray> serverOnly{"forbidden", "at_capacity", "invalid_field"};
    QStringList disagreements;
    int checked = 0;
    for (const Case &c : everyCase()) {
        const Ticket ticket = ticketFor(c);
        const std::optional<rules::HandoffFacts> handoff = rules::handoffFacts(handoffFor(c));
        const TicketRow row = rowOf(service::withEffectiveSla(ticket, kNow));
        ui::ActionState state;
        state.hasTicket = true;
        state.ticket = ticketFacts(row, handoff);   // what TicketFactsRole holds
        state.self = consoleActor(c);
        const ServerAnswer server = serverPath(c, ServerData::Permissive);
        const ServerAnswer restricted = serverPath(c, ServerData::Restrictive);
        for (int i = 0; i < int(ui::ActionId::Count); ++i) {
            const auto id = ui::ActionId(i);
            const std::optional<Command> command = ui::ruleCommandFor(id, kMe);
            if (!command || command->type != c.command)
                continue;
            // Assign to me is the case with target me; assign to… picks anyone.
            if (id == ui::ActionId::TicketAssignMe && c.target != Who::Me)
                continue;
            ++checked;
            const ui::Availability a = table.availability(id, state);
            const QString name = c.name() + u" ["_s + ui::ActionTable::name(id) + u"]: "_s;
            if (a.enabled) {
                if (!server.outcome)
                    disagreements.append(name + u"enabled, the server refuses (%1)"_s.arg(QString::fromLatin1(server.code)));
            } else if (a.reason.isEmpty()) {
                disagreements.append(name + u"disabled without a reason"_s);
            } else if (server.outcome) {
                // Disabled although accepted: only when it would change nothing.
                const QString before = describeRow(row, handoff);
                if (describeRow(*server.outcome, server.handoffAfter).section(u" sla="_s, 0, 0) !=
                        before.section(u" sla="_s, 0, 0) ||
                    describeRow(*server.outcome, server.handoffAfter).section(u" handoff="_s, 1) !=
                        before.section(u" handoff="_s, 1))
                    disagreements.append(name + u"disabled (%1), the server applies it"_s.arg(a.reason));
            } else if (serverOnly.contains(server.code) || serverOnly.contains(restricted.code)) {
                disagreements.append(name + u"disabled (%1) on data only the server has"_s.arg(a.reason));
            }
        }
    }
    QVERIFY(checked > 5000);
    QVERIFY2(disagreements.isEmpty(),
             qPrintable(u"%1 disagreements, e.g.:\n"_s.arg(disagreements.size()) + disagreements.mid(0, 15).join(u'\n')));
}

void TestRuleAgreement::serverOnlyRefusalsAreNotGuessedByTheConsole()
{
    rules::TicketFacts open;
    open.handoff = rules::HandoffFacts{HandoffState::Requested, std::nullopt};
    rules::ActorFacts me;
    me.id = kMe;
    Command takeOver;
    takeOver.type = CommandType::TakeOver;
    // Team and capacity live on the server: the console lets it decide.
    QVERIFY(std::holds_alternative<rules::ServerDecides>(rules::apply(open, takeOver, me)));
    // Another operator owning the handoff is on the ticket: the console knows.
    open.handoff->assignee = Assignee{ActorKind::Operator, kOther, u"Sam"_s};
    const auto claimed = rules::apply(open, takeOver, me);
    QVERIFY(std::holds_alternative<rules::Refusal>(claimed));
    QCOMPARE(std::get<rules::Refusal>(claimed).code, QByteArray("already_claimed"));
    QCOMPARE(std::get<rules::Refusal>(claimed).by->name, u"Sam"_s);
    // Assigning to someone else: whether they exist is the server's to say.
    Command assign;
    assign.type = CommandType::Assign;
    assign.assigneeId = kOther;
    QVERIFY(std::holds_alternative<rules::ServerDecides>(rules::apply(open, assign, me)));
    assign.assigneeId = kMe;
    QVERIFY(std::holds_alternative<rules::TicketAfter>(rules::apply(open, assign, me)));
}

QTEST_GUILESS_MAIN(TestRuleAgreement)
#include "test_rule_agreement.moc"
