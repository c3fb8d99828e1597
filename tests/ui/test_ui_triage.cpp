// A full triage by keyboard against a real zeiko-server (--demo): open the
// next ticket, read it, reply, add a note, take over, set priority, assign to
// me, close, reopen, force close with a reason — checking the server's state
// over REST after each step. No mouse, no direct calls into the window.

#include "models/roles.h"
#include "ui/command_palette.h"
#include "ui/composer.h"
#include "ui/handoff_dialog.h"
#include "ui/main_window.h"
#include "ui/text_prompt_dialog.h"
#include "ui/thread_view.h"
#include "ui_test_support.h"

#include <QLineEdit>
#include <QListWidget>
#include <QDockWidget>
#include <QPushButton>
#include <QTableView>
#include <QTableWidget>
#include <QPlainTextEdit>
#include <QTreeView>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>

using namespace zeiko;
using namespace zeiko::test;

class TestUiTriage : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void nextTicketAndRead();
    void lettersAreTextWhileTyping();
    void replyByKeyboard();
    void noteByKeyboard();
    void takeOverPriorityAssign();
    void closeAndReopen();
    void forceCloseAsksForAReason();
    void paletteJumpsToTicketNumber();
    void altJMovesWithoutLeavingTheComposer();
    void cheatSheetListsEveryAction();
    void closeAndGoToNext();
    void refusedCloseShowsReasonAndCanBeDiscarded();
    void resolveHandoffByKeyboard();
    void handoffConversationRepliesOnceOwned();
    void refusedLiveReplyShowsServerReason();

private:
    // Opens ticket `number` through the command palette (Ctrl+K, "#N", Enter).
    void openByPalette(qint64 number);
    // An open ticket with no live handoff, not yet touched by this suite.
    TicketId pickOpenTicket();
    void waitForOutbox();
    Ticket fetch(TicketId id, QList<ThreadEntry> *entries = nullptr);

    DemoConsole m_demo;
    std::unique_ptr<ui::MainWindow> m_window;
    QSet<TicketId> m_used;
    TicketId m_ticket = 0;
};

// The newest entry a command wrote: the server's mail worker appends "sent"
// email events on its own schedule (mail goes to a spool directory here).
static ThreadEntry newestNonMailEntry(const QList<ThreadEntry> &entries)
{
    for (auto it = entries.crbegin(); it != entries.crend(); ++it) {
        if (it->kind != EntryKind::EmailEvent)
            return *it;
    }
    return {};
}

void TestUiTriage::initTestCase()
{
    if (!m_demo.start()) {
        if (m_demo.error.contains(QLatin1String("not built")))
            QSKIP("zeiko-server is not built in this tree");
        QFAIL(qPrintable(m_demo.error));
    }
    openWindowOnAllTickets(m_demo, m_window);
}

void TestUiTriage::cleanupTestCase()
{
    m_window.reset();
    if (m_demo.session)
        m_demo.session->stop();
}

Ticket TestUiTriage::fetch(TicketId id, QList<ThreadEntry> *entries)
{
    const auto ticket = m_demo.serverTicket(id, entries);
    if (!ticket)
        qFatal("ticket %lld not readable from the server", id);
    return *ticket;
}

void TestUiTriage::waitForOutbox()
{
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().outboxItems().isEmpty(), 20000);
}

TicketId TestUiTriage::pickOpenTicket()
{
    return m_demo.pickOpenTicket(m_used);
}

void TestUiTriage::openByPalette(qint64 number)
{
    m_window->queueView()->setFocus();
    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->commandPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->commandPalette()->input()));
    type(QStringLiteral("#%1").arg(number));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->commandPalette()->isVisible());
    QCOMPARE(m_window->queueView()->currentIndex().data(TicketNumberRole).toLongLong(), number);
    // Back in the main window, reading the thread.
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->threadView()));
}

