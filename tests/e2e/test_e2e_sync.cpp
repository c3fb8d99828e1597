// The console core's sync against the real zeiko-server (demo data) over
// real sockets: bootstrap, live updates from a second client, the socket
// killed mid-stream (polling keeps the cache current, the socket resumes
// without gaps), and a server restart.
#include "e2e_support.h"

#include <QSignalSpy>

using namespace zeiko;
using namespace zeiko::e2e;

class TestE2eSync : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("e2e-%1.sqlite").arg(++m_counter)); }

private Q_SLOTS:
    void initTestCase()
    {
        if (test::ServerProcess::binaryPath().isEmpty())
            QSKIP("zeiko-server is not built");
    }

    void bootstrapMatchesTheServer()
    {
        test::ServerProcess server;
        QVERIFY2(server.start(demoServer()), qPrintable(server.errorText()));
        const auto op = signInDemo(server);
        QVERIFY(!op.token.isEmpty());
        const std::unique_ptr<ConsoleSession> session = openSession(server.baseUrl(), op, freshPath());
        QVERIFY(session);
        QSignalSpy finished(&session->sync(), &SyncEngine::bootstrapFinished);
        QSignalSpy prefetched(&session->sync(), &SyncEngine::prefetchFinished);
        session->start();
        QTRY_COMPARE_WITH_TIMEOUT(finished.count(), 1, 20000);
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 20000);
        QVERIFY(session->store().ticketCount() > 7);   // more than one snapshot page
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(storeMatchesServer(session->store(), server, op.token, &why), qPrintable(why), 20000);
        // The working set was prefetched for offline reading, up to the limit,
        // the operator's own tickets first.
        QTRY_VERIFY_WITH_TIMEOUT(prefetched.count() >= 1, 20000);
        const int loaded = prefetched.at(0).at(0).toInt();
        const qsizetype remaining = session->store().uncachedWorkingSet(op.id, 1000000).size();
        QVERIFY(loaded > 0);
        QVERIFY2(loaded == SyncOptions().prefetchLimit || remaining == 0, qPrintable(QString::number(loaded)));
        for (const TicketRow &row : session->store().ticketRows()) {
            if (row.assignee && row.assignee->id == op.id && row.status != TicketStatus::Closed && loaded < SyncOptions().prefetchLimit)
                QVERIFY(session->store().isThreadLoaded(row.id));
        }
    }

    void liveUpdatesFromASecondClient()
    {
        test::ServerProcess server;
        QVERIFY2(server.start(demoServer()), qPrintable(server.errorText()));
        const auto op = signInDemo(server);
        const std::unique_ptr<ConsoleSession> session = openSession(server.baseUrl(), op, freshPath());
        QVERIFY(session);
        session->start();
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 20000);
        const TicketId id = session->store().ticketRows().constFirst().id;
        const auto second = signInDemo(server);   // another console of the team
        QVERIFY(postNote(server, second.token, id, QStringLiteral("live from elsewhere")));
        QTRY_VERIFY_WITH_TIMEOUT(storeHasEntry(session->store(), id, QStringLiteral("live from elsewhere")), 10000);
        QCOMPARE(session->sync().connectionState(), ConnectionState::Live);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(storeMatchesServer(session->store(), server, op.token, &why), qPrintable(why), 10000);
    }

    void socketKilledMidStreamPollsThenResumesWithoutGaps()
    {
        test::ServerProcess server;
        QVERIFY2(server.start(demoServer()), qPrintable(server.errorText()));
        const auto op = signInDemo(server);
        test::FaultProxy proxy(server.port());
        const std::unique_ptr<ConsoleSession> session = openSession(proxy.baseUrl(), op, freshPath());
        QVERIFY(session);
        session->start();
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 20000);
        const QList<TicketRow> rows = session->store().ticketRows();

        // Kill the socket mid-stream and keep it from coming back.
        proxy.setRefuseWebSockets(true);
        for (int i = 0; i < 5; ++i)
            QVERIFY(postNote(server, op.token, rows.at(i).id, QStringLiteral("burst %1").arg(i)));
        proxy.dropWebSockets();
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Polling, 10000);
        // Changes keep arriving through the polling fallback.
        for (int i = 0; i < 5; ++i)
            QVERIFY(postNote(server, op.token, rows.at(i).id, QStringLiteral("while polling %1").arg(i)));
        for (int i = 0; i < 5; ++i)
            QTRY_VERIFY_WITH_TIMEOUT(storeHasEntry(session->store(), rows.at(i).id, QStringLiteral("while polling %1").arg(i)), 10000);
        QCOMPARE(session->sync().connectionState(), ConnectionState::Polling);

        // The socket comes back, resumes from the cursor, and nothing is missing or doubled.
        proxy.setRefuseWebSockets(false);
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 10000);
        QVERIFY(postNote(server, op.token, rows.at(0).id, QStringLiteral("live again")));
        QTRY_VERIFY_WITH_TIMEOUT(storeHasEntry(session->store(), rows.at(0).id, QStringLiteral("live again")), 10000);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(storeMatchesServer(session->store(), server, op.token, &why), qPrintable(why), 10000);
        for (int i = 0; i < 5; ++i) {
            const TicketDetail remote = serverTicket(server, op.token, rows.at(i).id);
            session->sync().openThread(rows.at(i).id);
            QTRY_COMPARE_WITH_TIMEOUT(session->store().entries(rows.at(i).id).size(), remote.entries.size(), 10000);
        }
    }

    void serverRestartIsSurvived()
    {
        test::ServerProcess server;
        QVERIFY2(server.start(demoServer()), qPrintable(server.errorText()));
        const auto op = signInDemo(server);
        test::FaultProxy proxy(server.port());
        const std::unique_ptr<ConsoleSession> session = openSession(proxy.baseUrl(), op, freshPath());
        QVERIFY(session);
        session->start();
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 20000);
        const TicketId id = session->store().ticketRows().constFirst().id;

        QCOMPARE(server.stop(), 0);
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Offline, 10000);
        // Offline, the cache still reads and actions still queue.
        QVERIFY(session->store().ticket(id));
        QVERIFY(session->outbox().enqueue(testNote(id, QStringLiteral("queued while the server was down"))));

        test::ServerProcess::Options again = demoServer();
        again.databaseUrl = server.databaseUrl();
        QVERIFY2(server.start(again), qPrintable(server.errorText()));
        proxy.setUpstreamPort(server.port());
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(session->store().outboxItems().isEmpty(), 10000);
        QVERIFY(postNote(server, op.token, id, QStringLiteral("after the restart")));
        QTRY_VERIFY_WITH_TIMEOUT(storeHasEntry(session->store(), id, QStringLiteral("after the restart")), 10000);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(storeMatchesServer(session->store(), server, op.token, &why), qPrintable(why), 10000);
    }

private:
    static Command testNote(TicketId id, const QString &body)
    {
        Command command;
        command.type = CommandType::InternalNote;
        command.ticketId = id;
        command.body = body;
        return command;
    }
};

QTEST_GUILESS_MAIN(TestE2eSync)
#include "test_e2e_sync.moc"
