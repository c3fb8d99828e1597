// Crash safety of the outbox: a process flushing the outbox to the real
// server is SIGKILLed at random moments, again and again (>= 20 times),
// then allowed to finish. Nothing may be lost and nothing applied twice,
// and each ticket's commands must land in creation order.
#include "e2e_support.h"

#include <QDeadlineTimer>
#include <QProcess>
#include <QRandomGenerator>

using namespace zeiko;
using namespace zeiko::e2e;

class TestE2eCrash : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void killedDuringFlushLosesAndDuplicatesNothing()
    {
        if (test::ServerProcess::binaryPath().isEmpty())
            QSKIP("zeiko-server is not built");
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

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("crash.sqlite"));
        const QString run = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        constexpr int perTicket = 40;
        {
            LocalStore store;
            QVERIFY(store.open(path));
            for (int n = 0; n < perTicket; ++n) {
                for (TicketId id : tickets) {
                    Command command;
                    command.requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
                    command.type = CommandType::InternalNote;
                    command.ticketId = id;
                    command.body = QStringLiteral("%1 t%2 #%3").arg(run).arg(id).arg(n, 3, 10, QLatin1Char('0'));
                    store.insertOutboxItem(command);
                }
            }
        }

        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(QStringLiteral("ZEIKO_TOKEN"), op.token);
        const QString helper = QCoreApplication::applicationDirPath() + QStringLiteral("/outbox_flush_helper");
        QRandomGenerator random(20260301);
        int kills = 0;
        for (int round = 0; round < 24; ++round) {
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
        qInfo("killed the flushing process %d times", kills);
        QVERIFY(kills >= 20);
        {
            // The kills hit a flush in progress: some work was done, some was left.
            LocalStore store;
            QVERIFY(store.open(path));
            const qsizetype remaining = store.outboxItems().size();
            qInfo("%lld of %d commands still queued after the kills", qint64(remaining), perTicket * 4);
            QVERIFY(remaining < perTicket * 4);
        }

        QProcess finisher;
        finisher.setProcessEnvironment(environment);
        finisher.start(helper, {path, server.baseUrl().toString()});
        QVERIFY(finisher.waitForFinished(120000));
        QCOMPARE(finisher.exitStatus(), QProcess::NormalExit);
        QVERIFY2(finisher.exitCode() == 0, finisher.readAllStandardError().constData());

        LocalStore store;
        QVERIFY(store.open(path));
        QVERIFY(store.outboxItems().isEmpty());
        for (TicketId id : tickets) {
            QStringList expected;
            for (int n = 0; n < perTicket; ++n)
                expected.append(QStringLiteral("%1 t%2 #%3").arg(run).arg(id).arg(n, 3, 10, QLatin1Char('0')));
            QStringList actual;
            for (const ThreadEntry &entry : serverTicket(server, op.token, id).entries) {
                if (entry.body.startsWith(run))
                    actual.append(entry.body);
            }
            QCOMPARE(actual, expected);
        }
    }
};

QTEST_GUILESS_MAIN(TestE2eCrash)
#include "test_e2e_crash.moc"
