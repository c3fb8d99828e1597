// The event log under concurrency, against SQLite (label server) and, built
// with ZEIKO_TEST_ON_POSTGRES, against PostgreSQL (label postgres; QSKIP
// unless ZEIKO_TEST_POSTGRES_URL is set). Eight parallel HTTP writers must
// leave seq exactly 1..M; two server processes on one database must stay
// gapless together, and a change made through one must reach a WebSocket
// client of the other (PostgreSQL: LISTEN/NOTIFY; SQLite: the heartbeat
// re-read of the log).

#include "domain/codecs.h"
#include "support/postgres.h"
#include "support/response_log.h"
#include "support/server_process.h"

#include <QJsonDocument>
#include <QSet>
#include <QTest>
#include <QThread>
#include <QUuid>
#include <QWebSocket>

#include <atomic>
#include <memory>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class ServerSyncTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TemporaryPostgresDatabase> pg;

    // A database URL for one test: a fresh PostgreSQL database or "" (a fresh SQLite file).
    QString freshDatabase()
    {
#ifdef ZEIKO_TEST_ON_POSTGRES
        pg = std::make_unique<TemporaryPostgresDatabase>();
        return pg->url();
#else
        return {};
#endif
    }

    static QString setUpTenant(ServerProcess &server)
    {
        if (server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"sync"_s, u"--name"_s, u"Sync"_s}) != 0)
            return {};
        if (server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"sync"_s, u"--email"_s, u"w@sync.test"_s},
                              nullptr, {{u"ZEIKO_OPERATOR_PASSWORD"_s, u"writer-password"_s}}) != 0)
            return {};
        return server.signIn(u"sync"_s, u"w@sync.test"_s, u"writer-password"_s);
    }

    static qint64 createTicket(ServerProcess &server, const QString &token)
    {
        const HttpReply reply = server.post(u"/api/v1/tickets"_s,
                                            json({{u"subject"_s, u"load"_s},
                                                  {u"customer"_s, QJsonObject{{u"email"_s, u"l@example.com"_s}}},
                                                  {u"source"_s, u"email"_s},
                                                  {u"body"_s, u"b"_s}}),
                                            token, QUuid::createUuid().toString());
        return reply.status == 201 ? decode<CommandResult>(reply.body).ticket.id : 0;
    }

    // `writers` threads, each sending `perWriter` notes round-robin over `tickets` via `servers`.
    static int writeInParallel(const QList<QUrl> &servers, const QString &token, const QList<qint64> &tickets,
                               int writers, int perWriter, QSet<QString> *keys)
    {
        std::atomic<int> failures{0};
        QList<QStringList> keysPerWriter(writers);
        QList<QThread *> threads;
        for (int w = 0; w < writers; ++w) {
            threads.append(QThread::create([&, w] {
                QNetworkAccessManager manager;
                for (int i = 0; i < perWriter; ++i) {
                    RequestOptions options;
                    options.method = "POST";
                    options.token = token;
                    options.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
                    options.body = json({{u"type"_s, u"internal_note"_s}, {u"body"_s, u"writer %1 note %2"_s.arg(w).arg(i)}});
                    const qint64 ticket = tickets[(w + i) % tickets.size()];
                    const QUrl base = servers[w % servers.size()];
                    const HttpReply reply = httpRequest(
                        manager, QUrl(base.toString() + u"/api/v1/tickets/%1/commands"_s.arg(ticket)), options);
                    if (reply.status != 200)
                        ++failures;
                    else
                        keysPerWriter[w].append(options.idempotencyKey);
                }
            }));
            threads.last()->start();
        }
        for (QThread *thread : threads) {
            thread->wait();
            delete thread;
        }
        for (const QStringList &list : keysPerWriter)
            for (const QString &key : list)
                keys->insert(key);
        return failures;
    }

    // Reads the whole log and checks seq == 1..head without gaps; returns the events.
    static QList<Event> readWholeLog(ServerProcess &server, const QString &token)
    {
        QList<Event> all;
        Seq after = 0;
        for (;;) {
            const EventPage page = decode<EventPage>(server.get(u"/api/v1/events?after=%1&limit=1000"_s.arg(after), token).body);
            all += page.events;
            if (!page.hasMore || page.events.isEmpty())
                break;
            after = page.events.last().seq;
        }
        return all;
    }

