// Outbox over a real temporary store and a scripted loopback server:
// durability, per-ticket FIFO, retry classes, failed -> retry/edit/discard,
// restart recovery, sends held in their undo window (an injected clock, no
// sleeping), what each waiting item is blocked by, and the lanes of commands
// that are not about one ticket (several tickets, the tenant). (Exactly-once
// against the real server: tests/e2e.)
#include "core_test_data.h"
#include "domain/codecs.h"
#include "domain/command_targets.h"
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

// POST /commands (a command that names its targets) answers with its seq;
// ticket commands as above.
ScriptedReply acceptAny(const RecordedRequest &request, EntryId entryId)
{
    if (request.target == "/api/v1/commands")
        return ScriptedReply::json(200, QByteArrayLiteral(R"({"seq":)") + QByteArray::number(entryId) + '}');
    return accept(request, entryId);
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

OutboxOptions onClock(FakeClock &clock)
{
    OutboxOptions options = fastRetry();
    options.clock = &clock;
    return options;
}

Command reply(TicketId ticketId, const QString &body)
{
    Command c = testdata::note(ticketId, body);
    c.type = CommandType::EmailReply;
    return c;
}

Command closeOf(TicketId ticketId)
{
    Command c = testdata::note(ticketId, {});
    c.type = CommandType::Close;
    return c;
}

// The commands the server received, in order, as "type:ticket".
QStringList received(const ScriptedHttpServer &server)
{
    QStringList list;
    for (const RecordedRequest &r : server.requests()) {
        const Command c = decode<Command>(r.body);
        if (isAboutOneTicket(c))
            list.append(QStringLiteral("%1:%2").arg(toString(c.type)).arg(c.ticketId));
        else
            list.append(QStringLiteral("%1:%2").arg(toString(c.type), lanesOf(c).join(u'+')));
    }
    return list;
}

// The requests' Idempotency-Keys, in order.
QStringList keys(const ScriptedHttpServer &server)
{
    QStringList list;
    for (const RecordedRequest &r : server.requests())
        list.append(QString::fromUtf8(r.headers.value("idempotency-key")));
    return list;
}

// A note about several tickets at once (the shape a merge will have).
Command aboutTickets(const QList<TicketId> &tickets, const QString &body)
{
    Command c = testdata::note(tickets.constFirst(), body);
    for (const TicketId id : tickets)
        c.targets.append(CommandTarget::ticket(id));
    return c;
}

Command handoffSettingsChange(const QString &agentId, const QString &strategy)
{
    Command c;
    c.type = CommandType::UpdateHandoffSettings;
    c.targets = {CommandTarget::tenant()};
    c.agentId = agentId;
    c.settings = QJsonObject{{QStringLiteral("strategy"), strategy}};
    return c;
}

OutboxItem item(qint64 id, TicketId ticketId, CommandType type, OutboxState state, const QDateTime &notBefore = {})
{
    OutboxItem i;
    i.id = id;
    i.command = testdata::note(ticketId, QStringLiteral("x"));
    i.command.type = type;
    i.state = state;
    i.notBefore = notBefore;
    return i;
}

OutboxItem itemAbout(qint64 id, const QList<CommandTarget> &targets, OutboxState state)
{
    OutboxItem i = item(id, 0, CommandType::InternalNote, state);
    i.command.targets = targets;
    for (const CommandTarget &t : targets) {
        if (t.kind == TargetKind::Ticket) {
            i.command.ticketId = t.ticketId;
            break;
        }
    }
    return i;
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

    void aHeldSendWaitsForItsTimeAndALaterCloseWaitsBehindIt()
    {
        ScriptedHttpServer server;
        EntryId nextEntry = 1000;
        server.setHandler([&](const RecordedRequest &r) { return accept(r, ++nextEntry); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        FakeClock clock;
        Outbox outbox(store, api, onClock(clock));
        const auto held = outbox.enqueueHeld(reply(1, QStringLiteral("the answer")), 5000ms);
        QVERIFY(held);
        QCOMPARE(held->notBefore, clock.now().addSecs(5));
        const auto close = outbox.enqueue(closeOf(1));   // Ctrl+Shift+X inside the undo window
        outbox.enqueue(testdata::note(2, QStringLiteral("another ticket is not held up")));
        outbox.start();
        QTRY_COMPARE(received(server), QStringList{QStringLiteral("internal_note:2")});

        // Almost over, and "the network is back": still held, and the close still behind it.
        clock.advance(4999ms);
        outbox.flushNow();
        outbox.enqueue(testdata::note(3, QStringLiteral("barrier: a flush ran after the clock moved")));
        QTRY_COMPARE(received(server).size(), 2);
        QCOMPARE(received(server).last(), QStringLiteral("internal_note:3"));
        QCOMPARE(store.outboxItems(1).size(), 2);
        QCOMPARE(store.outboxItems(1).at(0).id, held->id);
        QCOMPARE(store.outboxItems(1).at(1).id, close->id);

        // The window ends: the reply goes, then the close, in that order.
        clock.advance(1ms);
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(received(server), (QStringList{QStringLiteral("internal_note:2"), QStringLiteral("internal_note:3"),
                                                QStringLiteral("email_reply:1"), QStringLiteral("close:1")}));
    }

    void undoWithdrawsOnlyTheHeldSend()
    {
        ScriptedHttpServer server;
        EntryId nextEntry = 1100;
        server.setHandler([&](const RecordedRequest &r) { return accept(r, ++nextEntry); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        FakeClock clock;
        Outbox outbox(store, api, onClock(clock));
        const auto held = outbox.enqueueHeld(reply(1, QStringLiteral("take me back")), 10000ms);
        const auto close = outbox.enqueue(closeOf(1));
        QVERIFY(held && close);
        QVERIFY(!outbox.withdraw(close->id));   // not a held send: Undo never takes other commands
        // While held, the close says what it waits for.
        QCOMPARE(int(outbox.positions().value(close->id).waiting), int(Waiting::BehindHeld));
        QCOMPARE(outbox.positions().value(close->id).blocker->id, held->id);

        const auto back = outbox.withdraw(held->id);
        QVERIFY(back);
        QCOMPARE(back->command.body, QStringLiteral("take me back"));
        QCOMPARE(store.outboxItems().size(), 1);
        QCOMPARE(store.outboxItems().constFirst().id, close->id);   // still queued
        QVERIFY(!outbox.withdraw(held->id));

        outbox.start();
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(received(server), QStringList{QStringLiteral("close:1")});
    }

    void undoIsRefusedOnceTheWindowIsOver()
    {
        ScriptedHttpServer server;
        server.setHandler([](const RecordedRequest &r) { return accept(r, 1200); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        FakeClock clock;
        Outbox outbox(store, api, onClock(clock));   // not started: nothing is sent
        const auto held = outbox.enqueueHeld(reply(1, QStringLiteral("too late")), 3000ms);
        clock.advance(3000ms);
        QVERIFY(!outbox.withdraw(held->id));
        QCOMPARE(store.outboxItems().size(), 1);
        // A second send releases the first at once (release), which is then not held either.
        const auto second = outbox.enqueueHeld(reply(2, QStringLiteral("b")), 3000ms);
        QVERIFY(outbox.release(second->id));
        QVERIFY(!store.outboxItem(second->id)->notBefore.isValid());
        QVERIFY(!outbox.withdraw(second->id));
    }

    void aHeldSendSurvivesARestartAndIsReleasedAtStart()
    {
        const QString path = freshPath();
        FakeClock clock;
        ScriptedHttpServer server;
        EntryId nextEntry = 1300;
        server.setHandler([&](const RecordedRequest &r) { return accept(r, ++nextEntry); });
        qint64 heldId = 0;
        {
            LocalStore store;
            QVERIFY(store.open(path));
            ApiClient api(server.baseUrl());
            Outbox outbox(store, api, onClock(clock));
            outbox.start();
            heldId = outbox.enqueueHeld(reply(7, QStringLiteral("written just before the crash")), 60000ms)->id;
            outbox.enqueue(closeOf(7));
            outbox.enqueue(testdata::note(8, QStringLiteral("barrier: a flush ran")));
            QTRY_COMPARE(received(server), QStringList{QStringLiteral("internal_note:8")});   // not the held reply
        }   // the console dies inside the undo window
        LocalStore store;
        QVERIFY(store.open(path));
        QCOMPARE(store.outboxItems().size(), 2);   // the barrier note was confirmed
        QCOMPARE(store.outboxItem(heldId)->notBefore, clock.now().addSecs(60));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, onClock(clock));   // the clock has not moved: only the restart releases it
        outbox.start();
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(received(server), (QStringList{QStringLiteral("internal_note:8"), QStringLiteral("email_reply:7"),
                                                QStringLiteral("close:7")}));
    }

    void positionsSayWhatEachWaitingItemIsBlockedBy()
    {
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);
        const QList<OutboxItem> items{
            item(1, 10, CommandType::Close, OutboxState::Failed),
            item(2, 20, CommandType::EmailReply, OutboxState::Queued, now.addSecs(3)),   // held
            item(3, 10, CommandType::InternalNote, OutboxState::Queued),
            item(4, 30, CommandType::InternalNote, OutboxState::InFlight),
            item(5, 20, CommandType::Close, OutboxState::Queued),
            item(6, 30, CommandType::SetPriority, OutboxState::Queued),
            item(7, 10, CommandType::SetPriority, OutboxState::Queued),
            item(8, 40, CommandType::EmailReply, OutboxState::Queued, now.addSecs(-1)),   // its window is over
            item(9, 40, CommandType::Close, OutboxState::Queued),
        };
        const auto positions = queuePositions(items, now);
        QCOMPARE(positions.size(), items.size());
        // The refused one itself is not waiting; everything behind it names it.
        QCOMPARE(int(positions.value(1).waiting), int(Waiting::NotWaiting));
        QVERIFY(!positions.value(1).blocker);
        QCOMPARE(int(positions.value(3).waiting), int(Waiting::BehindRefused));
        QCOMPARE(positions.value(3).blocker->id, 1);
        QCOMPARE(int(positions.value(7).waiting), int(Waiting::BehindRefused));
        QCOMPARE(positions.value(7).blocker->id, 1);   // the refused one, not the note in between
        QCOMPARE(positions.value(7).ahead, 2);
        QVERIFY(isHeld(items.at(1), now));
        QCOMPARE(int(positions.value(2).waiting), int(Waiting::NotWaiting));
        QCOMPARE(int(positions.value(5).waiting), int(Waiting::BehindHeld));
        QCOMPARE(positions.value(5).blocker->id, 2);
        QCOMPARE(int(positions.value(4).waiting), int(Waiting::NotWaiting));
        QCOMPARE(int(positions.value(6).waiting), int(Waiting::ForItsTurn));
        QCOMPARE(positions.value(6).blocker->id, 4);
        QVERIFY(!isHeld(items.at(7), now));
        QCOMPARE(int(positions.value(9).waiting), int(Waiting::ForItsTurn));
        QCOMPARE(positions.value(9).blocker->id, 8);
        QCOMPARE(toString(positions.value(9).blocker->command.type), toString(CommandType::EmailReply));
    }

    void aRefusedCloseBlocksTheNoteBehindItAndSaysSo()
    {
        ScriptedHttpServer server;
        ApiError closed{QStringLiteral("handoff_open"), QStringLiteral("A live handoff is still open."), std::nullopt};
        server.enqueue(ScriptedReply::json(409, encode(closed)));
        server.setHandler([](const RecordedRequest &r) { return accept(r, 1400); });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        QSignalSpy failed(&outbox, &Outbox::itemFailed);
        const auto close = outbox.enqueue(closeOf(5));
        const auto note = outbox.enqueue(testdata::note(5, QStringLiteral("written offline")));
        outbox.start();
        QTRY_COMPARE(failed.count(), 1);
        const QueuePosition position = outbox.positions().value(note->id);
        QCOMPARE(int(position.waiting), int(Waiting::BehindRefused));
        QCOMPARE(position.blocker->id, close->id);
        QCOMPARE(position.blocker->errorMessage, QStringLiteral("A live handoff is still open."));
        // Acting on the blocker frees the waiting one.
        QVERIFY(outbox.discard(close->id));
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(received(server), (QStringList{QStringLiteral("close:5"), QStringLiteral("internal_note:5")}));
    }

    void lanesGoIndependentlyTheTenantsBesideATicketsInFlight()
    {
        ScriptedHttpServer server;
        server.setHandler([](const RecordedRequest &r) {
            if (r.target == "/api/v1/tickets/1/commands")
                return ScriptedReply::hang();   // ticket 1's head: in flight until the test ends
            return acceptAny(r, 900);
        });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        QSignalSpy confirmed(&outbox, &Outbox::itemConfirmed);
        const auto ticketHead = outbox.enqueue(testdata::note(1, QStringLiteral("stuck")));
        const auto ticketNext = outbox.enqueue(testdata::note(1, QStringLiteral("behind it")));
        const auto tenant = outbox.enqueue(handoffSettingsChange(QStringLiteral("wizard"), QStringLiteral("first_available")));
        outbox.start();
        QTRY_COMPARE(confirmed.count(), 1);
        QCOMPARE(confirmed.at(0).at(0).toString(), tenant->command.requestId);
        QCOMPARE(confirmed.at(0).at(1).value<TicketId>(), TicketId(0));   // about no ticket
        QTRY_COMPARE(keys(server).size(), 2);
        QVERIFY(keys(server).contains(ticketHead->command.requestId));
        const qsizetype tenantAt = keys(server).indexOf(tenant->command.requestId);
        QVERIFY(tenantAt >= 0);
        QCOMPARE(server.requests().at(tenantAt).target, QByteArray("/api/v1/commands"));
        const Command sent = decode<Command>(server.requests().at(tenantAt).body);
        QCOMPARE(sent.targets, QList<CommandTarget>{CommandTarget::tenant()});
        QCOMPARE(sent.agentId, QStringLiteral("wizard"));
        QCOMPARE(store.outboxItems().size(), 2);   // ticket 1's two still wait, in order
        QCOMPARE(outbox.positions().value(ticketNext->id).blocker->id, ticketHead->id);
        QCOMPARE(store.outboxItem(ticketHead->id)->state, OutboxState::InFlight);
    }

    void aTwoTicketCommandWaitsForBothLanesAndHoldsBoth()
    {
        FakeClock clock;
        ScriptedHttpServer server;
        EntryId nextEntry = 1000;
        int ticket2Attempts = 0;
        server.setHandler([&](const RecordedRequest &r) {
            // Ticket 2's head fails once (503): it waits for its retry time while ticket 1's is done.
            if (r.target == "/api/v1/tickets/2/commands" && ++ticket2Attempts == 1)
                return ScriptedReply::json(503, R"({"error":{"code":"service_unavailable","message":"busy"}})");
            return acceptAny(r, ++nextEntry);
        });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, onClock(clock));
        const auto a1 = outbox.enqueue(testdata::note(1, QStringLiteral("a1")));
        const auto b1 = outbox.enqueue(testdata::note(2, QStringLiteral("b1")));
        const auto both = outbox.enqueue(aboutTickets({1, 2}, QStringLiteral("about 1 and 2")));
        const auto a2 = outbox.enqueue(testdata::note(1, QStringLiteral("a2")));
        const auto c1 = outbox.enqueue(testdata::note(3, QStringLiteral("c1")));
        outbox.start();
        // a1 and c1 are done; b1 waits for its retry time.
        QTRY_VERIFY(!store.outboxItem(a1->id) && !store.outboxItem(c1->id)
                    && store.outboxItem(b1->id)->state == OutboxState::Queued && ticket2Attempts == 1);
        QTest::qWait(50);
        QCOMPARE(keys(server).size(), 3);   // not the two-ticket one, though ticket 1 is free: ticket 2 is not
        QVERIFY(!keys(server).contains(both->command.requestId));
        QVERIFY(!keys(server).contains(a2->command.requestId));
        const auto positions = outbox.positions();
        QCOMPARE(int(positions.value(both->id).waiting), int(Waiting::ForItsTurn));
        QCOMPARE(positions.value(both->id).blocker->id, b1->id);
        // Ticket 1's next one waits behind the two-ticket command, not beside it.
        QCOMPARE(int(positions.value(a2->id).waiting), int(Waiting::ForItsTurn));
        QCOMPARE(positions.value(a2->id).blocker->id, both->id);
        QCOMPARE(positions.value(a2->id).ahead, 1);

        clock.advance(1s);   // b1's retry time
        QTRY_VERIFY(store.outboxItems().isEmpty());
        const QStringList order = keys(server);
        QCOMPARE(order.size(), 6);
        QCOMPARE(order.count(both->command.requestId), 1);
        QVERIFY(order.lastIndexOf(b1->command.requestId) < order.indexOf(both->command.requestId));
        QVERIFY(order.indexOf(a1->command.requestId) < order.indexOf(both->command.requestId));
        QVERIFY(order.indexOf(both->command.requestId) < order.indexOf(a2->command.requestId));
        QCOMPARE(server.requests().at(order.indexOf(both->command.requestId)).target, QByteArray("/api/v1/commands"));
    }

    void aRefusedTwoTicketCommandBlocksBothTicketsAndSaysSo()
    {
        ScriptedHttpServer server;
        EntryId nextEntry = 1100;
        server.setHandler([&](const RecordedRequest &r) {
            if (r.target == "/api/v1/commands" && decode<Command>(r.body).type == CommandType::InternalNote)
                return conflict();
            return acceptAny(r, ++nextEntry);
        });
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        ApiClient api(server.baseUrl());
        Outbox outbox(store, api, fastRetry());
        QSignalSpy failed(&outbox, &Outbox::itemFailed);
        const auto both = outbox.enqueue(aboutTickets({1, 2}, QStringLiteral("refused")));
        const auto a = outbox.enqueue(testdata::note(1, QStringLiteral("on 1")));
        const auto b = outbox.enqueue(testdata::note(2, QStringLiteral("on 2")));
        const auto tenant = outbox.enqueue(handoffSettingsChange(QStringLiteral("wizard"), QStringLiteral("round_robin")));
        outbox.start();
        QTRY_COMPARE(failed.count(), 1);
        QTRY_VERIFY(!store.outboxItem(tenant->id));   // its own lane: not blocked
        QTest::qWait(100);
        const QStringList sent = keys(server);
        QCOMPARE(QSet<QString>(sent.cbegin(), sent.cend()), (QSet<QString>{both->command.requestId, tenant->command.requestId}));
        QCOMPARE(sent.size(), 2);
        for (const auto &waiting : {a, b}) {
            const QueuePosition position = outbox.positions().value(waiting->id);
            QCOMPARE(int(position.waiting), int(Waiting::BehindRefused));
            QCOMPARE(position.blocker->id, both->id);
        }
        QVERIFY(outbox.discard(both->id));
        QTRY_VERIFY(store.outboxItems().isEmpty());
        QCOMPARE(keys(server).mid(2).size(), 2);
    }

    void positionsFollowEveryLaneOfAMultiTargetCommand()
    {
        const QDateTime now = QDateTime::fromMSecsSinceEpoch(1'800'000'000'000, Qt::UTC);
        const QList<OutboxItem> items{
            item(1, 10, CommandType::Close, OutboxState::Failed),
            itemAbout(2, {CommandTarget::ticket(10), CommandTarget::ticket(20)}, OutboxState::Queued),
            item(3, 20, CommandType::InternalNote, OutboxState::Queued),
            itemAbout(4, {CommandTarget::tenant()}, OutboxState::Queued),
            itemAbout(5, {CommandTarget::tenant()}, OutboxState::Queued),
            item(6, 30, CommandType::InternalNote, OutboxState::Queued),
        };
        const auto positions = queuePositions(items, now);
        QCOMPARE(int(positions.value(2).waiting), int(Waiting::BehindRefused));
        QCOMPARE(positions.value(2).blocker->id, 1);
        // Ticket 20 had nothing refused, but its head waits behind ticket 10's refusal: so does it.
        QCOMPARE(int(positions.value(3).waiting), int(Waiting::BehindRefused));
        QCOMPARE(positions.value(3).blocker->id, 1);
        QCOMPARE(positions.value(3).ahead, 1);
        QCOMPARE(int(positions.value(4).waiting), int(Waiting::NotWaiting));   // the tenant's own lane
        QCOMPARE(int(positions.value(5).waiting), int(Waiting::ForItsTurn));
        QCOMPARE(positions.value(5).blocker->id, 4);
        QCOMPARE(int(positions.value(6).waiting), int(Waiting::NotWaiting));
    }

    void anOldStoresQueuedCommandsReplayOnceAfterTheUpgrade()
    {
        // A store written before commands named their targets (schema 3):
        // the rows as that version wrote them, one left in flight by a crash.
        const QString path = freshPath();
        {
            LocalStore store;
            QVERIFY(store.open(path));
        }
        {
            const QString name = QStringLiteral("schema-3");
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
                db.setDatabaseName(path);
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY(q.exec(QStringLiteral("DROP TABLE outbox_targets")));
                QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 3")));
                const char *insert = "INSERT INTO outbox(request_id, ticket_id, state, command, created_at) VALUES('%1', 7, %2, '%3', 1)";
                QVERIFY(q.exec(QString::fromLatin1(insert).arg(QStringLiteral("old-1")).arg(int(OutboxState::InFlight))
                                   .arg(QStringLiteral(R"({"requestId":"old-1","type":"internal_note","ticketId":7,"body":"sent before the crash"})"))));
                QVERIFY(q.exec(QString::fromLatin1(insert).arg(QStringLiteral("old-2")).arg(int(OutboxState::Queued))
                                   .arg(QStringLiteral(R"({"requestId":"old-2","type":"close","ticketId":7})"))));
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        }
        ScriptedHttpServer server;
        server.setHandler([](const RecordedRequest &r) { return acceptAny(r, 1200); });
        {
            LocalStore store;
            QVERIFY2(store.open(path), qPrintable(store.errorString()));
            QCOMPARE(store.outboxItems(7).size(), 2);   // found by their ticket after the upgrade
            QCOMPARE(lanesOf(store.outboxItems(7).constFirst().command), QStringList{QStringLiteral("ticket:7")});
            ApiClient api(server.baseUrl());
            Outbox outbox(store, api, fastRetry());
            outbox.start();
            QTRY_VERIFY(store.outboxItems().isEmpty());
        }
        QCOMPARE(keys(server), (QStringList{QStringLiteral("old-1"), QStringLiteral("old-2")}));
        QCOMPARE(received(server), (QStringList{QStringLiteral("internal_note:7"), QStringLiteral("close:7")}));
        // A second start has nothing left to send.
        LocalStore again;
        QVERIFY(again.open(path));
        ApiClient api(server.baseUrl());
        Outbox outbox(again, api, fastRetry());
        QSignalSpy drained(&outbox, &Outbox::drained);
        outbox.start();
        QTRY_COMPARE(drained.count(), 1);
        QCOMPARE(server.requests().size(), 2);
    }

    void aTenantCommandLeftInFlightIsResentOnceWithItsKey()
    {
        const QString path = freshPath();
        ScriptedHttpServer server;
        server.setHandler([](const RecordedRequest &r) { return acceptAny(r, 1300); });
        QString key;
        {
            LocalStore store;
            QVERIFY(store.open(path));
            ApiClient api(server.baseUrl());
            Outbox outbox(store, api, fastRetry());   // never started: the "crash" came first
            OutboxItem item = *outbox.enqueue(handoffSettingsChange(QStringLiteral("wizard"), QStringLiteral("round_robin")));
            item.state = OutboxState::InFlight;
            item.attempts = 1;
            store.updateOutboxItem(item);
            key = item.command.requestId;
        }
        for (int run = 0; run < 2; ++run) {
            LocalStore store;
            QVERIFY(store.open(path));
            ApiClient api(server.baseUrl());
            Outbox outbox(store, api, fastRetry());
            QSignalSpy drained(&outbox, &Outbox::drained);
            outbox.start();
            QTRY_VERIFY(drained.count() >= 1 && store.outboxItems().isEmpty());
        }
        QCOMPARE(keys(server), QStringList{key});
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
