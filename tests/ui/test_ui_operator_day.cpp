// A new operator's first day at the console (issue 11), by keyboard against
// a real zeiko-server (--demo), on a 1366×768 screen: where the keyboard goes
// when a panel closes, a window that fits the screen, a layout that does not
// jump, words that say what is true. Each test drives the real MainWindow
// with key presses and checks what the operator would see.

#include "models/roles.h"
#include "ui/command_palette.h"
#include "ui/composer.h"
#include "ui/facts_rail.h"
#include "ui/main_window.h"
#include "ui/outbox_panel.h"
#include "ui/ticket_cache.h"
#include "ui/settings_dialog.h"
#include "ui/queue_pane.h"
#include "ui/thread_view.h"
#include "ui/ticket_pane.h"
#include "ui_test_support.h"

#include <QAccessible>
#include <QDialogButtonBox>
#include <QDockWidget>
#include <QKeySequenceEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QContextMenuEvent>
#include <QPlainTextEdit>
#include <QScreen>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QToolButton>
#include <QToolBar>
#include <QTreeView>

#include <functional>

using namespace zeiko;
using namespace zeiko::test;

class TestUiOperatorDay : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void firstStartFitsTheScreen();
    void closingTheOutboxGivesTheKeyboardBack();
    void undoBarKeepsThePanesStill();
    void undoBarNamesTheTicket();
    void longTitleKeepsTheToolbarStill();
    void pendingReplyIsNotCalledSent();
    void flippingCarriesTheTextAndShowsTheOtherDraft();
    void shortcutRecorderKeepsEscAndArrowsAndRefusesConflicts();
    void queueShowsWhatTriageReadsAt1366();
    void jumpOutsideTheViewSaysSoAndGoesBack();
    void ownRepliesAndActionsLeaveTheTicketRead();
    void closeAndNextGoesToTheQueueAndSkipsWhatIsDone();
    void systemLinesSpeakHumanWords();
    void queueKeepsTheOperatorsPlaceAsTicketsArrive();
    void disabledKeysSayWhyWhereTheEyeIs();
    void paletteSaysThereIsNoSuchTicket();
    void toolbarShowsWhatAppliesAt1366();
    // Stops the server: keep it last.
    void offlineBannerKeepsTheQueueStill();

private:
    TicketId pickOpenTicket();
    // A new email ticket with this subject, once this console has it (0: not arrived).
    TicketId newTicket(const QString &subject);
    // A new live widget chat the AI agent handed off, once this console has it.
    TicketId newWidgetHandoff();
    TicketId waitForTicket(const std::function<bool(const TicketRow &)> &match);
    // The line of the shown thread that contains `words` ("" when none does).
    QString threadLineWith(const QString &words) const;
    void openByPalette(TicketId id);
    // An open ticket closed by keyboard (c), shown in the thread once the console calls it closed.
    TicketId closeATicket();
    QAction *action(ui::ActionId id) { return m_window->actions().action(id); }
    // Where `widget` is in the window now (after pending layout work).
    QRect placeOf(QWidget *widget);
    QList<QRect> paneGeometry();
    // What the composer says beside its send button (hint, undo countdown, undo notice).
    QString sendStatusText() const;

    DemoConsole m_demo;
    std::unique_ptr<ui::MainWindow> m_window;
    QSet<TicketId> m_used;
};

void TestUiOperatorDay::initTestCase()
{
    if (!m_demo.start()) {
        if (m_demo.error.contains(QLatin1String("not built")))
            QSKIP("zeiko-server is not built in this tree");
        QFAIL(qPrintable(m_demo.error));
    }
    QCOMPARE(QGuiApplication::primaryScreen()->size(), QSize(1366, 768));
    // A first start: no saved window geometry.
    QVERIFY(m_demo.settings->windowGeometry().isEmpty());
    openWindowOnAllTickets(m_demo, m_window);
}

void TestUiOperatorDay::cleanupTestCase()
{
    m_window.reset();
    if (m_demo.session)
        m_demo.session->stop();
}

void TestUiOperatorDay::init()
{
    // Every test starts in the queue, nothing typed, the outbox closed.
    if (!m_window)
        return;
    m_window->outboxDock()->hide();
    m_window->searchField()->clear();
    m_window->queueView()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
}

TicketId TestUiOperatorDay::pickOpenTicket()
{
    return m_demo.pickOpenTicket(m_used);
}

void TestUiOperatorDay::openByPalette(TicketId id)
{
    m_window->queueView()->setFocus();
    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->commandPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->commandPalette()->input()));
    type(QStringLiteral("#%1").arg(m_demo.session->store().ticket(id)->number));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->commandPalette()->isVisible());
    QTRY_COMPARE(m_window->currentTicketId(), id);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->threadView()));
}

// Item 18: the default 1400×860 is larger than a 1366×768 screen.
void TestUiOperatorDay::firstStartFitsTheScreen()
{
    const QRect available = m_window->screen()->availableGeometry();
    const QRect frame = m_window->frameGeometry();
    QVERIFY2(available.contains(frame),
             qPrintable(QStringLiteral("window %1,%2 %3×%4 is not inside the screen's %5×%6")
                            .arg(frame.x()).arg(frame.y()).arg(frame.width()).arg(frame.height())
                            .arg(available.width()).arg(available.height())));
    // And it uses the screen: not a postage stamp.
    QVERIFY(frame.width() >= available.width() * 9 / 10);
    QVERIFY(frame.height() >= available.height() * 9 / 10);
}

// Item 11: Ctrl+Shift+O closed the outbox and left the keyboard in the
// search field; the next "j j" typed "jj" and emptied the queue.
void TestUiOperatorDay::closingTheOutboxGivesTheKeyboardBack()
{
    QTreeView *queue = m_window->queueView();
    const int row = queue->currentIndex().row();
    press(Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(m_window->outboxDock()->isVisible());
    QVERIFY(m_window->outboxDock()->isAncestorOf(QApplication::focusWidget()));
    press(Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY(!m_window->outboxDock()->isVisible());
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(queue));
    press(Qt::Key_J);
    press(Qt::Key_J);
    QCOMPARE(m_window->searchField()->text(), QString());
    QCOMPARE(queue->currentIndex().row(), row + 2);

    // From the thread, it goes back to the thread.
    press(Qt::Key_Return);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->threadView()));
    press(Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QTRY_VERIFY(m_window->outboxDock()->isVisible());
    press(Qt::Key_O, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->threadView()));
    press(Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(queue));
}

