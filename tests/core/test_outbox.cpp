// Outbox over a real temporary store and a scripted loopback server:
// durability, per-ticket FIFO, retry classes, failed -> retry/edit/discard,
// restart recovery. (Exactly-once against the real server: tests/e2e.)
#include "core_test_data.h"
#include "domain/codecs.h"
#include "outbox/outbox.h"
#include "scripted_http_server.h"
#include "store/local_store.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace std::chrono_literals;

namespace {

// What the real server answers: the ticket after the command and the entry it added.
ScriptedReply accept(const RecordedRequest &request, EntryId entryId)
{
    const Command command = decode<Command>(request.body);
    CommandResult result;
    result.ticket = testdata::ticket(command.ticketId, 100 + entryId);
    if (command.type == CommandType::InternalNote || command.type == CommandType::EmailReply)
        result.entry = testdata::entry(entryId, command.ticketId, command.body, QString::fromUtf8(request.headers.value("idempotency-key")));
    result.seq = entryId;
    return ScriptedReply::json(200, encode(result));
}

ScriptedReply conflict()
{
    ApiError error{QStringLiteral("version_conflict"), QStringLiteral("Someone else changed this ticket."), testdata::ticket(1, 9)};
    return ScriptedReply::json(409, encode(error));
}

OutboxOptions fastRetry()
{
    OutboxOptions options;
    options.retry = Backoff{30ms, 100ms, 0.0, {}};
    return options;
}

} // namespace

class TestOutbox : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;
    QString freshPath() { return m_dir.filePath(QStringLiteral("o%1.sqlite").arg(++m_counter)); }

