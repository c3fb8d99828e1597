#pragma once
// Shared pieces of the console-core end-to-end suites: a real zeiko-server
// (ServerProcess), an optional FaultProxy in front of it, and the console's
// own ConsoleSession (openConsoleSession(), as the application builds it)
// with test-friendly timings talking to either.

#include "domain/codecs.h"
#include "net/api_types.h"
#include "support/fault_proxy.h"
#include "support/server_process.h"
#include "session/console_session.h"

#include <QJsonArray>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QUrlQuery>
#include <QUuid>

namespace zeiko::e2e {

using namespace std::chrono_literals;

inline const QString demoAccount = QStringLiteral("demo");
inline const QString demoEmail = QStringLiteral("alex@demo.zeiko.test");
inline const QString demoPassword = QStringLiteral("demo-password");

inline test::ServerProcess::Options demoServer()
{
    test::ServerProcess::Options options;
    options.demo = true;
    options.extraArguments = {QStringLiteral("--heartbeat-seconds"), QStringLiteral("1")};
    return options;
}

inline SessionOptions fastSession()
{
    SessionOptions options;
    options.api.transferTimeout = 5000ms;
    options.stream.heartbeatInterval = 1000ms;   // matches --heartbeat-seconds 1
    options.stream.reconnect = Backoff{100ms, 500ms, 0.2, {}};
    options.sync.pollInterval = 200ms;
    options.sync.snapshotPageSize = 7;           // several pages even for the demo data
    options.outbox.retry = Backoff{50ms, 300ms, 0.2, {}};
    return options;
}

// The signed-in demo operator, as the server knows it.
struct Operator {
    QString token;
    QString id;
};

inline Operator signInDemo(test::ServerProcess &server)
{
    const test::HttpReply reply = server.post(QStringLiteral("/api/v1/auth/sign-in"),
                                              QJsonDocument(QJsonObject{{QStringLiteral("account"), demoAccount},
                                                                        {QStringLiteral("email"), demoEmail},
                                                                        {QStringLiteral("password"), demoPassword}})
                                                  .toJson(QJsonDocument::Compact));
    if (reply.status != 200)
        return {};
    const SignInResult result = decodeSignIn(parseJsonObject(reply.body));
    return {result.token, result.session.self.id};
}

inline TicketDetail serverTicket(test::ServerProcess &server, const QString &token, TicketId id)
{
    return decodeTicketDetail(parseJsonObject(server.get(QStringLiteral("/api/v1/tickets/%1").arg(id), token).body));
}

inline Seq serverHead(test::ServerProcess &server, const QString &token)
{
    return decode<EventPage>(server.get(QStringLiteral("/api/v1/events?after=0&limit=1"), token).body).head;
}

inline QList<Ticket> serverTickets(test::ServerProcess &server, const QString &token)
{
    QList<Ticket> tickets;
    QString cursor;
    do {
        QString path = QStringLiteral("/api/v1/tickets?limit=500");
        if (!cursor.isEmpty())
            path += QStringLiteral("&cursor=") + QString::fromUtf8(QUrl::toPercentEncoding(cursor));
        const TicketListPage page = decodeTicketList(parseJsonObject(server.get(path, token).body));
        tickets += page.tickets;
        cursor = page.nextCursor;
    } while (!cursor.isEmpty());
    return tickets;
}

// The session the console builds at sign-in, for `op` on `server`, caching in `storePath`.
inline std::unique_ptr<ConsoleSession> openSession(const QUrl &server, const Operator &op, const QString &storePath,
                                                   const SessionOptions &options = fastSession())
{
    SessionIdentity identity;
    identity.server = server;
    identity.account = demoAccount;
    identity.email = demoEmail;
    identity.self.id = op.id;
    identity.storePath = storePath;
    QString error;
    std::unique_ptr<ConsoleSession> session = openConsoleSession(identity, op.token, options, &error);
    if (!session)
        qWarning() << error;
    return session;
}

// A change made by "someone else": a note posted straight to the server.
inline bool postNote(test::ServerProcess &server, const QString &token, TicketId id, const QString &body)
{
    const QJsonObject command{{QStringLiteral("type"), QStringLiteral("internal_note")}, {QStringLiteral("body"), body}};
    return server.post(QStringLiteral("/api/v1/tickets/%1/commands").arg(id), QJsonDocument(command).toJson(QJsonDocument::Compact),
                       token, QUuid::createUuid().toString(QUuid::WithoutBraces))
               .status == 200;
}

inline bool storeHasEntry(LocalStore &store, TicketId id, const QString &body)
{
    for (const ThreadEntry &entry : store.entries(id)) {
        if (entry.body == body)
            return true;
    }
    return false;
}

// Every cached ticket equals the server's copy and the cursor is at the head.
inline bool storeMatchesServer(LocalStore &store, test::ServerProcess &server, const QString &token, QString *why)
{
    const QList<Ticket> remote = serverTickets(server, token);
    if (store.ticketCount() != remote.size()) {
        *why = QStringLiteral("ticket count %1 != %2").arg(store.ticketCount()).arg(remote.size());
        return false;
    }
    for (const Ticket &ticket : remote) {
        const auto local = store.ticket(ticket.id);
        if (!local || local->version != ticket.version) {
            *why = QStringLiteral("ticket %1 version %2 != %3").arg(ticket.id).arg(local ? local->version : -1).arg(ticket.version);
            return false;
        }
    }
    const Seq head = serverHead(server, token);
    if (store.cursor() != head) {
        *why = QStringLiteral("cursor %1 != head %2").arg(store.cursor()).arg(head);
        return false;
    }
    return true;
}

} // namespace zeiko::e2e
