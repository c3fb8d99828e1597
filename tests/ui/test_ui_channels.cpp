// Where a reply goes and who may take a ticket (issue 11, items 4, 7, 25),
// by keyboard against a real zeiko-server (--demo, mail spooled to files):
// the composer says per channel what the customer will get before anything
// is sent, the reply goes the way the customer can read it, every view
// labels it by what it recorded, and a colleague's ticket is not offered as
// the AI agent's to take over.

#include "models/roles.h"
#include "ui/command_palette.h"
#include "ui/composer.h"
#include "ui/handoff_dialog.h"
#include "ui/main_window.h"
#include "ui/thread_view.h"
#include "ui_test_support.h"

#include <QAction>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTreeView>
#include <QUuid>

#include <functional>

using namespace zeiko;
using namespace zeiko::test;

class TestUiChannels : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void liveReplyHasOneLabelInEveryView();
    void composerSaysWhatTheCustomerGetsOnEveryChannel();
    void colleaguesTicketIsNotOfferedForTakeOver();

private:
    QString newKey() const { return QUuid::createUuid().toString(QUuid::WithoutBraces); }
    TicketId waitForTicket(const std::function<bool(const TicketRow &)> &match);
    // A new widget chat (visitor `email`, may be empty), once this console has it.
    TicketId newWidgetChat(const QString &email, QString *conversation = nullptr);
    // A new widget chat the AI agent handed off, assigned to and taken over by alex.
    TicketId newLiveChatOfMine();
    TicketId newEmailTicket(const QString &subject);
    bool command(TicketId id, const QJsonObject &body);
    void openByPalette(TicketId id);
    // The reply the server stored with this body (kind human_reply), if any.
    std::optional<ThreadEntry> serverReply(TicketId id, const QString &body);
    int spooledMailsMentioning(const QString &text) const;
    // r, the text, Ctrl+Enter from the queue: a reply from the main composer.
    void replyFromTheComposer(const QString &text);

    // What the composer's header says will happen to the reply.
    QString composerHeader() const
    {
        return m_window->composer()->findChild<QLabel *>(QStringLiteral("composerModeHeader"))->text();
    }

    DemoConsole m_demo;
    std::unique_ptr<ui::MainWindow> m_window;
};

void TestUiChannels::initTestCase()
{
    if (!m_demo.start()) {
        if (m_demo.error.contains(QLatin1String("not built")))
            QSKIP("zeiko-server is not built in this tree");
        QFAIL(qPrintable(m_demo.error));
    }
    openWindowOnAllTickets(m_demo, m_window, QSize(1366, 768));
}

void TestUiChannels::cleanupTestCase()
{
    m_window.reset();
    if (m_demo.session)
        m_demo.session->stop();
}

void TestUiChannels::init()
{
    if (!m_window)
        return;
    // A handoff window a failed test left open must not hold the keyboard.
    for (auto *dialog : m_window->findChildren<ui::HandoffDialog *>())
        dialog->close();
    m_window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(m_window.get()));
    m_window->queueView()->setFocus();
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->queueView()));
}

TicketId TestUiChannels::waitForTicket(const std::function<bool(const TicketRow &)> &match)
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

TicketId TestUiChannels::newWidgetChat(const QString &email, QString *conversation)
{
    QJsonObject start{{QStringLiteral("clientRequestId"), newKey()},
                      {QStringLiteral("visitorToken"), newKey()},
                      {QStringLiteral("agentId"), QStringLiteral("agent-orders")},
                      {QStringLiteral("agentName"), QStringLiteral("Order Assistant")},
                      {QStringLiteral("body"), QStringLiteral("Where is my parcel? (%1)").arg(newKey())}};
    if (!email.isEmpty())
        start.insert(QStringLiteral("visitor"), QJsonObject{{QStringLiteral("name"), QStringLiteral("Nico")},
                                                            {QStringLiteral("email"), email}});
    const HttpReply started = m_demo.server.post(QStringLiteral("/api/v1/widget/demo/conversations"),
                                                 QJsonDocument(start).toJson(QJsonDocument::Compact));
    if (started.status != 201)
        return 0;
    if (conversation)
        *conversation = started.json().value(QLatin1String("conversationId")).toString();
    const qint64 number = started.json().value(QLatin1String("ticketNumber")).toInteger();
    return waitForTicket([&](const TicketRow &row) { return row.number == number; });
}

