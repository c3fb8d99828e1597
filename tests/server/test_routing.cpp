// Handoff routing by an AI agent's settings against the real server:
// round-robin fairness under parallel handoffs and across restarts,
// max open assignments, the atomic first-available claim, skill keywords
// the settings API, and waiting handoffs routed as soon as capacity frees
// up (resolve, force close, unassign, reassign, a raised cap, a new
// operator; parallel closes never double-assign). Built twice: on SQLite (label server) and on
// PostgreSQL (label postgres, ZEIKO_TEST_ON_POSTGRES).

#include "channels_test_support.h"
#include "support/postgres.h"

#include <QTest>

#include <memory>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QString agentToken = u"agent-token-routing"_s;
const QStringList team{u"ann@acme.test"_s, u"bob@acme.test"_s, u"cat@acme.test"_s};
} // namespace

class RoutingTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TemporaryPostgresDatabase> pg;
    ServerProcess server;
    AcmeTenant acme;
    QStringList openHandoffs;

    // A short re-check interval: an operator added by `admin` (another process) is noticed soon.
    QStringList serverArguments() const
    {
        return {u"--routing-max-sleep-ms"_s, u"300"_s};
    }

    void putSettings(const QString &agent, const QJsonObject &settings)
    {
        RequestOptions o = postJson(settings, acme.adminToken);
        o.method = "PUT";
        const HttpReply reply = server.request(u"/api/v1/handoff-settings/%1"_s.arg(agent), o);
        QVERIFY2(reply.status == 200, reply.body.constData());
    }
    QString conversation(const QString &agent, const QString &text = u"Hello"_s)
    {
        return server.request(u"/api/v1/widget/acme/conversations"_s,
                              postJson({{u"clientRequestId"_s, newId()}, {u"visitorToken"_s, newId()}, {u"agentId"_s, agent}, {u"body"_s, text}}))
            .json()
            .value(u"conversationId"_s)
            .toString();
    }
    ParallelRequest handoffRequest(const QString &conversationId, const QString &topic = {})
    {
        return {u"/api/v1/agent/conversations/%1/handoff"_s.arg(conversationId),
                postJson({{u"clientRequestId"_s, newId()}, {u"topic"_s, topic}}, agentToken)};
    }
    Handoff handoffOf(const HttpReply &reply)
    {
        const Handoff h = fromJson<Handoff>(reply.json().value(u"handoff"_s).toObject());
        openHandoffs.append(h.id);
        return h;
    }
    QString emailOf(const std::optional<Assignee> &a) const { return a ? acme.operatorIds.key(a->id) : QString(); }

    // One handoff request per fresh conversation, in this order (so "oldest" is well defined).
    QList<Handoff> requestHandoffs(const QString &agent, int count)
    {
        QList<Handoff> list;
        for (int i = 0; i < count; ++i) {
            const ParallelRequest r = handoffRequest(conversation(agent));
            const HttpReply reply = server.request(r.path, r.options);
            if (reply.status != 201)
                return {};
            list.append(handoffOf(reply));
        }
        return list;
    }
    // Every handoff's latest state, as the event log tells it.
    QHash<QString, Handoff> handoffsNow()
    {
        QHash<QString, Handoff> latest;
        Seq after = 0;
        for (;;) {
            const HttpReply reply = server.get(u"/api/v1/events?after=%1&limit=1000"_s.arg(after), acme.adminToken);
            const EventPage page = decode<EventPage>(reply.body);
            for (const Event &e : page.events)
                if (e.handoff)
                    latest.insert(e.handoff->id, *e.handoff);
            if (!page.hasMore || page.events.isEmpty())
                return latest;
            after = page.events.last().seq;
        }
    }
    Handoff handoffNow(const QString &id) { return handoffsNow().value(id); }
    QString assigneeNow(const QString &id) { return emailOf(handoffNow(id).assignee); }
    // Open (assigned/active) handoffs per operator email.
    QMap<QString, int> openPerOperator()
    {
        QMap<QString, int> open;
        for (const Handoff &h : handoffsNow())
            if (h.assignee && (h.state == HandoffState::Assigned || h.state == HandoffState::Active))
                ++open[emailOf(h.assignee)];
        return open;
    }
    // Entries saying a waiting handoff was routed because capacity freed up.
    int routedLaterEntries(TicketId ticket)
    {
        int n = 0;
        const QJsonArray entries =
            server.get(u"/api/v1/tickets/%1"_s.arg(ticket), acme.adminToken).json().value(u"entries"_s).toArray();
        for (const QJsonValue &e : entries)
            n += e.toObject().value(u"body"_s).toString().startsWith(u"Capacity freed up"_s);
        return n;
    }
    ParallelRequest ticketCommand(TicketId ticket, const QJsonObject &body)
    {
        RequestOptions o = postJson(body, acme.adminToken);
        o.idempotencyKey = newId();
        return {u"/api/v1/tickets/%1/commands"_s.arg(ticket), o};
    }
    HttpReply runTicketCommand(TicketId ticket, const QJsonObject &body)
    {
        const ParallelRequest r = ticketCommand(ticket, body);
        return server.request(r.path, r.options);
    }
    void putCappedTeam(const QString &agent, int cap, const QStringList &members = team)
    {
        putSettings(agent, {{u"strategy"_s, u"round_robin"_s},
                            {u"assigneeEmails"_s, QJsonArray::fromStringList(members)},
                            {u"maxOpenAssignments"_s, cap}});
    }

    // Resolves every handoff the test opened, so capacities start empty.
    void resolveOpenHandoffs()
    {
        for (const QString &id : std::as_const(openHandoffs))
            QCOMPARE(server.request(u"/api/v1/handoffs/%1/resolve"_s.arg(id), postJson({}, acme.adminToken)).status, 200);
        openHandoffs.clear();
    }

