// Handoff routing by an AI agent's settings against the real server:
// round-robin fairness under parallel handoffs and across restarts,
// max open assignments, the atomic first-available claim, skill keywords
// and the settings API. Built twice: on SQLite (label server) and on
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

    QStringList serverArguments() const { return {u"--agent-service-token"_s, agentToken}; }

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
                              postJson({{u"clientRequestId"_s, newId()}, {u"agentId"_s, agent}, {u"body"_s, text}}))
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