QRect TestUiOperatorDay::placeOf(QWidget *widget)
{
    for (int i = 0; i < 3; ++i) {
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LayoutRequest);
        QCoreApplication::processEvents();
    }
    return QRect(widget->mapTo(m_window.get(), QPoint(0, 0)), widget->size());
}

QString TestUiOperatorDay::sendStatusText() const
{
    QStringList shown;
    for (const QLabel *label : m_window->composer()->findChildren<QLabel *>()) {
        if (label->isVisible() && label->objectName().startsWith(QLatin1String("composerUndo")))
            shown << label->text();
    }
    return shown.join(u'\n');
}

QList<QRect> TestUiOperatorDay::paneGeometry()
{
    return {placeOf(m_window->queueView()), placeOf(m_window->threadView()), placeOf(m_window->factsRail()),
            placeOf(m_window->composer()->editor()),
            placeOf(m_window->findChild<QWidget *>(QStringLiteral("ticketToolbar")))};
}

// Item 17: the undo bar resized all three panes on every send.
void TestUiOperatorDay::undoBarKeepsThePanesStill()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openByPalette(id);
    ui::Composer *composer = m_window->composer();
    composer->sendDelay().setDelaySeconds(600);   // the window outlasts the test; it is undone below
    press(Qt::Key_R);
    const QString text = QStringLiteral("Let me check that order for you.");
    type(text);
    const QList<QRect> before = paneGeometry();
    press(Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(composer->sendDelay().isWaiting());
    const QList<QRect> during = paneGeometry();
    press(Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!composer->sendDelay().isWaiting());
    composer->sendDelay().setDelaySeconds(0);
    QCOMPARE(during, before);
    QCOMPARE(paneGeometry(), before);
    press(Qt::Key_Escape);
}

// Item 20: the undo bar did not say which ticket it was for; Ctrl+Z from
// another ticket gave no feedback.
void TestUiOperatorDay::undoBarNamesTheTicket()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    const QString number = QStringLiteral("#%1").arg(m_demo.session->store().ticket(id)->number);
    openByPalette(id);
    ui::Composer *composer = m_window->composer();
    composer->sendDelay().setDelaySeconds(600);
    press(Qt::Key_R);
    const QString text = QStringLiteral("Your parcel left the warehouse today.");
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(composer->sendDelay().isWaiting());
    const QString counting = sendStatusText();
    // The operator moves on; the bar still names the ticket it is for.
    press(Qt::Key_Escape);
    press(Qt::Key_J);
    QVERIFY(m_window->currentTicketId() != id);
    const QString elsewhere = sendStatusText();
    // Ctrl+Z from there takes it back and says where the text went.
    press(Qt::Key_Z, Qt::ControlModifier);
    QVERIFY(!composer->sendDelay().isWaiting());
    composer->sendDelay().setDelaySeconds(0);
    QCOMPARE(m_demo.session->store().draft(id, QStringLiteral("reply")), text);
    QVERIFY2(counting.contains(number), qPrintable(counting));
    QVERIFY2(elsewhere.contains(number), qPrintable(elsewhere));
    QVERIFY2(sendStatusText().contains(number) && sendStatusText().contains(QLatin1String("draft")),
             qPrintable(sendStatusText()));
}

// Item 17: a two-line title moved the toolbar down.
void TestUiOperatorDay::longTitleKeepsTheToolbarStill()
{
    // A customer writes with a long subject line.
    const QString subject = QStringLiteral("Order arrived damaged and the replacement you promised last Tuesday "
                                           "never shipped either, so I am still waiting for my money back");
    const QByteArray body = QJsonDocument(QJsonObject{
        {QStringLiteral("subject"), subject},
        {QStringLiteral("customer"), QJsonObject{{QStringLiteral("email"), QStringLiteral("long.subject@example.com")}}},
        {QStringLiteral("source"), QStringLiteral("email")},
        {QStringLiteral("body"), QStringLiteral("See the subject.")}}).toJson();
    const HttpReply created = m_demo.server.post(QStringLiteral("/api/v1/tickets"), body, m_demo.token,
                                                 QUuid::createUuid().toString(QUuid::WithoutBraces));
    QCOMPARE(created.status, 201);
    TicketId longest = 0;
    QTRY_VERIFY_WITH_TIMEOUT([&] {
        for (const TicketRow &row : m_demo.session->store().ticketRows()) {
            if (row.subject == subject)
                longest = row.id;
        }
        return longest != 0;
    }(), 30000);
    TicketId shortest = 0;
    qsizetype shortLength = std::numeric_limits<qsizetype>::max();
    for (const TicketRow &row : m_demo.session->store().ticketRows()) {
        if (!row.subject.isEmpty() && row.subject.size() < shortLength)
            shortest = row.id, shortLength = row.subject.size();
    }
    QVERIFY(shortest);
    auto *title = m_window->findChild<QLabel *>(QStringLiteral("ticketTitle"));
    auto *toolbar = m_window->findChild<QWidget *>(QStringLiteral("ticketToolbar"));
    openByPalette(shortest);
    const QRect toolbarBefore = placeOf(toolbar);
    const QRect threadBefore = placeOf(m_window->threadView());
    openByPalette(longest);
    // Longer than one line at this width, or this proves nothing.
    QVERIFY(title->fontMetrics().horizontalAdvance(subject) > title->width());
    QCOMPARE(placeOf(toolbar).top(), toolbarBefore.top());
    QCOMPARE(placeOf(m_window->threadView()), threadBefore);
    QVERIFY(title->toolTip().contains(subject));   // the whole title is kept in the tooltip
    press(Qt::Key_Escape);
}