private slots:
    void initTestCase()
    {
#ifdef ZEIKO_TEST_ON_POSTGRES
        if (!TemporaryPostgresDatabase::configured())
            QSKIP("ZEIKO_TEST_POSTGRES_URL not set");
        pg = std::make_unique<TemporaryPostgresDatabase>();
        QVERIFY2(pg->isValid(), qPrintable(pg->errorText()));
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(pg->url(), serverArguments())), qPrintable(server.errorText()));
#else
        QVERIFY2(server.start(ServerProcess::Options::onDatabase({}, serverArguments())), qPrintable(server.errorText()));
#endif
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
        QVERIFY2(server.addAgentToken(u"acme"_s, agentToken), qPrintable(server.errorText()));
    }

    void cleanup() { resolveOpenHandoffs(); }

    void settingsAreValidatedAndAdminOnly()
    {
        RequestOptions bad = postJson({{u"strategy"_s, u"lottery"_s}}, acme.adminToken);
        bad.method = "PUT";
        const HttpReply badReply = server.request(u"/api/v1/handoff-settings/agent-x"_s, bad);
        QCOMPARE(badReply.status, 400);
        QVERIFY(badReply.body.contains("strategy"));
        RequestOptions notAdmin = postJson({{u"strategy"_s, u"round_robin"_s}}, acme.tokens.value(u"ann@acme.test"_s));
        notAdmin.method = "PUT";
        QCOMPARE(server.request(u"/api/v1/handoff-settings/agent-x"_s, notAdmin).status, 403);

        putSettings(u"agent-x"_s, {{u"strategy"_s, u"first_available"_s},
                                   {u"assigneeEmails"_s, QJsonArray{u"Ann@Acme.test"_s}},
                                   {u"maxOpenAssignments"_s, 3},
                                   {u"skillKeywords"_s, QJsonArray{u"Billing"_s}}});
        const QJsonObject read = server.get(u"/api/v1/handoff-settings/agent-x"_s, acme.tokens.value(u"bob@acme.test"_s)).json();
        QCOMPARE(read.value(u"strategy"_s).toString(), u"first_available"_s);
        QCOMPARE(read.value(u"assigneeEmails"_s).toArray(), QJsonArray{u"ann@acme.test"_s});
        QCOMPARE(read.value(u"skillKeywords"_s).toArray(), QJsonArray{u"billing"_s});
        QCOMPARE(read.value(u"maxOpenAssignments"_s).toInt(), 3);
        QCOMPARE(server.get(u"/api/v1/handoff-settings"_s, acme.adminToken).json().value(u"settings"_s).toArray().size(), 1);
    }

    void roundRobinIsFairUnderParallelHandoffs()
    {
        putSettings(u"agent-rr"_s, {{u"strategy"_s, u"round_robin"_s}, {u"assigneeEmails"_s, QJsonArray::fromStringList(team)}});
        QList<ParallelRequest> requests;
        for (int i = 0; i < 9; ++i)
            requests.append(handoffRequest(conversation(u"agent-rr"_s)));
        const QList<HttpReply> replies = sendInParallel(server.baseUrl(), requests);
        QMap<QString, int> perOperator;
        for (const HttpReply &reply : replies) {
            QCOMPARE(reply.status, 201);
            const Handoff h = handoffOf(reply);
            QCOMPARE(toString(h.state), u"assigned"_s);
            ++perOperator[emailOf(h.assignee)];
        }
        QCOMPARE(perOperator.keys(), team);
        for (const QString &email : team)
            QCOMPARE(perOperator.value(email), 3);
    }

    void roundRobinPositionSurvivesARestart()
    {
        putSettings(u"agent-restart"_s, {{u"strategy"_s, u"round_robin"_s}, {u"assigneeEmails"_s, QJsonArray::fromStringList(team)}});
        const QString c1 = conversation(u"agent-restart"_s), c2 = conversation(u"agent-restart"_s);
        const Handoff first = handoffOf(server.request(handoffRequest(c1).path, handoffRequest(c1).options));
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(server.databaseUrl(), serverArguments())),
                 qPrintable(server.errorText()));
        const Handoff second = handoffOf(server.request(handoffRequest(c2).path, handoffRequest(c2).options));
        const int a = team.indexOf(emailOf(first.assignee));
        QVERIFY(a >= 0);
        QCOMPARE(emailOf(second.assignee), team[(a + 1) % team.size()]);
    }

    void fullOperatorsAreSkippedAndTheRestWaits()
    {
        putSettings(u"agent-cap"_s, {{u"strategy"_s, u"round_robin"_s},
                                     {u"assigneeEmails"_s, QJsonArray::fromStringList(team)},
                                     {u"maxOpenAssignments"_s, 1}});
        QList<ParallelRequest> requests;
        for (int i = 0; i < 5; ++i)
            requests.append(handoffRequest(conversation(u"agent-cap"_s)));
        const QList<HttpReply> replies = sendInParallel(server.baseUrl(), requests);
        QStringList assigned;
        int waiting = 0;
        for (const HttpReply &reply : replies) {
            QCOMPARE(reply.status, 201);
            const Handoff h = handoffOf(reply);
            if (h.assignee) {
                assigned.append(emailOf(h.assignee));
            } else {
                QCOMPARE(toString(h.state), u"requested"_s);
                const Ticket t = fromJson<Ticket>(reply.json().value(u"ticket"_s).toObject());
                QVERIFY(!t.assignee);   // waits unassigned for the team
                ++waiting;
            }
        }
        assigned.sort();
        QCOMPARE(assigned, team);   // one each, nobody over the limit
        QCOMPARE(waiting, 2);

        // A full operator cannot claim a waiting one either.
        const QString waitingId = [&] {
            for (const HttpReply &reply : replies)
                if (!reply.json().value(u"handoff"_s).toObject().contains(u"assignee"_s) ||
                    reply.json().value(u"handoff"_s).toObject().value(u"assignee"_s).isNull())
                    return reply.json().value(u"handoff"_s).toObject().value(u"id"_s).toString();
            return QString();
        }();
        QVERIFY(!waitingId.isEmpty());
        const HttpReply full = server.request(u"/api/v1/handoffs/%1/claim"_s.arg(waitingId), postJson({}, acme.tokens.value(team[0])));
        QCOMPARE(full.status, 409);
        QCOMPARE(full.errorCode(), u"at_capacity"_s);
    }

    void aWaitingHandoffIsRoutedWhenAHandoffIsResolvedOrForceClosed()
    {
        putCappedTeam(u"agent-free"_s, 1);
        const QList<Handoff> busy = requestHandoffs(u"agent-free"_s, 3);   // ann, bob, cat: one each
        const QList<Handoff> waiting = requestHandoffs(u"agent-free"_s, 2);
        QCOMPARE(waiting.size(), 2);
        QVERIFY(!waiting[0].assignee && !waiting[1].assignee);

        // Ann's conversation is resolved: the OLDER waiting handoff goes to her, at once.
        const QString ann = emailOf(busy[0].assignee);
        QCOMPARE(server.request(u"/api/v1/handoffs/%1/resolve"_s.arg(busy[0].id), postJson({}, acme.adminToken)).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(assigneeNow(waiting[0].id), ann, 20000);
        QCOMPARE(toString(handoffNow(waiting[0].id).state), toString(HandoffState::Assigned));
        QVERIFY(!handoffNow(waiting[1].id).assignee);
        const QJsonObject ticket = server.get(u"/api/v1/tickets/%1"_s.arg(waiting[0].ticketId), acme.adminToken).json();
        QCOMPARE(emailOf(fromJson<Ticket>(ticket.value(u"ticket"_s).toObject()).assignee), ann);
        QCOMPARE(routedLaterEntries(waiting[0].ticketId), 1);

        // Bob's ticket is force-closed (a ticket command): the next waiting one goes to him.
        const QString bob = emailOf(busy[1].assignee);
        QCOMPARE(runTicketCommand(busy[1].ticketId, {{u"type"_s, u"force_close"_s}, {u"reason"_s, u"spam"_s}}).status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(assigneeNow(waiting[1].id), bob, 20000);
        const QMap<QString, int> open = openPerOperator();
        for (const QString &email : team)
            QVERIFY2(open.value(email) <= 1, qPrintable(email));
    }

    void unassigningOrReassigningFreesTheSeat()
    {
        putCappedTeam(u"agent-move"_s, 1);
        const QList<Handoff> busy = requestHandoffs(u"agent-move"_s, 3);
        const QList<Handoff> waiting = requestHandoffs(u"agent-move"_s, 1);
        QCOMPARE(waiting.size(), 1);
        const QString first = emailOf(busy[0].assignee), second = emailOf(busy[1].assignee);

        // The first operator gives the ticket back: the waiting handoff (waiting
        // longer than the one given back) takes the seat; the given-back one waits.
        const HttpReply unassigned = runTicketCommand(busy[0].ticketId, {{u"type"_s, u"unassign"_s}});
        QCOMPARE(unassigned.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(assigneeNow(waiting[0].id), first, 20000);
        QCOMPARE(toString(handoffNow(busy[0].id).state), toString(HandoffState::Requested));
        QVERIFY(!handoffNow(busy[0].id).assignee);

        // The second operator's ticket is reassigned to the admin (not on the
        // team, no limit): their seat goes to the handoff given back above.
        const HttpReply reassigned = runTicketCommand(
            busy[1].ticketId, {{u"type"_s, u"assign"_s}, {u"assigneeId"_s, acme.operatorIds.value(u"boss@acme.test"_s)}});
        QCOMPARE(reassigned.status, 200);
        QCOMPARE(emailOf(handoffNow(busy[1].id).assignee), u"boss@acme.test"_s);
        QTRY_COMPARE_WITH_TIMEOUT(assigneeNow(busy[0].id), second, 20000);
    }

    void raisingTheCapRoutesTheWaitingOnes()
    {
        putCappedTeam(u"agent-raise"_s, 1);
        requestHandoffs(u"agent-raise"_s, 3);
        const QList<Handoff> waiting = requestHandoffs(u"agent-raise"_s, 2);
        QCOMPARE(waiting.size(), 2);
        QVERIFY(!handoffNow(waiting[0].id).assignee && !handoffNow(waiting[1].id).assignee);
        putCappedTeam(u"agent-raise"_s, 2);
        QTRY_VERIFY_WITH_TIMEOUT(handoffNow(waiting[0].id).assignee && handoffNow(waiting[1].id).assignee, 20000);
        // In round-robin turn: two different people.
        QVERIFY(assigneeNow(waiting[0].id) != assigneeNow(waiting[1].id));
    }

    void aNewOperatorTakesAWaitingHandoff()
    {
        const QString dan = u"dan@acme.test"_s;
        putCappedTeam(u"agent-grow"_s, 1, team + QStringList{dan});   // dan is on the team, not yet an operator
        requestHandoffs(u"agent-grow"_s, 3);
        const QList<Handoff> waiting = requestHandoffs(u"agent-grow"_s, 1);
        QCOMPARE(waiting.size(), 1);
        QVERIFY(!waiting[0].assignee);
        // Another process (the admin command) adds him; the server notices on its own.
        QByteArray out;
        QCOMPARE(server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"acme"_s, u"--email"_s, dan,
                                    u"--name"_s, u"Dan"_s},
                                   &out, {{u"ZEIKO_OPERATOR_PASSWORD"_s, QString::fromLatin1(acmePassword)}}),
                 0);
        const QString danId = server.get(u"/api/v1/me"_s, server.signIn(u"acme"_s, dan, QString::fromLatin1(acmePassword)))
                                  .json()
                                  .value(u"operator"_s)
                                  .toObject()
                                  .value(u"id"_s)
                                  .toString();
        QVERIFY(!danId.isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(handoffNow(waiting[0].id).assignee && handoffNow(waiting[0].id).assignee->id == danId, 20000);
    }

    void parallelClosesNeverDoubleAssign()
    {
        putCappedTeam(u"agent-par"_s, 1);
        const QList<Handoff> busy = requestHandoffs(u"agent-par"_s, 3);
        const QList<Handoff> waiting = requestHandoffs(u"agent-par"_s, 6);
        QCOMPARE(waiting.size(), 6);

        // Round 1: all three seats free at once (force closes in parallel).
        QList<ParallelRequest> closes;
        for (const Handoff &h : busy)
            closes.append(ticketCommand(h.ticketId, {{u"type"_s, u"force_close"_s}, {u"reason"_s, u"done"_s}}));
        for (const HttpReply &r : sendInParallel(server.baseUrl(), closes))
            QCOMPARE(r.status, 200);
        // The three that waited longest get them, one each.
        auto assignedOf = [&](qsizetype from, qsizetype to) {
            QStringList who;
            for (qsizetype i = from; i < to; ++i)
                who.append(assigneeNow(waiting[i].id));
            who.sort();
            return who;
        };
        QTRY_COMPARE_WITH_TIMEOUT(assignedOf(0, 3), team, 20000);
        QCOMPARE(assignedOf(3, 6), (QStringList{QString(), QString(), QString()}));

        // Round 2: those three resolved in parallel.
        QList<ParallelRequest> resolves;
        for (qsizetype i = 0; i < 3; ++i)
            resolves.append({u"/api/v1/handoffs/%1/resolve"_s.arg(waiting[i].id), postJson({}, acme.adminToken)});
        for (const HttpReply &r : sendInParallel(server.baseUrl(), resolves))
            QCOMPARE(r.status, 200);
        QTRY_COMPARE_WITH_TIMEOUT(assignedOf(3, 6), team, 20000);

        // Nobody is ever over the limit, and each waiting handoff was routed exactly once.
        const QMap<QString, int> open = openPerOperator();
        for (const QString &email : team)
            QCOMPARE(open.value(email), 1);
        for (const Handoff &h : waiting)
            QCOMPARE(routedLaterEntries(h.ticketId), 1);
    }

    void firstAvailableClaimIsAtomic()
    {
        putSettings(u"agent-fa"_s, {{u"strategy"_s, u"first_available"_s}, {u"assigneeEmails"_s, QJsonArray::fromStringList(team)}});
        const HttpReply offered = server.request(handoffRequest(conversation(u"agent-fa"_s)).path,
                                                 handoffRequest(conversation(u"agent-fa"_s)).options);
        QCOMPARE(offered.status, 201);
        const Handoff h = handoffOf(offered);
        QCOMPARE(toString(h.state), u"requested"_s);
        QVERIFY(!h.assignee);

        // Not on this agent's team.
        QCOMPARE(server.request(u"/api/v1/handoffs/%1/claim"_s.arg(h.id), postJson({}, acme.adminToken)).status, 403);

        QList<ParallelRequest> claims;
        for (const QString &email : team)
            claims.append({u"/api/v1/handoffs/%1/claim"_s.arg(h.id), postJson({}, acme.tokens.value(email))});
        const QList<HttpReply> replies = sendInParallel(server.baseUrl(), claims);
        int won = 0;
        QString winner;
        for (qsizetype i = 0; i < replies.size(); ++i) {
            if (replies[i].status == 200) {
                ++won;
                winner = team[i];
            } else {
                QCOMPARE(replies[i].status, 409);
                QCOMPARE(replies[i].errorCode(), u"already_claimed"_s);
            }
        }
        QCOMPARE(won, 1);
        const QJsonObject ticket = server.get(u"/api/v1/tickets/%1"_s.arg(h.ticketId), acme.adminToken).json();
        QCOMPARE(ticket.value(u"handoff"_s).toObject().value(u"state"_s).toString(), u"active"_s);
        QCOMPARE(emailOf(fromJson<Ticket>(ticket.value(u"ticket"_s).toObject()).assignee), winner);
        QCOMPARE(ticket.value(u"ticket"_s).toObject().value(u"ownerMode"_s).toString(), u"human"_s);
    }

    // Security review finding 15: take_over skipped the team and capacity
    // checks that claim enforces (and could take a colleague's live chat).
    void takeOverObeysTheClaimRule()
    {
        putSettings(u"agent-to"_s, {{u"strategy"_s, u"first_available"_s},
                                    {u"assigneeEmails"_s, QJsonArray::fromStringList(team)},
                                    {u"maxOpenAssignments"_s, 1}});
        const QList<Handoff> handoffs = requestHandoffs(u"agent-to"_s, 2);
        QCOMPARE(handoffs.size(), 2);
        const auto takeOver = [&](TicketId ticket, const QString &email) {
            RequestOptions o = postJson({{u"type"_s, u"take_over"_s}}, acme.tokens.value(email));
            o.idempotencyKey = newId();
            return server.request(u"/api/v1/tickets/%1/commands"_s.arg(ticket), o);
        };
        const QString outsider = acme.tokens.key(acme.adminToken);
        QVERIFY(!team.contains(outsider));

        const HttpReply notOnTeam = takeOver(handoffs[0].ticketId, outsider);
        QCOMPARE(notOnTeam.status, 403);
        QCOMPARE(notOnTeam.errorCode(), u"forbidden"_s);

        QCOMPARE(server.request(u"/api/v1/handoffs/%1/claim"_s.arg(handoffs[0].id), postJson({}, acme.tokens.value(team[0])))
                     .status,
                 200);
        const HttpReply full = takeOver(handoffs[1].ticketId, team[0]);
        QCOMPARE(full.status, 409);
        QCOMPARE(full.errorCode(), u"at_capacity"_s);
        const HttpReply taken = takeOver(handoffs[0].ticketId, team[1]);
        QCOMPARE(taken.status, 409);
        QCOMPARE(taken.errorCode(), u"already_claimed"_s);
        QCOMPARE(assigneeNow(handoffs[0].id), team[0]);   // the live chat stays with its owner

        const HttpReply allowed = takeOver(handoffs[1].ticketId, team[1]);
        QCOMPARE(allowed.status, 200);
        QCOMPARE(toString(handoffNow(handoffs[1].id).state), u"active"_s);
        QCOMPARE(assigneeNow(handoffs[1].id), team[1]);
        // The owner's own take over is a no-op check, never a refusal.
        QCOMPARE(takeOver(handoffs[0].ticketId, team[0]).status, 200);
    }

    void skillKeywordsPickSkilledOperatorsAndFallBackToEveryone()
    {
        putSettings(u"agent-skill"_s, {{u"strategy"_s, u"round_robin"_s},
                                       {u"assigneeEmails"_s, QJsonArray::fromStringList(team)},
                                       {u"skillKeywords"_s, QJsonArray{u"billing"_s, u"shipping"_s}}});
        QStringList billing;
        for (int i = 0; i < 4; ++i) {
            const QString c = conversation(u"agent-skill"_s, u"I was charged twice, a billing problem"_s);
            billing.append(emailOf(handoffOf(server.request(handoffRequest(c).path, handoffRequest(c).options)).assignee));
        }
        for (const QString &email : billing)   // ann and cat have "billing"; bob does not
            QVERIFY2(email == u"ann@acme.test"_s || email == u"cat@acme.test"_s, qPrintable(email));
        QVERIFY(billing.contains(u"ann@acme.test"_s) && billing.contains(u"cat@acme.test"_s));

        const QString s = conversation(u"agent-skill"_s, u"Where is my parcel? shipping is late"_s);
        QCOMPARE(emailOf(handoffOf(server.request(handoffRequest(s).path, handoffRequest(s).options)).assignee),
                 u"bob@acme.test"_s);

        QSet<QString> anyone;
        for (int i = 0; i < 3; ++i) {
            const QString c = conversation(u"agent-skill"_s, u"Something else entirely"_s);
            anyone.insert(emailOf(handoffOf(server.request(handoffRequest(c).path, handoffRequest(c).options)).assignee));
        }
        QCOMPARE(anyone.size(), 3);   // no match: everyone on the team, in turn
    }

    void cleanupTestCase()
    {
        if (server.isRunning())
            QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(RoutingTest)
#include "test_routing.moc"