private slots:
    void init()
    {
#ifdef ZEIKO_TEST_ON_POSTGRES
        if (!TemporaryPostgresDatabase::configured())
            QSKIP("ZEIKO_TEST_POSTGRES_URL is not set");
#endif
    }
    void cleanup() { pg.reset(); }

    void seqIsGaplessWithEightParallelWriters()
    {
        ServerProcess server;
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(freshDatabase())), qPrintable(server.errorText()));
        const QString token = setUpTenant(server);
        QVERIFY(!token.isEmpty());
        QList<qint64> tickets;
        for (int i = 0; i < 4; ++i)
            tickets.append(createTicket(server, token));
        QVERIFY(!tickets.contains(0));

        QSet<QString> keys;
        QCOMPARE(writeInParallel({server.baseUrl()}, token, tickets, 8, 40, &keys), 0);
        QCOMPARE(keys.size(), 320);

        const QList<Event> events = readWholeLog(server, token);
        QCOMPARE(events.size(), 4 + 320);
        QSet<QString> seenKeys;
        for (int i = 0; i < events.size(); ++i) {
            QCOMPARE(events[i].seq, Seq(i + 1));   // exactly 1..M, strictly increasing, no gaps
            if (events[i].type == EventType::EntryAdded)
                seenKeys.insert(events[i].requestId);
        }
        QCOMPARE(seenKeys, keys);   // one event per command, each with its request id
        // Ticket versions went up by one per command.
        qint64 versions = 0;
        for (const qint64 id : tickets)
            versions += server.get(u"/api/v1/tickets/%1"_s.arg(id), token).json().value(u"ticket"_s).toObject().value(u"version"_s).toInteger();
        QCOMPARE(versions, 4 + 320);
        QCOMPARE(server.stop(), 0);
    }

    void twoProcessesShareOneGaplessLogAndStream()
    {
        ServerProcess a;
        ServerProcess b;
#ifdef ZEIKO_TEST_ON_POSTGRES
        const QStringList fastHeartbeat;   // default 15 s heartbeat: delivery within the timeout proves LISTEN/NOTIFY
#else
        const QStringList fastHeartbeat{u"--heartbeat-seconds"_s, u"1"_s};   // SQLite: the heartbeat re-reads the log
#endif
        QVERIFY2(a.start(ServerProcess::Options::onDatabase(freshDatabase(), fastHeartbeat)), qPrintable(a.errorText()));
        QVERIFY2(b.start(ServerProcess::Options::onDatabase(a.databaseUrl(), fastHeartbeat)), qPrintable(b.errorText()));
        const QString token = setUpTenant(a);
        QVERIFY(!token.isEmpty());
        QCOMPARE(b.get(u"/api/v1/me"_s, token).status, 200);   // tokens work on every process

        // A live client of process B...
        QWebSocket socket;
        QList<Event> received;
        connect(&socket, &QWebSocket::textMessageReceived, &socket, [&](const QString &text) {
            response_log::recordStreamFrame(text);
            const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
            if (frame.value(u"type"_s).toString() == u"event"_s)
                received.append(fromJson<Event>(frame.value(u"event"_s).toObject()));
        });
        QNetworkRequest request(b.wsUrl(u"/api/v1/stream?after=0"_s));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        socket.open(request);
        QTRY_COMPARE_WITH_TIMEOUT(socket.state(), QAbstractSocket::ConnectedState, 10000);

        // ...sees a change made through process A.
        const qint64 ticket = createTicket(a, token);
        QVERIFY(ticket > 0);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
        QCOMPARE(received[0].ticketId, ticket);

        // Writers on both processes at once: still one gapless log, streamed in order.
        QSet<QString> keys;
        QCOMPARE(writeInParallel({a.baseUrl(), b.baseUrl()}, token, {ticket}, 8, 15, &keys), 0);
        const QList<Event> events = readWholeLog(b, token);
        QCOMPARE(events.size(), 1 + 120);
        for (int i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].seq, Seq(i + 1));
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 121, 20000);
        for (int i = 0; i < received.size(); ++i)
            QCOMPARE(received[i].seq, Seq(i + 1));

        socket.close();
        QCOMPARE(a.stop(), 0);
        QCOMPARE(b.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerSyncTest)
#include "test_server_sync.moc"