void TestUiTriage::nextTicketAndRead()
{
    QTreeView *queue = m_window->queueView();
    queue->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(queue));
    const int startRow = queue->currentIndex().row();
    const TicketId expected = m_window->queueProxy().index(startRow + 1, 0).data(TicketIdRole).toLongLong();
    press(Qt::Key_J);
    QCOMPARE(m_window->currentTicketId(), expected);
    press(Qt::Key_K);
    QCOMPARE(queue->currentIndex().row(), startRow);
    press(Qt::Key_J);
    QCOMPARE(m_window->currentTicketId(), expected);

    // Enter opens it: focus goes to the thread, which shows the conversation.
    press(Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->threadView()));
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().isThreadLoaded(expected), 15000);
    const QList<ThreadEntry> entries = m_demo.session->store().entries(expected);
    QVERIFY(!entries.isEmpty());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->threadView()->isFullyRendered(), 15000);
    const QString firstWords = entries.first().body.simplified().section(u' ', 0, 1).remove(u'*').remove(u'#');
    QTRY_VERIFY2(m_window->threadView()->shownText().simplified().contains(firstWords.trimmed()),
                 qPrintable(firstWords));

    // Esc goes back to the queue.
    press(Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(queue));
}

void TestUiTriage::lettersAreTextWhileTyping()
{
    m_window->queueView()->setFocus();
    press(Qt::Key_Slash);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->searchField()));
    const TicketId before = m_window->currentTicketId();
    type(QStringLiteral("jkc"));   // next, previous, close — all must be text here
    QCOMPARE(m_window->searchField()->text(), QStringLiteral("jkc"));
    QCOMPARE(m_window->currentTicketId(), before);
    QVERIFY(m_demo.session->store().outboxItems().isEmpty());
    m_window->searchField()->clear();
    press(Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
}

void TestUiTriage::replyByKeyboard()
{
    m_ticket = pickOpenTicket();
    QVERIFY(m_ticket);
    const qint64 number = m_demo.session->store().ticket(m_ticket)->number;
    openByPalette(number);
    QCOMPARE(m_window->currentTicketId(), m_ticket);

    press(Qt::Key_R);
    ui::Composer *composer = m_window->composer();
    QCOMPARE(composer->mode(), ui::Composer::Mode::Reply);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(composer->editor()));
    type(QStringLiteral("Thanks for your patience, we are on it."));
    press(Qt::Key_Return);   // a newline, never a send
    type(QStringLiteral("Alex"));
    QVERIFY(m_demo.session->store().outboxItems().isEmpty());
    QVERIFY(composer->editor()->toPlainText().contains(u'\n'));
    press(Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(composer->editor()->toPlainText().isEmpty());
    waitForOutbox();

    QList<ThreadEntry> entries;
    const Ticket ticket = fetch(m_ticket, &entries);
    QCOMPARE(zeiko::toString(ticket.status), zeiko::toString(TicketStatus::WaitingOnCustomer));
    const ThreadEntry last = newestNonMailEntry(entries);
    QCOMPARE(zeiko::toString(last.kind), zeiko::toString(EntryKind::HumanReply));
    QCOMPARE(zeiko::toString(last.visibility), zeiko::toString(Visibility::Public));
    QCOMPARE(last.body, QStringLiteral("Thanks for your patience, we are on it.\nAlex"));
    // The confirmed entry replaces the pending one: exactly one copy in the cache.
    auto copiesInCache = [this] {
        const QList<ThreadEntry> cached = m_demo.session->store().entries(m_ticket);
        return std::count_if(cached.cbegin(), cached.cend(), [](const ThreadEntry &e) {
            return e.body.startsWith(QLatin1String("Thanks for your patience"));
        });
    };
    QTRY_COMPARE(copiesInCache(), 1);
}

