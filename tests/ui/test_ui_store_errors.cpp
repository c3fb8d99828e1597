// "Disk full loses nothing" (issue 12, point 5): with a local store that
// refuses writes (SQLite triggers that abort, as a full disk would) or reads
// (a table moved away under the console), the composer and the outbox panel
// keep the operator's text and say what failed — no error is dropped.

#include "markdown/markdown_renderer.h"
#include "net/api_client.h"
#include "outbox/outbox.h"
#include "store/local_store.h"
#include "ui/attention_watcher.h"
#include "ui/composer.h"
#include "ui/outbox_model.h"
#include "ui/outbox_panel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QLabel>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;

// The text of the error label `name` inside `widget`, "" when it is not shown
// (or does not exist): tests find widgets by their object names.
static QString shownError(QWidget &widget, const char *name)
{
    const auto *label = widget.findChild<QLabel *>(QLatin1String(name));
    return label && label->isVisibleTo(&widget) ? label->text() : QString();
}

class TestUiStoreErrors : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void undoSendIntoAnotherTicketKeepsTheTextWhenTheDraftCannotBeSaved();
    void aDraftTheStoreRefusesSurvivesATicketSwitch();
    void anUnreadableDraftIsNotOverwritten();
    void anUnreadableOutboxKeepsTheLastListAndSaysSo();
    void notificationsThatMayBeMissedAreSaidOnce();

private:
    // Runs SQL on the store's file through a second connection.
    void raw(const QString &sql);
    void failDraftWrites();
    void healDraftWrites();

    QTemporaryDir m_dir;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<ApiClient> m_api;
    std::unique_ptr<Outbox> m_outbox;
    std::unique_ptr<markdown::MarkdownRenderer> m_renderer;
    int m_counter = 0;
};

void TestUiStoreErrors::init()
{
    m_store = std::make_unique<LocalStore>();
    QVERIFY(m_store->open(m_dir.filePath(QStringLiteral("cache-%1.sqlite").arg(++m_counter))));
    m_api = std::make_unique<ApiClient>(QUrl(QStringLiteral("http://127.0.0.1:9")));
    m_outbox = std::make_unique<Outbox>(*m_store, *m_api);   // never started: nothing is sent
    m_renderer = std::make_unique<markdown::MarkdownRenderer>();
}

void TestUiStoreErrors::cleanup()
{
    m_outbox.reset();
    m_api.reset();
    m_renderer.reset();
    m_store.reset();
}

