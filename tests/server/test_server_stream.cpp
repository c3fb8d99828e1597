// /api/v1/stream over a real WebSocket: authenticated before the upgrade,
// replays after the client's seq, then streams live events, heartbeats and
// answers pings; closed with 4001 once its token is revoked or expired.

#include "domain/codecs.h"
#include "support/postgres.h"
#include "support/raw_socket.h"
#include "support/response_log.h"
#include "support/server_process.h"

#include <algorithm>

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>
#include <QUuid>
#include <QWebSocket>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray createBody(const QString &subject)
{
    return QJsonDocument(QJsonObject{{u"subject"_s, subject},
                                     {u"customer"_s, QJsonObject{{u"email"_s, u"w@example.com"_s}}},
                                     {u"source"_s, u"widget"_s},
                                     {u"body"_s, u"hi"_s}})
        .toJson(QJsonDocument::Compact);
}

// A stream client that records every frame.
struct StreamClient {
    QWebSocket socket;
    QList<QJsonObject> frames;
    QList<Event> decodedEvents;   // decoded once, on arrival

    StreamClient()
    {
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &socket, [this](const QString &text) {
            response_log::recordStreamFrame(text);
            const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
            frames.append(frame);
            if (frame.value(u"type"_s).toString() == u"event"_s)
                decodedEvents.append(fromJson<Event>(frame.value(u"event"_s).toObject()));
        });
    }
    void open(const QUrl &url, const QString &token)
    {
        QNetworkRequest request(url);
        if (!token.isEmpty())
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        socket.open(request);
    }
    const QList<Event> &events() const { return decodedEvents; }
    bool isOpen() const { return socket.state() == QAbstractSocket::ConnectedState; }
    // Closed by the server with "token revoked or expired" (docs/api.md).
    bool closedForToken() const
    {
        return socket.state() == QAbstractSocket::UnconnectedState && int(socket.closeCode()) == 4001;
    }
    int count(const QString &type) const
    {
        return int(std::count_if(frames.cbegin(), frames.cend(),
                                 [&](const QJsonObject &f) { return f.value(u"type"_s).toString() == type; }));
    }
};

} // namespace

class ServerStreamTest : public QObject
{
    Q_OBJECT

private:
    ServerProcess server;
    QString token;

    Seq head() { return server.get(u"/api/v1/events?limit=1"_s, token).json().value(u"head"_s).toInteger(); }
    HttpReply create(const QString &subject, const QString &key)
    {
        return server.post(u"/api/v1/tickets"_s, createBody(subject), token, key);
    }
    static QString demoSignIn(ServerProcess &on)
    {
        return on.signIn(u"demo"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s);
    }
    static int signOut(ServerProcess &on, const QString &token)
    {
        return on.post(u"/api/v1/auth/sign-out"_s, {}, token).status;
    }
    // A stream of `on` that has seen its first heartbeat (so it is registered).
    static bool openLive(StreamClient &client, ServerProcess &on, const QString &token)
    {
        client.open(on.wsUrl(u"/api/v1/stream?after=%1"_s.arg(on.get(u"/api/v1/events?limit=1"_s, token)
                                                                  .json().value(u"head"_s).toInteger())),
                    token);
        return QTest::qWaitFor([&] { return client.count(u"heartbeat"_s) >= 1; }, 15000);
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(server.start(ServerProcess::Options::withDemo({u"--heartbeat-seconds"_s, u"1"_s})), qPrintable(server.errorText()));
        token = server.signIn(u"demo"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s);
        QVERIFY(!token.isEmpty());
    }

    void cleanupTestCase() { QCOMPARE(server.stop(), 0); }

