#include "ui_test_support.h"

#include "models/queue_filter_proxy.h"
#include "net/api_types.h"

#include <QTreeView>

namespace zeiko::test {

SessionOptions DemoConsole::defaultSessionOptions()
{
    SessionOptions options;
    options.sync.pollInterval = std::chrono::milliseconds(1000);
    options.outbox.retry.initial = std::chrono::milliseconds(100);
    options.outbox.retry.maximum = std::chrono::milliseconds(500);
    return options;
}

bool DemoConsole::start()
{
#ifndef ZEIKO_SERVER_BINARY
    error = QStringLiteral("zeiko-server is not built");
    return false;
#else
    ServerProcess::Options serverOptions = demoOptions();
    serverOptions.extraArguments = {QStringLiteral("--mail-spool-dir"), mailSpool.path()};
    if (!server.start(serverOptions) || !server.addAgentToken(QStringLiteral("demo"), agentToken())) {
        error = server.errorText();
        return false;
    }
    token = server.signIn(QStringLiteral("demo"), QStringLiteral("alex@demo.zeiko.test"), QStringLiteral("demo-password"));
    if (token.isEmpty()) {
        error = QStringLiteral("demo sign-in failed");
        return false;
    }
    const HttpReply me = server.get(QStringLiteral("/api/v1/me"), token);
    if (me.status != 200) {
        error = QStringLiteral("GET /me answered %1").arg(me.status);
        return false;
    }
    const Session who = decodeSession(me.json());
    SessionIdentity identity;
    if (viaFaultProxy)
        proxy = std::make_unique<FaultProxy>(server.port());
    identity.server = proxy ? proxy->baseUrl() : server.baseUrl();
    identity.account = QStringLiteral("demo");
    identity.email = QStringLiteral("alex@demo.zeiko.test");
    identity.self = who.self;
    identity.tenant = who.tenant;
    identity.storePath = dir.filePath(QStringLiteral("cache.sqlite"));
    settings = std::make_unique<ui::ConsoleSettings>(dir.path());
    settings->setSendDelaySeconds(0);   // the undo window has its own tests
    session = openConsoleSession(identity, token, options, &error);
    return session != nullptr;
#endif
}

std::optional<Ticket> DemoConsole::serverTicket(TicketId id, QList<ThreadEntry> *entries)
{
    const HttpReply reply = server.get(QStringLiteral("/api/v1/tickets/%1").arg(id), token);
    if (reply.status != 200)
        return std::nullopt;
    const TicketDetail detail = decodeTicketDetail(reply.json());
    if (entries)
        *entries = detail.entries;
    return detail.ticket;
}

TicketId DemoConsole::pickOpenTicket(QSet<TicketId> &used)
{
    for (const TicketRow &row : session->store().ticketRows()) {
        if (used.contains(row.id) || row.status != TicketStatus::Open)
            continue;
        const auto ticket = session->store().ticket(row.id);
        if (!ticket || !ticket->handoffId.isEmpty())
            continue;
        used.insert(row.id);
        return row.id;
    }
    return 0;
}

void press(int key, Qt::KeyboardModifiers modifiers)
{
    // Window activation is asynchronous (a closing dialog hands it back).
    const bool focused = QTest::qWaitFor([] { return QApplication::focusWidget() != nullptr; }, 5000);
    QVERIFY2(focused, "no widget has the keyboard focus");
    QWidget *target = QApplication::focusWidget();
    QVERIFY2(target, "no widget has the keyboard focus");
    QTest::keyClick(target, Qt::Key(key), modifiers);
}

void type(const QString &text)
{
    const bool focused = QTest::qWaitFor([] { return QApplication::focusWidget() != nullptr; }, 5000);
    QVERIFY2(focused, "no widget has the keyboard focus");
    QVERIFY2(QApplication::focusWidget(), "no widget has the keyboard focus");
    QTest::keyClicks(QApplication::focusWidget(), text);
}

void openWindowOnAllTickets(DemoConsole &demo, std::unique_ptr<ui::MainWindow> &window, QSize size)
{
    window = std::make_unique<ui::MainWindow>(*demo.session, *demo.settings);
    demo.session->start();
    if (size.isValid())
        window->resize(size);
    window->show();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    QTRY_VERIFY_WITH_TIMEOUT(demo.session->sync().isBootstrapped(), 60000);
    QTRY_VERIFY_WITH_TIMEOUT(window->queueProxy().rowCount() > 10, 10000);
    window->queueView()->setFocus();
    press(Qt::Key_G);
    press(Qt::Key_A);
    QCOMPARE(window->queueProxy().view(), QueueFilterProxy::View::All);
}

} // namespace zeiko::test
