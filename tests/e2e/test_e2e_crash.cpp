// Crash safety of the outbox: a process flushing the outbox to the real
// server is SIGKILLed at random moments, again and again, then allowed to
// finish. Nothing may be lost and nothing applied twice, and each ticket's
// commands must land in creation order.
//
// The same test is the crash/replay soak of issue 10: ZEIKO_SOAK_KILLS sets
// the number of kill rounds (default 24, the CI size; the soak runs 1000,
// see tools/soak.sh). The queue grows with it so every round is mid-flush.
#include "e2e_support.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QProcess>
#include <QRandomGenerator>

using namespace zeiko;
using namespace zeiko::e2e;

namespace {

int killRounds()
{
    bool ok = false;
    const int rounds = qEnvironmentVariableIntValue("ZEIKO_SOAK_KILLS", &ok);
    return ok && rounds > 0 ? rounds : 24;
}

// Every entry of a ticket, paged (the ticket detail stops at 1000).
QList<ThreadEntry> allEntries(test::ServerProcess &server, const QString &token, TicketId id)
{
    QList<ThreadEntry> entries;
    EntryId after = 0;
    for (;;) {
        const test::HttpReply reply = server.get(QStringLiteral("/api/v1/tickets/%1/entries?after=%2&limit=1000").arg(id).arg(after), token);
        const QJsonArray page = reply.json().value(QStringLiteral("entries")).toArray();
        for (const QJsonValue &value : page)
            entries.append(fromJson<ThreadEntry>(value.toObject()));
        if (page.size() < 1000)
            return entries;
        after = entries.last().id;
    }
}

} // namespace

class TestE2eCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedDuringFlushLosesAndDuplicatesNothing()
    {
        if (test::ServerProcess::binaryPath().isEmpty())
            QSKIP("zeiko-server is not built");
        QElapsedTimer runtime;
        runtime.start();
        test::ServerProcess server;
        QVERIFY2(server.start(demoServer()), qPrintable(server.errorText()));
        const auto op = signInDemo(server);
        QVERIFY(!op.token.isEmpty());
        QList<TicketId> tickets;
        for (const Ticket &ticket : serverTickets(server, op.token)) {
            if (tickets.size() < 4)
                tickets.append(ticket.id);
        }
        QCOMPARE(tickets.size(), 4);

        const int rounds = killRounds();
        // A round confirms 1-3 commands before its kill (a few more on a
        // slow kill): five per round keeps the queue from running dry.
        const int perTicket = std::max(40, rounds * 5 / 4);
        const int total = perTicket * int(tickets.size());
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
        const QString run = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        const auto bodyOf = [&](TicketId id, int n) {
            return QStringLiteral("%1 t%2 #%3").arg(run).arg(id).arg(n, 5, 10, QLatin1Char('0'));
        };
        {
            LocalStore store;
            QVERIFY(store.open(path));
            for (int n = 0; n < perTicket; ++n) {
                for (TicketId id : tickets) {
                    Command command;
                    command.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
                    command.type = CommandType::InternalNote;
                    command.ticketId = id;
                    command.body = bodyOf(id, n);
                    store.insertOutboxItem(command);
                }
            }
        }

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ZEIKO_TOKEN"), op.token);
        const QString helper = QCoreApplication::applicationDirPath() + QStringLiteral("/outbox_flush_helper");
        QRandomGenerator random(20260301);
        int kills = 0;
        for (int round = 0; round < rounds; ++round) {
            QProcess process;
            process.setProcessEnvironment(environment);
            process.start(helper, {path, server.baseUrl().toString()});
            QVERIFY2(process.waitForStarted(10000), qPrintable(process.errorString()));
            // Kill after 1-3 confirmations plus a random few ms: always mid-flush,
            // at a different point of the send/confirm cycle each time, however
            // fast or loaded the machine is.
            const int confirmationsBeforeKill = int(random.bounded(1, 4));
            int confirmations = 0;
            QDeadlineTimer deadline(30000);
            while (confirmations < confirmationsBeforeKill && process.state() == QProcess::Running && !deadline.hasExpired()) {
                if (process.canReadLine() || process.waitForReadyRead(100)) {
                    while (process.canReadLine()) {
                        process.readLine();
                        ++confirmations;
                    }
                }
            }
            QTest::qWait(int(random.bounded(0, 15)));
            if (process.state() == QProcess::Running) {
                process.kill();   // SIGKILL: no cleanup, no flushes, mid-anything
                ++kills;
            }
            QVERIFY(process.waitForFinished(10000));
        }
        qInfo("killed the flushing process %d times in %d rounds", kills, rounds);
        QVERIFY(kills >= rounds * 5 / 6);
        {
            // The kills hit a flush in progress: some work was done, some was left.
            LocalStore store;
            QVERIFY(store.open(path));
            const qsizetype remaining = store.outboxItems().size();
            qInfo("%lld of %d commands still queued after the kills", qint64(remaining), total);
            QVERIFY(remaining < total);
            QVERIFY(remaining > 0);
        }

        QProcess finisher;
        finisher.setProcessEnvironment(environment);
        finisher.start(helper, {path, server.baseUrl().toString()});
        QVERIFY(finisher.waitForFinished(-1 /* hang guard: the ctest timeout */));
        QCOMPARE(finisher.exitStatus(), QProcess::NormalExit);
        QVERIFY2(finisher.exitCode() == 0, finisher.readAllStandardError().constData());

        LocalStore store;
        QVERIFY(store.open(path));
        QVERIFY(store.outboxItems().isEmpty());
        int lost = 0;
        int duplicated = 0;
        int outOfOrder = 0;
        QList<QPair<QStringList, QStringList>> perTicketBodies;
        for (TicketId id : tickets) {
            QStringList expected;
            for (int n = 0; n < perTicket; ++n)
                expected.append(bodyOf(id, n));
            QStringList actual;
            for (const ThreadEntry &entry : allEntries(server, op.token, id)) {
                if (entry.body.startsWith(run))
                    actual.append(entry.body);
            }
            const QSet<QString> unique(actual.cbegin(), actual.cend());
            duplicated += int(actual.size() - unique.size());
            for (const QString &body : expected)
                lost += unique.contains(body) ? 0 : 1;
            if (unique.size() == actual.size() && actual != expected && lost == 0)
                ++outOfOrder;
            perTicketBodies.append({actual, expected});
        }
        qInfo("crash/replay soak: %d SIGKILLs mid-flush, %d commands, %d lost, %d duplicated, %d tickets out of order, %.1f s",
              kills, total, lost, duplicated, outOfOrder, double(runtime.elapsed()) / 1000.0);
        for (const auto &[actual, expected] : perTicketBodies)
            QCOMPARE(actual, expected);
    }
};

QTEST_GUILESS_MAIN(TestE2eCrash)
#include "test_e2e_crash.moc"