    void upgradeWithoutAValidTokenIs401BeforeTheUpgrade()
    {
        for (const QByteArray &auth : {QByteArray(), QByteArray("Authorization: Bearer nope\r\n")}) {
            RawHttpConnection connection;
            QVERIFY(connection.connectTo(server.port()));
            QVERIFY(connection.send("GET /api/v1/stream?after=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                                    "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                                    "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + auth + "\r\n"));
            const auto response = connection.readResponse();
            QVERIFY(response);
            QCOMPARE(response->status, 401);
            QCOMPARE(QJsonDocument::fromJson(response->body).object().value(u"error"_s).toObject().value(u"code"_s).toString(),
                     u"unauthorized"_s);
        }
        StreamClient client;
        client.open(server.wsUrl(u"/api/v1/stream?after=0"_s), {});
        QTRY_VERIFY_WITH_TIMEOUT(client.socket.state() == QAbstractSocket::UnconnectedState, 10000);
        QVERIFY(client.frames.isEmpty());
    }

    void replaysThenStreamsLive()
    {
        // The demo tenant's SLA timer may append its own events at any time,
        // so this test looks for its own commands by request id and checks
        // continuity instead of exact counts.
        const auto indexOf = [](const QList<Event> &events, const QString &requestId) {
            for (qsizetype i = 0; i < events.size(); ++i) {
                if (events[i].requestId == requestId)
                    return i;
            }
            return qsizetype(-1);
        };
        const Seq start = head();
        QStringList keys;
        for (int i = 0; i < 3; ++i) {
            keys << QUuid::createUuid().toString(QUuid::WithoutBraces);
            QCOMPARE(create(u"before %1"_s.arg(i), keys.last()).status, 201);
        }

        StreamClient client;
        client.open(server.wsUrl(u"/api/v1/stream?after=%1"_s.arg(start)), token);
        QTRY_VERIFY_WITH_TIMEOUT(indexOf(client.events(), keys.last()) >= 0, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(client.count(u"heartbeat"_s) >= 1, 10000);   // right after the replay
        qsizetype previous = -1;
        for (const QString &key : keys) {
            const qsizetype index = indexOf(client.events(), key);
            QVERIFY2(index > previous, "replayed in command order");
            previous = index;
        }

        const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(create(u"live"_s, key).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(indexOf(client.events(), key) >= 0, 10000);
        const Event live = client.events().at(indexOf(client.events(), key));
        QVERIFY(live.seq > start + 3);
        QCOMPARE(toString(live.type), toString(EventType::TicketCreated));
        QCOMPARE(live.ticket->subject, u"live"_s);
        for (qsizetype i = 0; i < client.events().size(); ++i)
            QCOMPARE(client.events()[i].seq, start + 1 + i);   // gapless, no duplicates

        // A replay of the whole log from 0 arrives in order without gaps.
        const Seq headNow = head();
        StreamClient full;
        full.open(server.wsUrl(u"/api/v1/stream?after=0"_s), token);
        QTRY_VERIFY_WITH_TIMEOUT(full.events().size() >= int(headNow), 30000);
        for (int i = 0; i < full.events().size(); ++i)
            QCOMPARE(full.events()[i].seq, Seq(i + 1));
    }

    void heartbeatsCarryTheHeadAndPingGetsPong()
    {
        // The SLA timer may still be announcing the demo's overdue tickets, so
        // the log can grow while this runs: the first heartbeat carries the head
        // after the events sent before it, within what REST says before and after.
        StreamClient client;
        const Seq before = head();
        client.open(server.wsUrl(u"/api/v1/stream?after=%1"_s.arg(before)), token);
        QTRY_VERIFY_WITH_TIMEOUT(client.count(u"heartbeat"_s) >= 2, 15000);   // --heartbeat-seconds 1
        const auto firstHeartbeat = std::find_if(client.frames.cbegin(), client.frames.cend(), [](const QJsonObject &f) {
            return f.value(u"type"_s).toString() == u"heartbeat"_s;
        });
        const QJsonObject heartbeat = *firstHeartbeat;
        const Seq heartbeatHead = heartbeat.value(u"head"_s).toInteger();
        QVERIFY2(heartbeatHead >= before && heartbeatHead <= head(), qPrintable(QString::number(heartbeatHead)));
        for (auto frame = client.frames.cbegin(); frame != firstHeartbeat; ++frame) {
            QCOMPARE(frame->value(u"type"_s).toString(), u"event"_s);
            QVERIFY(frame->value(u"event"_s).toObject().value(u"seq"_s).toInteger() <= heartbeatHead);
        }
        QVERIFY(QDateTime::fromString(heartbeat.value(u"at"_s).toString(), Qt::ISODateWithMs).isValid());

        client.socket.sendTextMessage(u"{\"type\":\"ping\"}"_s);
        QTRY_COMPARE_WITH_TIMEOUT(client.count(u"pong"_s), 1, 10000);
        client.socket.sendTextMessage(u"not json at all"_s);   // ignored, the stream stays up
        client.socket.sendTextMessage(u"{\"type\":\"ping\"}"_s);
        QTRY_COMPARE_WITH_TIMEOUT(client.count(u"pong"_s), 2, 10000);
        QCOMPARE(client.socket.state(), QAbstractSocket::ConnectedState);
    }

    void streamsAreTenantScoped()
    {
        QCOMPARE(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"acme"_s}), 0);
        QCOMPARE(server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"acme"_s, u"--email"_s,
                                    u"ann@acme.test"_s},
                                   nullptr, {{u"ZEIKO_OPERATOR_PASSWORD"_s, u"acme-password"_s}}),
                 0);
        const QString acme = server.signIn(u"acme"_s, u"ann@acme.test"_s, u"acme-password"_s);
        QVERIFY(!acme.isEmpty());
        StreamClient client;
        client.open(server.wsUrl(u"/api/v1/stream?after=0"_s), acme);
        QTRY_VERIFY_WITH_TIMEOUT(client.count(u"heartbeat"_s) >= 1, 10000);
        QCOMPARE(create(u"demo only"_s, QUuid::createUuid().toString()).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(client.count(u"heartbeat"_s) >= 3, 15000);   // time passes...
        QVERIFY(client.events().isEmpty());                                      // ...and nothing of demo's arrives
        QCOMPARE(client.frames.last().value(u"head"_s).toInteger(), 0);
    }

    // Issue 10, finding 3: a stream lives only as long as its token.
    void signOutClosesThatTokensStreamsOnly()
    {
        QCOMPARE(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"beta"_s}), 0);
        QCOMPARE(server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"beta"_s, u"--email"_s,
                                    u"bo@beta.test"_s},
                                   nullptr, {{u"ZEIKO_OPERATOR_PASSWORD"_s, u"beta-password"_s}}),
                 0);
        const QString leaving = demoSignIn(server);
        const QString colleague = demoSignIn(server);   // same operator, another device
        const QString beta = server.signIn(u"beta"_s, u"bo@beta.test"_s, u"beta-password"_s);
        QVERIFY(!leaving.isEmpty() && !colleague.isEmpty() && !beta.isEmpty());
        StreamClient gone, sameTenant, otherTenant;
        QVERIFY(openLive(gone, server, leaving));
        QVERIFY(openLive(sameTenant, server, colleague));
        QVERIFY(openLive(otherTenant, server, beta));

        QCOMPARE(signOut(server, leaving), 204);
        QTRY_VERIFY_WITH_TIMEOUT(gone.closedForToken(), 20000);
        QCOMPARE(gone.socket.closeReason(), u"token revoked or expired"_s);
        QCOMPARE(server.get(u"/api/v1/me"_s, leaving).status, 401);

        // The other streams keep streaming: heartbeats and a new event arrive.
        const int sameBefore = sameTenant.count(u"heartbeat"_s);
        const int otherBefore = otherTenant.count(u"heartbeat"_s);
        const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
        QCOMPARE(server.post(u"/api/v1/tickets"_s, createBody(u"after sign-out"_s), colleague, key).status, 201);
        QTRY_VERIFY_WITH_TIMEOUT(std::any_of(sameTenant.events().cbegin(), sameTenant.events().cend(),
                                             [&](const Event &e) { return e.requestId == key; }),
                                 15000);
        QTRY_VERIFY_WITH_TIMEOUT(sameTenant.count(u"heartbeat"_s) >= sameBefore + 2, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(otherTenant.count(u"heartbeat"_s) >= otherBefore + 2, 15000);
        QVERIFY(sameTenant.isOpen());
        QVERIFY(otherTenant.isOpen());
        QVERIFY(gone.events().isEmpty() || gone.events().last().requestId != key);
    }

    // With an hour between heartbeats only the sign-out itself can close it.
    void signOutClosesAtOnceNotAtTheNextHeartbeat()
    {
        ServerProcess slow;
        QVERIFY2(slow.start(ServerProcess::Options::withDemo({u"--heartbeat-seconds"_s, u"3600"_s})),
                 qPrintable(slow.errorText()));
        const QString t = demoSignIn(slow);
        StreamClient client;
        QVERIFY(openLive(client, slow, t));   // the heartbeat right after the replay
        QCOMPARE(signOut(slow, t), 204);
        QTRY_VERIFY_WITH_TIMEOUT(client.closedForToken(), 20000);
        QCOMPARE(slow.stop(), 0);
    }

    // Expiry has no notification: the heartbeat's re-check finds it.
    void expiredTokenClosesItsStream()
    {
        ServerProcess clocked;
        QVERIFY2(clocked.start(ServerProcess::Options::withDemo({u"--heartbeat-seconds"_s, u"1"_s, u"--test-clock"_s})),
                 qPrintable(clocked.errorText()));
        const QString t = demoSignIn(clocked);
        StreamClient client;
        QVERIFY(openLive(client, clocked, t));
        const qint64 days31 = 31LL * 24 * 3600 * 1000;   // tokens live 30 days
        QCOMPARE(clocked.post(u"/api/v1/test/clock"_s,
                              QJsonDocument(QJsonObject{{u"advanceMs"_s, days31}}).toJson(QJsonDocument::Compact), t)
                     .status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(client.closedForToken(), 20000);
        QCOMPARE(clocked.get(u"/api/v1/me"_s, t).status, 401);
        QCOMPARE(clocked.stop(), 0);
    }

    // Signed out through another process on the same SQLite file (no
    // NOTIFY there): this process's heartbeat re-check closes the stream.
    void signOutInAnotherProcessClosesAtTheNextHeartbeat()
    {
        ServerProcess other;
        QVERIFY2(other.start(ServerProcess::Options::onDatabase(server.databaseUrl(), {u"--heartbeat-seconds"_s, u"1"_s})),
                 qPrintable(other.errorText()));
        const QString t = demoSignIn(server);
        StreamClient client;
        QVERIFY(openLive(client, server, t));
        QCOMPARE(signOut(other, t), 204);
        QTRY_VERIFY_WITH_TIMEOUT(client.closedForToken(), 20000);
        QCOMPARE(other.stop(), 0);
    }

    // PostgreSQL, several processes, heartbeats an hour apart: only the
    // revocation NOTIFY can close the stream in the other process.
    void signOutInAnotherProcessOnPostgresClosesAtOnce()
    {
        if (!TemporaryPostgresDatabase::configured())
            QSKIP("ZEIKO_TEST_POSTGRES_URL not set");
        TemporaryPostgresDatabase pg;
        QVERIFY2(pg.isValid(), qPrintable(pg.errorText()));
        const QStringList slow{u"--heartbeat-seconds"_s, u"3600"_s};
        ServerProcess a, b;
        ServerProcess::Options options = ServerProcess::Options::onDatabase(pg.url(), slow);
        options.demo = true;
        QVERIFY2(a.start(options), qPrintable(a.errorText()));
        QVERIFY2(b.start(ServerProcess::Options::onDatabase(pg.url(), slow)), qPrintable(b.errorText()));
        const QString t = demoSignIn(a);
        StreamClient client;
        QVERIFY(openLive(client, a, t));
        QCOMPARE(signOut(b, t), 204);
        QTRY_VERIFY_WITH_TIMEOUT(client.closedForToken(), 20000);
        QCOMPARE(b.stop(), 0);
        QCOMPARE(a.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerStreamTest)
#include "test_server_stream.moc"