void TestUiStoreErrors::raw(const QString &sql)
{
    const QString name = QStringLiteral("raw-%1").arg(++m_counter);
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(m_store->path());
        QVERIFY(db.open());
        QSqlQuery q(db);
        QVERIFY2(q.exec(sql), qPrintable(q.lastError().text()));
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

void TestUiStoreErrors::failDraftWrites()
{
    for (const char *op : {"INSERT", "UPDATE", "DELETE"}) {
        raw(QStringLiteral("CREATE TRIGGER full_%1 BEFORE %1 ON drafts BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END")
                .arg(QLatin1String(op)));
    }
}

void TestUiStoreErrors::healDraftWrites()
{
    for (const char *op : {"INSERT", "UPDATE", "DELETE"})
        raw(QStringLiteral("DROP TRIGGER full_%1").arg(QLatin1String(op)));
}

void TestUiStoreErrors::undoSendIntoAnotherTicketKeepsTheTextWhenTheDraftCannotBeSaved()
{
    ui::Composer composer(*m_store, *m_outbox, *m_renderer, QString());
    composer.sendDelay().setDelaySeconds(30);
    composer.setTicket(2);
    composer.editor()->setPlainText(QStringLiteral("the reply that was sent too soon"));
    QVERIFY(composer.send());
    QVERIFY(composer.sendDelay().isWaiting());
    composer.setTicket(3);   // the operator moved on
    // Meanwhile ticket 2 got a draft again (another window of the console).
    m_store->saveDraft(2, ui::Composer::draftKey(ui::Composer::Mode::Reply), QStringLiteral("older draft"));

    failDraftWrites();
    QGuiApplication::clipboard()->setText(QStringLiteral("something else"));
    QVERIFY(composer.undoSend());
    QVERIFY2(!shownError(composer, "composerStoreErrorLabel").isEmpty(), "the failed write must be shown");
    QVERIFY(shownError(composer, "composerStoreErrorLabel").contains(QLatin1String("full")));
    QCOMPARE(QGuiApplication::clipboard()->text(), QStringLiteral("the reply that was sent too soon"));

    // Back on the ticket, the text is there though the store never took it.
    composer.setTicket(2);
    QCOMPARE(composer.editor()->toPlainText(), QStringLiteral("the reply that was sent too soon\n\nolder draft"));

    // The disk has room again: the next save writes it and the bar goes.
    healDraftWrites();
    composer.saveDrafts();
    QCOMPARE(m_store->draft(2, ui::Composer::draftKey(ui::Composer::Mode::Reply)),
             QStringLiteral("the reply that was sent too soon\n\nolder draft"));
    QVERIFY(shownError(composer, "composerStoreErrorLabel").isEmpty());
}

void TestUiStoreErrors::aDraftTheStoreRefusesSurvivesATicketSwitch()
{
    ui::Composer composer(*m_store, *m_outbox, *m_renderer, QString());
    composer.setTicket(5);
    failDraftWrites();
    composer.editor()->setPlainText(QStringLiteral("half-written answer"));
    composer.setTicket(6);   // saves ticket 5's draft first: refused
    QVERIFY2(!shownError(composer, "composerStoreErrorLabel").isEmpty(), "the failed save must be shown");
    composer.setTicket(5);
    QCOMPARE(composer.editor()->toPlainText(), QStringLiteral("half-written answer"));

    healDraftWrites();
    composer.setTicket(6);   // a working save of the others empties the memory
    QCOMPARE(m_store->draft(5, ui::Composer::draftKey(ui::Composer::Mode::Reply)), QStringLiteral("half-written answer"));
    QVERIFY(shownError(composer, "composerStoreErrorLabel").isEmpty());
}

void TestUiStoreErrors::anUnreadableDraftIsNotOverwritten()
{
    ui::Composer composer(*m_store, *m_outbox, *m_renderer, QString());
    m_store->saveDraft(7, ui::Composer::draftKey(ui::Composer::Mode::Reply), QStringLiteral("kept on disk"));
    raw(QStringLiteral("ALTER TABLE drafts RENAME TO drafts_away"));
    composer.setTicket(7);
    QVERIFY2(!shownError(composer, "composerStoreErrorLabel").isEmpty(), "the failed read must be shown");
    QVERIFY(composer.editor()->toPlainText().isEmpty());
    raw(QStringLiteral("ALTER TABLE drafts_away RENAME TO drafts"));
    composer.editor()->setPlainText(QStringLiteral("new words"));
    composer.saveDrafts();
    // The stored draft was read before being written over, and kept.
    QCOMPARE(m_store->draft(7, ui::Composer::draftKey(ui::Composer::Mode::Reply)),
             QStringLiteral("new words\n\nkept on disk"));
    QCOMPARE(composer.editor()->toPlainText(), QStringLiteral("new words\n\nkept on disk"));
}

void TestUiStoreErrors::anUnreadableOutboxKeepsTheLastListAndSaysSo()
{
    Command command;
    command.ticketId = 11;
    command.type = CommandType::InternalNote;
    command.body = QStringLiteral("waiting note");
    QVERIFY(m_outbox->enqueue(command));
    ui::OutboxModel model(*m_store);
    ui::OutboxPanel panel(model);
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(shownError(panel, "outboxLoadError").isEmpty());

    raw(QStringLiteral("ALTER TABLE outbox RENAME TO outbox_away"));
    model.reload();
    QCOMPARE(model.rowCount(), 1);   // not "nothing waiting"
    QVERIFY2(!shownError(panel, "outboxLoadError").isEmpty(), "the failed read must be shown");

    raw(QStringLiteral("ALTER TABLE outbox_away RENAME TO outbox"));
    model.reload();
    QCOMPARE(model.rowCount(), 1);
    QVERIFY(shownError(panel, "outboxLoadError").isEmpty());
}

void TestUiStoreErrors::notificationsThatMayBeMissedAreSaidOnce()
{
    ui::TicketCache tickets(*m_store);
    ui::AttentionWatcher watcher(*m_store, tickets, QStringLiteral("op-1"));
    QSignalSpy notifications(&watcher, &ui::AttentionWatcher::notificationRequested);
    StoreChange change;
    change.updatedTickets = {1};

    raw(QStringLiteral("ALTER TABLE tickets RENAME TO tickets_away"));
    Q_EMIT m_store->changed(change);
    QCOMPARE(notifications.size(), 1);   // said, not dropped
    QVERIFY(notifications.at(0).at(1).toString().contains(QLatin1String("could not be read")));
    Q_EMIT m_store->changed(change);
    QCOMPARE(notifications.size(), 1);   // once per streak, not per change

    raw(QStringLiteral("ALTER TABLE tickets_away RENAME TO tickets"));
    Q_EMIT m_store->changed(change);
    QCOMPARE(notifications.size(), 1);
    raw(QStringLiteral("ALTER TABLE tickets RENAME TO tickets_away"));
    Q_EMIT m_store->changed(change);
    QCOMPARE(notifications.size(), 2);   // a new streak is said again
    raw(QStringLiteral("ALTER TABLE tickets_away RENAME TO tickets"));
}

QTEST_MAIN(TestUiStoreErrors)
#include "test_ui_store_errors.moc"