// Item 22: a reply still in the outbox read "sent to the customer".
void TestUiOperatorDay::pendingReplyIsNotCalledSent()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openByPalette(id);
    ui::Composer *composer = m_window->composer();
    composer->sendDelay().setDelaySeconds(600);   // held in the outbox: pending until undone
    press(Qt::Key_R);
    const QString text = QStringLiteral("Checking with the warehouse now.");
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(composer->sendDelay().isWaiting());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->threadView()->shownText().contains(text), 15000);
    // The header of that entry: the lines just above its body.
    const QString shown = m_window->threadView()->shownText();
    const QString header = shown.left(shown.lastIndexOf(text)).trimmed().section(u'\n', -2);
    press(Qt::Key_Z, Qt::ControlModifier);   // take it back (focus is in the editor, which has no undo left)
    QVERIFY(!composer->sendDelay().isWaiting());
    composer->sendDelay().setDelaySeconds(0);
    QVERIFY2(!header.contains(QLatin1String("sent to the customer")), qPrintable(header));
    QVERIFY2(header.contains(QLatin1String("not sent yet")), qPrintable(header));
    press(Qt::Key_Escape);
}

// Item 19: flipping reply/note with text typed hid the text in the other
// mode's draft, with no sign of it.
void TestUiOperatorDay::flippingCarriesTheTextAndShowsTheOtherDraft()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openByPalette(id);
    ui::Composer *composer = m_window->composer();
    auto *replyButton = composer->findChild<QToolButton *>(QStringLiteral("composerReplyMode"));
    auto *noteButton = composer->findChild<QToolButton *>(QStringLiteral("composerNoteMode"));
    press(Qt::Key_R);
    const QString meantAsNote = QStringLiteral("Customer was rude on the phone, handle with care.");
    type(meantAsNote);
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);   // oops, that was meant to be a note
    QCOMPARE(composer->mode(), ui::Composer::Mode::Note);
    QCOMPARE(composer->editor()->toPlainText(), meantAsNote);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(composer->editor()));
    composer->saveDrafts();
    QCOMPARE(m_demo.session->store().draft(id, QStringLiteral("reply")), QString());
    QCOMPARE(m_demo.session->store().draft(id, QStringLiteral("note")), meantAsNote);

    // Back in reply mode, the note button says the note holds a draft.
    press(Qt::Key_Escape);
    press(Qt::Key_R);
    QCOMPARE(composer->mode(), ui::Composer::Mode::Reply);
    QVERIFY2(noteButton->text().contains(QLatin1String("draft")), qPrintable(noteButton->text()));
    // Both hold text: each keeps its own, and both the button and a line say so.
    const QString reply = QStringLiteral("Thanks for your patience.");
    type(reply);
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(composer->mode(), ui::Composer::Mode::Note);
    QCOMPARE(composer->editor()->toPlainText(), meantAsNote);
    QVERIFY2(replyButton->text().contains(QLatin1String("draft")), qPrintable(replyButton->text()));
    QVERIFY2(sendStatusText().contains(QLatin1String("kept")), qPrintable(sendStatusText()));
    press(Qt::Key_N, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(composer->editor()->toPlainText(), reply);
    press(Qt::Key_Escape);
}

// Item 12: the shortcut recorder recorded Down and Esc, Esc could not close
// Settings, and a conflict only warned while OK saved it.
void TestUiOperatorDay::shortcutRecorderKeepsEscAndArrowsAndRefusesConflicts()
{
    press(Qt::Key_Comma, Qt::ControlModifier);
    QPointer<ui::SettingsDialog> dialog;   // deleted when it closes
    QTRY_VERIFY((dialog = m_window->findChild<ui::SettingsDialog *>()) && dialog->isVisible());
    auto *next = dialog->findChild<QKeySequenceEdit *>(QStringLiteral("shortcutEdit.queue.next"));
    auto *previous = dialog->findChild<QKeySequenceEdit *>(QStringLiteral("shortcutEdit.queue.previous"));
    auto *ok = dialog->findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(next && previous && ok);
    next->setFocus();   // the operator clicks into the row of "Next ticket"
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(next));

    // Down is not recorded: it moves to the next command's row.
    press(Qt::Key_Down);
    QCOMPARE(next->keySequence(), QKeySequence(Qt::Key_J));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(previous));

    // J for "Previous ticket" clashes with "Next ticket": OK is refused.
    press(Qt::Key_J);
    QCOMPARE(previous->keySequence(), QKeySequence(Qt::Key_J));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog->findChild<QLabel *>(QStringLiteral("shortcutConflicts"))->text().isEmpty());
    // Enter in the dialog (its default button, OK): refused while the conflict stands.
    QTest::keyClick(dialog, Qt::Key_Return);
    QVERIFY(dialog->isVisible());
    QVERIFY(!m_demo.settings->hasShortcut(QStringLiteral("queue.previous")));
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(previous));

    // Esc in the recorder takes the recorded key back (the dialog stays) ...
    press(Qt::Key_Escape);
    QVERIFY(dialog->isVisible());
    QCOMPARE(previous->keySequence(), QKeySequence(Qt::Key_K));
    QVERIFY(ok->isEnabled());
    // ... and with nothing recorded, Esc closes Settings, saving nothing.
    press(Qt::Key_Escape);
    QTRY_VERIFY(!dialog || !dialog->isVisible());
    QVERIFY(!m_demo.settings->hasShortcut(QStringLiteral("queue.previous")));
    QCOMPARE(m_window->actions().key(QStringLiteral("queue.previous")), QKeySequence(Qt::Key_K));
    QTRY_VERIFY(QApplication::focusWidget() && QApplication::focusWidget()->window() == m_window.get());
}