void TestUiTriage::noteByKeyboard()
{
    QVERIFY(m_ticket);
    press(Qt::Key_Escape);
    press(Qt::Key_N);
    ui::Composer *composer = m_window->composer();
    QCOMPARE(composer->mode(), ui::Composer::Mode::Note);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(composer->editor()));
    type(QStringLiteral("Customer is a VIP; check with logistics."));
    // Flip to reply and back: typed text goes along when the other mode's
    // draft is empty (issue 11, item 19).
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(composer->mode(), ui::Composer::Mode::Reply);
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("Customer is a VIP; check with logistics."));
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(composer->mode(), ui::Composer::Mode::Note);
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("Customer is a VIP; check with logistics."));
    press(Qt::Key_Return, Qt::ControlModifier);
    waitForOutbox();

    QList<ThreadEntry> entries;
    const Ticket ticket = fetch(m_ticket, &entries);
    const ThreadEntry note = newestNonMailEntry(entries);
    QCOMPARE(zeiko::toString(note.kind), zeiko::toString(EntryKind::InternalNote));
    QCOMPARE(zeiko::toString(note.visibility), zeiko::toString(Visibility::Internal));
    QCOMPARE(note.body, QStringLiteral("Customer is a VIP; check with logistics."));
    QCOMPARE(zeiko::toString(ticket.status), zeiko::toString(TicketStatus::WaitingOnCustomer));   // a note changes no status
    QTRY_VERIFY(m_window->threadView()->shownText().contains(QLatin1String("INTERNAL NOTE")));
}

void TestUiTriage::takeOverPriorityAssign()
{
    QVERIFY(m_ticket);
    press(Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
    press(Qt::Key_T);
    waitForOutbox();
    Ticket ticket = fetch(m_ticket);
    QCOMPARE(zeiko::toString(ticket.ownerMode), zeiko::toString(OwnerMode::Human));
    // Issue 11, item 6: taking over is the first step of answering — the keyboard is in the reply box.
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->composer()->editor()));
    QCOMPARE(m_window->composer()->mode(), ui::Composer::Mode::Reply);
    press(Qt::Key_Escape);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));

    press(Qt::Key_1);
    waitForOutbox();
    QCOMPARE(zeiko::toString(fetch(m_ticket).priority), zeiko::toString(Priority::Urgent));
    press(Qt::Key_4);
    waitForOutbox();
    QCOMPARE(zeiko::toString(fetch(m_ticket).priority), zeiko::toString(Priority::Low));

    press(Qt::Key_A);
    waitForOutbox();
    ticket = fetch(m_ticket);
    QVERIFY(ticket.assignee.has_value());
    QCOMPARE(ticket.assignee->id, m_demo.session->operatorId());
}

void TestUiTriage::closeAndReopen()
{
    QVERIFY(m_ticket);
    QCOMPARE(m_window->currentTicketId(), m_ticket);
    press(Qt::Key_C);
    waitForOutbox();
    QCOMPARE(zeiko::toString(fetch(m_ticket).status), zeiko::toString(TicketStatus::Closed));
    // The queue follows the server's event.
    QTRY_COMPARE(zeiko::toString(TicketStatus(m_window->queueView()->currentIndex().data(StatusRole).toInt())), zeiko::toString(TicketStatus::Closed));

    press(Qt::Key_O);
    waitForOutbox();
    QCOMPARE(zeiko::toString(fetch(m_ticket).status), zeiko::toString(TicketStatus::Open));
}

void TestUiTriage::forceCloseAsksForAReason()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openByPalette(m_demo.session->store().ticket(id)->number);
    press(Qt::Key_Escape);
    press(Qt::Key_C, Qt::ShiftModifier);
    QTRY_VERIFY(qobject_cast<ui::TextPromptDialog *>(QApplication::activeModalWidget()));
    auto *dialog = qobject_cast<ui::TextPromptDialog *>(QApplication::activeModalWidget());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(dialog->editor()));
    // Ctrl+Enter with no reason does nothing.
    press(Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(dialog->isVisible());
    type(QStringLiteral("Duplicate of an older ticket"));
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY(!QApplication::activeModalWidget());
    QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget()->window() == m_window.get());
    waitForOutbox();
    QCOMPARE(zeiko::toString(fetch(id).status), zeiko::toString(TicketStatus::Closed));
}

void TestUiTriage::paletteJumpsToTicketNumber()
{
    // "1042" without '#' works too, and fuzzy text finds commands.
    const TicketRow row = m_demo.session->store().ticketRows().constLast();
    m_window->queueView()->setFocus();
    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->commandPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->commandPalette()->input()));
    type(QString::number(row.number));
    press(Qt::Key_Return);
    QTRY_COMPARE(m_window->currentTicketId(), row.id);

    press(Qt::Key_Escape);
    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->commandPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->commandPalette()->input()));
    type(QStringLiteral("kbd shrt"));
    QVERIFY(m_window->commandPalette()->list()->count() > 0);
    press(Qt::Key_Escape);
    QTRY_VERIFY(!m_window->commandPalette()->isVisible());
}

