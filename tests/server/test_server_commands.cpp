// Commands that are not about one ticket (issue 12, point 9), against the real
// server over real sockets: POST /api/v1/commands with update_handoff_settings
// is applied once per Idempotency-Key and evented as a tenant-level event
// (ticketId null, scope tenant) that reaches the tenant's streams and never
// another tenant's; its ticket targets are looked up in the caller's tenant;
// admins only; the PUT handoff-settings route answers as before; a command on
// the wrong route is 400 wrong_command_route. Built twice: on SQLite (label
// server) and on PostgreSQL (label postgres, ZEIKO_TEST_ON_POSTGRES).

#include "channels_test_support.h"
#include "support/response_log.h"

#include <QTest>
#include <QWebSocket>

#include <algorithm>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

const QString globexPassword = u"globex-password-1"_s;

// A live stream of one operator that records every event it is sent.
struct Stream {
    QWebSocket socket;
    QList<QJsonObject> events;   // the raw "event" objects, as sent
    int heartbeats = 0;

    Stream()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &text) {
            response_log::recordStreamFrame(text);   // checked against openapi.yaml after the suite
            const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
            if (frame.value(u"type"_s).toString() == u"event"_s)
                events.append(frame.value(u"event"_s).toObject());
            else if (frame.value(u"type"_s).toString() == u"heartbeat"_s)
                ++heartbeats;
        });
    }
    bool sawSeq(qint64 seq) const
    {
        return std::any_of(events.cbegin(), events.cend(),
                           [&](const QJsonObject &e) { return e.value(u"seq"_s).toInteger() == seq; });
    }
    int count(const QString &type) const
    {
        return int(std::count_if(events.cbegin(), events.cend(),
                                 [&](const QJsonObject &e) { return e.value(u"type"_s).toString() == type; }));
    }
};

QJsonObject settingsCommand(const QString &agentId, const QString &strategy, const QJsonArray &targets = {})
{
    return {{u"type"_s, u"update_handoff_settings"_s},
            {u"agentId"_s, agentId},
            {u"settings"_s, QJsonObject{{u"strategy"_s, strategy},
                                        {u"agentName"_s, u"Bot "_s + agentId},
                                        {u"assigneeEmails"_s, QJsonArray{u"ann@acme.test"_s}},
                                        {u"maxOpenAssignments"_s, 2},
                                        {u"skillKeywords"_s, QJsonArray{u"billing"_s}}}},
            {u"targets"_s, targets.isEmpty() ? QJsonArray{QJsonObject{{u"kind"_s, u"tenant"_s}}} : targets}};
}

QJsonObject ticketTarget(const QString &id)
{
    return {{u"kind"_s, u"ticket"_s}, {u"ticketId"_s, id.toLongLong()}};
}

} // namespace

class ServerCommandsTest : public QObject
{
    Q_OBJECT

private:
    SuiteDatabase database;   // before the server: it outlives it
    ServerProcess server;
    AcmeTenant acme;
    QString globexToken;      // the other tenant's admin
    QString acmeTicketId;
    QString globexTicketId;

    QString boss() const { return acme.adminToken; }
    QString ann() const { return acme.tokens.value(u"ann@acme.test"_s); }