// Item 14: the subject showed ~9 characters at 1366 px while status, source
// and the sorted-by last activity were off-screen.
void TestUiOperatorDay::queueShowsWhatTriageReadsAt1366()
{
    using M = TicketQueueModel;
    QTreeView *queue = m_window->queueView();
    QHeaderView *header = queue->header();
    QCOMPARE(m_window->width(), 1366);
    const int viewport = queue->viewport()->width();
    for (int column : {M::NumberColumn, M::SlaColumn, M::SubjectColumn, M::CustomerColumn, M::AssigneeColumn}) {
        const int left = header->sectionViewportPosition(column);
        QVERIFY2(!header->isSectionHidden(column) && left >= 0 && left + header->sectionSize(column) <= viewport,
                 qPrintable(QStringLiteral("column %1 at %2+%3 is not in the %4 px list")
                                .arg(m_window->queueProxy().headerData(column, Qt::Horizontal).toString())
                                .arg(left).arg(header->sectionSize(column)).arg(viewport)));
    }
    // The subject is readable: room for 36 characters.
    const int subject = header->sectionSize(M::SubjectColumn);
    QVERIFY2(subject >= queue->fontMetrics().averageCharWidth() * 36,
             qPrintable(QStringLiteral("subject %1 px").arg(subject)));
    // Sorted by a column in view.
    QVERIFY(!header->isSectionHidden(header->sortIndicatorSection()));

    // The rest is in the columns menu: the Menu key in the list opens it.
    QContextMenuEvent menuKey(QContextMenuEvent::Keyboard, QPoint(10, 10), queue->mapToGlobal(QPoint(10, 10)));
    QApplication::sendEvent(queue, &menuKey);
    QMenu *menu = nullptr;
    QTRY_VERIFY((menu = m_window->findChild<QMenu *>(QStringLiteral("queueColumnsMenu"))) && menu->isVisible());
    QAction *status = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->text() == m_window->queueProxy().headerData(M::StatusColumn, Qt::Horizontal).toString())
            status = action;
    }
    QVERIFY(status && !status->isChecked());
    menu->setActiveAction(status);
    QTest::keyClick(menu, Qt::Key_Return);
    QVERIFY(!header->isSectionHidden(M::StatusColumn));

    // Remembered: a queue built from the saved settings shows it too.
    m_window->saveLayout();
    ui::TicketCache cache(m_demo.session->store());
    ui::QueuePane restored(m_demo.session->store(), cache, m_demo.session->operatorId());
    restored.restoreState(*m_demo.settings);
    QVERIFY(!restored.view()->header()->isSectionHidden(M::StatusColumn));
    QVERIFY(restored.view()->header()->isSectionHidden(M::SourceColumn));

    m_window->queuePane()->applyDefaultColumns();
    QVERIFY(header->isSectionHidden(M::StatusColumn));
}

// Item 27: jumping to a ticket number outside the current view switched the
// queue to All without a word.
void TestUiOperatorDay::jumpOutsideTheViewSaysSoAndGoesBack()
{
    press(Qt::Key_G);
    press(Qt::Key_M);   // Mine
    QCOMPARE(m_window->queueProxy().view(), QueueFilterProxy::View::Mine);
    const TicketId before = m_window->currentTicketId();
    // A ticket that is not mine.
    TicketId other = 0;
    for (const TicketRow &row : m_demo.session->store().ticketRows()) {
        if (!row.assignee || row.assignee->id != m_demo.session->operatorId()) {
            other = row.id;
            break;
        }
    }
    QVERIFY(other);
    openByPalette(other);
    QCOMPARE(m_window->queueProxy().view(), QueueFilterProxy::View::All);
    auto *notice = m_window->findChild<QWidget *>(QStringLiteral("queueJumpNotice"));
    QVERIFY2(notice && notice->isVisible(), "the switch to All is not said");
    const QString number = QStringLiteral("#%1").arg(m_demo.session->store().ticket(other)->number);
    const QString said = m_window->queuePane()->jumpNoticeText();
    QVERIFY2(said.contains(number) && said.contains(QLatin1String("Mine")), qPrintable(said));

    // Esc to the queue, Esc again: back to Mine, where the operator was.
    press(Qt::Key_Escape);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
    press(Qt::Key_Escape);
    QCOMPARE(m_window->queueProxy().view(), QueueFilterProxy::View::Mine);
    QVERIFY(!notice->isVisible());
    if (before)
        QCOMPARE(m_window->currentTicketId(), before);
    press(Qt::Key_G);
    press(Qt::Key_A);
}

TicketId TestUiOperatorDay::closeATicket()
{
    const TicketId id = pickOpenTicket();
    if (!id)
        return 0;
    openByPalette(id);
    press(Qt::Key_C);
    if (!QTest::qWaitFor([&] { return action(ui::ActionId::TicketReopen)->isEnabled(); }, 10000))
        return 0;
    const bool closedThere = QTest::qWaitFor(
        [&] { return m_demo.serverTicket(id) && m_demo.serverTicket(id)->status == TicketStatus::Closed; }, 30000);
    return closedThere ? id : 0;
}

// Item 13: a key whose action is disabled (o on an open ticket, Ctrl+Shift+X
// on a closed one) did nothing, without a word.
void TestUiOperatorDay::disabledKeysSayWhyWhereTheEyeIs()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openByPalette(id);
    QAction *reopen = action(ui::ActionId::TicketReopen);
    QTRY_VERIFY(!reopen->isEnabled());
    const QString reason = reopen->property("disabledReason").toString();
    QVERIFY(!reason.isEmpty());
    QWidget *looking = QApplication::focusWidget();
    QCOMPARE(looking, static_cast<QWidget *>(m_window->threadView()));

    press(Qt::Key_O);
    auto *notice = m_window->findChild<QWidget *>(QStringLiteral("actionNotice"));
    QVERIFY2(notice && notice->isVisible(), "o on an open ticket did nothing and said nothing");
    const QString said = m_window->findChild<QLabel *>(QStringLiteral("actionNoticeText"))->text();
    QVERIFY2(said.contains(reason) && said.contains(QLatin1String("Reopen")), qPrintable(said));
    // Where the eye is: over the widget that has the keyboard, inside the window, and the keyboard stays there.
    QCOMPARE(QApplication::focusWidget(), looking);
    QVERIFY(placeOf(notice).intersects(placeOf(looking)));
    QVERIFY(m_window->rect().contains(placeOf(notice)));
    // Assistive technology reads it too. (The offscreen platform has no
    // accessibility bridge, so the Alert event itself cannot be observed here.)
    QAccessibleInterface *spoken = QAccessible::queryAccessibleInterface(
        m_window->findChild<QLabel *>(QStringLiteral("actionNoticeText")));
    QVERIFY(spoken && spoken->text(QAccessible::Name).contains(reason) && !spoken->state().invisible);
    // The next key takes it away (Esc: back to the queue).
    press(Qt::Key_Escape);
    QVERIFY(!notice->isVisible());
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));

    // A Ctrl shortcut of a disabled action: close-and-next on a closed ticket.
    const TicketId closed = closeATicket();
    QVERIFY(closed);
    QAction *closeAndNext = action(ui::ActionId::TicketCloseAndNext);
    QTRY_VERIFY(!closeAndNext->isEnabled());
    m_window->queueView()->setFocus();
    press(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QVERIFY2(notice->isVisible(), "Ctrl+Shift+X on a closed ticket said nothing");
    const QString closedSaid = m_window->findChild<QLabel *>(QStringLiteral("actionNoticeText"))->text();
    QVERIFY2(closedSaid.contains(closeAndNext->property("disabledReason").toString()), qPrintable(closedSaid));
    QCOMPARE(m_window->currentTicketId(), closed);   // nothing moved
    // Beside the row the operator is on.
    QTreeView *queue = m_window->queueView();
    const QRect row(queue->viewport()->mapTo(m_window.get(), queue->visualRect(queue->currentIndex()).topLeft()),
                    queue->visualRect(queue->currentIndex()).size());
    QVERIFY(qAbs(placeOf(notice).top() - row.bottom()) < 40 || qAbs(placeOf(notice).bottom() - row.top()) < 40);
    press(Qt::Key_Escape);
    QVERIFY(!notice->isVisible());
}