void TestUiTriage::altJMovesWithoutLeavingTheComposer()
{
    press(Qt::Key_Escape);
    m_window->queueView()->setCurrentIndex(m_window->queueProxy().index(3, 0));
    const TicketId next = m_window->queueProxy().index(4, 0).data(TicketIdRole).toLongLong();
    QVERIFY(next);
    press(Qt::Key_R);
    QWidget *editor = m_window->composer()->editor();
    QCOMPARE(QApplication::focusWidget(), editor);
    press(Qt::Key_J, Qt::AltModifier);
    QCOMPARE(m_window->currentTicketId(), next);
    QCOMPARE(QApplication::focusWidget(), editor);
    press(Qt::Key_K, Qt::AltModifier);
    QCOMPARE(m_window->queueView()->currentIndex().row(), 3);
    QCOMPARE(QApplication::focusWidget(), editor);
    press(Qt::Key_Escape);
}

void TestUiTriage::cheatSheetListsEveryAction()
{
    m_window->queueView()->setFocus();
    press(Qt::Key_Question);
    auto *sheet = m_window->findChild<QDialog *>(QStringLiteral("cheatSheet"));
    QVERIFY(sheet);
    QTRY_VERIFY(sheet->isVisible());
    QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(sheet));
    auto *table = sheet->findChild<QTableWidget *>(QStringLiteral("cheatSheetTable"));
    QVERIFY(table->rowCount() >= m_window->actions().ids().size());
    QStringList listed;
    for (int row = 0; row < table->rowCount(); ++row)
        listed << table->item(row, 1)->text();
    for (const QString &id : m_window->actions().ids())
        QVERIFY2(listed.contains(m_window->actions().text(id)), qPrintable(id));
    press(Qt::Key_Escape);
    QTRY_VERIFY(!sheet->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
}

void TestUiTriage::closeAndGoToNext()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openByPalette(m_demo.session->store().ticket(id)->number);
    press(Qt::Key_Escape);
    press(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(m_window->currentTicketId() != id);
    waitForOutbox();
    QCOMPARE(zeiko::toString(fetch(id).status), zeiko::toString(TicketStatus::Closed));
}

// A ticket whose live handoff is still open (requested/assigned/active).
static TicketId openHandoffTicket(LocalStore &store, const QSet<TicketId> &used)
{
    for (const TicketRow &row : store.ticketRows()) {
        if (used.contains(row.id) || row.status == TicketStatus::Closed || row.status == TicketStatus::Resolved)
            continue;
        const auto ticket = store.ticket(row.id);
        if (ticket && !ticket->handoffId.isEmpty() && row.ownerMode == OwnerMode::Agent)
            return row.id;
    }
    return 0;
}

// Issue 11, item 5: a chat with an open handoff ends with Shift+R (resolve
// the handoff), through the outbox, instead of Force close and a reason.
void TestUiTriage::resolveHandoffByKeyboard()
{
    const TicketId id = openHandoffTicket(m_demo.session->store(), m_used);
    QVERIFY2(id, "the demo keeps tickets with an open handoff (test_demo_generator)");
    m_used.insert(id);
    openByPalette(m_demo.session->store().ticket(id)->number);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().handoffForTicket(id).has_value(), 15000);
    press(Qt::Key_Escape);
    QTRY_VERIFY(!m_window->actions().action(ui::ActionId::TicketClose)->isEnabled());
    QTRY_VERIFY(m_window->actions().action(ui::ActionId::TicketResolveHandoff)->isEnabled());

    press(Qt::Key_R, Qt::ShiftModifier);
    waitForOutbox();
    QList<ThreadEntry> entries;
    QCOMPARE(zeiko::toString(fetch(id, &entries).status), zeiko::toString(TicketStatus::Resolved));
    const QJsonObject detail = m_demo.server.get(QStringLiteral("/api/v1/tickets/%1").arg(id), m_demo.token).json();
    QCOMPARE(detail.value(QStringLiteral("handoff")).toObject().value(QStringLiteral("state")).toString(),
             QStringLiteral("resolved"));
    QCOMPARE(zeiko::toString(newestNonMailEntry(entries).kind), zeiko::toString(EntryKind::HandoffEvent));
    // Done: nothing left to resolve, so the key is off (with the reason).
    QTRY_VERIFY(!m_window->actions().action(ui::ActionId::TicketResolveHandoff)->isEnabled());
}