bool TestUiChannels::command(TicketId id, const QJsonObject &body)
{
    return m_demo.server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(id),
                              QJsonDocument(body).toJson(QJsonDocument::Compact), m_demo.token, newKey())
               .status
        == 200;
}

TicketId TestUiChannels::newLiveChatOfMine()
{
    QString conversation;
    const TicketId id = newWidgetChat(QStringLiteral("nico@example.com"), &conversation);
    if (!id)
        return 0;
    const QJsonObject handoff{{QStringLiteral("clientRequestId"), newKey()},
                              {QStringLiteral("reason"), QStringLiteral("customer asked for a human")}};
    if (m_demo.server.post(QStringLiteral("/api/v1/agent/conversations/%1/handoff").arg(conversation),
                           QJsonDocument(handoff).toJson(QJsonDocument::Compact), DemoConsole::agentToken())
            .status
        != 201)
        return 0;
    // Routed to whoever is next: alex takes the ticket (the handoff follows), then the chat.
    if (!command(id, {{QStringLiteral("type"), QStringLiteral("assign")},
                      {QStringLiteral("assigneeId"), m_demo.session->operatorId()}})
        || !command(id, {{QStringLiteral("type"), QStringLiteral("take_over")}}))
        return 0;
    const bool live = QTest::qWaitFor([&] {
        const auto h = m_demo.session->store().handoffForTicket(id);
        return h && h->state == HandoffState::Active && h->assignee && h->assignee->id == m_demo.session->operatorId();
    }, 30000);
    return live ? id : 0;
}

TicketId TestUiChannels::newEmailTicket(const QString &subject)
{
    const QByteArray body = QJsonDocument(QJsonObject{
        {QStringLiteral("subject"), subject},
        {QStringLiteral("customer"), QJsonObject{{QStringLiteral("email"), QStringLiteral("erin@example.com")}}},
        {QStringLiteral("source"), QStringLiteral("email")},
        {QStringLiteral("body"), QStringLiteral("Hello?")}}).toJson();
    if (m_demo.server.post(QStringLiteral("/api/v1/tickets"), body, m_demo.token, newKey()).status != 201)
        return 0;
    return waitForTicket([&](const TicketRow &row) { return row.subject == subject; });
}

void TestUiChannels::openByPalette(TicketId id)
{
    m_window->queueView()->setFocus();
    press(Qt::Key_K, Qt::ControlModifier);
    QTRY_VERIFY(m_window->commandPalette()->isVisible());
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->commandPalette()->input()));
    type(QStringLiteral("#%1").arg(m_demo.session->store().ticket(id)->number));
    press(Qt::Key_Return);
    QTRY_VERIFY(!m_window->commandPalette()->isVisible());
    QTRY_COMPARE(m_window->currentTicketId(), id);
}

std::optional<ThreadEntry> TestUiChannels::serverReply(TicketId id, const QString &body)
{
    QList<ThreadEntry> entries;
    if (!m_demo.serverTicket(id, &entries))
        return std::nullopt;
    for (const ThreadEntry &e : entries)
        if (e.kind == EntryKind::HumanReply && e.body == body)
            return e;
    return std::nullopt;
}

int TestUiChannels::spooledMailsMentioning(const QString &text) const
{
    int n = 0;
    const QDir dir(m_demo.mailSpool.path());
    for (const QString &name : dir.entryList({QStringLiteral("*.eml")}, QDir::Files)) {
        QFile file(dir.filePath(name));
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text.toUtf8()))
            ++n;
    }
    return n;
}

void TestUiChannels::replyFromTheComposer(const QString &text)
{
    press(Qt::Key_R);
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(m_window->composer()->editor()));
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    press(Qt::Key_Escape);
}

