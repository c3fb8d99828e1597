// "Assign to…" picks the person the operator typed (issue 11, item 2).
// The ranking is checked as a pure function over the demo's operators, whose
// emails all contain "demo.zeiko"; then, against a real zeiko-server (--demo),
// Shift+A, "mei", Enter must assign the ticket to Mei Tanaka — confirmed by
// the server — and the dialog says who will be assigned before Enter.

#include "models/roles.h"
#include "ui/assign_dialog.h"
#include "ui/command_palette.h"
#include "ui/main_window.h"
#include "ui/operator_ranking.h"
#include "ui_test_support.h"

#include <QLabel>
#include <QLineEdit>
#include <QTreeView>

using namespace zeiko;
using namespace zeiko::test;
using zeiko::ui::AssignDialog;

namespace {

Operator person(const QString &id, const QString &name, const QString &email)
{
    Operator op;
    op.id = id;
    op.displayName = name;
    op.email = email;
    return op;
}

// The demo tenant's operators, in the server's order (the signed-in one first).
QList<Operator> demoOperators()
{
    return {person(QStringLiteral("1"), QStringLiteral("Alex Rivera"), QStringLiteral("alex@demo.zeiko.test")),
            person(QStringLiteral("2"), QStringLiteral("Sam Okafor"), QStringLiteral("sam@demo.zeiko.test")),
            person(QStringLiteral("3"), QStringLiteral("Priya Natarajan"), QStringLiteral("priya@demo.zeiko.test")),
            person(QStringLiteral("4"), QStringLiteral("Jordan Lee"), QStringLiteral("jordan@demo.zeiko.test")),
            person(QStringLiteral("5"), QStringLiteral("Mei Tanaka"), QStringLiteral("mei@demo.zeiko.test"))};
}

QStringList names(const QList<Operator> &operators)
{
    QStringList result;
    for (const Operator &op : operators)
        result.append(op.displayName);
    return result;
}

} // namespace

class TestUiAssign : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void rankingSkipsTheSharedEmailDomain();
    void rankingPutsNamesBeforeEmails();
    void initTestCase();
    void cleanupTestCase();
    void shiftATypeNameEnterAssignsThatPerson();
    void dialogSaysWhoWillBeAssigned();

private:
    // Selects ticket `number` through the command palette, then back to the queue.
    void openByPalette(qint64 number);
    // An open ticket with no live handoff and not assigned to Mei, not used yet.
    std::optional<Ticket> pickTicket();
    AssignDialog *openAssignDialog();

    DemoConsole m_demo;
    std::unique_ptr<ui::MainWindow> m_window;
    QSet<TicketId> m_used;
};

void TestUiAssign::rankingSkipsTheSharedEmailDomain()
{
    // Only Mei is "mei": the letters m, e, i also occur in every "@demo.zeiko.test".
    QCOMPARE(names(ui::rankOperators(QStringLiteral("mei"), demoOperators())), QStringList{QStringLiteral("Mei Tanaka")});
    QCOMPARE(names(ui::rankOperators(QStringLiteral("MEI"), demoOperators())), QStringList{QStringLiteral("Mei Tanaka")});
    QCOMPARE(names(ui::rankOperators(QStringLiteral("ja"), demoOperators())).value(0), QStringLiteral("Jordan Lee"));
    QVERIFY(ui::rankOperators(QStringLiteral("xyz"), demoOperators()).isEmpty());
    // Typed as written, the domain still matches everyone (ranked by name).
    QCOMPARE(ui::rankOperators(QStringLiteral("demo.zeiko"), demoOperators()).size(), 5);
    QCOMPARE(names(ui::rankOperators(QStringLiteral("mei@"), demoOperators())), QStringList{QStringLiteral("Mei Tanaka")});
    // Nothing typed: everyone, by name.
    QCOMPARE(names(ui::rankOperators(QString(), demoOperators())),
             (QStringList{QStringLiteral("Alex Rivera"), QStringLiteral("Jordan Lee"), QStringLiteral("Mei Tanaka"),
                          QStringLiteral("Priya Natarajan"), QStringLiteral("Sam Okafor")}));
}

void TestUiAssign::rankingPutsNamesBeforeEmails()
{
    const QList<Operator> team{person(QStringLiteral("a"), QStringLiteral("Jordan Lee"), QStringLiteral("sam.j@example.com")),
                               person(QStringLiteral("b"), QStringLiteral("Sam Okafor"), QStringLiteral("so@example.com")),
                               person(QStringLiteral("c"), QStringLiteral("Alex Rivera"), QStringLiteral("ar@example.com"))};
    // "sam" is Sam's name and only the start of Jordan's email.
    QCOMPARE(names(ui::rankOperators(QStringLiteral("sam"), team)),
             (QStringList{QStringLiteral("Sam Okafor"), QStringLiteral("Jordan Lee")}));
    // Among names, the better match first: "lee" starts a word of Jordan Lee's
    // name and is only scattered through Alex Rivera's.
    QCOMPARE(names(ui::rankOperators(QStringLiteral("lee"), team)),
             (QStringList{QStringLiteral("Jordan Lee"), QStringLiteral("Alex Rivera")}));
    // An email's local part finds its owner.
    QCOMPARE(names(ui::rankOperators(QStringLiteral("ar"), team)).value(0), QStringLiteral("Alex Rivera"));
}

