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
    void handoffConversationRepliesOnceOwned();

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

void TestUiTriage::initTestCase()
{
    if (!m_demo.start()) {
        if (m_demo.error.contains(QLatin1String("not built")))
            QSKIP("zeiko-server is not built in this tree");
        QFAIL(qPrintable(m_demo.error));
    }
    m_window = std::make_unique<ui::MainWindow>(*m_demo.session, *m_demo.settings);
    m_demo.session->start();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->sync().isBootstrapped(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(m_window->queueProxy().rowCount() > 10, 10000);
    // Every ticket, by keyboard: g then a.
    m_window->queueView()->setFocus();
    press(Qt::Key_G);
    press(Qt::Key_A);
    QCOMPARE(m_window->queueProxy().view(), QueueFilterProxy::View::All);
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
    for (const TicketRow &row : m_demo.session->store().ticketRows()) {
        if (m_used.contains(row.id) || row.status != TicketStatus::Open)
            continue;
        const auto ticket = m_demo.session->store().ticket(row.id);
        if (!ticket || !ticket->handoffId.isEmpty())
            continue;
        m_used.insert(row.id);
        return row.id;
    }
    return 0;
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
    const ThreadEntry &last = entries.last();
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
    // Flip to reply and back: each mode keeps its own draft.
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(composer->mode(), ui::Composer::Mode::Reply);
    QVERIFY(composer->editor()->toPlainText().isEmpty());
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(composer->mode(), ui::Composer::Mode::Note);
    QCOMPARE(composer->editor()->toPlainText(), QStringLiteral("Customer is a VIP; check with logistics."));
    press(Qt::Key_Return, Qt::ControlModifier);
    waitForOutbox();

    QList<ThreadEntry> entries;
    const Ticket ticket = fetch(m_ticket, &entries);
    QCOMPARE(zeiko::toString(entries.last().kind), zeiko::toString(EntryKind::InternalNote));
    QCOMPARE(zeiko::toString(entries.last().visibility), zeiko::toString(Visibility::Internal));
    QCOMPARE(entries.last().body, QStringLiteral("Customer is a VIP; check with logistics."));
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
    press(Qt::Key_C);
    // The server refuses (handoff_open): the item stays, failed, with the reason.
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

void TestUiTriage::handoffConversationRepliesOnceOwned()
{
    const TicketId id = openHandoffTicket(m_demo.session->store(), m_used);
    if (!id)
        QSKIP("the demo data has no ticket with an open handoff");
    m_used.insert(id);
    openByPalette(m_demo.session->store().ticket(id)->number);
    press(Qt::Key_H);
    ui::HandoffDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ui::HandoffDialog *>()) && dialog->isVisible());
    QCOMPARE(dialog->ticketId(), id);
    QVERIFY(!dialog->canReply());
    auto *reply = dialog->findChild<QPlainTextEdit *>(QStringLiteral("handoffReply"));
    QVERIFY(!reply->isEnabled());
    // Take over from the main window; the dialog follows the ticket's events.
    m_window->activateWindow();
    QTRY_COMPARE(QApplication::activeWindow(), static_cast<QWidget *>(m_window.get()));
    m_window->queueView()->setFocus();
    press(Qt::Key_T);
    waitForOutbox();
    QTRY_VERIFY_WITH_TIMEOUT(dialog->canReply(), 20000);
    QTRY_VERIFY(reply->isEnabled());
    dialog->activateWindow();
    reply->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(reply));
    type(QStringLiteral("Hi, a human here. Let me check that for you."));
    press(Qt::Key_Return, Qt::ControlModifier);
    waitForOutbox();
    QList<ThreadEntry> entries;
    fetch(id, &entries);
    QCOMPARE(entries.last().body, QStringLiteral("Hi, a human here. Let me check that for you."));
    QCOMPARE(zeiko::toString(entries.last().visibility), zeiko::toString(Visibility::Public));
    dialog->close();
}

QTEST_MAIN(TestUiTriage)
#include "test_ui_triage.moc"