// Item 4: a live chat reply read "Email reply · sent to the customer" in the
// main thread while the handoff window said "Live reply · in the customer's
// chat". One label, the true one, in both.
void TestUiChannels::liveReplyHasOneLabelInEveryView()
{
    const TicketId chat = newLiveChatOfMine();
    QVERIFY(chat);
    openByPalette(chat);
    press(Qt::Key_H);
    ui::HandoffDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = m_window->findChild<ui::HandoffDialog *>()) && dialog->isVisible());
    QTRY_VERIFY(dialog->canReply());
    // Opened on a chat that is the operator's: the keyboard is in the reply box.
    auto *replyBox = dialog->findChild<QPlainTextEdit *>(QStringLiteral("handoffReply"));
    QTRY_COMPARE(QApplication::focusWidget(), static_cast<QWidget *>(replyBox));
    const QString text = QStringLiteral("A person here: your parcel is at the depot.");
    type(text);
    press(Qt::Key_Return, Qt::ControlModifier);
    QTRY_VERIFY_WITH_TIMEOUT(serverReply(chat, text) && m_demo.session->store().outboxItems(chat).isEmpty(), 30000);
    QCOMPARE(serverReply(chat, text)->eventStatus, QStringLiteral("live_chat"));

    const QString live = QStringLiteral("Live reply · in the customer's chat");
    auto *dialogThread = dialog->findChild<ui::ThreadView *>(QStringLiteral("handoffThread"));
    QTRY_VERIFY2(dialogThread->shownText().contains(live), qPrintable(dialogThread->shownText()));
    // The main thread says the same, and nothing about email.
    QTRY_VERIFY2(m_window->threadView()->shownText().contains(live), qPrintable(m_window->threadView()->shownText()));
    QVERIFY2(!m_window->threadView()->shownText().contains(QStringLiteral("Email reply")),
             qPrintable(m_window->threadView()->shownText()));
    press(Qt::Key_Escape);   // closes the handoff window
    QTRY_VERIFY(!m_window->findChild<ui::HandoffDialog *>() || !m_window->findChild<ui::HandoffDialog *>()->isVisible());
    QVERIFY(command(chat, {{QStringLiteral("type"), QStringLiteral("resolve_handoff")}}));   // alex is free again
}

// Item 25: on a widget ticket the composer said "EMAIL REPLY — the customer
// receives this by email", and the server never mailed it. The header says
// per channel what the customer gets, and the reply goes that way.
void TestUiChannels::composerSaysWhatTheCustomerGetsOnEveryChannel()
{
    // An email ticket: by email, to the address.
    const TicketId email = newEmailTicket(QStringLiteral("Channels: an email ticket"));
    QVERIFY(email);
    openByPalette(email);
    QTRY_COMPARE(composerHeader(), QStringLiteral("EMAIL REPLY — emailed to erin@example.com"));

    // A widget chat whose visitor left an address, no one live in it: a follow-up email.
    const TicketId followUp = newWidgetChat(QStringLiteral("fay.follow@example.com"));
    QVERIFY(followUp);
    openByPalette(followUp);
    QTRY_VERIFY2(composerHeader().startsWith(QStringLiteral("FOLLOW-UP EMAIL to fay.follow@example.com (typed by the "
                                                                  "visitor, not verified)")),
                 qPrintable(composerHeader()));
    const QString followUpText = QStringLiteral("Your parcel left the depot this morning.");
    replyFromTheComposer(followUpText);
    QTRY_VERIFY_WITH_TIMEOUT(serverReply(followUp, followUpText), 30000);
    QCOMPARE(serverReply(followUp, followUpText)->eventStatus, QStringLiteral("email"));
    QTRY_COMPARE_WITH_TIMEOUT(spooledMailsMentioning(QStringLiteral("fay.follow@example.com")), 1, 30000);
    QTRY_VERIFY(m_window->threadView()->shownText().contains(QStringLiteral("Email reply · emailed to the customer")));

    // A visitor who left no address: said before sending, in the warning colour, and kept in the chat.
    const TicketId anonymous = newWidgetChat(QString());
    QVERIFY(anonymous);
    openByPalette(anonymous);
    QTRY_VERIFY2(composerHeader().startsWith(QStringLiteral("CHAT REPLY ONLY — no email address")),
                 qPrintable(composerHeader()));
    const QString chatOnlyText = QStringLiteral("We ship to Norway in three days.");
    replyFromTheComposer(chatOnlyText);
    QTRY_VERIFY_WITH_TIMEOUT(serverReply(anonymous, chatOnlyText), 30000);
    QCOMPARE(serverReply(anonymous, chatOnlyText)->eventStatus, QStringLiteral("chat_only"));
    QTRY_VERIFY(m_window->threadView()->shownText().contains(
        QStringLiteral("Chat reply · in the website chat only, not emailed")));

    // A live chat the operator owns: the reply goes into the chat, not by email.
    const TicketId live = newLiveChatOfMine();
    QVERIFY(live);
    openByPalette(live);
    QTRY_VERIFY2(composerHeader().startsWith(QStringLiteral("LIVE CHAT REPLY")), qPrintable(composerHeader()));
    const QString liveText = QStringLiteral("I am looking at your order right now.");
    replyFromTheComposer(liveText);
    QTRY_VERIFY_WITH_TIMEOUT(serverReply(live, liveText), 30000);
    QCOMPARE(serverReply(live, liveText)->eventStatus, QStringLiteral("live_chat"));
    QVERIFY(command(live, {{QStringLiteral("type"), QStringLiteral("resolve_handoff")}}));   // alex is free again
    // Resolved: the chat is over, so a reply now is a follow-up email.
    QTRY_VERIFY2(composerHeader().startsWith(QStringLiteral("FOLLOW-UP EMAIL")), qPrintable(composerHeader()));
}