void TestUiTriage::refusedCloseShowsReasonAndCanBeDiscarded()
{
    const TicketId id = openHandoffTicket(m_demo.session->store(), m_used);
    if (!id)
        QSKIP("the demo data has no ticket with an open handoff");
    m_used.insert(id);
    openByPalette(m_demo.session->store().ticket(id)->number);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().handoffForTicket(id).has_value(), 15000);
    const auto handoff = m_demo.session->store().handoffForTicket(id);
    if (handoff->state == HandoffState::Resolved)
        QSKIP("the handoff is already resolved");
    press(Qt::Key_Escape);
    // The console knows the handoff is open: a plain close is disabled, with the reason.
    QTRY_VERIFY(!m_window->actions().action(ui::ActionId::TicketClose)->isEnabled());
    press(Qt::Key_C);
    QVERIFY(m_demo.session->store().outboxItems().isEmpty());
    // A close queued before the handoff reached this console (as another
    // window's would be): the server refuses it (handoff_open) and the item
    // stays, failed, with the reason.
    Command close;
    close.type = CommandType::Close;
    close.ticketId = id;
    QString error;
    QVERIFY2(m_demo.session->outbox().enqueue(close, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.session->store().outboxItems().isEmpty()
                                 && m_demo.session->store().outboxItems().first().state == OutboxState::Failed,
                             20000);
    QCOMPARE(m_demo.session->store().outboxItems().first().errorCode, QStringLiteral("handoff_open"));
    QTRY_VERIFY(m_window->threadView()->shownText().contains(QLatin1String("Not sent")));
    QCOMPARE(zeiko::toString(fetch(id).status) == zeiko::toString(TicketStatus::Closed), false);

    // Outbox panel by keyboard: Ctrl+Shift+O, pick the row, Discard.
    press(Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(m_window->outboxDock()->isVisible());
    auto *panel = m_window->outboxDock()->findChild<QTableView *>(QStringLiteral("outboxView"));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(panel));
    press(Qt::Key_Down);
    auto *discard = m_window->outboxDock()->findChild<QPushButton *>(QStringLiteral("outboxDiscard"));
    QTRY_VERIFY(discard->isEnabled());
    discard->setFocus();
    press(Qt::Key_Space);
    QTRY_VERIFY(m_demo.session->store().outboxItems().isEmpty());
    press(Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(!m_window->outboxDock()->isVisible());
}

// The rows of the server's own mail queue for a ticket (read from its
// SQLite file: the queue has no API, and "no email was queued" is the point).
static int queuedMails(const ServerProcess &server, const QString &where, qint64 id)
{
    const QString name = QStringLiteral("serverdb");
    int count = -1;
    {
        QSqlDatabase db = QSqlDatabase::contains(name) ? QSqlDatabase::database(name)
                                                         : QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(server.databaseUrl().mid(int(qstrlen("sqlite:"))));
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_BUSY_TIMEOUT=15000"));
        if (db.isOpen() || db.open()) {
            QSqlQuery q(db);
            q.prepare(QStringLiteral("SELECT COUNT(*) FROM mail_queue WHERE kind = 'reply' AND %1 = ?").arg(where));
            q.addBindValue(id);
            if (q.exec() && q.next())
                count = q.value(0).toInt();
        }
    }
    return count;
}

// A real widget conversation the AI agent hands off, as the widget and the
// agent would do it (the demo data's handoffs have no live conversation).
// Ends a test's live conversation on the server, so no later test finds an
// operator at capacity because of it.
static void resolveLiveConversationOf(DemoConsole &demo, TicketId id)
{
    const auto handoff = demo.session->store().handoffForTicket(id);
    QVERIFY(handoff);
    QCOMPARE(demo.server.post(QStringLiteral("/api/v1/handoffs/%1/resolve").arg(handoff->id), "{}", demo.token).status, 200);
}

static TicketId startWidgetHandoff(DemoConsole &demo, QString *conversationId)
{
    const QString requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QJsonObject start{{QStringLiteral("clientRequestId"), requestId},
                            {QStringLiteral("visitorToken"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                            {QStringLiteral("agentId"), QStringLiteral("agent-orders")},
                            {QStringLiteral("agentName"), QStringLiteral("Order Assistant")},
                            {QStringLiteral("visitor"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Vera")},
                                                                    {QStringLiteral("email"), QStringLiteral("vera@example.com")}}},
                            {QStringLiteral("body"), QStringLiteral("My parcel never arrived, can a person help?")}};
    const HttpReply started = demo.server.post(QStringLiteral("/api/v1/widget/demo/conversations"),
                                               QJsonDocument(start).toJson(QJsonDocument::Compact));
    if (started.status != 201)
        return 0;
    *conversationId = started.json().value(QLatin1String("conversationId")).toString();
    const qint64 number = started.json().value(QLatin1String("ticketNumber")).toInteger();
    const QJsonObject handoff{{QStringLiteral("clientRequestId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                              {QStringLiteral("reason"), QStringLiteral("customer asked for a human")}};
    const HttpReply handedOff =
        demo.server.post(QStringLiteral("/api/v1/agent/conversations/%1/handoff").arg(*conversationId),
                         QJsonDocument(handoff).toJson(QJsonDocument::Compact), DemoConsole::agentToken());
    if (handedOff.status != 201)
        return 0;
    // The console learns of it through its own sync.
    TicketId id = 0;
    (void)QTest::qWaitFor([&] {
        for (const TicketRow &row : demo.session->store().ticketRows()) {
            if (row.number == number) {
                const auto ticket = demo.session->store().ticket(row.id);
                if (ticket && !ticket->handoffId.isEmpty())
                    id = row.id;
            }
        }
        return id != 0;
    }, 30000);
    return id;
}

void TestUiTriage::handoffConversationRepliesOnceOwned()
{
    QString conversationId;
    const TicketId id = startWidgetHandoff(m_demo, &conversationId);
    QVERIFY2(id, "the widget handoff did not reach the console");
    m_used.insert(id);
    openByPalette(m_demo.session->store().ticket(id)->number);
    press(Qt::Key_H);
    ui::HandoffDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ui::HandoffDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->ticketId(), id);
    // Issue 11, item 6: `h` again from the main window raises this window, never a second one.
    m_window->activateWindow();
    m_window->queueView()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
    press(Qt::Key_H);
    QTRY_VERIFY(dialog->isVisible());
    QCOMPARE(m_window->findChildren<ui::HandoffDialog *>().size(), 1);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().handoffForTicket(id).has_value(), 15000);
    // Not the owner: the box is closed, says why, and offers the take-over.
    QVERIFY(!dialog->canReply());
    QTRY_VERIFY(dialog->whyNoReply().contains(QLatin1String("take it over"), Qt::CaseInsensitive));
    auto *reply = dialog->findChild<QPlainTextEdit *>(QStringLiteral("handoffReply"));
    QVERIFY(!reply->isEnabled());
    auto *state = dialog->findChild<QLabel *>(QStringLiteral("handoffState"));
    QVERIFY(state->text().contains(dialog->whyNoReply()));
    auto *takeOver = dialog->findChild<QPushButton *>(QStringLiteral("handoffTakeOver"));
    QVERIFY(takeOver->isVisible());

    // Take over from the dialog, by keyboard; it follows the handoff's events.
    dialog->activateWindow();
    takeOver->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(takeOver));
    press(Qt::Key_Space);
    waitForOutbox();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->canReply(), 20000);
    QTRY_VERIFY(reply->isEnabled());
    QVERIFY(!takeOver->isVisible());
    QCOMPARE(fetch(id).ownerMode == OwnerMode::Human, true);

    // Reply live: queued as a chat_reply at once, shown in the conversation.
    const QString text = QStringLiteral("Hi, a human here. Let me check that for you.");
    reply->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(reply));
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(reply->toPlainText().isEmpty());
    // Queued synchronously (sending needs the event loop): a chat_reply, not an email.
    const QList<OutboxItem> queued = m_demo.session->store().outboxItems(id);
    QCOMPARE(queued.size(), 1);
    QCOMPARE(zeiko::toString(queued.first().command.type), zeiko::toString(CommandType::ChatReply));
    auto *view = dialog->findChild<ui::ThreadView *>(QStringLiteral("handoffThread"));
    QTRY_VERIFY(view->shownText().contains(text));
    waitForOutbox();

    QList<ThreadEntry> entries;
    fetch(id, &entries);
    const ThreadEntry live = newestNonMailEntry(entries);
    QCOMPARE(live.body, text);
    QCOMPARE(zeiko::toString(live.kind), zeiko::toString(EntryKind::HumanReply));
    QCOMPARE(zeiko::toString(live.visibility), zeiko::toString(Visibility::Public));

    // The customer sees it in the widget conversation ...
    const HttpReply conversation = m_demo.server.get(QStringLiteral("/api/v1/widget/conversations/%1").arg(conversationId));
    QCOMPARE(conversation.status, 200);
    bool found = false;
    for (const QJsonValue &message : conversation.json().value(QLatin1String("messages")).toArray()) {
        const QJsonObject m = message.toObject();
        if (m.value(QLatin1String("body")).toString() == text) {
            QCOMPARE(m.value(QLatin1String("role")).toString(), QStringLiteral("human"));
            found = true;
        }
    }
    QVERIFY2(found, conversation.body.constData());

    // ... and no email was queued for it. The mail worker scans replies in
    // entry order, so once an email reply written after ours is queued, ours
    // was looked at too.
    TicketId emailTicket = 0;
    for (const TicketRow &row : m_demo.session->store().ticketRows()) {
        if (row.source == Source::Email && !row.customerEmail.isEmpty() && row.status != TicketStatus::Closed
            && !m_used.contains(row.id)) {
            emailTicket = row.id;
            break;
        }
    }
    QVERIFY(emailTicket);
    m_used.insert(emailTicket);
    const HttpReply emailed = m_demo.server.post(
        QStringLiteral("/api/v1/tickets/%1/commands").arg(emailTicket),
        R"({"type":"email_reply","body":"A later email reply (barrier)."})", m_demo.token,
        QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(emailed.status, 200);
    const qint64 barrierEntry =
        emailed.json().value(QLatin1String("entry")).toObject().value(QLatin1String("id")).toInteger();
    QVERIFY(barrierEntry > live.id);
    QTRY_COMPARE_WITH_TIMEOUT(queuedMails(m_demo.server, QStringLiteral("entry_id"), barrierEntry), 1, 30000);
    QCOMPARE(queuedMails(m_demo.server, QStringLiteral("entry_id"), live.id), 0);
    QCOMPARE(queuedMails(m_demo.server, QStringLiteral("ticket_id"), id), 0);
    dialog->close();
    resolveLiveConversationOf(m_demo, id);
}

void TestUiTriage::refusedLiveReplyShowsServerReason()
{
    // Its own live conversation, owned by this console's operator: nothing
    // here depends on what an earlier test left behind (issue 12, point 6).
    QString conversationId;
    const TicketId id = startWidgetHandoff(m_demo, &conversationId);
    QVERIFY2(id, "the widget handoff did not reach the console");
    m_used.insert(id);
    // Routing may have offered it to someone else: assign it to this operator
    // (the handoff follows), then take it over (joins the live chat).
    const QString self =
        m_demo.server.get(QStringLiteral("/api/v1/me"), m_demo.token).json().value(QLatin1String("operator")).toObject().value(QLatin1String("id")).toString();
    QVERIFY(!self.isEmpty());
    const HttpReply assigned = m_demo.server.post(
        QStringLiteral("/api/v1/tickets/%1/commands").arg(id),
        QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("assign")}, {QStringLiteral("assigneeId"), self}})
            .toJson(QJsonDocument::Compact),
        m_demo.token, QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(assigned.status, 200);
    const HttpReply owned = m_demo.server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(id),
                                               R"({"type":"take_over"})", m_demo.token,
                                               QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(owned.status, 200);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().ticket(id).has_value(), 15000);
    m_window->activateWindow();   // an earlier dialog may have had the focus
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    openByPalette(m_demo.session->store().ticket(id)->number);
    press(Qt::Key_H);
    ui::HandoffDialog *dialog = nullptr;
    const auto dialogFor = [&] {
        for (ui::HandoffDialog *d : m_window->findChildren<ui::HandoffDialog *>())
            if (d->ticketId() == id && d->isVisible())
                return d;
        return static_cast<ui::HandoffDialog *>(nullptr);
    };
    QTRY_VERIFY((dialog = dialogFor()));
    QTRY_VERIFY_WITH_TIMEOUT(dialog->canReply(), 20000);
    // The ticket (and with it the live conversation) is handed to Sam on the
    // server. (Sam cannot simply take it over: a claimed conversation stays
    // with its owner unless it is reassigned.)
    QString samId;
    const QJsonArray operators =
        m_demo.server.get(QStringLiteral("/api/v1/operators"), m_demo.token).json().value(QLatin1String("operators")).toArray();
    for (const QJsonValue &op : operators)
        if (op.toObject().value(QLatin1String("email")).toString() == QLatin1String("sam@demo.zeiko.test"))
            samId = op.toObject().value(QLatin1String("id")).toString();
    QVERIFY(!samId.isEmpty());
    const HttpReply taken = m_demo.server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(id),
                                               QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("assign")},
                                                                         {QStringLiteral("assigneeId"), samId}})
                                                   .toJson(QJsonDocument::Compact),
                                               m_demo.token, QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(taken.status, 200);
    // The dialog follows: closed, naming the new owner. Taking over is not
    // offered over a colleague (issue 11, item 7): the way back is assigning
    // the ticket, and the dialog says so.
    QTRY_VERIFY_WITH_TIMEOUT(!dialog->canReply(), 20000);
    QVERIFY2(dialog->whyNoReply().contains(QLatin1String("Sam"), Qt::CaseInsensitive), qPrintable(dialog->whyNoReply()));
    QVERIFY2(dialog->whyNoReply().contains(QLatin1String("Assign the ticket to yourself")), qPrintable(dialog->whyNoReply()));
    auto *reply = dialog->findChild<QPlainTextEdit *>(QStringLiteral("handoffReply"));
    QVERIFY(!reply->isEnabled());
    QVERIFY(!dialog->findChild<QPushButton *>(QStringLiteral("handoffTakeOver"))->isVisible());

    // A live reply queued just before the change reached us: the server
    // refuses it (409 not_handoff_owner) and the dialog shows its reason.
    Command late;
    late.type = CommandType::ChatReply;
    late.ticketId = id;
    late.body = QStringLiteral("Sent after losing the conversation");
    QString error;
    QVERIFY2(m_demo.session->outbox().enqueue(late, &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.session->store().outboxItems(id).isEmpty()
                                 && m_demo.session->store().outboxItems(id).first().state == OutboxState::Failed,
                             20000);
    const OutboxItem failed = m_demo.session->store().outboxItems(id).first();
    QCOMPARE(failed.errorCode, QStringLiteral("not_handoff_owner"));
    QTRY_VERIFY(!dialog->failureText().isEmpty());
    QVERIFY2(dialog->failureText().contains(failed.errorMessage), qPrintable(dialog->failureText()));
    QVERIFY(failed.errorMessage.contains(QLatin1String("owns the live conversation")));
    auto *view = dialog->findChild<ui::ThreadView *>(QStringLiteral("handoffThread"));
    QTRY_VERIFY(view->shownText().contains(QLatin1String("Not sent")));
    QVERIFY(m_demo.session->outbox().discard(failed.id));
    QTRY_VERIFY(dialog->failureText().isEmpty());
    dialog->close();
    resolveLiveConversationOf(m_demo, id);
}

QTEST_MAIN(TestUiTriage)
#include "test_ui_triage.moc"
