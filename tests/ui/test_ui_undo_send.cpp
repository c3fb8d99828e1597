// Reply, then close inside the undo window, by keyboard against a real
// zeiko-server (--demo): the reply is in the outbox at once, held, and the
// close queues behind it, so the server gets the reply first (it refuses
// replies on closed tickets). Undo takes back only the reply. A reply the
// server refuses stays in the outbox and the thread with its reason, and the
// composer — where the operator is looking — says so.

#include "models/roles.h"
#include "ui/composer.h"
#include "ui/main_window.h"
#include "ui/outbox_model.h"
#include "ui/thread_view.h"
#include "ui_test_support.h"

#include <QDockWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <QTreeView>
#include <QUuid>

using namespace zeiko;
using namespace zeiko::test;

class TestUiUndoSend : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void replyThenCloseAndNextDeliversTheReplyFirst();
    void undoTakesBackTheReplyAndKeepsTheClose();
    void aRefusedReplyIsSaidWhereTheOperatorLooks();

private:
    TicketId pickOpenTicket();
    void openTicket(TicketId id);
    // Every command of the ticket was answered: sent, or refused and kept.
    void waitUntilSettled(TicketId id);
    Ticket fetch(TicketId id, QList<ThreadEntry> *entries = nullptr);

    DemoConsole m_demo;
    std::unique_ptr<ui::MainWindow> m_window;
    QSet<TicketId> m_used;
};

// Long enough that the close below is issued well inside the window; the
// outbox releases the reply itself when it ends.
static constexpr int kUndoSeconds = 2;

void TestUiUndoSend::initTestCase()
{
    if (!m_demo.start()) {
        if (m_demo.error.contains(QLatin1String("not built")))
            QSKIP("zeiko-server is not built in this tree");
        QFAIL(qPrintable(m_demo.error));
    }
    m_demo.settings->setSendDelaySeconds(kUndoSeconds);
    openWindowOnAllTickets(m_demo, m_window);
}

void TestUiUndoSend::cleanupTestCase()
{
    m_window.reset();
    if (m_demo.session)
        m_demo.session->stop();
}

Ticket TestUiUndoSend::fetch(TicketId id, QList<ThreadEntry> *entries)
{
    const auto ticket = m_demo.serverTicket(id, entries);
    if (!ticket)
        qFatal("ticket %lld not readable from the server", id);
    return *ticket;
}

TicketId TestUiUndoSend::pickOpenTicket()
{
    return m_demo.pickOpenTicket(m_used);
}

void TestUiUndoSend::openTicket(TicketId id)
{
    // Ctrl+K, "#N", Enter: the command palette opens the ticket.
    m_window->queueView()->setFocus();
    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget()->window() != m_window.get());
    type(QStringLiteral("#%1").arg(m_demo.session->store().ticket(id)->number));
    press(Qt::Key_Return);
    QTRY_COMPARE(m_window->currentTicketId(), id);
    QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget()->window() == m_window.get());
}

void TestUiUndoSend::waitUntilSettled(TicketId id)
{
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
            for (const OutboxItem &item : m_demo.session->store().outboxItems(id)) {
                if (item.state != OutboxState::Failed)
                    return false;
            }
            return true;
        }(),
        30000);
}

void TestUiUndoSend::replyThenCloseAndNextDeliversTheReplyFirst()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openTicket(id);
    const QString text = QStringLiteral("Your refund is on its way (sent just before closing).");
    press(Qt::Key_R);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->composer()->editor()));
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    press(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);   // at once: close and next
    QVERIFY(m_window->currentTicketId() != id);

    // The reply is in the outbox first, held; the close waits behind it and says so.
    const QList<OutboxItem> queued = m_demo.session->store().outboxItems(id);
    QStringList order;
    for (const OutboxItem &item : queued)
        order << zeiko::toString(item.command.type);
    QCOMPARE(order, (QStringList{QStringLiteral("email_reply"), QStringLiteral("close")}));
    ui::OutboxModel &outbox = *m_window->findChild<ui::OutboxModel *>();
    const QModelIndex close = outbox.index(outbox.rowOfItem(queued.at(1).id), ui::OutboxModel::StateColumn);
    QCOMPARE(int(Waiting(close.data(ui::OutboxModel::WaitingRole).toInt())), int(Waiting::BehindHeld));

    waitUntilSettled(id);
    const QList<OutboxItem> left = m_demo.session->store().outboxItems(id);
    QVERIFY2(left.isEmpty(), qPrintable(QStringLiteral("refused: %1 — %2")
                                            .arg(zeiko::toString(left.value(0).command.type), left.value(0).errorMessage)));
    QList<ThreadEntry> entries;
    const Ticket ticket = fetch(id, &entries);
    QCOMPARE(zeiko::toString(ticket.status), zeiko::toString(TicketStatus::Closed));
    const bool delivered = std::any_of(entries.cbegin(), entries.cend(), [&](const ThreadEntry &e) {
        return e.kind == EntryKind::HumanReply && e.body == text;
    });
    QVERIFY2(delivered, "the reply is not in the server's thread");
    press(Qt::Key_Escape);
}