    HttpReply send(const QString &path, const QByteArray &method, const QJsonObject &body, const QString &token,
                   const QString &key)
    {
        RequestOptions o = postJson(body, token);
        o.method = method;
        o.idempotencyKey = key;
        return server.request(path, o);
    }
    HttpReply command(const QJsonObject &body, const QString &token, const QString &key)
    {
        return send(u"/api/v1/commands"_s, "POST", body, token, key);
    }
    HttpReply putSettings(const QString &agentId, const QJsonObject &body, const QString &token, const QString &key = {})
    {
        return send(u"/api/v1/handoff-settings/"_s + agentId, "PUT", body, token, key);
    }
    qint64 head(const QString &token)
    {
        return server.get(u"/api/v1/events?limit=1"_s, token).json().value(u"head"_s).toInteger();
    }
    QJsonArray rawEventsAfter(const QString &token, qint64 after)
    {
        return server.get(u"/api/v1/events?after=%1&limit=1000"_s.arg(after), token).json().value(u"events"_s).toArray();
    }
    QString createTicket(const QString &token, const QString &subject)
    {
        const HttpReply reply = send(u"/api/v1/tickets"_s, "POST",
                                     {{u"subject"_s, subject},
                                      {u"customer"_s, QJsonObject{{u"email"_s, u"c@example.com"_s}}},
                                      {u"source"_s, u"email"_s},
                                      {u"body"_s, u"hello"_s}},
                                     token, newId());
        return reply.status == 201
            ? QString::number(reply.json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger())
            : QString();
    }
    // Opens `stream` for `token` from its tenant's head and waits until it is live (first heartbeat).
    bool openLive(Stream &stream, const QString &token)
    {
        QNetworkRequest request(server.wsUrl(u"/api/v1/stream?after=%1"_s.arg(head(token))));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        stream.socket.open(request);
        return QTest::qWaitFor([&] { return stream.heartbeats >= 1; }, 30000);
    }

private slots:
    void initTestCase()
    {
        ZEIKO_PREPARE_SUITE_DATABASE(database);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(database.url(), {u"--heartbeat-seconds"_s, u"1"_s})),
                 qPrintable(server.errorText()));
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
        QCOMPARE(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"globex"_s, u"--name"_s, u"Globex"_s}), 0);
        QCOMPARE(server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"globex"_s, u"--email"_s,
                                    u"boss@globex.test"_s, u"--name"_s, u"Globex Boss"_s, u"--role"_s, u"admin"_s},
                                   nullptr, {{u"ZEIKO_OPERATOR_PASSWORD"_s, globexPassword}}),
                 0);
        globexToken = server.signIn(u"globex"_s, u"boss@globex.test"_s, globexPassword);
        QVERIFY(!globexToken.isEmpty());
        acmeTicketId = createTicket(boss(), u"Acme's"_s);
        globexTicketId = createTicket(globexToken, u"Globex's"_s);
        QVERIFY(!acmeTicketId.isEmpty() && !globexTicketId.isEmpty());
    }

    void cleanupTestCase()
    {
        if (server.isRunning())
            QCOMPARE(server.stop(), 0);
    }

    void settingsCommandIsAppliedAndEventedAtTenantLevel()
    {
        Stream member;   // another operator of the same tenant
        Stream other;    // the other tenant's admin
        QVERIFY(openLive(member, ann()));
        QVERIFY(openLive(other, globexToken));
        const qint64 before = head(boss());
        const QString key = newId();

        const HttpReply reply = command(settingsCommand(u"agent-cmd"_s, u"first_available"_s), boss(), key);
        QVERIFY2(reply.status == 200, reply.body.constData());
        QVERIFY(reply.header("Idempotent-Replayed").isEmpty());
        const qint64 seq = reply.json().value(u"seq"_s).toInteger();
        QCOMPARE(seq, before + 1);
        const QJsonObject applied = reply.json().value(u"handoffSettings"_s).toObject();
        QCOMPARE(applied.value(u"agentId"_s).toString(), u"agent-cmd"_s);
        QCOMPARE(applied.value(u"strategy"_s).toString(), u"first_available"_s);
        QCOMPARE(applied.value(u"configured"_s).toBool(), true);

        // Applied: every member reads it.
        const QJsonObject read = server.get(u"/api/v1/handoff-settings/agent-cmd"_s, ann()).json();
        QCOMPARE(read, applied);

        // Exactly one event, tenant-level: ticketId null on the wire, scope tenant, the settings after the change.
        const QJsonArray raw = rawEventsAfter(boss(), before);
        QCOMPARE(raw.size(), 1);
        const QJsonObject wire = raw.first().toObject();
        QVERIFY(wire.contains(u"ticketId"_s));
        QVERIFY(wire.value(u"ticketId"_s).isNull());
        QCOMPARE(wire.value(u"scope"_s).toString(), u"tenant"_s);
        QVERIFY(!wire.contains(u"ticket"_s));
        const Event event = fromJson<Event>(wire);
        QCOMPARE(event.seq, Seq(seq));
        QCOMPARE(toString(event.type), u"handoff_settings_updated"_s);
        QCOMPARE(toString(event.scope), u"tenant"_s);
        QCOMPARE(event.ticketId, TicketId(0));
        QCOMPARE(event.requestId, key);
        QCOMPARE(event.handoffSettings, applied);

        // Live to the tenant's other member; never to the other tenant.
        QVERIFY(QTest::qWaitFor([&] { return member.sawSeq(seq); }, 30000));
        QCOMPARE(member.count(u"handoff_settings_updated"_s), 1);
        const QString globexLater = createTicket(globexToken, u"after the settings"_s);
        QVERIFY(!globexLater.isEmpty());
        QVERIFY(QTest::qWaitFor([&] { return other.count(u"ticket_created"_s) >= 1; }, 30000));
        QCOMPARE(other.count(u"handoff_settings_updated"_s), 0);
        for (const QJsonObject &e : std::as_const(other.events))
            QVERIFY2(!QJsonDocument(e).toJson().contains("agent-cmd"), QJsonDocument(e).toJson().constData());
        for (const QJsonValue &e : rawEventsAfter(globexToken, 0))
            QVERIFY(e.toObject().value(u"type"_s).toString() != u"handoff_settings_updated"_s);
        QVERIFY(!server.get(u"/api/v1/handoff-settings/agent-cmd"_s, globexToken).json().value(u"configured"_s).toBool());
    }

    void aRepeatedKeyExecutesOnceAndAnotherBodyIs422()
    {
        const qint64 before = head(boss());
        const QString key = newId();
        const QJsonObject body = settingsCommand(u"agent-once"_s, u"round_robin"_s);
        const HttpReply first = command(body, boss(), key);
        QVERIFY2(first.status == 200, first.body.constData());
        const HttpReply again = command(body, boss(), key);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(again.body, first.body);
        // Concurrent repeats (each from its own connection) find the stored answer too.
        QList<ParallelRequest> repeats;
        for (int i = 0; i < 4; ++i) {
            RequestOptions o = postJson(body, boss());
            o.idempotencyKey = key;
            repeats.append({u"/api/v1/commands"_s, o});
        }
        for (const HttpReply &r : sendInParallel(server.baseUrl(), repeats)) {
            QCOMPARE(r.status, 200);
            QCOMPARE(r.body, first.body);
        }
        QCOMPARE(head(boss()), before + 1);
        QCOMPARE(rawEventsAfter(boss(), before).size(), 1);

        // The same key with another body: refused, nothing changes.
        const HttpReply reused = command(settingsCommand(u"agent-once"_s, u"first_available"_s), boss(), key);
        QCOMPARE(reused.status, 422);
        QCOMPARE(reused.errorCode(), u"idempotency_key_reused"_s);
        QCOMPARE(head(boss()), before + 1);
        QCOMPARE(server.get(u"/api/v1/handoff-settings/agent-once"_s, boss()).json().value(u"strategy"_s).toString(),
                 u"round_robin"_s);
    }

    void anotherTenantsTicketTargetIs404LikeOneThatDoesNotExist()
    {
        const qint64 acmeBefore = head(boss());
        const qint64 globexBefore = head(globexToken);
        const QString key = newId();
        const QJsonArray foreign{QJsonObject{{u"kind"_s, u"tenant"_s}}, ticketTarget(globexTicketId)};
        const HttpReply refused = command(settingsCommand(u"agent-404"_s, u"round_robin"_s, foreign), boss(), key);
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.errorCode(), u"not_found"_s);
        QVERIFY(!refused.body.contains(globexTicketId.toUtf8() + "\""));
        const QJsonArray ghost{QJsonObject{{u"kind"_s, u"tenant"_s}}, ticketTarget(u"987654321"_s)};
        const HttpReply ghostReply = command(settingsCommand(u"agent-404"_s, u"round_robin"_s, ghost), boss(), newId());
        QCOMPARE(ghostReply.status, refused.status);
        QCOMPARE(ghostReply.body, refused.body);   // no existence oracle
        QCOMPARE(head(boss()), acmeBefore);
        QCOMPARE(head(globexToken), globexBefore);
        QVERIFY(!server.get(u"/api/v1/handoff-settings/agent-404"_s, boss()).json().value(u"configured"_s).toBool());

        // The caller's own ticket among the targets: a settings change is the tenant's alone.
        const QJsonArray own{QJsonObject{{u"kind"_s, u"tenant"_s}}, ticketTarget(acmeTicketId)};
        const HttpReply mixed = command(settingsCommand(u"agent-404"_s, u"round_robin"_s, own), boss(), newId());
        QCOMPARE(mixed.status, 400);
        QCOMPARE(mixed.errorCode(), u"invalid_field"_s);
        QVERIFY(mixed.body.contains("targets"));
        // A refusal stored nothing: the first key runs once its targets are right.
        const HttpReply retried = command(settingsCommand(u"agent-404"_s, u"round_robin"_s, foreign), boss(), key);
        QCOMPARE(retried.status, 404);
        QCOMPARE(head(boss()), acmeBefore);
    }

    void anAgentIdIsANameInsideTheCallersTenant()
    {
        // Globex configures its bot; Acme's command with the same agent id configures Acme's and leaves Globex's alone.
        QCOMPARE(putSettings(u"shared-bot"_s, {{u"strategy"_s, u"first_available"_s}}, globexToken).status, 200);
        const QByteArray globexSettings = server.get(u"/api/v1/handoff-settings/shared-bot"_s, globexToken).body;
        const qint64 globexBefore = head(globexToken);
        const HttpReply reply = command(settingsCommand(u"shared-bot"_s, u"round_robin"_s), boss(), newId());
        QVERIFY2(reply.status == 200, reply.body.constData());
        QCOMPARE(server.get(u"/api/v1/handoff-settings/shared-bot"_s, boss()).json().value(u"strategy"_s).toString(),
                 u"round_robin"_s);
        QCOMPARE(server.get(u"/api/v1/handoff-settings/shared-bot"_s, globexToken).body, globexSettings);
        QCOMPARE(head(globexToken), globexBefore);
    }

    void onlyAdminsChangeSettingsOnEitherRoute()
    {
        const qint64 before = head(boss());
        const HttpReply viaCommand = command(settingsCommand(u"agent-admin"_s, u"round_robin"_s), ann(), newId());
        QCOMPARE(viaCommand.status, 403);
        QCOMPARE(viaCommand.errorCode(), u"forbidden"_s);
        const HttpReply viaPut = putSettings(u"agent-admin"_s, {{u"strategy"_s, u"round_robin"_s}}, ann());
        QCOMPARE(viaPut.status, 403);
        QCOMPARE(viaPut.errorCode(), viaCommand.errorCode());
        QCOMPARE(head(boss()), before);
        QVERIFY(!server.get(u"/api/v1/handoff-settings/agent-admin"_s, boss()).json().value(u"configured"_s).toBool());
    }

    void thePutRouteAnswersAsBeforeAndIsEvented()
    {
        const qint64 before = head(boss());
        const QJsonObject body{{u"strategy"_s, u"first_available"_s},
                               {u"assigneeEmails"_s, QJsonArray{u"Bob@Acme.test"_s}},
                               {u"maxOpenAssignments"_s, 1}};
        // Without a key, as every client sent it so far: the stored settings, and now one event per call.
        const HttpReply plain = putSettings(u"agent-put"_s, body, boss());
        QVERIFY2(plain.status == 200, plain.body.constData());
        const QJsonObject stored = plain.json();
        QCOMPARE(stored.value(u"agentId"_s).toString(), u"agent-put"_s);
        QCOMPARE(stored.value(u"assigneeEmails"_s).toArray(), QJsonArray{u"bob@acme.test"_s});
        QCOMPARE(stored.value(u"configured"_s).toBool(), true);
        QVERIFY(!stored.contains(u"seq"_s));
        QCOMPARE(server.get(u"/api/v1/handoff-settings/agent-put"_s, boss()).json(), stored);
        QCOMPARE(putSettings(u"agent-put"_s, body, boss()).body, plain.body);
        const QJsonArray events = rawEventsAfter(boss(), before);
        QCOMPARE(events.size(), 2);
        for (const QJsonValue &v : events) {
            const Event e = fromJson<Event>(v.toObject());
            QCOMPARE(toString(e.type), u"handoff_settings_updated"_s);
            QCOMPARE(toString(e.scope), u"tenant"_s);
            QCOMPARE(e.handoffSettings, stored);
            QVERIFY(e.requestId.isEmpty());
        }

        // With a key: once, then the stored answer; the key with another body is 422.
        const QString key = newId();
        const HttpReply keyed = putSettings(u"agent-put"_s, body, boss(), key);
        QCOMPARE(keyed.status, 200);
        const HttpReply repeated = putSettings(u"agent-put"_s, body, boss(), key);
        QCOMPARE(repeated.status, 200);
        QCOMPARE(repeated.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(repeated.body, keyed.body);
        QCOMPARE(head(boss()), before + 3);
        QCOMPARE(fromJson<Event>(rawEventsAfter(boss(), before + 2).first().toObject()).requestId, key);
        QJsonObject other = body;
        other.insert(u"maxOpenAssignments"_s, 5);
        QCOMPARE(putSettings(u"agent-put"_s, other, boss(), key).errorCode(), u"idempotency_key_reused"_s);

        // Validation as before.
        const HttpReply bad = putSettings(u"agent-put"_s, {{u"strategy"_s, u"lottery"_s}}, boss());
        QCOMPARE(bad.status, 400);
        QVERIFY(bad.body.contains("strategy"));
        QCOMPARE(head(boss()), before + 3);
    }

    void aCommandOnTheWrongRouteIsRefused()
    {
        const qint64 before = head(boss());
        const HttpReply ticketOnCommands = command({{u"type"_s, u"internal_note"_s},
                                                    {u"body"_s, u"a note"_s},
                                                    {u"targets"_s, QJsonArray{ticketTarget(acmeTicketId)}}},
                                                   boss(), newId());
        QCOMPARE(ticketOnCommands.status, 400);
        QCOMPARE(ticketOnCommands.errorCode(), u"wrong_command_route"_s);
        QVERIFY(ticketOnCommands.body.contains("/api/v1/tickets/{id}/commands"));

        const HttpReply tenantOnTicket = send(u"/api/v1/tickets/%1/commands"_s.arg(acmeTicketId), "POST",
                                              settingsCommand(u"agent-route"_s, u"round_robin"_s), boss(), newId());
        QCOMPARE(tenantOnTicket.status, 400);
        QCOMPARE(tenantOnTicket.errorCode(), u"wrong_command_route"_s);
        QVERIFY(tenantOnTicket.body.contains("/api/v1/commands"));

        // POST /commands needs its key and its targets, like every command.
        const HttpReply noKey = command(settingsCommand(u"agent-route"_s, u"round_robin"_s), boss(), {});
        QCOMPARE(noKey.status, 400);
        QCOMPARE(noKey.errorCode(), u"bad_request"_s);
        QJsonObject noTargets = settingsCommand(u"agent-route"_s, u"round_robin"_s);
        noTargets.remove(u"targets"_s);
        noTargets.insert(u"ticketId"_s, acmeTicketId.toLongLong());   // ignored on the wire: names no target
        const HttpReply missing = command(noTargets, boss(), newId());
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.errorCode(), u"invalid_field"_s);
        QVERIFY(missing.body.contains("targets"));

        QCOMPARE(head(boss()), before);
        QVERIFY(!server.get(u"/api/v1/handoff-settings/agent-route"_s, boss()).json().value(u"configured"_s).toBool());
    }
};

QTEST_GUILESS_MAIN(ServerCommandsTest)
#include "test_server_commands.moc"