// Item 13: "1042" offered "Open ticket #1042" when there is no such ticket,
// and then said so in the status bar for six seconds.
void TestUiOperatorDay::paletteSaysThereIsNoSuchTicket()
{
    qint64 highest = 0;
    for (const TicketRow &row : m_demo.session->store().ticketRows())
        highest = qMax(highest, row.number);
    const qint64 missing = highest + 1000;
    const TicketId before = m_window->currentTicketId();

    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->commandPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->commandPalette()->input()));
    type(QString::number(missing));
    QListWidget *list = m_window->commandPalette()->list();
    QStringList shown;
    for (int row = 0; row < list->count(); ++row)
        shown << list->item(row)->text();
    QVERIFY2(!shown.join(u'\n').contains(QStringLiteral("Open ticket #%1").arg(missing)),
             qPrintable(QStringLiteral("offers a ticket that does not exist: ") + shown.join(QLatin1String(" | "))));
    QVERIFY2(!shown.isEmpty() && shown.first().contains(QStringLiteral("No ticket #%1").arg(missing)),
             qPrintable(shown.join(QLatin1String(" | "))));
    // Enter opens nothing; the palette stays, saying why.
    press(Qt::Key_Return);
    QVERIFY(m_window->commandPalette()->isVisible());
    QCOMPARE(m_window->currentTicketId(), before);

    // A number that exists is offered with its subject.
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    const auto stored = m_demo.session->store().ticket(id);
    QVERIFY(stored);
    m_window->commandPalette()->input()->clear();
    type(QString::number(stored->number));
    QVERIFY(list->currentItem());
    QVERIFY2(list->currentItem()->text().contains(stored->subject), qPrintable(list->currentItem()->text()));
    press(Qt::Key_Escape);
    QTRY_VERIFY(!m_window->commandPalette()->isVisible());
}

// Item 16: at 1366 px only Reply and Note showed, Priority was missing even
// from the overflow, and on a closed ticket Reopen was in the overflow.
void TestUiOperatorDay::toolbarShowsWhatAppliesAt1366()
{
    QCOMPARE(m_window->width(), 1366);
    const TicketId closed = closeATicket();
    QVERIFY(closed);
    auto *toolbar = m_window->findChild<QWidget *>(QStringLiteral("ticketToolbar"));
    QVERIFY(toolbar);
    QVERIFY(m_window->rect().contains(placeOf(toolbar)));
    // The overflow button: ours, or QToolBar's own extension (a menu when not in a QMainWindow).
    const auto isOverflow = [](const QToolButton *button) {
        return button->objectName() == QLatin1String("ticketToolbarMore")
            || button->objectName() == QLatin1String("qt_toolbar_ext_button");
    };
    const auto onTheRow = [&] {
        QList<QAction *> actions;
        QStringList texts;
        for (QToolButton *button : toolbar->findChildren<QToolButton *>()) {
            if (!button->isVisible() || !toolbar->rect().contains(button->geometry()))
                continue;
            if (isOverflow(button))
                continue;
            texts << button->text();
            if (button->defaultAction())
                actions << button->defaultAction();
            else if (button->menu())
                actions << button->menu()->actions();   // Priority
        }
        return std::make_pair(actions, texts);
    };
    const auto inTheOverflow = [&] {
        QList<QAction *> actions;
        std::function<void(QMenu *)> collect = [&](QMenu *menu) {
            for (QAction *a : menu->actions()) {
                if (a->menu())
                    collect(a->menu());
                else if (!a->isSeparator())
                    actions << a;
            }
        };
        for (QToolButton *button : toolbar->findChildren<QToolButton *>()) {
            if (isOverflow(button) && button->menu())
                collect(button->menu());
        }
        return actions;
    };
    QTRY_VERIFY(action(ui::ActionId::TicketReopen)->isEnabled());
    QCoreApplication::processEvents();
    auto [shown, texts] = onTheRow();
    QVERIFY2(shown.contains(action(ui::ActionId::TicketReopen)),
             qPrintable(QStringLiteral("on a closed ticket at 1366 px the toolbar shows only: ") + texts.join(QLatin1String(", "))));

    // Every toolbar action and every priority: on the row or in More.
    const auto checkReachable = [&] {
        const auto [row, rowTexts] = onTheRow();
        const QList<QAction *> more = inTheOverflow();
        QStringList missing;
        const ui::ActionTable table;
        for (const ui::ActionSpec &spec : table.specs()) {
            if (!spec.onToolbar && spec.menu != ui::ActionMenu::TicketPriority)
                continue;
            QAction *a = action(spec.id);
            if (!row.contains(a) && !more.contains(a))
                missing << a->iconText();
        }
        return missing.join(QLatin1String(", "));
    };
    QVERIFY2(checkReachable().isEmpty(), qPrintable(QStringLiteral("not reachable: ") + checkReachable()));
    // Only what applies is on the row.
    for (QAction *a : std::as_const(shown))
        QVERIFY2(a->isEnabled() || a->menu(), qPrintable(a->iconText()));

    // An open ticket: Reopen gives way to Reply, Note and Close, and is still in More.
    const TicketId open = pickOpenTicket();
    QVERIFY(open);
    openByPalette(open);
    QTRY_VERIFY(!action(ui::ActionId::TicketReopen)->isEnabled());
    QCoreApplication::processEvents();
    const auto [openRow, openTexts] = onTheRow();
    for (ui::ActionId id : {ui::ActionId::ComposeReply, ui::ActionId::ComposeNote, ui::ActionId::TicketClose})
        QVERIFY2(openRow.contains(action(id)), qPrintable(action(id)->iconText() + QLatin1String(" not among ") + openTexts.join(QLatin1String(", "))));
    QVERIFY(!openRow.contains(action(ui::ActionId::TicketReopen)));
    QVERIFY2(checkReachable().isEmpty(), qPrintable(QStringLiteral("not reachable: ") + checkReachable()));
    press(Qt::Key_Escape);
}

