// Server kill soak (issue 10): eight clients write commands with
// Idempotency-Keys while the server is SIGKILLed at random moments and
// restarted on the same database. A client repeats an unanswered command
// with the same key until it gets a 2xx, as the console's outbox does.
// Afterwards every acknowledged command is in the log exactly once (at the
// seq its acknowledgement named), each tenant's log is gapless, and a
// WebSocket subscriber per tenant that reconnected with its last seq after
// every kill received every event once, in order.
//
// Against SQLite (label server, one process) and, built with
// ZEIKO_TEST_ON_POSTGRES, against PostgreSQL with two server processes on
// one database (label postgres; QSKIP unless ZEIKO_TEST_POSTGRES_URL is set).
// ZEIKO_SOAK_KILLS sets the number of kill rounds: 5 by default (CI), 200
// for the soak (tools/soak.sh).

#include "domain/codecs.h"
#include "support/postgres.h"
#include "support/response_log.h"
#include "support/server_process.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonDocument>
#include <QMutex>
#include <QRandomGenerator>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QUuid>
#include <QWebSocket>

#include <array>
#include <atomic>
#include <memory>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int writerCount = 8;
constexpr int tenantCount = 2;
constexpr int ticketsPerTenant = 4;

int killRounds()
{
    bool ok = false;
    const int rounds = qEnvironmentVariableIntValue("ZEIKO_SOAK_KILLS", &ok);
    return ok && rounds > 0 ? rounds : 5;
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

// Where each server process listens now: a restarted process gets a new port.
class Addresses
{
public:
    explicit Addresses(int processes) : m_urls(processes) {}
    void set(int process, const QUrl &url)
    {
        QMutexLocker lock(&m_mutex);
        m_urls[process] = url;
    }
    QUrl get(int process) const
    {
        QMutexLocker lock(&m_mutex);
        return m_urls.at(process);
    }

private:
    mutable QMutex m_mutex;
    QList<QUrl> m_urls;
};

struct Acknowledged {
    QString key;
    Seq seq = 0;      // the seq the 2xx response named
};

// What one writer thread saw; read by the test thread only after joining it.
struct WriterTally {
    QList<Acknowledged> acknowledged;
    QStringList refusals;     // 4xx answers: none expected
    int retries = 0;          // sends repeated with the same key
    int replayed = 0;         // 2xx answers a repeat got from the stored response: the kill came after the commit
    int serverErrors = 0;     // 5xx answers (retried)
};

struct SoakTenant {
    QString token;
    QList<qint64> tickets;
    QList<Acknowledged> setup;   // the ticket creations
};

// A client of one tenant's stream that, whenever its socket is down, opens
// it again on its server's current address with the last seq it received.
class StreamFollower : public QObject
{
public:
    StreamFollower(const Addresses &addresses, int process, const QString &token)
        : m_addresses(addresses), m_process(process), m_token(token)
    {
        connect(&m_socket, &QWebSocket::textMessageReceived, this, &StreamFollower::onFrame);
        m_watch.setInterval(50);
        connect(&m_watch, &QTimer::timeout, this, [this] {
            if (m_socket.state() == QAbstractSocket::UnconnectedState)
                open();
        });
        m_watch.start();
        open();
    }

    Seq last = 0;
    int gaps = 0;
    int duplicates = 0;
    int opens = 0;
    QHash<Seq, QString> requestIds;   // seq -> request id, as streamed

private:
    void open()
    {
        QNetworkRequest request(QUrl(m_addresses.get(m_process).toString().replace(u"http://"_s, u"ws://"_s)
                                     + u"/api/v1/stream?after=%1"_s.arg(last)));
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
        m_socket.open(request);
        ++opens;
    }

    void onFrame(const QString &text)
    {
        response_log::recordStreamFrame(text);
        const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
        if (frame.value(u"type"_s).toString() != u"event"_s)
            return;
        const Event event = fromJson<Event>(frame.value(u"event"_s).toObject());
        if (event.seq <= last) {
            ++duplicates;
            return;
        }
        if (event.seq != last + 1)
            ++gaps;
        last = event.seq;
        requestIds.insert(event.seq, event.requestId);
    }

    const Addresses &m_addresses;
    const int m_process;
    const QString m_token;
    QWebSocket m_socket;
    QTimer m_watch;
};

// The eight writer threads; joined (and told to give up) when it goes out of
// scope, so a failing check never leaves a thread running.
class Writers
{
public:
    std::atomic<bool> stop{false};      // finish the current command, then return
    std::atomic<bool> abandon{false};   // return at once (the test failed)
    std::array<std::atomic<int>, 2> acknowledgedThrough{};   // per server process
    QList<WriterTally> tallies = QList<WriterTally>(writerCount);

    ~Writers() { join(true); }

    void start(const Addresses &addresses, int processes, const QList<SoakTenant> &tenants)
    {
        for (int w = 0; w < writerCount; ++w) {
            const SoakTenant &tenant = tenants.at(w % tenantCount);
            // Writers of one tenant alternate between the processes.
            const int process = (w / tenantCount) % processes;
            WriterTally &tally = tallies[w];   // taken here: no thread touches the list itself
            m_threads.append(QThread::create([this, &addresses, w, process, tenant, &tally] {
                write(addresses, process, tenant, w, tally);
            }));
            m_threads.last()->start();
        }
    }

    void join(bool giveUp)
    {
        stop = true;
        if (giveUp)
            abandon = true;
        for (QThread *thread : std::as_const(m_threads)) {
            thread->wait();
            delete thread;
        }
        m_threads.clear();
    }

private:
    void write(const Addresses &addresses, int process, const SoakTenant &tenant, int writer, WriterTally &tally)
    {
        QNetworkAccessManager manager;
        for (int n = 0; !stop; ++n) {
            RequestOptions options;
            options.method = "POST";
            options.token = tenant.token;
            options.idempotencyKey = QUuid::createUuid().toString(QUuid::WithoutBraces);
            options.body = json({{u"type"_s, u"internal_note"_s}, {u"body"_s, u"writer %1 note %2"_s.arg(writer).arg(n)}});
            options.timeoutMs = 15000;
            const QString path = u"/api/v1/tickets/%1/commands"_s.arg(tenant.tickets.at((writer / tenantCount + n) % ticketsPerTenant));
            for (int attempt = 0; !abandon; ++attempt) {
                if (attempt > 0) {
                    ++tally.retries;
                    QThread::msleep(20);
                }
                const HttpReply reply = httpRequest(manager, QUrl(addresses.get(process).toString() + path), options);
                if (reply.status >= 200 && reply.status < 300) {
                    tally.acknowledged.append({options.idempotencyKey, decode<CommandResult>(reply.body).seq});
                    tally.replayed += reply.header("Idempotent-Replayed") == "true" ? 1 : 0;
                    ++acknowledgedThrough[process];
                    break;
                }
                if (reply.status == 0)
                    continue;   // no answer: the server is down or died mid-request
                if (reply.status >= 500) {
                    ++tally.serverErrors;
                    continue;
                }
                tally.refusals.append(u"%1 %2: %3"_s.arg(reply.status).arg(path, QString::fromUtf8(reply.body)));
                break;
            }
        }
    }

    QList<QThread *> m_threads;
};

} // namespace

class ServerKillSoakTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TemporaryPostgresDatabase> pg;

    static QString setUpTenant(ServerProcess &server, int index, SoakTenant *tenant)
    {
        const QString slug = u"soak%1"_s.arg(index);
        const QString email = u"w@%1.test"_s.arg(slug);
        if (server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, slug, u"--name"_s, slug}) != 0)
            return u"create-tenant failed"_s;
        if (server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, slug, u"--email"_s, email}, nullptr,
                              {{u"ZEIKO_OPERATOR_PASSWORD"_s, u"writer-password"_s}}) != 0)
            return u"create-operator failed"_s;
        tenant->token = server.signIn(slug, email, u"writer-password"_s);
        if (tenant->token.isEmpty())
            return u"sign-in failed"_s;
        for (int i = 0; i < ticketsPerTenant; ++i) {
            const QString key = QUuid::createUuid().toString(QUuid::WithoutBraces);
            const HttpReply reply = server.post(u"/api/v1/tickets"_s,
                                                json({{u"subject"_s, u"soak %1"_s.arg(i)},
                                                      {u"customer"_s, QJsonObject{{u"email"_s, u"c@example.com"_s}}},
                                                      {u"source"_s, u"email"_s},
                                                      {u"body"_s, u"b"_s}}),
                                                tenant->token, key);
            if (reply.status != 201)
                return u"create ticket: %1 %2"_s.arg(reply.status).arg(QString::fromUtf8(reply.body));
            const CommandResult result = decode<CommandResult>(reply.body);
            tenant->tickets.append(result.ticket.id);
            tenant->setup.append({key, result.seq});
        }
        return {};
    }

    static QList<Event> readWholeLog(ServerProcess &server, const QString &token)
    {
        QList<Event> all;
        Seq after = 0;
        for (;;) {
            const HttpReply reply = server.get(u"/api/v1/events?after=%1&limit=1000"_s.arg(after), token);
            if (reply.status != 200)
                return all;
            const EventPage page = decode<EventPage>(reply.body);
            all += page.events;
            if (!page.hasMore || page.events.isEmpty())
                return all;
            after = page.events.last().seq;
        }
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

    void acknowledgedCommandsSurviveServerKills()
    {
        QElapsedTimer runtime;
        runtime.start();
#ifdef ZEIKO_TEST_ON_POSTGRES
        pg = std::make_unique<TemporaryPostgresDatabase>();
        QVERIFY2(pg->isValid(), qPrintable(pg->errorText()));
        const QString database = pg->url();
        const int processes = 2;
        const char *backend = "postgres";
#else
        const QString database;   // a fresh SQLite file (kept across restarts)
        const int processes = 1;
        const char *backend = "sqlite";
#endif
        // A 1 s heartbeat: a stream that missed a wake-up (a process that
        // restarted after another's NOTIFY) re-reads the log within a second.
        const QStringList arguments{u"--heartbeat-seconds"_s, u"1"_s};
        std::array<ServerProcess, 2> servers;
        QVERIFY2(servers[0].start(ServerProcess::Options::onDatabase(database, arguments)), qPrintable(servers[0].errorText()));
        const QString databaseUrl = servers[0].databaseUrl();
        for (int p = 1; p < processes; ++p)
            QVERIFY2(servers[p].start(ServerProcess::Options::onDatabase(databaseUrl, arguments)), qPrintable(servers[p].errorText()));
        Addresses addresses(processes);
        for (int p = 0; p < processes; ++p)
            addresses.set(p, servers[p].baseUrl());

        QList<SoakTenant> tenants(tenantCount);
        for (int t = 0; t < tenantCount; ++t) {
            const QString error = setUpTenant(servers[0], t, &tenants[t]);
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        std::vector<std::unique_ptr<StreamFollower>> followers;
        for (int t = 0; t < tenantCount; ++t)
            followers.push_back(std::make_unique<StreamFollower>(addresses, t % processes, tenants[t].token));

        Writers writers;
        writers.start(addresses, processes, tenants);
        const int rounds = killRounds();
        QRandomGenerator random(20261207);
        int sigkills = 0;
        for (int round = 0; round < rounds; ++round) {
            // One process, or (one round in four) all of them at once.
            QList<int> victims;
            if (processes > 1 && random.bounded(4) == 0) {
                for (int p = 0; p < processes; ++p)
                    victims.append(p);
            } else {
                victims.append(int(random.bounded(processes)));
            }
            // Kill during writes: wait for a fresh acknowledgement through
            // each victim, then a random few ms into the next commands.
            for (int p : victims) {
                const int before = writers.acknowledgedThrough[p];
                QTRY_VERIFY_WITH_TIMEOUT(writers.acknowledgedThrough[p] > before, 120000);
            }
            QTest::qWait(int(random.bounded(0, 60)));
            for (int p : victims) {
                servers[p].kill();
                ++sigkills;
            }
            QTest::qWait(int(random.bounded(0, 30)));   // clients meet a dead server
            for (int p : victims) {
                QVERIFY2(servers[p].start(ServerProcess::Options::onDatabase(databaseUrl, arguments)),
                         qPrintable(servers[p].errorText()));
                addresses.set(p, servers[p].baseUrl());
            }
        }
        writers.join(false);   // each writer finishes its command in flight: nothing left unacknowledged

        int acknowledged = 0;
        int retries = 0;
        int replayed = 0;
        int serverErrors = 0;
        QStringList refusals;
        QList<QHash<QString, Seq>> acknowledgedPerTenant(tenantCount);
        for (int t = 0; t < tenantCount; ++t)
            for (const Acknowledged &ack : std::as_const(tenants[t].setup))
                acknowledgedPerTenant[t].insert(ack.key, ack.seq);
        for (int w = 0; w < writerCount; ++w) {
            const WriterTally &tally = writers.tallies[w];
            acknowledged += int(tally.acknowledged.size());
            retries += tally.retries;
            replayed += tally.replayed;
            serverErrors += tally.serverErrors;
            refusals += tally.refusals;
            for (const Acknowledged &ack : tally.acknowledged)
                acknowledgedPerTenant[w % tenantCount].insert(ack.key, ack.seq);
        }

        int lost = 0;
        int duplicated = 0;
        int unacknowledged = 0;   // in the log, but no client was told so
        int misplaced = 0;        // not at the seq its acknowledgement named
        int logGaps = 0;
        int streamGaps = 0;
        int streamDuplicates = 0;
        int streamMismatches = 0;
        int streamOpens = 0;
        for (int t = 0; t < tenantCount; ++t) {
            const QList<Event> log = readWholeLog(servers[0], tenants[t].token);
            QHash<QString, int> timesInLog;
            QHash<Seq, QString> keyAt;
            for (int i = 0; i < log.size(); ++i) {
                if (log[i].seq != Seq(i + 1))
                    ++logGaps;
                ++timesInLog[log[i].requestId];
                keyAt.insert(log[i].seq, log[i].requestId);
            }
            const QHash<QString, Seq> &acks = acknowledgedPerTenant[t];
            for (auto it = acks.cbegin(); it != acks.cend(); ++it) {
                const int times = timesInLog.value(it.key());
                lost += times == 0 ? 1 : 0;
                duplicated += std::max(0, times - 1);
                misplaced += keyAt.value(it.value()) == it.key() ? 0 : 1;
            }
            for (auto it = timesInLog.cbegin(); it != timesInLog.cend(); ++it)
                unacknowledged += acks.contains(it.key()) ? 0 : it.value();

            // The subscriber catches up to the head, then must hold exactly the log.
            StreamFollower &follower = *followers[t];
            const Seq head = log.isEmpty() ? 0 : log.last().seq;
            QTRY_VERIFY_WITH_TIMEOUT(follower.last >= head, 120000);
            streamGaps += follower.gaps;
            streamDuplicates += follower.duplicates;
            streamOpens += follower.opens;
            streamMismatches += follower.requestIds == keyAt ? 0 : 1;
        }
        followers.clear();

        qInfo("server kill soak (%s, %d process%s): %d SIGKILLs in %d rounds, %d commands acknowledged "
              "(%d retried sends, %d answered from the stored response, %d 5xx answers, %lld refused); lost %d, duplicated %d, unacknowledged in the log %d, "
              "not at their acknowledged seq %d, log gaps %d; streams: %d opens, gaps %d, duplicates %d, "
              "differing from the log %d; %.1f s",
              backend, processes, processes > 1 ? "es" : "", sigkills, rounds, acknowledged, retries, replayed, serverErrors,
              qint64(refusals.size()), lost, duplicated, unacknowledged, misplaced, logGaps, streamOpens, streamGaps,
              streamDuplicates, streamMismatches, double(runtime.elapsed()) / 1000.0);
        QVERIFY2(refusals.isEmpty(), qPrintable(refusals.join(u'\n')));
        QVERIFY(acknowledged > 0);
        QCOMPARE(lost, 0);
        QCOMPARE(duplicated, 0);
        QCOMPARE(unacknowledged, 0);
        QCOMPARE(misplaced, 0);
        QCOMPARE(logGaps, 0);
        QCOMPARE(streamGaps, 0);
        QCOMPARE(streamDuplicates, 0);
        QCOMPARE(streamMismatches, 0);
        for (int p = 0; p < processes; ++p)
            QCOMPARE(servers[p].stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerKillSoakTest)
#include "test_server_kill_soak.moc"
