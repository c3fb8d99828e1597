// TicketQueueModel + QueueFilterProxy over a real temporary store.
#include "core_test_data.h"
#include "models/queue_anchor.h"
#include "models/queue_filter_proxy.h"
#include "models/roles.h"
#include "models/ticket_queue_model.h"
#include "store/local_store.h"

#include <QAbstractItemModelTester>
#include <QItemSelectionModel>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::testdata;

class TestQueueModel : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    int m_counter = 0;

    static Ticket with(Ticket t, TicketStatus status, Priority priority, SlaState sla, const QString &assigneeId = {})
    {
        t.status = status;
        t.priority = priority;
        t.sla.state = sla;
        if (!assigneeId.isEmpty())
            t.assignee = Assignee{ActorKind::Operator, assigneeId, assigneeId.toUpper()};
        return t;
    }

private Q_SLOTS:
    void init()
    {
        m_store = std::make_unique<LocalStore>();
        QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("q%1.sqlite").arg(++m_counter))));
        m_store->upsertTickets({
            with(ticket(1, 1, QStringLiteral("Refund blender")), TicketStatus::Open, Priority::High, SlaState::AtRisk, QStringLiteral("me")),
            with(ticket(2, 1, QStringLiteral("Parcel lost")), TicketStatus::WaitingOnTeam, Priority::Normal, SlaState::OnTrack),
            with(ticket(3, 1, QStringLiteral("Invoice copy")), TicketStatus::Closed, Priority::Low, SlaState::Met, QStringLiteral("other")),
        });
    }

    void loadsRowsFromTheStore()
    {
        TicketQueueModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(model.columnCount(), int(TicketQueueModel::ColumnCount));
        const int row = model.rowOf(2);
        QCOMPARE(model.index(row, TicketQueueModel::NumberColumn).data().toString(), QStringLiteral("#1002"));
        QCOMPARE(model.index(row, TicketQueueModel::StatusColumn).data(StatusRole).toInt(), int(TicketStatus::WaitingOnTeam));
        QCOMPARE(model.index(row, TicketQueueModel::AssigneeColumn).data().toString(), QStringLiteral("Unassigned"));
        QVERIFY(model.index(row, 0).data(UnreadRole).toBool());
    }

    void eventsUpdateRowsFineGrained()
    {
        TicketQueueModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserts(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);

        m_store->applyEvents({ticketEvent(1, ticket(4)), ticketEvent(2, with(ticket(2, 2), TicketStatus::Resolved,
                                                                               Priority::Normal, SlaState::Met))});
        QCOMPARE(resets.count(), 0);
        QCOMPARE(inserts.count(), 1);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(changes.count(), 1);
        const QModelIndex changed = changes.at(0).at(0).toModelIndex();
        QCOMPARE(changed.row(), model.rowOf(2));
        QCOMPARE(model.index(model.rowOf(2), 0).data(StatusRole).toInt(), int(TicketStatus::Resolved));
    }

    void pendingCommandsOverlayTheRow()
    {
        TicketQueueModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        Command close = note(2, {});
        close.type = CommandType::Close;
        Command priority = note(2, {});
        priority.type = CommandType::SetPriority;
        priority.priority = Priority::Urgent;
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        m_store->insertOutboxItem(close);
        m_store->insertOutboxItem(priority);
        QCOMPARE(changes.count(), 2);
        const QModelIndex index = model.index(model.rowOf(2), TicketQueueModel::StatusColumn);
        QCOMPARE(index.data(StatusRole).toInt(), int(TicketStatus::Closed));
        // The rules refuse a priority change on a closed ticket (so will the
        // server): the queue does not show a priority that will not happen.
        QCOMPARE(index.data(PriorityRole).toInt(), int(Priority::Normal));
        QVERIFY(index.data(PendingRole).toBool());
        QVERIFY(!index.data(FailedRole).toBool());

        OutboxItem failed = m_store->outboxItems(2).constFirst();
        failed.state = OutboxState::Failed;
        failed.errorMessage = QStringLiteral("A handoff is still open");
        m_store->updateOutboxItem(failed);
        QCOMPARE(index.data(StatusRole).toInt(), int(TicketStatus::WaitingOnTeam));   // failed: not applied
        QCOMPARE(index.data(PriorityRole).toInt(), int(Priority::Urgent));            // now the change applies
        QVERIFY(index.data(FailedRole).toBool());
        QCOMPARE(index.data(FailureMessageRole).toString(), QStringLiteral("A handoff is still open"));
    }

    // The "handoff waiting" badge is a role of the model (rules::isHandoffWaiting),
    // read from the synced handoff and with queued commands applied.
    void handoffWaitingIsARole()
    {
        TicketQueueModel model(*m_store);
        model.setOperatorId(QStringLiteral("me"));
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex plain = model.index(model.rowOf(2), 0);
        QVERIFY(!plain.data(HandoffWaitingRole).toBool());   // no handoff

        Ticket linked = with(ticket(2, 2), TicketStatus::WaitingOnTeam, Priority::Normal, SlaState::OnTrack);
        linked.handoffId = QStringLiteral("h-1");
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        m_store->applyEvents({ticketEvent(1, linked)});
        const QModelIndex index = model.index(model.rowOf(2), 0);
        QVERIFY(index.data(HandoffWaitingRole).toBool());   // linked, not synced yet: as requested

        Event assigned = ticketEvent(2, with(ticket(2, 3), TicketStatus::WaitingOnTeam, Priority::Normal,
                                             SlaState::OnTrack));
        assigned.ticket->handoffId = QStringLiteral("h-1");
        assigned.type = EventType::HandoffUpdated;
        assigned.handoff = Handoff{QStringLiteral("h-1"), 2, HandoffState::Active,
                                   Assignee{ActorKind::Operator, QStringLiteral("other"), QStringLiteral("Sam")},
                                   QStringLiteral("agent"), QStringLiteral("conv"), at(1), at(2)};
        m_store->applyEvents({assigned});
        QVERIFY(!index.data(HandoffWaitingRole).toBool());   // a human works it
        QCOMPARE(toString(ticketFactsAt(index).handoff->state), toString(HandoffState::Active));

        assigned.seq = 3;
        assigned.ticket->version = 4;
        assigned.handoff->state = HandoffState::Requested;
        assigned.handoff->assignee.reset();
        m_store->applyEvents({assigned});
        QVERIFY(index.data(HandoffWaitingRole).toBool());

        // A queued take-over: the operator works it now (as the server will say).
        Command takeOver = note(2, {});
        takeOver.type = CommandType::TakeOver;
        m_store->insertOutboxItem(takeOver);
        QVERIFY(!index.data(HandoffWaitingRole).toBool());
        const rules::TicketFacts facts = ticketFactsAt(index);
        QCOMPARE(toString(facts.ownerMode), toString(OwnerMode::Human));
        QCOMPARE(toString(facts.handoff->state), toString(HandoffState::Active));
        QCOMPARE(facts.handoff->assignee->id, QStringLiteral("me"));
    }

    void slaDueDatesAreRoles()
    {
        Ticket t = with(ticket(5, 1), TicketStatus::Open, Priority::High, SlaState::AtRisk);
        t.sla.firstResponseDue = at(60);
        t.sla.nextResponseDue = at(120);
        t.sla.resolutionDue = at(240);
        m_store->upsertTickets({t});
        TicketQueueModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex index = model.index(model.rowOf(5), TicketQueueModel::SlaColumn);
        QCOMPARE(index.data(FirstResponseDueRole).toDateTime(), at(60));
        QCOMPARE(index.data(NextResponseDueRole).toDateTime(), at(120));
        QCOMPARE(index.data(ResolutionDueRole).toDateTime(), at(240));
        QCOMPARE(index.data(SlaDueRole).toDateTime(), at(60));   // first response not given yet
        // No due dates: no values (not the epoch).
        const QModelIndex none = model.index(model.rowOf(2), TicketQueueModel::SlaColumn);
        QVERIFY(!none.data(ResolutionDueRole).isValid());
        QVERIFY(!none.data(SlaDueRole).isValid());

        // An event moving the due dates reaches the row as a change of that row.
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        t.sla.firstRespondedAt = at(30);
        t.version = 2;
        m_store->applyEvents({ticketEvent(1, t)});
        QCOMPARE(changes.count(), 1);
        QCOMPARE(index.data(SlaDueRole).toDateTime(), at(120));

        // A queued close stops the countdown at once (pending applied).
        Command close = note(5, {});
        close.type = CommandType::Close;
        m_store->insertOutboxItem(close);
        QVERIFY(!index.data(SlaDueRole).isValid());
        QCOMPARE(index.data(ResolutionDueRole).toDateTime(), at(240));
        QCOMPARE(model.roleNames().value(SlaDueRole), QByteArray("slaDue"));
    }

    void queuedReplyMeetsTheSlaAtOnce()
    {
        Ticket t = with(ticket(6, 1), TicketStatus::WaitingOnTeam, Priority::High, SlaState::AtRisk);
        t.sla.firstRespondedAt = at(10);
        t.sla.nextResponseDue = at(120);
        t.sla.resolutionDue = at(240);
        m_store->upsertTickets({t});
        TicketQueueModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        const QModelIndex index = model.index(model.rowOf(6), TicketQueueModel::SlaColumn);
        QCOMPARE(index.data(SlaStateRole).toInt(), int(SlaState::AtRisk));
        QCOMPARE(index.data(SlaDueRole).toDateTime(), at(120));

        Command reply = note(6, QStringLiteral("On its way"));
        reply.type = CommandType::EmailReply;
        m_store->insertOutboxItem(reply);
        // The operator answered: no longer at risk, no countdown, before the server confirms.
        QCOMPARE(index.data(SlaStateRole).toInt(), int(SlaState::Met));
        QCOMPARE(index.data(StatusRole).toInt(), int(TicketStatus::WaitingOnCustomer));
        QVERIFY(!index.data(SlaDueRole).isValid());
    }

    void viewingClearsUnread()
    {
        TicketQueueModel model(*m_store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(model.index(model.rowOf(1), 0).data(UnreadRole).toBool());
        m_store->markViewed(1);
        QVERIFY(!model.index(model.rowOf(1), 0).data(UnreadRole).toBool());
    }

    void proxyViewsAndSorting()
    {
        TicketQueueModel model(*m_store);
        QueueFilterProxy proxy(*m_store);
        proxy.setSourceModel(&model);
        proxy.setOperatorId(QStringLiteral("me"));
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);

        QCOMPARE(proxy.rowCount(), 3);
        // Newest activity first by default (ticket 3 has the latest activity).
        QCOMPARE(proxy.index(0, 0).data(TicketIdRole).toLongLong(), 3);

        proxy.setView(QueueFilterProxy::View::Mine);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(TicketIdRole).toLongLong(), 1);
        proxy.setView(QueueFilterProxy::View::Unassigned);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(TicketIdRole).toLongLong(), 2);
        proxy.setView(QueueFilterProxy::View::WaitingOnTeam);
        QCOMPARE(proxy.rowCount(), 1);
        proxy.setView(QueueFilterProxy::View::SlaAtRiskOrBreached);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.countFor(QueueFilterProxy::View::All), 3);

        proxy.setView(QueueFilterProxy::View::All);
        proxy.sort(TicketQueueModel::PriorityColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.index(0, 0).data(TicketIdRole).toLongLong(), 1);   // high
        QCOMPARE(proxy.index(2, 0).data(TicketIdRole).toLongLong(), 3);   // low

        // A live change moves a row into the view.
        proxy.setView(QueueFilterProxy::View::WaitingOnTeam);
        m_store->applyEvents({ticketEvent(1, with(ticket(1, 2), TicketStatus::WaitingOnTeam, Priority::High, SlaState::AtRisk))});
        QCOMPARE(proxy.rowCount(), 2);
    }

    // Issue 11, item 15: traffic re-sorts the queue under the operator. The
    // selection survives the re-sorts (persistent indexes), a burst is one
    // batch however many events it holds, and the anchor counts what arrived
    // above the selected ticket.
    void anchorFollowsTheSelectedTicketThroughLiveResorts()
    {
        QList<Ticket> more;
        for (TicketId id = 4; id <= 10; ++id)
            more.append(ticket(id));
        m_store->upsertTickets(more);
        TicketQueueModel model(*m_store);
        QueueFilterProxy proxy(*m_store);
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QItemSelectionModel selection(&proxy);
        QueueAnchor anchor(proxy, model);
        const auto rowOf = [&](TicketId id) { return proxy.mapFromSource(model.index(model.rowOf(id), 0)).row(); };
        const auto idAt = [&](int row) { return proxy.index(row, 0).data(TicketIdRole).toLongLong(); };
        // Newest activity first: 10, 9, 8, 7, 6, 5, ... The operator is on 5.
        QCOMPARE(rowOf(5), 5);
        selection.setCurrentIndex(proxy.index(5, 0), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        anchor.setAnchor(5);
        QCOMPARE(anchor.anchorRow(), 5);
        QCOMPARE(anchor.arrivalsAbove(), 0);

        QSignalSpy layouts(&proxy, &QAbstractItemModel::layoutChanged);
        QSignalSpy before(&anchor, &QueueAnchor::aboutToMove);
        QSignalSpy after(&anchor, &QueueAnchor::settled);
        QSignalSpy arrivals(&anchor, &QueueAnchor::arrivalsAboveChanged);
        const auto touched = [](TicketId id, int activity) {
            Ticket t = ticket(id, activity);
            t.lastActivityAt = at(activity);
            return t;
        };
        // One burst: a new ticket on top, ticket 2 (below) updated three
        // times and now the newest, ticket 8 (above already) newer too,
        // ticket 3 (below) updated and still below.
        m_store->applyEvents({ticketEvent(1, ticket(11), EventType::TicketCreated), ticketEvent(2, touched(2, 40)),
                              ticketEvent(3, touched(2, 41)), ticketEvent(4, touched(8, 42)),
                              ticketEvent(5, touched(2, 43)), ticketEvent(6, touched(3, 3))});
        QCOMPARE(before.count(), 1);   // one batch, not one per event
        QCOMPARE(after.count(), 1);
        QVERIFY2(layouts.count() <= 3, qPrintable(QString::number(layouts.count())));   // at most one re-sort per ticket
        QCOMPARE(idAt(0), 2);
        QCOMPARE(idAt(1), 8);
        QCOMPARE(idAt(2), 11);
        // The selection went with the ticket, two rows down.
        QCOMPARE(anchor.anchorRow(), 7);
        QCOMPARE(selection.currentIndex().data(TicketIdRole).toLongLong(), 5);
        QVERIFY(selection.isRowSelected(7));
        QCOMPARE(selection.selectedRows().size(), 1);
        // Arrived above: the new ticket and the one that overtook; not 8 (it
        // was above before) nor 3 (still below).
        QCOMPARE(anchor.arrivalsAbove(), 2);
        QVERIFY(anchor.isArrival(11));
        QVERIFY(anchor.isArrival(2));
        QVERIFY(!anchor.isArrival(8));
        QCOMPARE(arrivals.count(), 1);
        QCOMPARE(arrivals.last().at(0).toInt(), 2);

        // A quiet burst (ticket 1, below, stays below) changes nothing.
        m_store->applyEvents({ticketEvent(7, touched(1, 1))});
        QCOMPARE(anchor.arrivalsAbove(), 2);
        QCOMPARE(arrivals.count(), 1);

        // The operator's own ticket gets news and goes to the top: nothing
        // that arrived is above it any more.
        m_store->applyEvents({ticketEvent(8, touched(5, 50))});
        QCOMPARE(anchor.anchorRow(), 0);
        QCOMPARE(selection.currentIndex().data(TicketIdRole).toLongLong(), 5);
        QCOMPARE(anchor.arrivalsAbove(), 0);
        QCOMPARE(arrivals.last().at(0).toInt(), 0);

        // On ticket 1 at the bottom, a new ticket arrives; the operator looks
        // at the top and the count is gone.
        anchor.setAnchor(1);
        m_store->applyEvents({ticketEvent(9, ticket(12), EventType::TicketCreated)});
        QCOMPARE(anchor.arrivalsAbove(), 1);
        anchor.clearArrivals();
        QCOMPARE(anchor.arrivalsAbove(), 0);

        // The operator re-sorts: an arrival that now sorts below no longer counts.
        m_store->applyEvents({ticketEvent(10, ticket(13), EventType::TicketCreated)});
        QCOMPARE(anchor.arrivalsAbove(), 1);
        proxy.sort(TicketQueueModel::NumberColumn, Qt::AscendingOrder);   // 13 is the last row now
        QCOMPARE(anchor.arrivalsAbove(), 0);
    }

    void proxySearchUsesTheFtsIndex()
    {
        TicketQueueModel model(*m_store);
        QueueFilterProxy proxy(*m_store);
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        m_store->storeThread(ticket(2), {entry(20, 2, QStringLiteral("The courier left it at the neighbour's"))}, std::nullopt);
        proxy.setSearchText(QStringLiteral("courier"));
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data(TicketIdRole).toLongLong(), 2);
        proxy.setSearchText(QStringLiteral("refund"));
        QCOMPARE(proxy.rowCount(), 1);
        // A new matching ticket shows up without retyping.
        m_store->upsertTickets({ticket(9, 1, QStringLiteral("Refund for broken kettle"))});
        QTRY_COMPARE(proxy.rowCount(), 2);
        proxy.setSearchText(QString());
        QCOMPARE(proxy.rowCount(), 4);
    }
};

QTEST_GUILESS_MAIN(TestQueueModel)
#include "test_queue_model.moc"