// Item 23: the operator's own replies and actions marked the ticket unread.
void TestUiOperatorDay::ownRepliesAndActionsLeaveTheTicketRead()
{
    const TicketId id = pickOpenTicket();
    QVERIFY(id);
    openByPalette(id);
    TicketQueueModel &model = m_window->queueModel();
    const auto unread = [&] { return model.index(model.rowOf(id), 0).data(UnreadRole).toBool(); };
    QTRY_VERIFY(!unread());   // opened: read
    const auto lastActivity = [&] { return m_demo.session->store().ticketRow(id)->lastActivityMs; };

    // A reply, sent at once.
    const qint64 beforeReply = lastActivity();
    press(Qt::Key_R);
    type(QStringLiteral("We have sent a replacement today."));
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().outboxItems(id).isEmpty() && lastActivity() > beforeReply, 30000);
    QVERIFY2(!unread(), "the operator's own reply marked the ticket unread");

    // An action: priority high (2) from the queue.
    const qint64 beforeAction = lastActivity();
    press(Qt::Key_Escape);
    press(Qt::Key_2);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.session->store().outboxItems(id).isEmpty() && lastActivity() > beforeAction, 30000);
    QVERIFY2(!unread(), "the operator's own action marked the ticket unread");
}

TicketId TestUiOperatorDay::waitForTicket(const std::function<bool(const TicketRow &)> &match)
{
    TicketId found = 0;
    (void)QTest::qWaitFor([&] {
        for (const TicketRow &row : m_demo.session->store().ticketRows()) {
            if (match(row))
                found = row.id;
        }
        return found != 0;
    }, 30000);
    return found;
}

TicketId TestUiOperatorDay::newTicket(const QString &subject)
{
    const QByteArray body = QJsonDocument(QJsonObject{
        {QStringLiteral("subject"), subject},
        {QStringLiteral("customer"), QJsonObject{{QStringLiteral("email"), QStringLiteral("next.please@example.com")}}},
        {QStringLiteral("source"), QStringLiteral("email")},
        {QStringLiteral("body"), QStringLiteral("Where is my order?")}}).toJson();
    const HttpReply created = m_demo.server.post(QStringLiteral("/api/v1/tickets"), body, m_demo.token,
                                                 QUuid::createUuid().toString(QUuid::WithoutBraces));
    if (created.status != 201)
        return 0;
    return waitForTicket([&](const TicketRow &row) { return row.subject == subject; });
}

