#pragma once
// Shared by the ui suites: a real demo server, a signed-in ConsoleSession (from
// openConsoleSession(), as the console builds it) on a
// throwaway cache, and keyboard helpers that type into whatever has focus.

#include "support/fault_proxy.h"
#include "support/server_process.h"
#include "session/console_session.h"
#include "ui/console_settings.h"
#include "ui/main_window.h"

#include <QApplication>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

namespace zeiko::test {

struct DemoConsole {
    // The AI agents' service token the server is started with (widget handoffs).
    static QString agentToken() { return QStringLiteral("ui-tests-agent-token"); }

    ServerProcess server;
    QTemporaryDir dir;
    QTemporaryDir mailSpool;   // the server "sends" mail as .eml files here
    QString token;
    std::unique_ptr<ui::ConsoleSettings> settings;
    std::unique_ptr<ConsoleSession> session;
    QString error;
    // Set before start(): the session's timings (the suites' defaults below),
    // and whether it reaches the server through a FaultProxy (`proxy`, to
    // take the network away and give it back).
    SessionOptions options = defaultSessionOptions();
    bool viaFaultProxy = false;
    std::unique_ptr<FaultProxy> proxy;

    static SessionOptions defaultSessionOptions();

    // Starts the server with demo data, signs in as alex and opens a session.
    bool start();
    // GET /api/v1/tickets/{id} as the signed-in operator.
    std::optional<Ticket> serverTicket(TicketId id, QList<ThreadEntry> *entries = nullptr);
    // An open ticket with no handoff that is not in `used` (then added to it); 0 if none.
    TicketId pickOpenTicket(QSet<TicketId> &used);
};

inline ServerProcess::Options demoOptions()
{
    ServerProcess::Options options;
    options.demo = true;
    return options;
}

// Opens the console's main window on demo's started session (at `size` if
// given), waits until it is synced and the queue is filled, and switches the
// queue to every ticket by keyboard (g a) — the start every window suite
// shares. A failure fails the calling test: check QTest::currentTestFailed().
void openWindowOnAllTickets(DemoConsole &demo, std::unique_ptr<ui::MainWindow> &window, QSize size = {});

// Sends a key to the widget that has focus now (as a user would).
void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier);
void type(const QString &text);

} // namespace zeiko::test
