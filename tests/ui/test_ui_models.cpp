// The small testable pieces behind the widgets, without a server: the
// thread and outbox models (QAbstractItemModelTester), fuzzy matching,
// countdowns, the undo window, key dispatch (off while typing, chords,
// physical keys), remapping, and the composer's per-mode drafts.

#include "ui/action_registry.h"
#include "ui/composer.h"
#include "ui/console_settings.h"
#include "ui/fuzzy_match.h"
#include "ui/key_dispatcher.h"
#include "ui/outbox_model.h"
#include "ui/outbox_panel.h"
#include "ui/physical_keys.h"
#include "ui/send_delay.h"
#include "ui/sla_clock.h"
#include "models/labels.h"
#include "models/thread_model.h"

#include "models/roles.h"

#include <QAbstractItemModelTester>
#include <QLabel>
#include <QLineEdit>
#include <QMainWindow>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QVBoxLayout>

using namespace zeiko;
using namespace zeiko::ui;

namespace {

Ticket makeTicket(TicketId id)
{
    Ticket t;
    t.id = id;
    t.number = 1000 + id;
    t.key = QStringLiteral("k%1").arg(id);
    t.subject = QStringLiteral("Order %1 late").arg(id);
    t.customer = {QStringLiteral("c%1").arg(id), QStringLiteral("Kim"), QStringLiteral("kim@example.com"), {}, true};
    t.createdAt = QDateTime::currentDateTimeUtc().addSecs(-3600);
    t.lastActivityAt = t.createdAt;
    return t;
}

ThreadEntry makeEntry(EntryId id, TicketId ticket, EntryKind kind, const QString &body)
{
    ThreadEntry e;
    e.id = id;
    e.ticketId = ticket;
    e.kind = kind;
    e.author = {ActorKind::Customer, QStringLiteral("c"), QStringLiteral("Kim")};
    e.visibility = kind == EntryKind::InternalNote ? Visibility::Internal : Visibility::Public;
    e.body = body;
    e.createdAt = QDateTime::currentDateTimeUtc();
    return e;
}

} // namespace

class TestUiModels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void threadModelShowsEntriesThenPendingCommands();
    void threadModelPublicOnlyHidesNotes();
    void outboxModelCountsAndFollowsChanges();
    void fuzzyMatching();
    void ticketNumbers();
    void countdownText();
    void nextSlaDuePicksTheRace();
    void sendDelayWaitsAndUndoes();
    void sendDelayZeroSendsAtOnce();
    void outboxModelSaysWhatAWaitingItemWaitsFor();
    void composerKeepsADraftPerMode();
    void composerUndoBringsTheTextBack();
    void dispatcherIgnoresLettersWhileTyping();
    void dispatcherChords();
    void physicalKeysOnX11();
    void physicalKeysOnWayland();
    void physicalKeysOnMac();
    void physicalKeyTablesAreComplete();
    void remappedKeysPersist();

private:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<LocalStore> m_store;
    std::unique_ptr<ApiClient> m_api;       // never started outboxes: nothing is sent
    std::unique_ptr<Outbox> m_outbox;
};

void TestUiModels::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    m_store = std::make_unique<LocalStore>();
    QVERIFY2(m_store->open(m_dir->filePath(QStringLiteral("cache.sqlite"))), qPrintable(m_store->errorString()));
    m_store->upsertTickets({makeTicket(1), makeTicket(2)});
    m_api = std::make_unique<ApiClient>(QUrl(QStringLiteral("http://127.0.0.1:9")));
    m_outbox = std::make_unique<Outbox>(*m_store, *m_api);
}

void TestUiModels::cleanup()
{
    m_outbox.reset();
    m_api.reset();
    m_store.reset();
    m_dir.reset();
}