private Q_SLOTS:
    void enqueueIsDurableBeforeSending()
    {
        const QString path = freshPath();
        ScriptedHttpServer server;
        {
            LocalStore store;
            QVERIFY(store.open(path));
            ApiClient api(server.baseUrl());
            Outbox outbox(store, api, fastRetry());   // not started: nothing is sent
            QString error;
            const auto item = outbox.enqueue(testdata::note(1, QStringLiteral("durable")), &error);
            QVERIFY2(item, qPrintable(error));
            QVERIFY(!item->command.requestId.isEmpty());
            QCOMPARE(item->state, OutboxState::Queued);
        }
        LocalStore reopened;
        QVERIFY(reopened.open(path));
        QCOMPARE(reopened.outboxItems().size(), 1);
        QCOMPARE(reopened.outboxItems().constFirst().command.body, QStringLiteral("durable"));
        QVERIFY(server.requests().isEmpty());
    }

    void generatesARequestIdWhenMissing()
    {
        ScriptedHttpServer server;
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api);
        Command command = testdata::note(1, QStringLiteral("x"));
        command.requestId.clear();
        const auto a = outbox.enqueue(command);
        const auto b = outbox.enqueue(command);
        QVERIFY(a && b);
        QVERIFY(!a->command.requestId.isEmpty());
        QVERIFY(a->command.requestId != b->command.requestId);
    }

    void confirmsAndStoresTheResult()
    {
        ScriptedHttpServer server;
        server.setHandler([](const RecordedRequest &r) { return accept(r, 500); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        QSignalSpy drained(&outbox, &Outbox::drained);
        QSignalSpy confirmed(&outbox, &Outbox::itemConfirmed);
        const auto item = outbox.enqueue(testdata::note(4, QStringLiteral("sent once")));
        outbox.start();
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().at(0).headers.value("idempotency-key"), item->command.requestId.toUtf8());
        QCOMPARE(store.entries(4).size(), 1);
        QCOMPARE(store.entries(4).at(0).requestId, item->command.requestId);
        QTRY_VERIFY(drained.count() >= 1);
        QCOMPARE(confirmed.count(), 1);
        QCOMPARE(confirmed.at(0).at(0).toString(), item->command.requestId);
    }

    void onePerTicketInFlightAndTransientRetryKeepsTheKey()
    {
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::hang());   // the first request of ticket 1 or 2 never gets an answer
        EntryId nextEntry = 600;
        server.setHandler([&](const RecordedRequest &r) { return accept(r, ++nextEntry); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClientOptions apiOptions;
        apiOptions.transferTimeout = 300ms;
        ApiClient api(server.baseUrl(), apiOptions);
        Outbox outbox(store, api, fastRetry());
        const auto a1 = outbox.enqueue(testdata::note(1, QStringLiteral("a1")));
        const auto a2 = outbox.enqueue(testdata::note(1, QStringLiteral("a2")));
        const auto b1 = outbox.enqueue(testdata::note(2, QStringLiteral("b1")));
        outbox.start();
        QTRY_COMPARE(server.requests().size(), 2);
        QTest::qWait(100);
        // Only the heads went out; the second command of a ticket waits for the first.
        QStringList firstKeys;
        for (const RecordedRequest &r : server.requests())
            firstKeys.append(QString::fromUtf8(r.headers.value("idempotency-key")));
        QVERIFY(firstKeys.contains(a1->command.requestId));
        QVERIFY(firstKeys.contains(b1->command.requestId));
        QVERIFY(!firstKeys.contains(a2->command.requestId));

        QTRY_VERIFY_WITH_TIMEOUT(store.outboxItems().isEmpty(), 10000);
        // The hung head timed out and was resent with the same key; then a2 went.
        QStringList order;
        for (const RecordedRequest &r : server.requests())
            order.append(QString::fromUtf8(r.headers.value("idempotency-key")));
        const QString hungKey = firstKeys.at(0);
        QCOMPARE(order.count(hungKey), 2);
        QCOMPARE(order.count(a2->command.requestId), 1);
        QVERIFY(order.lastIndexOf(a1->command.requestId) < order.indexOf(a2->command.requestId));
        QCOMPARE(store.entries(1).size(), 2);
        QCOMPARE(store.entries(2).size(), 1);
    }

    void serverErrorsRetryThenSucceed()
    {
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::json(503, R"({"error":{"code":"service_unavailable","message":"busy"}})"));
        server.enqueue(ScriptedReply::json(500, "oops"));
        server.setHandler([](const RecordedRequest &r) { return accept(r, 700); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        QSignalSpy failed(&outbox, &Outbox::itemFailed);
        const auto item = outbox.enqueue(testdata::note(1, QStringLiteral("eventually")));
        outbox.start();
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(server.requests().size(), 3);
        for (const RecordedRequest &r : server.requests())
            QCOMPARE(r.headers.value("idempotency-key"), item->command.requestId.toUtf8());
        QCOMPARE(failed.count(), 0);
    }

    void conflictFailsAndBlocksTheTicketUntilRetried()
    {
        ScriptedHttpServer server;
        server.enqueue(conflict());
        EntryId nextEntry = 800;
        server.setHandler([&](const RecordedRequest &r) { return accept(r, ++nextEntry); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        store.upsertTickets({testdata::ticket(1, 9)});
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        QSignalSpy failed(&outbox, &Outbox::itemFailed);
        Command priority = testdata::note(1, {});
        priority.type = CommandType::SetPriority;
        priority.priority = Priority::Urgent;
        priority.baseVersion = 3;
        const auto first = outbox.enqueue(priority);
        const auto second = outbox.enqueue(testdata::note(1, QStringLiteral("after the priority")));
        outbox.start();
        QTRY_COMPARE(failed.count(), 1);
        const OutboxItem failedItem = failed.at(0).at(0).value<OutboxItem>();
        QCOMPARE(failedItem.id, first->id);
        QCOMPARE(failedItem.errorCode, QStringLiteral("version_conflict"));
        QCOMPARE(failedItem.errorMessage, QStringLiteral("Someone else changed this ticket."));
        QTest::qWait(100);
        QCOMPARE(server.requests().size(), 1);   // the note waits behind the failed command
        QCOMPARE(store.outboxItem(first->id)->state, OutboxState::Failed);

        QVERIFY(outbox.retry(first->id));
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(server.requests().size(), 3);
        // Refused commands were not applied, so the retry uses a new key and the current version.
        const Command resent = decode<Command>(server.requests().at(1).body);
        QVERIFY(server.requests().at(1).headers.value("idempotency-key") != first->command.requestId.toUtf8());
        QCOMPARE(resent.baseVersion, std::optional<qint64>(9));
        QCOMPARE(server.requests().at(2).headers.value("idempotency-key"), second->command.requestId.toUtf8());
    }

    void editAndDiscardFailedItems()
    {
        ScriptedHttpServer server;
        ApiError forbidden{QStringLiteral("forbidden"), QStringLiteral("Not allowed"), std::nullopt};
        server.enqueue(ScriptedReply::json(403, encode(forbidden)));
        server.enqueue(ScriptedReply::json(404, R"({"error":{"code":"not_found","message":"gone"}})"));
        server.setHandler([](const RecordedRequest &r) { return accept(r, 900); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        QSignalSpy failed(&outbox, &Outbox::itemFailed);
        const auto reply = outbox.enqueue(testdata::note(1, QStringLiteral("typo")));
        const auto other = outbox.enqueue(testdata::note(2, QStringLiteral("for a deleted ticket")));
        outbox.start();
        QTRY_COMPARE(failed.count(), 2);

        QVERIFY(!outbox.edit(reply->id, QStringLiteral("   ")));   // empty bodies are refused
        QVERIFY(outbox.edit(reply->id, QStringLiteral("fixed")));
        QTRY_VERIFY(!store.outboxItem(reply->id));
        QCOMPARE(store.entries(1).constFirst().body, QStringLiteral("fixed"));
        QVERIFY(server.requests().last().headers.value("idempotency-key") != reply->command.requestId.toUtf8());

        QVERIFY(outbox.discard(other->id));
        QVERIFY(store.outboxItems().isEmpty());
        QVERIFY(!outbox.discard(other->id));
    }

    void itemsLeftInFlightAreResentWithTheSameKey()
    {
        const QString path = freshPath();
        QString key;
        {
            LocalStore store;
            QVERIFY(store.open(path));
            OutboxItem item = store.insertOutboxItem(testdata::note(3, QStringLiteral("crashed mid-send")));
            item.state = OutboxState::InFlight;   // what a crash right after sending leaves behind
            item.attempts = 1;
            store.updateOutboxItem(item);
            key = item.command.requestId;
        }
        ScriptedHttpServer server;
        server.setHandler([](const RecordedRequest &r) { return accept(r, 950); });
        LocalStore store;
        QVERIFY(store.open(path));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        outbox.start();
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(server.requests().size(), 1);
        QCOMPARE(server.requests().at(0).headers.value("idempotency-key"), key.toUtf8());
    }

    void theEchoedEventConfirmsBeforeTheReply()
    {
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::hang());   // the reply never comes
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClientOptions apiOptions;
        apiOptions.transferTimeout = 5000ms;
        ApiClient api(server.baseUrl(), apiOptions);
        Outbox outbox(store, api, fastRetry());
        QSignalSpy confirmed(&outbox, &Outbox::itemConfirmed);
        const auto first = outbox.enqueue(testdata::note(1, QStringLiteral("one")));
        const auto second = outbox.enqueue(testdata::note(1, QStringLiteral("two")));
        server.setHandler([](const RecordedRequest &r) { return accept(r, 990); });
        outbox.start();
        QTRY_COMPARE(server.requests().size(), 1);
        // The live stream delivers the event caused by the first command.
        const ThreadEntry entry = testdata::entry(980, 1, QStringLiteral("one"), first->command.requestId);
        store.applyEvents({testdata::entryEvent(1, testdata::ticket(1, 2), entry, first->command.requestId)});
        QCOMPARE(confirmed.count(), 1);
        // The ticket is free again: the second command goes without waiting for the lost reply.
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(server.requests().at(1).headers.value("idempotency-key"), second->command.requestId.toUtf8());
        QCOMPARE(store.entries(1).size(), 2);
    }

    void aStoreFailureIsReportedNotSwallowed()
    {
        ScriptedHttpServer server;
        LocalStore store;
        const QString path = freshPath();
        QVERIFY(store.open(path));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api);
        {
            // Simulate a full disk: the outbox table refuses writes.
            const QString name = QStringLiteral("raw-outbox");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER full BEFORE INSERT ON outbox BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")));
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
        QString error;
        QVERIFY(!outbox.enqueue(testdata::note(1, QStringLiteral("lost?")), &error));
        QVERIFY2(error.contains(QStringLiteral("disk is full")), qPrintable(error));
        QVERIFY(store.outboxItems().isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestOutbox)
#include "test_outbox.moc"