TicketId TestUiOperatorDay::newWidgetHandoff()
{
    const QJsonObject start{{QStringLiteral("clientRequestId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                            {QStringLiteral("visitorToken"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                            {QStringLiteral("agentId"), QStringLiteral("agent-orders")},
                            {QStringLiteral("agentName"), QStringLiteral("Order Assistant")},
                            {QStringLiteral("visitor"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Nico")},
                                                                    {QStringLiteral("email"), QStringLiteral("nico@example.com")}}},
                            {QStringLiteral("body"), QStringLiteral("Can a person look at my refund?")}};
    const HttpReply started = m_demo.server.post(QStringLiteral("/api/v1/widget/demo/conversations"),
                                                 QJsonDocument(start).toJson(QJsonDocument::Compact));
    if (started.status != 201)
        return 0;
    const QString conversation = started.json().value(QLatin1String("conversationId")).toString();
    const qint64 number = started.json().value(QLatin1String("ticketNumber")).toInteger();
    const QJsonObject handoff{{QStringLiteral("clientRequestId"), QUuid::createUuid().toString(QUuid::WithoutBraces)},
                              {QStringLiteral("reason"), QStringLiteral("customer asked for a human")}};
    if (m_demo.server.post(QStringLiteral("/api/v1/agent/conversations/%1/handoff").arg(conversation),
                           QJsonDocument(handoff).toJson(QJsonDocument::Compact), DemoConsole::agentToken())
            .status != 201)
        return 0;
    return waitForTicket([&](const TicketRow &row) {
        if (row.number != number)
            return false;
        const auto ticket = m_demo.session->store().ticket(row.id);
        return ticket && !ticket->handoffId.isEmpty();
    });
}

// Item 24: close-and-next from the composer left the cursor in the next
// ticket's reply box (the next "j j" typed "jj" into a customer reply), and
// "next" was the next row even when that was closed or a live chat a human
// is already in.
void TestUiOperatorDay::closeAndNextGoesToTheQueueAndSkipsWhatIsDone()
{
    // Newest first (by number): current, a closed one, a live chat taken over, then the one to work on.
    const TicketId toWork = newTicket(QStringLiteral("Close and next: the one to work on"));
    QVERIFY(toWork);
    const TicketId liveChat = newWidgetHandoff();
    QVERIFY(liveChat);
    // Routed to whoever is next; assigned to alex first (the handoff follows), so alex may take it over.
    const QByteArray assign = QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("assign")},
                                                        {QStringLiteral("assigneeId"), m_demo.session->operatorId()}})
                                  .toJson(QJsonDocument::Compact);
    QCOMPARE(m_demo.server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(liveChat), assign, m_demo.token,
                                QUuid::createUuid().toString(QUuid::WithoutBraces)).status, 200);
    QCOMPARE(m_demo.server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(liveChat), R"({"type":"take_over"})",
                                m_demo.token, QUuid::createUuid().toString(QUuid::WithoutBraces)).status, 200);
    const TicketId done = newTicket(QStringLiteral("Close and next: already closed"));
    QVERIFY(done);
    QCOMPARE(m_demo.server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(done), R"({"type":"close"})",
                                m_demo.token, QUuid::createUuid().toString(QUuid::WithoutBraces)).status, 200);
    const TicketId current = newTicket(QStringLiteral("Close and next: answered now"));
    QVERIFY(current);
    m_used << toWork << liveChat << done << current;
    TicketQueueModel &model = m_window->queueModel();
    const auto facts = [&](TicketId id) {
        return model.index(model.rowOf(id), 0).data(TicketFactsRole).value<rules::TicketFacts>();
    };
    QTRY_VERIFY_WITH_TIMEOUT(facts(done).status == TicketStatus::Closed, 30000);
    QTRY_VERIFY_WITH_TIMEOUT(facts(liveChat).handoff && facts(liveChat).handoff->state == HandoffState::Active, 30000);

    openByPalette(current);
    // The rows below are the closed ticket and the live chat, in that order, or this proves nothing.
    const QueueFilterProxy &proxy = m_window->queueProxy();
    const int row = m_window->queueView()->currentIndex().row();
    QCOMPARE(proxy.index(row + 1, 0).data(TicketIdRole).toLongLong(), done);
    QCOMPARE(proxy.index(row + 2, 0).data(TicketIdRole).toLongLong(), liveChat);
    QCOMPARE(proxy.index(row + 3, 0).data(TicketIdRole).toLongLong(), toWork);

    // Answer, send, close and next — all from the composer.
    press(Qt::Key_R);
    type(QStringLiteral("Refund issued, you will see it in three days."));
    press(Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->composer()->editor()));
    press(Qt::Key_X, Qt::ControlModifier | Qt::ShiftModifier);
    QCOMPARE(m_window->currentTicketId(), toWork);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
    // "j j" moves through the queue; nothing is typed anywhere.
    press(Qt::Key_J);
    press(Qt::Key_J);
    QCOMPARE(m_window->composer()->editor()->toPlainText(), QString());
    m_window->composer()->saveDrafts();
    QCOMPARE(m_demo.session->store().draft(toWork, QStringLiteral("reply")), QString());
    QCOMPARE(m_window->queueView()->currentIndex().row(), proxy.mapFromSource(model.index(model.rowOf(toWork), 0)).row() + 2);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.serverTicket(current) && m_demo.serverTicket(current)->status == TicketStatus::Closed,
                             30000);

    // The live chat ends here, so no later test finds alex at capacity.
    const auto handoff = m_demo.session->store().handoffForTicket(liveChat);
    QVERIFY(handoff);
    QCOMPARE(m_demo.server.post(QStringLiteral("/api/v1/handoffs/%1/resolve").arg(handoff->id), "{}", m_demo.token).status,
             200);
}

QString TestUiOperatorDay::threadLineWith(const QString &words) const
{
    for (const QString &line : m_window->threadView()->shownText().split(u'\n')) {
        if (line.contains(words))
            return line;
    }
    return {};
}

// Item 21: system lines showed raw markdown and ids ("**agent-billing**
// requested a human"), raw wire values ("from normal to high") and the AI
// agent by its id where the queue shows its name.
void TestUiOperatorDay::systemLinesSpeakHumanWords()
{
    // A live chat the AI agent hands off; it gave its name when the chat started, not again.
    const TicketId chat = newWidgetHandoff();
    QVERIFY(chat);
    m_used << chat;
    openByPalette(chat);
    const QString requested = QStringLiteral("requested a human");
    QTRY_VERIFY_WITH_TIMEOUT(!threadLineWith(requested).isEmpty(), 15000);
    const QString handoffLine = threadLineWith(requested);
    QVERIFY2(handoffLine.contains(QLatin1String("Order Assistant requested a human")), qPrintable(handoffLine));
    QVERIFY2(!handoffLine.contains(QLatin1String("**")) && !handoffLine.contains(QLatin1String("agent-orders")),
             qPrintable(handoffLine));
    // Its state in words, not the wire value in brackets.
    QVERIFY2(!handoffLine.contains(QLatin1String("(requested)")) && !handoffLine.contains(QLatin1String("(assigned)")),
             qPrintable(handoffLine));
    QVERIFY2(handoffLine.contains(QLatin1String("(handoff ")), qPrintable(handoffLine));
    // The reason and how it was routed are two sentences, not one run-on line.
    QVERIFY2(handoffLine.contains(QStringLiteral("customer asked for a human · ")), qPrintable(handoffLine));
    const auto handoff = m_demo.session->store().handoffForTicket(chat);
    QVERIFY(handoff);
    QCOMPARE(m_demo.server.post(QStringLiteral("/api/v1/handoffs/%1/resolve").arg(handoff->id), "{}", m_demo.token).status,
             200);
    // The server's "CSAT requested" in words an operator uses.
    const QString resolvedWords = QStringLiteral("resolved the conversation");
    QTRY_VERIFY_WITH_TIMEOUT(!threadLineWith(resolvedWords).isEmpty(), 30000);
    const QString resolvedLine = threadLineWith(resolvedWords);
    QVERIFY2(resolvedLine.contains(QLatin1String("a rating was asked for")) && !resolvedLine.contains(QLatin1String("CSAT")),
             qPrintable(resolvedLine));

    // Priority high, from the queue: the server writes "changed the priority from normal to high".
    const TicketId id = newTicket(QStringLiteral("System lines: a priority change"));
    QVERIFY(id);
    m_used << id;
    openByPalette(id);
    TicketQueueModel &model = m_window->queueModel();
    QVERIFY(Priority(model.index(model.rowOf(id), 0).data(PriorityRole).toInt()) == Priority::Normal);
    press(Qt::Key_Escape);
    press(Qt::Key_2);
    press(Qt::Key_Return);
    const QString changed = QStringLiteral("changed the priority");
    QTRY_VERIFY_WITH_TIMEOUT(!threadLineWith(changed).isEmpty() && m_demo.session->store().outboxItems(id).isEmpty(), 30000);
    const QString priorityLine = threadLineWith(changed);
    QVERIFY2(priorityLine.contains(QLatin1String("from Normal to High")), qPrintable(priorityLine));
    press(Qt::Key_Escape);
}