void TestUiUndoSend::undoTakesBackTheReplyAndKeepsTheClose()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openTicket(id);
    const QString text = QStringLiteral("On second thought, not this.");
    press(Qt::Key_R);
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    press(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_demo.session->store().outboxItems(id).size(), 2);
    // Ctrl+Z in the undo window, from wherever the close-and-next left the focus.
    QVERIFY(m_window->composer()->sendDelay().isWaiting());
    if (QApplication::focusWidget() != m_window->composer()->editor())
        press(Qt::Key_R);
    press(Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!m_window->composer()->sendDelay().isWaiting());
    const QList<OutboxItem> queued = m_demo.session->store().outboxItems(id);
    QVERIFY(!queued.isEmpty());
    QCOMPARE(zeiko::toString(queued.first().command.type), zeiko::toString(CommandType::Close));   // still queued
    QCOMPARE(m_demo.session->store().draft(id, QStringLiteral("reply")), text);   // the text is back in its draft

    waitUntilSettled(id);
    QVERIFY(m_demo.session->store().outboxItems(id).isEmpty());
    QList<ThreadEntry> entries;
    QCOMPARE(zeiko::toString(fetch(id, &entries).status), zeiko::toString(TicketStatus::Closed));
    QVERIFY(std::none_of(entries.cbegin(), entries.cend(), [&](const ThreadEntry &e) { return e.body == text; }));
    press(Qt::Key_Escape);
}

void TestUiUndoSend::aRefusedReplyIsSaidWhereTheOperatorLooks()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openTicket(id);
    // Someone closes it on the server; our reply, written meanwhile, is refused.
    const HttpReply closed = m_demo.server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(id), R"({"type":"close"})",
                                                m_demo.token, QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(closed.status, 200);
    const QString text = QStringLiteral("A reply the server will refuse.");
    press(Qt::Key_R);
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    press(Qt::Key_Escape);   // the operator moves on
    press(Qt::Key_J);
    QTRY_VERIFY_WITH_TIMEOUT(!m_demo.session->store().outboxItems(id).isEmpty()
                                 && m_demo.session->store().outboxItems(id).first().state == OutboxState::Failed,
                             30000);
    const OutboxItem refused = m_demo.session->store().outboxItems(id).first();
    QCOMPARE(refused.command.body, text);   // kept, with the server's reason
    QVERIFY(!refused.errorMessage.isEmpty());
    // Said in the composer, on whatever ticket the operator is on now.
    QTRY_VERIFY(m_window->composer()->refusalText().contains(refused.errorMessage));
    QCOMPARE(m_window->composer()->shownRefusalItemId(), refused.id);
    // "Show" leads to the ticket and the refused row of the outbox.
    auto *show = m_window->composer()->findChild<QPushButton *>(QStringLiteral("composerRefusedShow"));
    show->setFocus();
    press(Qt::Key_Space);
    QCOMPARE(m_window->currentTicketId(), id);
    QTRY_VERIFY(m_window->outboxDock()->isVisible());
    auto *view = m_window->outboxDock()->findChild<QTableView *>(QStringLiteral("outboxView"));
    QCOMPARE(view->currentIndex().data(ui::OutboxModel::ItemIdRole).toLongLong(), refused.id);
    QTRY_VERIFY(m_window->threadView()->shownText().contains(QLatin1String("Not sent")));
    // Discarding it (the operator's decision) clears the notice.
    auto *discard = m_window->outboxDock()->findChild<QPushButton *>(QStringLiteral("outboxDiscard"));
    discard->setFocus();
    press(Qt::Key_Space);
    QTRY_VERIFY(m_demo.session->store().outboxItems(id).isEmpty());
    QTRY_VERIFY(m_window->composer()->refusalText().isEmpty());
}

QTEST_MAIN(TestUiUndoSend)
#include "test_ui_undo_send.moc"