void TestUiModels::threadModelShowsEntriesThenPendingCommands()
{
    ThreadModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    model.setTicketId(1);
    QCOMPARE(model.rowCount(), 0);
    m_store->storeThread(makeTicket(1),
                         {makeEntry(10, 1, EntryKind::CustomerMessage, QStringLiteral("Where is my order?")),
                          makeEntry(11, 1, EntryKind::AgentReply, QStringLiteral("Checking.")),
                          makeEntry(12, 1, EntryKind::InternalNote, QStringLiteral("VIP"))},
                         std::nullopt);
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(model.index(0).data(BodyRole).toString(), QStringLiteral("Where is my order?"));
    QCOMPARE(zeiko::toString(EntryKind(model.index(2).data(EntryKindRole).toInt())), zeiko::toString(EntryKind::InternalNote));
    QCOMPARE(zeiko::toString(Visibility(model.index(2).data(VisibilityRole).toInt())), zeiko::toString(Visibility::Internal));

    Command reply;
    reply.requestId = QStringLiteral("11111111-1111-1111-1111-111111111111");
    reply.type = CommandType::EmailReply;
    reply.ticketId = 1;
    reply.body = QStringLiteral("On its way");
    m_store->insertOutboxItem(reply);
    Command close;
    close.requestId = QStringLiteral("22222222-2222-2222-2222-222222222222");
    close.type = CommandType::Close;
    close.ticketId = 1;
    m_store->insertOutboxItem(close);
    QCOMPARE(model.rowCount(), 5);
    QVERIFY(model.index(3).data(EntryPendingRole).toBool());
    QCOMPARE(zeiko::toString(EntryKind(model.index(3).data(EntryKindRole).toInt())), zeiko::toString(EntryKind::HumanReply));
    QVERIFY(!model.index(3).data(EntryIsActionRole).toBool());
    QVERIFY(model.index(4).data(EntryIsActionRole).toBool());
    QCOMPARE(model.index(4).data(BodyRole).toString(), labels::command(close));
    QVERIFY(model.index(4).data(OutboxItemIdRole).toLongLong() > 0);

    // Another ticket's changes leave this one alone; switching shows the other.
    model.setTicketId(2);
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::threadModelPublicOnlyHidesNotes()
{
    ThreadModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    m_store->storeThread(makeTicket(1),
                         {makeEntry(10, 1, EntryKind::CustomerMessage, QStringLiteral("Hi")),
                          makeEntry(12, 1, EntryKind::InternalNote, QStringLiteral("private"))},
                         std::nullopt);
    model.setCustomerVisibleOnly(true);
    model.setTicketId(1);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.index(0).data(BodyRole).toString(), QStringLiteral("Hi"));
}

void TestUiModels::outboxModelCountsAndFollowsChanges()
{
    OutboxModel model(*m_store);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QSignalSpy counts(&model, &OutboxModel::countsChanged);
    QCOMPARE(model.rowCount(), 0);
    Command note;
    note.requestId = QStringLiteral("33333333-3333-3333-3333-333333333333");
    note.type = CommandType::InternalNote;
    note.ticketId = 2;
    note.body = QStringLiteral("remember the refund");
    OutboxItem item = m_store->insertOutboxItem(note);
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(model.pendingCount(), 1);
    QCOMPARE(model.index(0, OutboxModel::TicketColumn).data().toString(), QStringLiteral("#1002"));
    item.state = OutboxState::Failed;
    item.errorMessage = QStringLiteral("The ticket was closed by someone else.");
    m_store->updateOutboxItem(item);
    QCOMPARE(model.failedCount(), 1);
    QCOMPARE(model.index(0, OutboxModel::ErrorColumn).data().toString(), item.errorMessage);
    QVERIFY(!counts.isEmpty());
    QCOMPARE(counts.last().at(1).toInt(), 1);
    m_store->removeOutboxItem(item.id);
    QCOMPARE(model.rowCount(), 0);
}

void TestUiModels::fuzzyMatching()
{
    QVERIFY(fuzzyScore(QStringLiteral("fc"), QStringLiteral("Force close…")));
    QVERIFY(!fuzzyScore(QStringLiteral("zz"), QStringLiteral("Force close…")));
    QVERIFY(fuzzyScore(QString(), QStringLiteral("anything")));
    QVERIFY(fuzzyScore(QStringLiteral("CLOSE"), QStringLiteral("close")));
    // Word starts beat scattered letters.
    QVERIFY(*fuzzyScore(QStringLiteral("fc"), QStringLiteral("Force close"))
            > *fuzzyScore(QStringLiteral("fc"), QStringLiteral("Refresh cache")));
    QVERIFY(*fuzzyScore(QStringLiteral("clo"), QStringLiteral("Close"))
            > *fuzzyScore(QStringLiteral("clo"), QStringLiteral("Close and go to the next ticket")));
}

