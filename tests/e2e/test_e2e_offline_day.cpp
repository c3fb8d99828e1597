// The operator's day on a flight, end to end against the real zeiko-server:
// sign in and sync, lose the network, read every ticket of "my queue" from
// the cache, write three replies and close two tickets (one of them just
// replied to, so the order matters), while a colleague keeps working on the
// server. Back online, everything is sent exactly once and in order, and
// what the colleague changed shows up, marked unread.
#include "e2e_support.h"

#include "models/roles.h"
#include "models/ticket_queue_model.h"

#include <QSignalSpy>

using namespace zeiko;
using namespace zeiko::e2e;

namespace {

Command commandFor(CommandType type, const Ticket &ticket, const QString &body = {})
{
    Command command;
    command.type = type;
    command.ticketId = ticket.id;
    command.body = body;
    return command;
}

int countServerEntries(test::ServerProcess &server, const QString &token, TicketId id, const QString &body)
{
    int count = 0;
    for (const ThreadEntry &entry : serverTicket(server, token, id).entries)
        count += entry.body == body ? 1 : 0;
    return count;
}

} // namespace

class TestE2eOfflineDay : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        if (test::ServerProcess::binaryPath().isEmpty())
            QSKIP("zeiko-server is not built");
        QVERIFY(m_dir.isValid());
    }

    void replyAndCloseOfflineThenLand()
    {
        test::ServerProcess server;
        QVERIFY2(server.start(demoServer()), qPrintable(server.errorText()));
        const e2e::Operator me = signInDemo(server);
        QVERIFY(!me.token.isEmpty());
        test::FaultProxy proxy(server.port());

        const std::unique_ptr<ConsoleSession> session = openSession(proxy.baseUrl(), me, m_dir.filePath(QStringLiteral("flight.sqlite")));   // default prefetch: all of "mine" reads offline
        QVERIFY(session);
        QSignalSpy prefetched(&session->sync(), &SyncEngine::prefetchFinished);
        session->start();
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 20000);
        QTRY_VERIFY_WITH_TIMEOUT(prefetched.count() > 0, 60000);

        LocalStore &store = session->store();
        TicketQueueModel queue(store);
        queue.setOperatorId(me.id);

        // My queue: assigned to me and not closed.
        QList<TicketId> mine;
        for (const TicketRow &row : store.ticketRows()) {
            if (row.assignee && row.assignee->id == me.id && row.status != TicketStatus::Closed)
                mine.append(row.id);
        }
        qInfo() << "tickets in my queue:" << mine.size();
        QVERIFY2(mine.size() >= 7, qPrintable(QStringLiteral("only %1 tickets assigned to the demo operator").arg(mine.size())));

        // Take off.
        proxy.setOffline(true);
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Offline, 10000);

        // Read every ticket of my queue from the cache alone.
        for (const TicketId id : mine) {
            QVERIFY2(store.isThreadLoaded(id), qPrintable(QStringLiteral("ticket %1 is not readable offline").arg(id)));
            QVERIFY(!store.entries(id).isEmpty());
            store.markViewed(id);
            QCOMPARE(queue.data(queue.index(queue.rowOf(id), 0), UnreadRole).toBool(), false);
        }

        // Pick tickets for the day: three replies (A, B, C), two closes (A after its reply, and D),
        // and two tickets a colleague will touch meanwhile (E, F). Closing needs no open handoff.
        const auto closable = [&](TicketId id) {
            const auto handoff = store.handoffForTicket(id);
            return !handoff || handoff->state == HandoffState::Resolved;
        };
        QList<TicketId> closables, others;
        for (const TicketId id : mine)
            (closable(id) && closables.size() < 2 ? closables : others).append(id);
        QVERIFY(closables.size() == 2 && others.size() >= 5);
        const Ticket a = *store.ticket(closables[0]);
        const Ticket d = *store.ticket(closables[1]);
        const Ticket b = *store.ticket(others[0]);
        const Ticket c = *store.ticket(others[1]);
        const TicketId e = others[2], f = others[3];

        const QString run = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
        const auto replyBody = [&](const Ticket &t) { return QStringLiteral("Reply %1 to #%2").arg(run).arg(t.number); };
        QString error;
        QVERIFY2(session->outbox().enqueue(commandFor(CommandType::EmailReply, a, replyBody(a)), &error), qPrintable(error));
        QVERIFY2(session->outbox().enqueue(commandFor(CommandType::EmailReply, b, replyBody(b)), &error), qPrintable(error));
        QVERIFY2(session->outbox().enqueue(commandFor(CommandType::EmailReply, c, replyBody(c)), &error), qPrintable(error));
        QVERIFY2(session->outbox().enqueue(commandFor(CommandType::Close, a), &error), qPrintable(error));
        QVERIFY2(session->outbox().enqueue(commandFor(CommandType::Close, d), &error), qPrintable(error));
        QCOMPARE(store.outboxItems().size(), 5);

        // Pending effects show at once in the queue, offline.
        QCOMPARE(queue.data(queue.index(queue.rowOf(a.id), 0), PendingRole).toBool(), true);
        QCOMPARE(toString(TicketStatus(queue.data(queue.index(queue.rowOf(d.id), 0), StatusRole).toInt())),
                 toString(TicketStatus::Closed));

        // Meanwhile a colleague works on the server.
        const QString colleagueNote = QStringLiteral("Colleague %1").arg(run);
        QVERIFY(postNote(server, me.token, e, colleagueNote));
        QVERIFY(postNote(server, me.token, f, colleagueNote));
        QTest::qWait(300);   // offline: nothing may leave
        QCOMPARE(store.outboxItems().size(), 5);
        QVERIFY(!storeHasEntry(store, e, colleagueNote));

        // Land.
        proxy.setOffline(false);
        QTRY_VERIFY_WITH_TIMEOUT(store.outboxItems().isEmpty(), 60000);
        QTRY_COMPARE_WITH_TIMEOUT(session->sync().connectionState(), ConnectionState::Live, 20000);

        // Exactly once, in order: A was replied to and then closed (a close first would have refused the reply).
        for (const Ticket &t : {a, b, c})
            QCOMPARE(countServerEntries(server, me.token, t.id, replyBody(t)), 1);
        const TicketDetail aOnServer = serverTicket(server, me.token, a.id);
        QCOMPARE(toString(aOnServer.ticket.status), toString(TicketStatus::Closed));
        EntryId replyId = 0, closeId = 0;
        for (const ThreadEntry &entry : aOnServer.entries) {
            if (entry.body == replyBody(a))
                replyId = entry.id;
            else if (entry.kind == EntryKind::AuditEvent && entry.body.contains(QStringLiteral("closed the ticket")))
                closeId = entry.id;
        }
        QVERIFY(replyId != 0 && closeId > replyId);
        QCOMPARE(toString(serverTicket(server, me.token, d.id).ticket.status), toString(TicketStatus::Closed));
        for (const Ticket &t : {b, c})
            QCOMPARE(toString(serverTicket(server, me.token, t.id).ticket.status), toString(TicketStatus::WaitingOnCustomer));

        // What changed while away is in the cache and marked unread; what I did myself is not news.
        QTRY_VERIFY_WITH_TIMEOUT(storeHasEntry(store, e, colleagueNote) && storeHasEntry(store, f, colleagueNote), 20000);
        QCOMPARE(queue.data(queue.index(queue.rowOf(e), 0), UnreadRole).toBool(), true);
        QCOMPARE(queue.data(queue.index(queue.rowOf(f), 0), UnreadRole).toBool(), true);
        QString why;
        QTRY_VERIFY2_WITH_TIMEOUT(storeMatchesServer(store, server, me.token, &why), qPrintable(why), 20000);
        for (const TicketId id : {a.id, b.id, c.id, d.id})
            QCOMPARE(queue.data(queue.index(queue.rowOf(id), 0), PendingRole).toBool(), false);
    }
};

QTEST_GUILESS_MAIN(TestE2eOfflineDay)
#include "test_e2e_offline_day.moc"