void TestUiAssign::initTestCase()
{
    if (!m_demo.start()) {
        if (m_demo.error.contains(QLatin1String("not built")))
            QSKIP("zeiko-server is not built in this tree");
        QFAIL(qPrintable(m_demo.error));
    }
    openWindowOnAllTickets(m_demo, m_window);
    if (QTest::currentTestFailed())
        return;
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->operators().size() >= 5, 20000);
}

void TestUiAssign::cleanupTestCase()
{
    m_window.reset();
    if (m_demo.session)
        m_demo.session->stop();
}

std::optional<Ticket> TestUiAssign::pickTicket()
{
    for (const TicketRow &row : m_demo.session->store().ticketRows()) {
        if (m_used.contains(row.id) || row.status != TicketStatus::Open)
            continue;
        const auto ticket = m_demo.session->store().ticket(row.id);
        if (!ticket || !ticket->handoffId.isEmpty()
            || (ticket->assignee && ticket->assignee->name == QLatin1String("Mei Tanaka")))
            continue;
        m_used.insert(row.id);
        return ticket;
    }
    return std::nullopt;
}

void TestUiAssign::openByPalette(qint64 number)
{
    m_window->queueView()->setFocus();
    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->commandPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->commandPalette()->input()));
    type(QStringLiteral("#%1").arg(number));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->commandPalette()->isVisible());
    QCOMPARE(m_window->queueView()->currentIndex().data(TicketNumberRole).toLongLong(), number);
    press(Qt::Key_Escape);   // from the thread back to the queue
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
}

AssignDialog *TestUiAssign::openAssignDialog()
{
    press(Qt::Key_A, Qt::ShiftModifier);
    AssignDialog *dialog = nullptr;
    const bool shown = QTest::qWaitFor([&] {
        dialog = m_window->findChild<AssignDialog *>(QStringLiteral("assignDialog"));
        return dialog && dialog->isVisible() && QApplication::focusWidget() == dialog->filter();
    }, 5000);
    return shown ? dialog : nullptr;
}

void TestUiAssign::shiftATypeNameEnterAssignsThatPerson()
{
    const std::optional<Ticket> picked = pickTicket();
    QVERIFY(picked);
    const Ticket ticket = *picked;
    openByPalette(ticket.number);

    QVERIFY(openAssignDialog());
    type(QStringLiteral("mei"));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->findChild<AssignDialog *>(QStringLiteral("assignDialog")));
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().outboxItems().isEmpty(), 20000);

    const auto onServer = m_demo.serverTicket(ticket.id);
    QVERIFY(onServer);
    QVERIFY(onServer->assignee);
    QCOMPARE(onServer->assignee->name, QStringLiteral("Mei Tanaka"));
    QVERIFY(onServer->assignee->id != m_demo.session->operatorId());
    QTRY_COMPARE(m_demo.session->store().ticket(ticket.id)->assignee->name, QStringLiteral("Mei Tanaka"));
}

void TestUiAssign::dialogSaysWhoWillBeAssigned()
{
    const std::optional<Ticket> picked = pickTicket();
    QVERIFY(picked);
    const Ticket ticket = *picked;
    openByPalette(ticket.number);

    AssignDialog *dialog = openAssignDialog();
    QVERIFY(dialog);
    QLabel *target = dialog->findChild<QLabel *>(QStringLiteral("assignTarget"));
    QVERIFY2(target, "the dialog does not say who will be assigned");
    type(QStringLiteral("me"));
    QCOMPARE(target->text(), QStringLiteral("Assign #%1 to Mei Tanaka").arg(ticket.number));
    type(QStringLiteral("xq"));   // "mexq": nobody
    QCOMPARE(target->text(), QStringLiteral("No operator matches “mexq”."));
    press(Qt::Key_Return);        // nothing to take: the dialog stays
    QVERIFY(dialog->isVisible());
    press(Qt::Key_Backspace);
    press(Qt::Key_Backspace);
    press(Qt::Key_Backspace);
    press(Qt::Key_Backspace);     // empty again: everyone, by name
    QCOMPARE(target->text(), QStringLiteral("Assign #%1 to Alex Rivera").arg(ticket.number));
    press(Qt::Key_Down);          // the arrows move the choice, and the line follows
    QCOMPARE(target->text(), QStringLiteral("Assign #%1 to Jordan Lee").arg(ticket.number));
    press(Qt::Key_Escape);        // cancelled: nothing is queued
    QTRY_VERIFY(!m_window->findChild<AssignDialog *>(QStringLiteral("assignDialog")));
    QVERIFY(m_demo.session->store().outboxItems().isEmpty());
    QVERIFY(m_demo.session->store().ticket(ticket.id)->assignee == ticket.assignee);
}

QTEST_MAIN(TestUiAssign)
#include "test_ui_assign.moc"