void TestUiModels::ticketNumbers()
{
    QCOMPARE(ticketNumberQuery(QStringLiteral("#1042")), std::optional<qint64>(1042));
    QCOMPARE(ticketNumberQuery(QStringLiteral(" 1042 ")), std::optional<qint64>(1042));
    QVERIFY(!ticketNumberQuery(QStringLiteral("#")));
    QVERIFY(!ticketNumberQuery(QStringLiteral("10a")));
    QVERIFY(!ticketNumberQuery(QStringLiteral("close")));
    QVERIFY(!ticketNumberQuery(QStringLiteral("0")));
}

void TestUiModels::countdownText()
{
    QCOMPARE(formatCountdown(45'000), QStringLiteral("45s"));
    QCOMPARE(formatCountdown(12 * 60'000 + 5'000), QStringLiteral("12m 05s"));
    QCOMPARE(formatCountdown(3 * 3600'000 + 12 * 60'000), QStringLiteral("3h 12m"));
    QCOMPARE(formatCountdown(2 * 86400'000LL + 4 * 3600'000), QStringLiteral("2d 4h"));
    QCOMPARE(formatCountdown(-90'000), QStringLiteral("\u22121m 30s"));
}

void TestUiModels::nextSlaDuePicksTheRace()
{
    Ticket t = makeTicket(1);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    t.sla.firstResponseDue = now.addSecs(600);
    t.sla.nextResponseDue = now.addSecs(1200);
    t.sla.resolutionDue = now.addSecs(86400);
    QCOMPARE(nextSlaDue(rowOf(t)), t.sla.firstResponseDue);
    t.sla.firstRespondedAt = now;
    QCOMPARE(nextSlaDue(rowOf(t)), t.sla.nextResponseDue);
    t.sla.state = SlaState::Paused;
    QVERIFY(!nextSlaDue(rowOf(t)));
    t.sla.state = SlaState::OnTrack;
    t.status = TicketStatus::Closed;
    QVERIFY(!nextSlaDue(rowOf(t)));
}

void TestUiModels::sendDelayWaitsAndUndoes()
{
    // The message is in the outbox at once, held; undo withdraws it from there.
    FakeClock clock;
    ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:9")));
    OutboxOptions options;
    options.clock = &clock;
    Outbox outbox(*m_store, api, options);   // not started: nothing is sent
    SendDelay delay(outbox);
    delay.setDelaySeconds(5);
    QSignalSpy countdown(&delay, &SendDelay::countdown);
    QSignalSpy finished(&delay, &SendDelay::finished);
    const auto item = delay.send({1, CommandType::EmailReply, QStringLiteral("hello")});
    QVERIFY(item);
    QVERIFY(delay.isWaiting());
    QCOMPARE(m_store->outboxItems().size(), 1);
    QCOMPARE(m_store->outboxItems().constFirst().notBefore, clock.now().addSecs(5));
    QCOMPARE(countdown.last().first().toInt(), 5);
    clock.advance(std::chrono::milliseconds(1500));
    QCOMPARE(delay.secondsLeft(), 4);   // driven by the held item and the clock
    const auto back = delay.undo();
    QVERIFY(back);
    QCOMPARE(back->body, QStringLiteral("hello"));
    QVERIFY(!delay.isWaiting());
    QVERIFY(m_store->outboxItems().isEmpty());

    // Its time comes: the bar goes, the item stays queued (released), undo is over.
    delay.send({1, CommandType::InternalNote, QStringLiteral("note")});
    const int before = int(finished.size());
    clock.advance(std::chrono::seconds(5));
    QCOMPARE(finished.size(), before + 1);
    QVERIFY(!delay.isWaiting());
    QVERIFY(!delay.undo());
    QCOMPARE(m_store->outboxItems().size(), 1);

    // A second send releases the first at once: one is held at a time.
    const auto a = delay.send({1, CommandType::EmailReply, QStringLiteral("a")});
    const auto b = delay.send({2, CommandType::EmailReply, QStringLiteral("b")});
    QVERIFY(!m_store->outboxItem(a->id)->notBefore.isValid());
    QVERIFY(m_store->outboxItem(b->id)->notBefore.isValid());
    delay.commitNow();
    QVERIFY(!m_store->outboxItem(b->id)->notBefore.isValid());
    QVERIFY(!delay.isWaiting());
}

void TestUiModels::sendDelayZeroSendsAtOnce()
{
    ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:9")));
    Outbox outbox(*m_store, api);
    SendDelay delay(outbox);
    delay.setDelaySeconds(0);
    const auto item = delay.send({1, CommandType::EmailReply, QStringLiteral("now")});
    QVERIFY(item);
    QVERIFY(!item->notBefore.isValid());
    QVERIFY(!delay.isWaiting());
}

void TestUiModels::outboxModelSaysWhatAWaitingItemWaitsFor()
{
    FakeClock clock;
    OutboxModel model(*m_store, clock);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    Command close;
    close.requestId = QStringLiteral("close-1");
    close.type = CommandType::Close;
    close.ticketId = 1;
    OutboxItem refused = m_store->insertOutboxItem(close);
    refused.state = OutboxState::Failed;
    refused.errorCode = QStringLiteral("handoff_open");
    refused.errorMessage = QStringLiteral("A live handoff is still open.");
    m_store->updateOutboxItem(refused);
    Command note;
    note.requestId = QStringLiteral("note-1");
    note.type = CommandType::InternalNote;
    note.ticketId = 1;
    note.body = QStringLiteral("written offline");
    const OutboxItem waiting = m_store->insertOutboxItem(note);
    Command reply = note;
    reply.requestId = QStringLiteral("reply-2");
    reply.type = CommandType::EmailReply;
    reply.ticketId = 2;
    m_store->insertOutboxItem(reply, clock.now().addSecs(5));
    Command close2 = close;
    close2.requestId = QStringLiteral("close-2");
    close2.ticketId = 2;
    m_store->insertOutboxItem(close2);
    QCOMPARE(model.rowCount(), 4);

    const QModelIndex waitingState = model.index(model.rowOfItem(waiting.id), OutboxModel::StateColumn);
    QCOMPARE(int(Waiting(waitingState.data(OutboxModel::WaitingRole).toInt())), int(Waiting::BehindRefused));
    QCOMPARE(waitingState.data(OutboxModel::BlockerIdRole).toLongLong(), refused.id);
    const QString text = waitingState.data().toString();
    QVERIFY2(text.contains(QLatin1String("Waiting behind the refused")) && text.contains(QLatin1String("retry, edit or discard it")),
             qPrintable(text));
    QCOMPARE(model.index(waitingState.row(), OutboxModel::ErrorColumn).data().toString(),
             QStringLiteral("A live handoff is still open."));
    QVERIFY(model.index(2, OutboxModel::StateColumn).data().toString().startsWith(QLatin1String("Held")));
    QVERIFY(model.index(2, 0).data(OutboxModel::HeldRole).toBool());
    QVERIFY2(model.index(3, OutboxModel::StateColumn).data().toString().contains(QLatin1String("undo window")),
             qPrintable(model.index(3, OutboxModel::StateColumn).data().toString()));
    clock.advance(std::chrono::seconds(5));   // the hold is over: the close is just next in line
    QVERIFY(!model.index(2, 0).data(OutboxModel::HeldRole).toBool());
    QCOMPARE(int(Waiting(model.index(3, 0).data(OutboxModel::WaitingRole).toInt())), int(Waiting::ForItsTurn));

    // The panel: on the waiting note, Retry / Discard act on the refused close.
    OutboxPanel panel(model);
    QSignalSpy retry(&panel, &OutboxPanel::retryRequested);
    QSignalSpy discard(&panel, &OutboxPanel::discardRequested);
    panel.show();
    panel.selectItem(waiting.id);
    QCOMPARE(panel.currentItemId(), waiting.id);
    QCOMPARE(panel.actionTargetId(), refused.id);
    auto *retryButton = panel.findChild<QPushButton *>(QStringLiteral("outboxRetry"));
    auto *discardSelf = panel.findChild<QPushButton *>(QStringLiteral("outboxDiscardSelf"));
    QVERIFY(retryButton->isEnabled());
    QVERIFY(panel.targetHint()->isVisible());
    QVERIFY(discardSelf->isVisible());
    retryButton->click();
    QCOMPARE(retry.size(), 1);
    QCOMPARE(retry.first().first().toLongLong(), refused.id);
    discardSelf->click();
    QCOMPARE(discard.first().first().toLongLong(), waiting.id);
    // On the refused close itself, the buttons act on it and no hint is shown.
    panel.selectItem(refused.id);
    QCOMPARE(panel.actionTargetId(), refused.id);
    QVERIFY(!panel.targetHint()->isVisible());
    QVERIFY(!discardSelf->isVisible());
}

void TestUiModels::composerKeepsADraftPerMode()
{
    markdown::MarkdownRenderer renderer;
    {
        Composer composer(*m_store, *m_outbox, renderer, QString());
        composer.setTicket(1);
        composer.setMode(Composer::Mode::Reply);
        composer.editor()->setPlainText(QStringLiteral("reply draft"));
        // n (not the flip, which carries typed text into an empty mode: issue 11, item 19).
        composer.setMode(Composer::Mode::Note);
        QCOMPARE(composer.mode(), Composer::Mode::Note);
        QVERIFY(composer.editor()->toPlainText().isEmpty());
        composer.editor()->setPlainText(QStringLiteral("note draft"));
        composer.setTicket(2);
        QVERIFY(composer.editor()->toPlainText().isEmpty());
    }
    QCOMPARE(m_store->draft(1, QStringLiteral("reply")), QStringLiteral("reply draft"));
    QCOMPARE(m_store->draft(1, QStringLiteral("note")), QStringLiteral("note draft"));
    Composer again(*m_store, *m_outbox, renderer, QString());
    again.setMode(Composer::Mode::Note);
    again.setTicket(1);
    QCOMPARE(again.editor()->toPlainText(), QStringLiteral("note draft"));
    again.flipMode();   // both modes hold text: each keeps its own
    QCOMPARE(again.editor()->toPlainText(), QStringLiteral("reply draft"));
}

void TestUiModels::composerUndoBringsTheTextBack()
{
    markdown::MarkdownRenderer renderer;
    Composer composer(*m_store, *m_outbox, renderer, QString());
    composer.sendDelay().setDelaySeconds(30);
    composer.setTicket(1);
    composer.show();
    composer.focusEditor();
    QTest::keyClicks(composer.editor(), QStringLiteral("Refund sent"));
    QTest::keyClick(composer.editor(), Qt::Key_Return);   // newline
    QCOMPARE(composer.editor()->toPlainText(), QStringLiteral("Refund sent\n"));
    QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
    QVERIFY(composer.editor()->toPlainText().isEmpty());
    QVERIFY(composer.sendDelay().isWaiting());
    QVERIFY(composer.findChild<QWidget *>(QStringLiteral("composerUndoBar"))->isVisibleTo(&composer));
    QTest::keyClick(composer.editor(), Qt::Key_Z, Qt::ControlModifier);
    QCOMPARE(composer.editor()->toPlainText(), QStringLiteral("Refund sent\n"));
    QVERIFY(!composer.sendDelay().isWaiting());
    QVERIFY(m_store->outboxItems().isEmpty());   // withdrawn from the outbox
    // Sent for real this time: in the outbox at once, held, then released.
    QTest::keyClick(composer.editor(), Qt::Key_Return, Qt::ControlModifier);
    QCOMPARE(m_store->outboxItems().size(), 1);
    QVERIFY(m_store->outboxItems().constFirst().notBefore.isValid());
    composer.sendDelay().commitNow();
    const OutboxItem item = m_store->outboxItems().constFirst();
    QVERIFY(!item.notBefore.isValid());
    QCOMPARE(zeiko::toString(item.command.type), zeiko::toString(CommandType::EmailReply));
    QCOMPARE(item.command.ticketId, TicketId(1));
    QCOMPARE(item.command.body, QStringLiteral("Refund sent\n"));
}

void TestUiModels::dispatcherIgnoresLettersWhileTyping()
{
    QMainWindow window;
    auto *central = new QWidget(&window);
    auto *layout = new QVBoxLayout(central);
    auto *field = new QLineEdit(central);
    auto *list = new QWidget(central);
    list->setFocusPolicy(Qt::StrongFocus);
    layout->addWidget(field);
    layout->addWidget(list);
    window.setCentralWidget(central);
    ActionRegistry actions(&window);
    int next = 0, back = 0;
    connect(actions.add(QStringLiteral("next"), QStringLiteral("Next"), QKeySequence(Qt::Key_J), QStringLiteral("Go")),
            &QAction::triggered, this, [&next] { ++next; });
    connect(actions.add(QStringLiteral("back"), QStringLiteral("Back"), QKeySequence(Qt::Key_Escape), QStringLiteral("Go")),
            &QAction::triggered, this, [&back] { ++back; });
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_J);
    QCOMPARE(next, 1);
    field->setFocus();
    QTest::keyClick(field, Qt::Key_J);
    QCOMPARE(next, 1);
    QCOMPARE(field->text(), QStringLiteral("j"));
    QTest::keyClick(field, Qt::Key_Escape);   // Esc works even while typing
    QCOMPARE(back, 1);
    // A disabled action swallows its key but does nothing.
    actions.action(QStringLiteral("next"))->setEnabled(false);
    list->setFocus();
    QTest::keyClick(list, Qt::Key_J);
    QCOMPARE(next, 1);
    // Menus show the bare key after a tab.
    QVERIFY(actions.action(QStringLiteral("back"))->text().endsWith(QLatin1String("\tEsc")));
}

void TestUiModels::dispatcherChords()
{
    QMainWindow window;
    auto *list = new QWidget(&window);
    list->setFocusPolicy(Qt::StrongFocus);
    window.setCentralWidget(list);
    ActionRegistry actions(&window);
    int mine = 0, all = 0;
    connect(actions.add(QStringLiteral("mine"), QStringLiteral("Mine"), QKeySequence(Qt::Key_G, Qt::Key_M), QStringLiteral("View")),
            &QAction::triggered, this, [&mine] { ++mine; });
    connect(actions.add(QStringLiteral("all"), QStringLiteral("All"), QKeySequence(Qt::Key_G, Qt::Key_A), QStringLiteral("View")),
            &QAction::triggered, this, [&all] { ++all; });
    window.show();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    list->setFocus();
    QTest::keyClick(list, Qt::Key_G);
    QVERIFY(actions.dispatcher().isWaitingForChord());
    QTest::keyClick(list, Qt::Key_M);
    QCOMPARE(mine, 1);
    QTest::keyClick(list, Qt::Key_M);   // M alone is nothing
    QCOMPARE(mine, 1);
    QTest::keyClick(list, Qt::Key_G);
    QTest::keyClick(list, Qt::Key_A);
    QCOMPARE(all, 1);
    QCOMPARE(mine, 1);
}

void TestUiModels::physicalKeysOnX11()
{
    // X11 keycode 44 is the key right of the home row's index finger: 'J' on
    // US QWERTY, whatever letter the active layout prints on it.
    QCOMPARE(usKeyForScanCode(QStringLiteral("xcb"), 44, false), std::optional<Qt::Key>(Qt::Key_J));
    QCOMPARE(usKeyForScanCode(QStringLiteral("xcb"), 61, true), std::optional<Qt::Key>(Qt::Key_Question));
    QCOMPARE(usKeyForScanCode(QStringLiteral("windows"), 0x24, false), std::optional<Qt::Key>(Qt::Key_J));
    QVERIFY(!usKeyForScanCode(QStringLiteral("offscreen"), 44, false));
    QVERIFY(!usKeyForScanCode(QStringLiteral("xcb"), 0, false));
    // Without a known scan code the logical key is used; Shift folds into symbols.
    QKeyEvent question(QEvent::KeyPress, Qt::Key_Question, Qt::ShiftModifier, QStringLiteral("?"));
    QCOMPARE(shortcutCombination(&question), QKeyCombination(Qt::Key_Question));
    QKeyEvent shiftC(QEvent::KeyPress, Qt::Key_C, Qt::ShiftModifier, QStringLiteral("C"));
    QCOMPARE(shortcutCombination(&shiftC), QKeyCombination(Qt::ShiftModifier, Qt::Key_C));
}

void TestUiModels::physicalKeysOnWayland()
{
    // Wayland's xkb keycodes are X11's (evdev + 8), in nativeScanCode.
    QCOMPARE(nativeKeyCodeFor(QStringLiteral("wayland")), NativeKeyCode::XkbKeycode);
    QCOMPARE(nativeKeyCodeFor(QStringLiteral("wayland-egl")), NativeKeyCode::XkbKeycode);
    // AZERTY prints 'A' where US has 'Q' (keycode 24): the shortcut is Q's.
    QKeyEvent azertyA(QEvent::KeyPress, Qt::Key_A, Qt::NoModifier, 24, 0, 0, QStringLiteral("a"));
    QCOMPARE(shortcutCombination(&azertyA, QStringLiteral("wayland")), QKeyCombination(Qt::Key_Q));
    // Cyrillic 'о' sits on US 'J' (keycode 44).
    QKeyEvent cyrillicO(QEvent::KeyPress, Qt::Key(0x43e), Qt::NoModifier, 44, 0, 0, QStringLiteral("\u043e"));
    QCOMPARE(shortcutCombination(&cyrillicO, QStringLiteral("wayland")), QKeyCombination(Qt::Key_J));
    // Shift+/ on the US position is '?', whatever the layout prints (AZERTY: Shift+! gives §).
    QKeyEvent azertyQuestion(QEvent::KeyPress, Qt::Key_section, Qt::ShiftModifier, 61, 0, 0, QStringLiteral("\u00a7"));
    QCOMPARE(shortcutCombination(&azertyQuestion, QStringLiteral("wayland")), QKeyCombination(Qt::Key_Question));
    // Shift+letter keeps Shift (force close is Shift+C); Ctrl chords use the unshifted key.
    QKeyEvent shiftC(QEvent::KeyPress, Qt::Key_C, Qt::ShiftModifier, 54, 0, 0, QStringLiteral("C"));
    QCOMPARE(shortcutCombination(&shiftC, QStringLiteral("wayland")), QKeyCombination(Qt::ShiftModifier, Qt::Key_C));
    // The same event means nothing physical on a platform without known codes.
    QCOMPARE(shortcutCombination(&azertyA, QStringLiteral("offscreen")), QKeyCombination(Qt::Key_A));
}

void TestUiModels::physicalKeysOnMac()
{
    // macOS: the kVK_ANSI_* virtual key code (nativeVirtualKey), not the scan code.
    QCOMPARE(nativeKeyCodeFor(QStringLiteral("cocoa")), NativeKeyCode::MacVirtualKey);
    const quint32 deviceFlags = 0x100;   // what Cocoa puts in modifierFlags for any key event
    QKeyEvent cyrillicO(QEvent::KeyPress, Qt::Key(0x43e), Qt::NoModifier, 0, 0x26, deviceFlags, QStringLiteral("\u043e"));
    QCOMPARE(shortcutCombination(&cyrillicO, QStringLiteral("cocoa")), QKeyCombination(Qt::Key_J));
    // kVK_ANSI_A is 0: a real Cocoa event (flags set) is A ...
    QKeyEvent azertyQ(QEvent::KeyPress, Qt::Key_Q, Qt::NoModifier, 0, 0x00, deviceFlags, QStringLiteral("q"));
    QCOMPARE(shortcutCombination(&azertyQ, QStringLiteral("cocoa")), QKeyCombination(Qt::Key_A));
    // ... a synthesized one without native data keeps its logical key.
    QKeyEvent synthetic(QEvent::KeyPress, Qt::Key_K, Qt::NoModifier, QStringLiteral("k"));
    QCOMPARE(shortcutCombination(&synthetic, QStringLiteral("cocoa")), QKeyCombination(Qt::Key_K));
    QKeyEvent slash(QEvent::KeyPress, Qt::Key_Colon, Qt::ShiftModifier, 0, 0x2C, deviceFlags, QStringLiteral(":"));
    QCOMPARE(shortcutCombination(&slash, QStringLiteral("cocoa")), QKeyCombination(Qt::Key_Question));
    // A Mac virtual key is not a scan code: on X11 the same number is another key.
    QCOMPARE(usKeyFor(NativeKeyCode::MacVirtualKey, 0x26, false), std::optional<Qt::Key>(Qt::Key_J));
    QVERIFY(!usKeyForScanCode(QStringLiteral("cocoa"), 0x26, false));
}

void TestUiModels::physicalKeyTablesAreComplete()
{
    // Every US main-block key is reachable once from each kind of code.
    for (const NativeKeyCode kind : {NativeKeyCode::XkbKeycode, NativeKeyCode::WindowsScanCode, NativeKeyCode::MacVirtualKey}) {
        QSet<int> keys;
        for (quint32 code = 0; code < 0x80; ++code) {
            if (const auto key = usKeyFor(kind, code, false)) {
                QVERIFY2(!keys.contains(*key), qPrintable(QStringLiteral("two codes give %1").arg(QChar(*key))));
                keys.insert(*key);
            }
        }
        QCOMPARE(keys.size(), 47);
        for (int letter = Qt::Key_A; letter <= Qt::Key_Z; ++letter)
            QVERIFY2(keys.contains(letter), qPrintable(QString(QChar(letter))));
        for (int digit = Qt::Key_0; digit <= Qt::Key_9; ++digit)
            QVERIFY(keys.contains(digit));
    }
    QVERIFY(!usKeyFor(NativeKeyCode::None, 44, false));
}

void TestUiModels::remappedKeysPersist()
{
    QTemporaryDir dir;
    {
        QMainWindow window;
        ConsoleSettings settings(dir.path());
        ActionRegistry actions(&window);
        actions.add(QStringLiteral("close"), QStringLiteral("Close"), QKeySequence(Qt::Key_C), QStringLiteral("Ticket"));
        actions.add(QStringLiteral("palette"), QStringLiteral("Palette"), QKeySequence(Qt::CTRL | Qt::Key_K), QStringLiteral("App"));
        actions.setKey(QStringLiteral("close"), QKeySequence(Qt::Key_E));
        actions.setKey(QStringLiteral("palette"), QKeySequence(Qt::CTRL | Qt::Key_P));
        QVERIFY(actions.conflicts().isEmpty());
        actions.save(settings);
        settings.sync();
    }
    QMainWindow window;
    ConsoleSettings settings(dir.path());
    ActionRegistry actions(&window);
    QAction *close = actions.add(QStringLiteral("close"), QStringLiteral("Close"), QKeySequence(Qt::Key_C), QStringLiteral("Ticket"));
    QAction *palette = actions.add(QStringLiteral("palette"), QStringLiteral("Palette"), QKeySequence(Qt::CTRL | Qt::Key_K), QStringLiteral("App"));
    actions.load(settings);
    QCOMPARE(actions.key(QStringLiteral("close")), QKeySequence(Qt::Key_E));
    QCOMPARE(actions.dispatcher().actionFor(QKeySequence(Qt::Key_E)), close);
    QVERIFY(!actions.dispatcher().actionFor(QKeySequence(Qt::Key_C)));
    QCOMPARE(palette->shortcut(), QKeySequence(Qt::CTRL | Qt::Key_P));
    actions.setKey(QStringLiteral("palette"), QKeySequence(Qt::Key_E));
    QCOMPARE(actions.conflicts().size(), 2);
}

QTEST_MAIN(TestUiModels)
#include "test_ui_models.moc"
