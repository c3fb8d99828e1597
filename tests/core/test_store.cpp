// LocalStore against real temporary SQLite files.
#include "core_test_data.h"
#include "domain/codecs.h"
#include "store/local_store.h"
#include "store/store_error.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::testdata;

class TestStore : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;

    QString freshPath() { return m_dir.filePath(QStringLiteral("store-%1.sqlite").arg(++m_counter)); }

    // A second, raw connection to the same file (what another tool would see).
    template<typename F> void withRawConnection(const QString &path, F &&body)
    {
        const QString name = QStringLiteral("raw-%1").arg(++m_counter);
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
            db.setDatabaseName(path);
            QVERIFY(db.open());
            body(db);
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }

private Q_SLOTS:
    void opensWithWalAndFullSync()
    {
        LocalStore store;
        QVERIFY2(store.open(freshPath()), qPrintable(store.errorString()));
        withRawConnection(store.path(), [&](QSqlDatabase &raw) {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA journal_mode")) && q.next());
            QCOMPARE(q.value(0).toString(), QStringLiteral("wal"));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), LocalStore::schemaVersion());
        });
        QCOMPARE(store.cursor(), 0);
        QVERIFY(!store.bootstrapState().complete);
    }

    void refusesNewerSchemaWithoutWiping()
    {
        const QString path = freshPath();
        {
            LocalStore store;
            QVERIFY(store.open(path));
            store.upsertTickets({ticket(1)});
        }
        withRawConnection(path, [](QSqlDatabase &raw) {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 99")));
        });
        LocalStore store;
        QVERIFY(!store.open(path));
        QVERIFY2(store.errorString().contains(QStringLiteral("newer version")), qPrintable(store.errorString()));
        QVERIFY(!store.isOpen());
        withRawConnection(path, [](QSqlDatabase &raw) {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), 99);
            QVERIFY(q.exec(QStringLiteral("SELECT COUNT(*) FROM tickets")) && q.next());
            QCOMPARE(q.value(0).toInt(), 1);
        });
    }

    void refusesAFileThatIsNotADatabase()
    {
        const QString path = freshPath();
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        LocalStore store;
        QVERIFY(!store.open(path));
        QVERIFY(!store.errorString().isEmpty());
        QCOMPARE(QFileInfo(path).size(), 4096);
    }

    void dataSurvivesReopen()
    {
        const QString path = freshPath();
        {
            LocalStore store;
            QVERIFY(store.open(path));
            store.applyEvents({ticketEvent(1, ticket(7)), entryEvent(2, ticket(7, 2), entry(70, 7))});
            store.saveDraft(7, QStringLiteral("reply"), QStringLiteral("half written"));
        }
        LocalStore store;
        QVERIFY(store.open(path));
        QCOMPARE(store.cursor(), 2);
        QCOMPARE(store.ticket(7)->version, 2);
        QCOMPARE(store.entries(7).size(), 1);
        QCOMPARE(store.draft(7, QStringLiteral("reply")), QStringLiteral("half written"));
    }

    void upsertKeepsTheNewerVersion()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        QSignalSpy spy(&store, &LocalStore::changed);
        StoreChange change = store.upsertTickets({ticket(1, 3, QStringLiteral("v3"))});
        QCOMPARE(change.insertedTickets, QList<TicketId>{1});
        change = store.upsertTickets({ticket(1, 2, QStringLiteral("v2"))});
        QVERIFY(change.isEmpty());
        QCOMPARE(store.ticket(1)->subject, QStringLiteral("v3"));
        change = store.upsertTickets({ticket(1, 4, QStringLiteral("v4"))});
        QCOMPARE(change.updatedTickets, QList<TicketId>{1});
        QCOMPARE(store.ticketRow(1)->subject, QStringLiteral("v4"));
        QCOMPARE(spy.count(), 2);   // the ignored older copy emitted nothing
    }

    void rowsMirrorTheTicket()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        Ticket t = ticket(5);
        t.status = TicketStatus::WaitingOnTeam;
        t.priority = Priority::Urgent;
        t.sla.state = SlaState::Breached;
        t.assignee = Assignee{ActorKind::Operator, QStringLiteral("op1"), QStringLiteral("Alex")};
        store.upsertTickets({t, ticket(6)});
        QCOMPARE(store.ticketRow(5), rowOf(t));
        QCOMPARE(*store.ticket(5), t);
        const QList<TicketRow> rows = store.ticketRows();
        QCOMPARE(rows.size(), 2);
        QCOMPARE(rows.at(0).id, 6);   // newest activity first
        QCOMPARE(store.ticketCount(), 2);
    }

    void rowsCarryTheSlaDueDates()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        Ticket t = ticket(7);
        t.sla.firstResponseDue = at(3600);
        t.sla.nextResponseDue = at(7200);
        t.sla.resolutionDue = at(86400);
        store.upsertTickets({t, ticket(8)});
        const TicketRow row = *store.ticketRow(7);
        QCOMPARE(row.firstResponseDueMs, at(3600).toMSecsSinceEpoch());
        QCOMPARE(row.nextResponseDueMs, at(7200).toMSecsSinceEpoch());
        QCOMPARE(row.resolutionDueMs, at(86400).toMSecsSinceEpoch());
        QCOMPARE(row.firstRespondedMs, 0);
        QCOMPARE(store.ticketRow(8)->resolutionDueMs, 0);   // none stored: none read
        QCOMPARE(store.ticketRows({7}).value(0), row);
        // The countdown runs to the first response until it is given ...
        QCOMPARE(nextSlaDue(row), std::optional<QDateTime>(at(3600)));
        t.sla.firstRespondedAt = at(100);
        t.version = 2;
        store.upsertTickets({t});
        QCOMPARE(store.ticketRow(7)->firstRespondedMs, at(100).toMSecsSinceEpoch());
        QCOMPARE(nextSlaDue(*store.ticketRow(7)), std::optional<QDateTime>(at(7200)));
        // ... and stops while paused or once the ticket is done.
        t.sla.state = SlaState::Paused;
        t.version = 3;
        store.upsertTickets({t});
        QVERIFY(!nextSlaDue(*store.ticketRow(7)));
        t.sla.state = SlaState::AtRisk;
        t.status = TicketStatus::Resolved;
        t.version = 4;
        store.upsertTickets({t});
        QVERIFY(!nextSlaDue(*store.ticketRow(7)));
    }

    void upgradeFillsTheDueDatesOfCachedTickets()
    {
        // A cache written by schema 1 (no due-date columns, the dates only in the JSON).
        const QString path = freshPath();
        Ticket t = ticket(9);
        t.sla.firstResponseDue = at(60);
        t.sla.resolutionDue = at(600);
        {
            LocalStore store;
            QVERIFY(store.open(path));
            store.upsertTickets({t});
        }
        withRawConnection(path, [&](QSqlDatabase &raw) {
            QSqlQuery q(raw);
            for (const char *column : {"first_response_due", "next_response_due", "resolution_due", "first_responded"})
                QVERIFY2(q.exec(QStringLiteral("ALTER TABLE tickets DROP COLUMN %1").arg(QLatin1String(column))),
                         qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("DROP TABLE outbox_targets")));   // schema 4
            QVERIFY(q.exec(QStringLiteral("ALTER TABLE outbox DROP COLUMN not_before")));   // schema 3
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 1")));
        });
        LocalStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.ticketRow(9)->firstResponseDueMs, at(60).toMSecsSinceEpoch());
        QCOMPARE(store.ticketRow(9)->resolutionDueMs, at(600).toMSecsSinceEpoch());
        QCOMPARE(store.ticketRow(9)->nextResponseDueMs, 0);
        QCOMPARE(*store.ticketRow(9), rowOf(t));
    }

    void applyEventsOnceAndStopsAtGaps()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        StoreChange change = store.applyEvents({ticketEvent(1, ticket(1)), ticketEvent(2, ticket(2))});
        QCOMPARE(change.appliedEvents, 2);
        QCOMPARE(change.cursor, 2);
        QCOMPARE(change.insertedTickets.size(), 2);

        // Same events again plus one new: only the new one applies.
        change = store.applyEvents({ticketEvent(2, ticket(2)), ticketEvent(3, ticket(1, 2)), ticketEvent(1, ticket(1))});
        QCOMPARE(change.appliedEvents, 1);
        QCOMPARE(change.updatedTickets, QList<TicketId>{1});
        QCOMPARE(store.cursor(), 3);

        // A gap: 4 applies, 6 does not, the cursor stays at 4.
        change = store.applyEvents({ticketEvent(4, ticket(3)), ticketEvent(6, ticket(4))});
        QVERIFY(change.stoppedAtGap);
        QCOMPARE(store.cursor(), 4);
        QVERIFY(!store.ticket(4));
    }

    void entriesAreDeduplicatedById()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        store.applyEvents({entryEvent(1, ticket(1), entry(10, 1))});
        const StoreChange change = store.storeThread(ticket(1), {entry(10, 1), entry(11, 1)}, std::nullopt);
        QVERIFY(change.threadsChanged.contains(1));
        QCOMPARE(store.entries(1).size(), 2);
        QVERIFY(store.isThreadLoaded(1));
        QVERIFY(!store.isThreadLoaded(2));
        QCOMPARE(store.entries(1).at(0), entry(10, 1));
    }

    void failedBatchRollsBackEverything()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        store.applyEvents({ticketEvent(1, ticket(1))});
        // Make the second ticket of the batch fail inside the transaction.
        withRawConnection(store.path(), [](QSqlDatabase &raw) {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("CREATE TRIGGER boom BEFORE INSERT ON tickets WHEN NEW.id = 3 "
                                          "BEGIN SELECT RAISE(ABORT, 'injected failure'); END")));
        });
        QVERIFY_THROWS_EXCEPTION(StoreError, store.applyEvents({ticketEvent(2, ticket(2)), ticketEvent(3, ticket(3))}));
        QCOMPARE(store.cursor(), 1);
        QVERIFY(!store.ticket(2));
        QCOMPARE(store.ticketCount(), 1);
        // The store keeps working after the failure.
        store.applyEvents({ticketEvent(2, ticket(4))});
        QCOMPARE(store.cursor(), 2);
    }

    void snapshotPagesCompleteTheBootstrap()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        store.applySnapshotPage({40, {ticket(1), ticket(2)}, QStringLiteral("page2")});
        BootstrapState state = store.bootstrapState();
        QVERIFY(!state.complete);
        QCOMPARE(state.snapshotSeq, 40);
        QCOMPARE(state.nextPageCursor, QStringLiteral("page2"));
        QCOMPARE(store.cursor(), 0);
        store.applySnapshotPage({40, {ticket(3)}, QString()});
        state = store.bootstrapState();
        QVERIFY(state.complete);
        QCOMPARE(store.cursor(), 40);
        QCOMPARE(store.ticketCount(), 3);
        store.resetBootstrap();
        QVERIFY(!store.bootstrapState().complete);
        QCOMPARE(store.ticketCount(), 3);   // cache stays readable
    }

    void aCommandIsListedUnderEveryTicketItTargets()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        QSignalSpy changed(&store, &LocalStore::changed);
        Command merge = note(1, QStringLiteral("about both"));
        merge.targets = {CommandTarget::ticket(1), CommandTarget::ticket(2)};
        const OutboxItem both = store.insertOutboxItem(merge);
        QCOMPARE(changed.last().at(0).value<StoreChange>().outboxChanged, (QSet<TicketId>{1, 2}));
        Command settings;
        settings.requestId = QStringLiteral("tenant-1");
        settings.type = CommandType::UpdateHandoffSettings;
        settings.targets = {CommandTarget::tenant()};
        settings.agentId = QStringLiteral("wizard");
        settings.settings = QJsonObject{{QStringLiteral("strategy"), QStringLiteral("round_robin")}};
        const OutboxItem tenant = store.insertOutboxItem(settings);
        QVERIFY(changed.last().at(0).value<StoreChange>().outboxChanged.isEmpty());   // no ticket's view changes

        QCOMPARE(store.outboxItems(1).size(), 1);
        QCOMPARE(store.outboxItems(2).size(), 1);
        QCOMPARE(store.outboxItems(2).constFirst().command, merge);
        QCOMPARE(store.outboxItem(tenant.id)->command, settings);
        QCOMPARE(store.outboxItems().size(), 2);

        StoreChange change = store.confirmCommand(merge.requestId);
        QCOMPARE(change.outboxChanged, (QSet<TicketId>{1, 2}));
        QVERIFY(store.outboxItems(1).isEmpty() && store.outboxItems(2).isEmpty());
        store.removeOutboxItem(tenant.id);
        QVERIFY(store.outboxItems().isEmpty());
        QVERIFY(!store.outboxItem(both.id));
    }

    void eventWithRequestIdConfirmsTheOutboxItem()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        store.applyEvents({ticketEvent(1, ticket(1))});
        const Command command = note(1, QStringLiteral("checked the courier"));
        const OutboxItem item = store.insertOutboxItem(command);
        QVERIFY(item.id > 0);
        QCOMPARE(store.outboxItems(1).size(), 1);
        QCOMPARE(store.outboxItems().constFirst().command, command);

        const ThreadEntry confirmed = entry(50, 1, command.body, command.requestId);
        StoreChange change = store.applyEvents({entryEvent(2, ticket(1, 2), confirmed, command.requestId)});
        QCOMPARE(change.confirmedRequestIds, QStringList{command.requestId});
        QVERIFY(change.outboxChanged.contains(1));
        QVERIFY(store.outboxItems().isEmpty());

        // The HTTP reply arriving later is a harmless no-op: one entry, not two.
        change = store.confirmCommand(command.requestId, {ticket(1, 2), confirmed, 2});
        QVERIFY(change.confirmedRequestIds.isEmpty());
        QCOMPARE(store.entries(1).size(), 1);
    }

    void replyConfirmsBeforeTheEvent()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        const Command command = note(1, QStringLiteral("first"));
        store.insertOutboxItem(command);
        const ThreadEntry confirmed = entry(60, 1, command.body, command.requestId);
        StoreChange change = store.confirmCommand(command.requestId, {ticket(1, 2), confirmed, 1});
        QCOMPARE(change.confirmedRequestIds, QStringList{command.requestId});
        change = store.applyEvents({entryEvent(1, ticket(1, 2), confirmed, command.requestId)});
        QVERIFY(change.confirmedRequestIds.isEmpty());
        QVERIFY(change.threadsChanged.isEmpty());
        QCOMPARE(store.entries(1).size(), 1);
        QCOMPARE(store.cursor(), 1);
    }

    void heldOutboxItemsKeepTheirNotBeforeTime()
    {
        // The undo window is persisted: a crash inside it must keep the send, held.
        const QString path = freshPath();
        qint64 heldId = 0, plainId = 0;
        {
            LocalStore store;
            QVERIFY(store.open(path));
            heldId = store.insertOutboxItem(note(3, QStringLiteral("held")), at(5)).id;
            plainId = store.insertOutboxItem(note(3, QStringLiteral("plain"))).id;
            QCOMPARE(store.outboxItem(heldId)->notBefore, at(5));
        }
        LocalStore store;
        QVERIFY(store.open(path));
        QCOMPARE(store.outboxItem(heldId)->notBefore, at(5));
        QVERIFY(!store.outboxItem(plainId)->notBefore.isValid());
        OutboxItem released = *store.outboxItem(heldId);
        released.notBefore = {};
        store.updateOutboxItem(released);
        QVERIFY(!store.outboxItem(heldId)->notBefore.isValid());
    }

    void upgradeAddsTheOutboxHoldColumn()
    {
        // A cache written by schema 2 (no not_before): its queued commands stay queued, not held.
        const QString path = freshPath();
        {
            LocalStore store;
            QVERIFY(store.open(path));
            store.insertOutboxItem(note(4, QStringLiteral("queued before the upgrade")));
        }
        withRawConnection(path, [&](QSqlDatabase &raw) {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("DROP TABLE outbox_targets")));   // schema 4
            QVERIFY2(q.exec(QStringLiteral("ALTER TABLE outbox DROP COLUMN not_before")), qPrintable(q.lastError().text()));
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version = 2")));
        });
        LocalStore store;
        QVERIFY2(store.open(path), qPrintable(store.errorString()));
        QCOMPARE(store.outboxItems().size(), 1);
        QVERIFY(!store.outboxItems().constFirst().notBefore.isValid());
        withRawConnection(path, [&](QSqlDatabase &raw) {
            QSqlQuery q(raw);
            QVERIFY(q.exec(QStringLiteral("PRAGMA user_version")) && q.next());
            QCOMPARE(q.value(0).toInt(), LocalStore::schemaVersion());
        });
    }

    void outboxItemUpdatesPersist()
    {
        const QString path = freshPath();
        qint64 id = 0;
        {
            LocalStore store;
            QVERIFY(store.open(path));
            OutboxItem item = store.insertOutboxItem(note(3, QStringLiteral("x")));
            id = item.id;
            item.state = OutboxState::Failed;
            item.attempts = 2;
            item.errorCode = QStringLiteral("version_conflict");
            item.errorMessage = QStringLiteral("Someone else changed it");
            item.nextAttemptAt = at(5);
            store.updateOutboxItem(item);
        }
        LocalStore store;
        QVERIFY(store.open(path));
        const auto item = store.outboxItem(id);
        QVERIFY(item);
        QCOMPARE(item->state, OutboxState::Failed);
        QCOMPARE(item->attempts, 2);
        QCOMPARE(item->errorCode, QStringLiteral("version_conflict"));
        QCOMPARE(item->nextAttemptAt, at(5));
        store.removeOutboxItem(id);
        QVERIFY(!store.outboxItem(id));
    }

    void searchesSubjectCustomerAndThread()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        store.upsertTickets({ticket(1, 1, QStringLiteral("Refund for damaged blender")),
                             ticket(2, 1, QStringLiteral("Where is my parcel?"))});
        store.storeThread(ticket(2), {entry(20, 2, QStringLiteral("Tracking says **delivered** to Zürich"))}, std::nullopt);
        QCOMPARE(store.search(QStringLiteral("blender")), QSet<TicketId>{1});
        QCOMPARE(store.search(QStringLiteral("blend")), QSet<TicketId>{1});            // prefix
        QCOMPARE(store.search(QStringLiteral("customer2@example")), QSet<TicketId>{2});
        QCOMPARE(store.search(QStringLiteral("zurich delivered")), QSet<TicketId>{2});  // diacritics, all words
        QCOMPARE(store.search(QStringLiteral("Customer")), (QSet<TicketId>{1, 2}));
        QVERIFY(store.search(QStringLiteral("blender parcel")).isEmpty());
        // FTS syntax typed by a user is plain text, never an error.
        QVERIFY(store.search(QStringLiteral("\" AND NEAR( * -")).isEmpty());
        QVERIFY(store.search(QString()).isEmpty());
        // Updating a ticket re-indexes it.
        store.upsertTickets({ticket(1, 2, QStringLiteral("Toaster"))});
        QVERIFY(store.search(QStringLiteral("blender")).isEmpty());
        QCOMPARE(store.search(QStringLiteral("toaster")), QSet<TicketId>{1});
    }

    void draftsAndRecentlyViewed()
    {
        LocalStore store;
        QVERIFY(store.open(freshPath()));
        store.saveDraft(1, QStringLiteral("reply"), QStringLiteral("a"));
        store.saveDraft(1, QStringLiteral("note"), QStringLiteral("b"));
        QCOMPARE(store.draft(1, QStringLiteral("reply")), QStringLiteral("a"));
        QCOMPARE(store.draft(1, QStringLiteral("note")), QStringLiteral("b"));
        store.saveDraft(1, QStringLiteral("reply"), QString());
        QVERIFY(store.draft(1, QStringLiteral("reply")).isEmpty());

        store.markViewed(3);
        store.markViewed(4);
        store.markViewed(3);
        QCOMPARE(store.recentlyViewed(10), (QList<TicketId>{3, 4}));
        QCOMPARE(store.recentlyViewed(1), (QList<TicketId>{3}));
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "test_store.moc"