// Item 7: "Take over from the AI agent" was offered on a ticket a colleague
// owns. It says who owns it, and offers what applies.
void TestUiChannels::colleaguesTicketIsNotOfferedForTakeOver()
{
    QString meiId;
    const QJsonArray operators = m_demo.server.get(QStringLiteral("/api/v1/operators"), m_demo.token)
                                     .json().value(QLatin1String("operators")).toArray();
    for (const QJsonValue &op : operators)
        if (op.toObject().value(QLatin1String("displayName")).toString() == QLatin1String("Mei Tanaka"))
            meiId = op.toObject().value(QLatin1String("id")).toString();
    QVERIFY(!meiId.isEmpty());
    const TicketId id = newEmailTicket(QStringLiteral("Channels: Mei's ticket"));
    QVERIFY(id);
    QVERIFY(command(id, {{QStringLiteral("type"), QStringLiteral("assign")}, {QStringLiteral("assigneeId"), meiId}}));
    TicketQueueModel &model = m_window->queueModel();
    QTRY_COMPARE_WITH_TIMEOUT(model.index(model.rowOf(id), 0).data(AssigneeNameRole).toString(), QStringLiteral("Mei Tanaka"),
                              30000);
    openByPalette(id);
    press(Qt::Key_Escape);   // to the queue, where the ticket keys work

    auto *takeOver = m_window->findChild<QAction *>(QStringLiteral("action.ticket.takeOver"));
    QVERIFY(takeOver);
    QTRY_VERIFY(!takeOver->isEnabled());
    QCOMPARE(takeOver->property("disabledReason").toString(),
             QStringLiteral("Owned by Mei Tanaka — assign it to yourself to work it, or add an internal note."));
    // t does nothing to Mei's ticket...
    press(Qt::Key_T);
    QVERIFY(m_demo.session->store().outboxItems(id).isEmpty());
    // ...a (assign to me) does what applies.
    auto *assignMe = m_window->findChild<QAction *>(QStringLiteral("action.ticket.assignMe"));
    QVERIFY(assignMe && assignMe->isEnabled());
    press(Qt::Key_A);
    QTRY_VERIFY_WITH_TIMEOUT(m_demo.serverTicket(id) && m_demo.serverTicket(id)->assignee
                                 && m_demo.serverTicket(id)->assignee->id == m_demo.session->operatorId(),
                             30000);
    // Now it is alex's, and the AI agent still answers: taking over is the point.
    QTRY_VERIFY_WITH_TIMEOUT(takeOver->isEnabled(), 30000);
    QVERIFY(m_demo.serverTicket(id)->ownerMode == OwnerMode::Agent);
}

QTEST_MAIN(TestUiChannels)
#include "test_ui_channels.moc"
