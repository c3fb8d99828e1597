// ThreadModel: entries + pending outbox items, confirmed exactly once.
#include "core_test_data.h"
#include "models/labels.h"
#include "models/roles.h"
#include "models/thread_model.h"
#include "store/local_store.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::testdata;

class TestThreadModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_counter = 0;

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<LocalStore>();
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("t%1.sqlite").arg(++m_counter))));
        m_store->storeThread(ticket(1), {entry(10, 1, QStringLiteral("Where is my order?")), entry(11, 1, QStringLiteral("Checking"))},
                             std::nullopt);
    }

    void showsCachedEntries()
    {
        ThreadModel model(*m_store, 1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data(BodyRole).toString(), QStringLiteral("Where is my order?"));
        QCOMPARE(model.index(0).data(EntryIdRole).toLongLong(), 10);
        QVERIFY(!model.index(0).data(EntryPendingRole).toBool());
        ThreadModel empty(*m_store, 99);
        QCOMPARE(empty.rowCount(), 0);
    }

    void pendingReplyBecomesTheConfirmedEntryOnce()
    {
        ThreadModel model(*m_store, 1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        const Command command = note(1, QStringLiteral("Courier contacted"));
        m_store->insertOutboxItem(command);
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.index(2).data(EntryPendingRole).toBool());
        QCOMPARE(model.index(2).data(VisibilityRole).toInt(), int(Visibility::Internal));
        QCOMPARE(model.index(2).data(BodyRole).toString(), command.body);

        ThreadEntry confirmed = entry(12, 1, command.body, command.requestId);
        confirmed.kind = EntryKind::InternalNote;
        confirmed.visibility = Visibility::Internal;
        m_store->applyEvents({entryEvent(1, ticket(1, 2), confirmed, command.requestId)});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data(EntryIdRole).toLongLong(), 12);
        QVERIFY(!model.index(2).data(EntryPendingRole).toBool());
        // The HTTP reply arriving afterwards changes nothing.
        m_store->confirmCommand(command.requestId, {ticket(1, 2), confirmed, 1});
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(resets.count(), 0);
    }

    // Issue 11, item 4: a reply's one label says how it reaches the customer
    // — what the server recorded, or for a pending one where it will go —
    // in every view (the thread and the handoff window read this role).
    void repliesAreLabelledByHowTheyReachTheCustomer()
    {
        Ticket widget = ticket(2);
        widget.source = Source::Widget;
        widget.customer.email.clear();   // a visitor who left no address
        ThreadEntry live = entry(20, 2, QStringLiteral("A person here."), QStringLiteral("r-live"));
        live.kind = EntryKind::HumanReply;
        live.eventStatus = QStringLiteral("live_chat");
        m_store->storeThread(widget, {live}, std::nullopt);
        ThreadModel model(*m_store, 2);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.index(0).data(ReplyDeliveryRole).toInt(), int(ReplyDelivery::LiveChat));
        QCOMPARE(model.index(0).data(ReplyLabelRole).toString(), labels::reply(ReplyDelivery::LiveChat, labels::ReplyProgress::Confirmed));
        QCOMPARE(model.index(0).data(ReplyLabelRole).toString(), QStringLiteral("Live reply · in the customer's chat"));

        // An email_reply queued now can only reach this visitor in the chat.
        Command reply = note(2, QStringLiteral("We ship to Norway."));
        reply.type = CommandType::EmailReply;
        m_store->insertOutboxItem(reply);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(1).data(ReplyDeliveryRole).toInt(), int(ReplyDelivery::ChatOnly));
        QCOMPARE(model.index(1).data(ReplyLabelRole).toString(), QStringLiteral("Chat reply · not sent yet"));
        // Customer messages (and notes, actions) have no reply label.
        ThreadModel other(*m_store, 1);
        QVERIFY(other.index(0).data(ReplyLabelRole).toString().isEmpty());
        QVERIFY(!other.index(0).data(ReplyDeliveryRole).isValid());
    }

    void failedItemsStayVisible()
    {
        ThreadModel model(*m_store, 1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Command close = note(1, {});
        close.type = CommandType::Close;
        OutboxItem item = m_store->insertOutboxItem(close);
        // A pending action is a line of its own, marked pending.
        QCOMPARE(model.rowCount(), 3);
        QVERIFY(model.index(2).data(EntryPendingRole).toBool());
        QVERIFY(model.index(2).data(EntryIsActionRole).toBool());
        QCOMPARE(model.index(2).data(BodyRole).toString(), labels::command(close));
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        item.state = OutboxState::Failed;
        item.errorMessage = QStringLiteral("A handoff is still open");
        m_store->updateOutboxItem(item);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(changed.count(), 1);   // the same row, now failed
        QVERIFY(model.index(2).data(EntryFailedRole).toBool());
        QVERIFY(!model.index(2).data(EntryPendingRole).toBool());
        QCOMPARE(model.index(2).data(EntryErrorRole).toString(), QStringLiteral("A handoff is still open"));
        QCOMPARE(model.index(2).data(OutboxItemIdRole).toLongLong(), item.id);
        m_store->removeOutboxItem(item.id);
        QCOMPARE(model.rowCount(), 2);
    }

    void rolesTellRepliesFromActions()
    {
        ThreadModel model(*m_store, 1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(!model.index(0).data(EntryCommandTypeRole).isValid());
        QVERIFY(!model.index(0).data(EntryIsActionRole).toBool());
        Command chat = note(1, QStringLiteral("Hi, a human here"));
        chat.type = CommandType::ChatReply;
        m_store->insertOutboxItem(chat);
        Command priority = note(1, {});
        priority.type = CommandType::SetPriority;
        priority.priority = Priority::Urgent;
        m_store->insertOutboxItem(priority);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(2).data(EntryCommandTypeRole).toInt(), int(CommandType::ChatReply));
        QVERIFY(!model.index(2).data(EntryIsActionRole).toBool());
        QCOMPARE(model.index(2).data(EntryKindRole).toInt(), int(EntryKind::HumanReply));
        QCOMPARE(model.index(2).data(VisibilityRole).toInt(), int(Visibility::Public));
        QCOMPARE(model.index(2).data(AuthorKindRole).toInt(), int(ActorKind::Operator));
        QCOMPARE(model.index(3).data(EntryCommandTypeRole).toInt(), int(CommandType::SetPriority));
        QVERIFY(model.index(3).data(EntryIsActionRole).toBool());
        QCOMPARE(model.index(3).data(BodyRole).toString(), labels::command(priority));
        QVERIFY(model.index(3).data(BodyRole).toString().contains(labels::priority(Priority::Urgent)));
        QCOMPARE(model.roleNames().value(EntryIsActionRole), QByteArray("isAction"));
    }

    void customerVisibleOnlyHidesNotesAndActions()
    {
        ThreadEntry privateNote = entry(12, 1, QStringLiteral("VIP customer"));
        privateNote.kind = EntryKind::InternalNote;
        privateNote.visibility = Visibility::Internal;
        m_store->applyEvents({entryEvent(1, ticket(1, 2), privateNote)});
        ThreadModel model(*m_store, 1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 3);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setCustomerVisibleOnly(true);
        QCOMPARE(resets.count(), 1);
        QVERIFY(model.customerVisibleOnly());
        QCOMPARE(model.rowCount(), 2);
        m_store->insertOutboxItem(note(1, QStringLiteral("private again")));
        Command close = note(1, {});
        close.type = CommandType::Close;
        m_store->insertOutboxItem(close);
        QCOMPARE(model.rowCount(), 2);
        Command chat = note(1, QStringLiteral("Live to the customer"));
        chat.type = CommandType::ChatReply;
        m_store->insertOutboxItem(chat);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.index(2).data(BodyRole).toString(), chat.body);
        QVERIFY(model.index(2).data(EntryPendingRole).toBool());
        model.setCustomerVisibleOnly(false);
        QCOMPARE(model.rowCount(), 6);
    }

    void entriesArrivingInTheMiddleKeepOrder()
    {
        ThreadModel model(*m_store, 1);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->insertOutboxItem(note(1, QStringLiteral("pending")));
        m_store->applyEvents({entryEvent(1, ticket(1, 2), entry(13, 1, QStringLiteral("customer again")))});
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.index(2).data(EntryIdRole).toLongLong(), 13);
        QVERIFY(model.index(3).data(EntryPendingRole).toBool());
        model.setTicketId(2);
        QCOMPARE(model.rowCount(), 0);
    }

    // Issue 11, item 8: a thread outside the prefetched working set shows
    // only what events brought and the operator's pending items; the model
    // says so, and says when the whole thread arrives.
    void tellsWhetherTheWholeThreadIsCached()
    {
        m_store->upsertTickets({ticket(2)});
        ThreadModel model(*m_store, 1);
        QVERIFY(model.isThreadCached());
        model.setTicketId(2);
        QVERIFY(!model.isThreadCached());
        QSignalSpy cached(&model, &ThreadModel::threadCachedChanged);
        m_store->insertOutboxItem(note(2, QStringLiteral("pending")));
        m_store->applyEvents({entryEvent(1, ticket(2, 2), entry(20, 2, QStringLiteral("an event's entry")))});
        QCOMPARE(model.rowCount(), 2);
        QVERIFY(!model.isThreadCached());   // rows, but not the conversation
        QCOMPARE(cached.count(), 0);
        m_store->storeThread(ticket(2, 2), {entry(19, 2, QStringLiteral("the first message")), entry(20, 2, QStringLiteral("an event's entry"))},
                             std::nullopt);
        QVERIFY(model.isThreadCached());
        QCOMPARE(cached.count(), 1);
        QCOMPARE(cached.at(0).at(0).toBool(), true);
        QCOMPARE(model.rowCount(), 3);
    }
};

QTEST_GUILESS_MAIN(TestThreadModel)
#include "test_thread_model.moc"