// Item 15: rows re-sorted under the cursor as traffic arrived. The selected
// ticket stays selected at the same height on screen, and what arrived above
// it is counted on a pill that Tab reaches and Enter takes to the top.
void TestUiOperatorDay::queueKeepsTheOperatorsPlaceAsTicketsArrive()
{
    QTreeView *queue = m_window->queueView();
    // Newest ticket number first (the default): new tickets sort on top.
    queue->header()->setSortIndicator(TicketQueueModel::NumberColumn, Qt::DescendingOrder);
    press(Qt::Key_Home);
    for (int i = 0; i < 8; ++i)
        press(Qt::Key_J);
    const TicketId selected = m_window->currentTicketId();
    QVERIFY(selected);
    QCOMPARE(queue->currentIndex().row(), 8);
    const int top = queue->visualRect(queue->currentIndex()).top();
    QVERIFY(queue->viewport()->rect().contains(queue->visualRect(queue->currentIndex())));
    QSet<TicketId> aboveBefore;
    for (int row = 0; row < queue->currentIndex().row(); ++row)
        aboveBefore.insert(m_window->queueProxy().index(row, 0).data(TicketIdRole).toLongLong());

    // Traffic: three new tickets through the server's REST API, each its own burst.
    const QString tag = QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
    for (int i = 1; i <= 3; ++i)
        QVERIFY(newTicket(QStringLiteral("Arrived while reading %1 (%2)").arg(i).arg(tag)));

    QCOMPARE(m_window->currentTicketId(), selected);
    QCOMPARE(queue->currentIndex().data(TicketIdRole).toLongLong(), selected);
    QCOMPARE(queue->selectionModel()->selectedRows().size(), 1);
    QVERIFY2(queue->currentIndex().row() >= 8 + 3, "the new tickets did not sort above the selected one");
    // Same height on screen, to the pixel.
    QCOMPARE(queue->visualRect(queue->currentIndex()).top(), top);

    // Counted: whatever is above now that was not before (the demo may add more).
    int arrived = 0;
    for (int row = 0; row < queue->currentIndex().row(); ++row)
        arrived += aboveBefore.contains(m_window->queueProxy().index(row, 0).data(TicketIdRole).toLongLong()) ? 0 : 1;
    QVERIFY(arrived >= 3);
    auto *pill = m_window->findChild<QPushButton *>(QStringLiteral("queueArrivalsPill"));
    QVERIFY2(pill && pill->isVisible(), "no count of the arrivals above");
    QVERIFY2(pill->text().contains(QStringLiteral("%1 new above").arg(arrived)), qPrintable(pill->text()));
    QVERIFY(pill->accessibleName().contains(QString::number(arrived)));
    // Over the list, not pushing it down.
    QCOMPARE(pill->parentWidget(), static_cast<QWidget *>(queue));

    // By keyboard: Tab from the list to the pill, Enter goes to the top; the
    // ticket stays selected and the count is gone.
    press(Qt::Key_Tab);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(pill));
    press(Qt::Key_Return);
    QCOMPARE(queue->verticalScrollBar()->value(), queue->verticalScrollBar()->minimum());
    QVERIFY(!pill->isVisible());
    QCOMPARE(m_window->currentTicketId(), selected);
    QCOMPARE(QApplication::focusWidget(), static_cast<QWidget *>(queue));

    // Scrolling to the top by hand clears the count too.
    press(Qt::Key_Home);
    for (int i = 0; i < 8; ++i)
        press(Qt::Key_J);
    QVERIFY(newTicket(QStringLiteral("Arrived while reading 4 (%1)").arg(tag)));
    QTRY_VERIFY(pill->isVisible());
    queue->verticalScrollBar()->setValue(0);
    QVERIFY(!pill->isVisible());
}

// Item 17: the offline banner pushed the queue down.
void TestUiOperatorDay::offlineBannerKeepsTheQueueStill()
{
    QTreeView *queue = m_window->queueView();
    auto *banner = m_window->findChild<QWidget *>(QStringLiteral("offlineBanner"));
    QVERIFY(!banner->isVisible());
    press(Qt::Key_Home);   // a row near the top, which the banner below the list cannot cover
    press(Qt::Key_J);
    const QRect view = placeOf(queue);
    const QRect row = queue->visualRect(queue->currentIndex());
    QCOMPARE(m_demo.server.stop(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(banner->isVisible(), 60000);
    QCOMPARE(placeOf(queue).topLeft(), view.topLeft());
    QCOMPARE(queue->visualRect(queue->currentIndex()).top(), row.top());
    // The selected row is still in sight.
    QVERIFY(queue->viewport()->rect().contains(queue->visualRect(queue->currentIndex())));
}

// The suite runs on a 1366×768 screen, the smallest the console is used on
// (the offscreen platform's default screen is 800×600).
int main(int argc, char **argv)
{
    QTemporaryDir screenDir;
    const QString config = screenDir.filePath(QStringLiteral("screen.json"));
    QFile file(config);
    if (!file.open(QIODevice::WriteOnly)
        || file.write(R"({"windowFrameMargins": false, "screens": [{"name": "laptop", "x": 0, "y": 0,
                         "width": 1366, "height": 768, "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]})")
               < 0)
        return 2;
    file.close();
    qputenv("QT_QPA_PLATFORM", "offscreen:configfile=" + QFile::encodeName(config));
    QApplication app(argc, argv);
    app.setAttribute(Qt::AA_Use96Dpi, true);
    TestUiOperatorDay test;
    QTEST_SET_MAIN_SOURCE_PATH
    return QTest::qExec(&test, argc, argv);
}

#include "test_ui_operator_day.moc"
