// Every REST endpoint of docs/api.md against the real zeiko-server binary
// over real sockets, on a SQLite file seeded with the demo tenant.

#include "domain/codecs.h"
#include "support/postgres.h"
#include "support/server_process.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSet>
#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

QString newKey()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QByteArray json(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

class ServerApiTest : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TemporaryPostgresDatabase> pg;   // ZEIKO_TEST_ON_POSTGRES builds only
    ServerProcess server;
    QString token;        // alex, admin of tenant demo
    QString otherToken;   // bob, tenant other

    HttpReply command(qint64 ticketId, const QJsonObject &body, const QString &key = newKey(), const QString &as = {})
    {
        return server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId), json(body), as.isEmpty() ? token : as, key);
    }

    Ticket createTicket(const QString &subject = u"Printer on fire"_s, const QString &as = {})
    {
        const HttpReply reply = server.post(
            u"/api/v1/tickets"_s,
            json({{u"subject"_s, subject},
                  {u"customer"_s, QJsonObject{{u"email"_s, u"casey@example.com"_s}, {u"name"_s, u"Casey"_s}}},
                  {u"source"_s, u"email"_s},
                  {u"body"_s, u"It is **on fire**."_s}}),
            as.isEmpty() ? token : as, newKey());
        if (reply.status != 201)
            qWarning() << "create failed" << reply.status << reply.body;
        return decode<CommandResult>(reply.body).ticket;
    }

    Seq head(const QString &as = {})
    {
        return server.get(u"/api/v1/events?after=0&limit=1"_s, as.isEmpty() ? token : as).json().value(u"head"_s).toInteger();
    }

    // How many events of one ticket the log holds after `after`. Tests count
    // these rather than compare log heads: the demo's SLA timer appends events
    // of other tickets at any time.
    int eventsOfTicketAfter(TicketId ticketId, Seq after)
    {
        int count = 0;
        for (;;) {
            const EventPage page = decode<EventPage>(server.get(u"/api/v1/events?after=%1&limit=500"_s.arg(after), token).body);
            for (const Event &event : page.events)
                count += event.ticketId == ticketId ? 1 : 0;
            if (page.events.isEmpty())
                return count;
            after = page.events.last().seq;
        }
    }

    // A demo ticket in `status` without a linked handoff that no earlier test touched.
    QSet<qint64> used;
    // `agentsOnly`: a ticket no operator is assigned (take_over of a colleague's is refused anyway).
    std::optional<Ticket> freshTicketIn(TicketStatus status, bool agentsOnly = false)
    {
        QString cursor;
        for (int page = 0; page < 20; ++page) {
            const HttpReply reply = server.get(
                u"/api/v1/tickets?status=%1&limit=100%2"_s.arg(toString(status), cursor.isEmpty() ? QString() : u"&cursor="_s + cursor),
                token);
            const QJsonArray tickets = reply.json().value(u"tickets"_s).toArray();
            for (const QJsonValue &value : tickets) {
                const Ticket t = fromJson<Ticket>(value.toObject());
                const bool operatorsTicket = t.assignee && t.assignee->kind == ActorKind::Operator;
                if (t.handoffId.isEmpty() && !used.contains(t.id) && !(agentsOnly && operatorsTicket)) {
                    used.insert(t.id);
                    return t;
                }
            }
            cursor = reply.json().value(u"nextCursor"_s).toString();
            if (cursor.isEmpty())
                break;
        }
        return std::nullopt;
    }

private slots:
    void initTestCase()
    {
        ServerProcess::Options options = ServerProcess::Options::withDemo();
#ifdef ZEIKO_TEST_ON_POSTGRES
        if (!TemporaryPostgresDatabase::configured())
            QSKIP("ZEIKO_TEST_POSTGRES_URL is not set");
        pg = std::make_unique<TemporaryPostgresDatabase>();
        QVERIFY2(pg->isValid(), qPrintable(pg->errorText()));
        options.databaseUrl = pg->url();
#endif
        QVERIFY2(server.start(options), qPrintable(server.errorText()));
        token = server.signIn(u"demo"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s);
        QVERIFY(!token.isEmpty());
        QByteArray output;
        QCOMPARE(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"other"_s, u"--name"_s, u"Other Co"_s}, &output), 0);
        QCOMPARE(server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"other"_s, u"--email"_s,
                                    u"bob@other.test"_s, u"--name"_s, u"Bob"_s, u"--role"_s, u"admin"_s},
                                   &output, {{u"ZEIKO_OPERATOR_PASSWORD"_s, u"other-password"_s}}),
                 0);
        otherToken = server.signIn(u"other"_s, u"bob@other.test"_s, u"other-password"_s);
        QVERIFY(!otherToken.isEmpty());
        // Right after start the SLA timer announces the demo's overdue tickets
        // (~100 events; seconds on a loaded machine). Tests below compare the
        // log head before and after a request, so let that burst pass first.
        for (int round = 0; round < 60; ++round) {
            const Seq before = head();
            QTest::qWait(1000);
            if (head() == before)
                break;
        }
    }

    void cleanupTestCase()
    {
        if (!server.isRunning())
            return;   // skipped
        const QByteArray log = server.standardError();
        QCOMPARE(server.stop(), 0);   // SIGTERM: graceful, exit code 0
        // One line per request, never a token or a password.
        QVERIFY(server.standardError().contains("zeiko.serve info: stopped"));
        QVERIFY(log.contains("tenant=demo POST /api/v1/tickets/{id}/commands -> 200"));
        QVERIFY(!log.contains(token.toUtf8()));
        QVERIFY(!log.contains("demo-password"));
        QVERIFY(!log.contains("It is **on fire**"));
    }

    void healthz()
    {
        const HttpReply reply = server.get(u"/healthz"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"status"_s).toString(), u"ok"_s);
    }

    // /healthz is liveness (never the database); /readyz is readiness: it
    // answers 503 while the database cannot be read, and 200 again after.
    void readyzChecksTheDatabase()
    {
        HttpReply reply = server.get(u"/readyz"_s);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"status"_s).toString(), u"ready"_s);
        if (!server.databaseUrl().startsWith(u"sqlite:"_s))
            return;   // the failure below is made on the SQLite file

        // Take the table the check reads away under the running server.
        const QString path = server.databaseUrl().mid(int(qstrlen("sqlite:")));
        const auto renameTenants = [&](const QString &from, const QString &to) {
            const QString name = u"readyz-%1"_s.arg(to);
            {
                QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
                db.setDatabaseName(path);
                db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);   // the server may be writing
                QVERIFY(db.open());
                QSqlQuery q(db);
                QVERIFY2(q.exec(u"ALTER TABLE %1 RENAME TO %2"_s.arg(from, to)), qPrintable(q.lastError().text()));
                db.close();
            }
            QSqlDatabase::removeDatabase(name);
        };
        renameTenants(u"tenants"_s, u"tenants_away"_s);
        reply = server.get(u"/readyz"_s);
        const HttpReply alive = server.get(u"/healthz"_s);
        renameTenants(u"tenants_away"_s, u"tenants"_s);
        QCOMPARE(reply.status, 503);
        QCOMPARE(reply.json().value(u"status"_s).toString(), u"unavailable"_s);
        QCOMPARE(reply.json().value(u"reason"_s).toString(), u"database"_s);
        QVERIFY(!reply.body.contains("tenants"));   // no driver text to an unauthenticated caller
        QCOMPARE(alive.status, 200);
        QCOMPARE(server.get(u"/readyz"_s).status, 200);
    }

    void signInReturnsTokenOperatorAndTenant()
    {
        const HttpReply reply = server.post(u"/api/v1/auth/sign-in"_s,
                                            json({{u"account"_s, u"DEMO"_s},
                                                  {u"email"_s, u"Alex@demo.zeiko.test"_s},
                                                  {u"password"_s, u"demo-password"_s}}));
        QCOMPARE(reply.status, 200);
        const QJsonObject body = reply.json();
        QVERIFY(body.value(u"token"_s).toString().size() >= 40);
        const Operator op = fromJson<Operator>(body.value(u"operator"_s).toObject());
        QCOMPARE(op.email, u"alex@demo.zeiko.test"_s);
        QCOMPARE(toString(op.role), toString(OperatorRole::Admin));
        QCOMPARE(fromJson<Tenant>(body.value(u"tenant"_s).toObject()).slug, u"demo"_s);
    }

    void signInRefusesWrongCredentials()
    {
        for (const auto &[account, email, password] :
             {std::tuple{u"demo"_s, u"alex@demo.zeiko.test"_s, u"wrong-password"_s},
              std::tuple{u"demo"_s, u"nobody@demo.zeiko.test"_s, u"demo-password"_s},
              std::tuple{u"nope"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s},
              std::tuple{u"other"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s}}) {
            const HttpReply reply = server.post(u"/api/v1/auth/sign-in"_s,
                                                json({{u"account"_s, account}, {u"email"_s, email}, {u"password"_s, password}}));
            QCOMPARE(reply.status, 401);
            QCOMPARE(reply.errorCode(), u"unauthorized"_s);
        }
        const HttpReply missing = server.post(u"/api/v1/auth/sign-in"_s, json({{u"account"_s, u"demo"_s}}));
        QCOMPARE(missing.status, 400);
        QCOMPARE(missing.errorCode(), u"invalid_field"_s);
        QVERIFY(missing.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"email"_s));
    }

    void authenticatedRoutesNeedALiveToken()
    {
        const QStringList routes{u"/api/v1/me"_s, u"/api/v1/operators"_s, u"/api/v1/tickets"_s, u"/api/v1/tickets/1"_s,
                                 u"/api/v1/tickets/1/entries"_s, u"/api/v1/snapshot"_s, u"/api/v1/events"_s};
        for (const QString &route : routes) {
            QCOMPARE(server.get(route).status, 401);
            const HttpReply invalid = server.get(route, u"not-a-token"_s);
            QCOMPARE(invalid.status, 401);
            QCOMPARE(invalid.errorCode(), u"unauthorized"_s);
        }
        QCOMPARE(server.post(u"/api/v1/tickets/1/commands"_s, "{}", {}, newKey()).status, 401);
        QCOMPARE(server.post(u"/api/v1/auth/sign-out"_s, {}).status, 401);
    }

    void signOutRevokesTheToken()
    {
        const QString temporary = server.signIn(u"demo"_s, u"sam@demo.zeiko.test"_s, u"demo-password"_s);
        QVERIFY(!temporary.isEmpty());
        QCOMPARE(server.get(u"/api/v1/me"_s, temporary).status, 200);
        QCOMPARE(server.post(u"/api/v1/auth/sign-out"_s, {}, temporary).status, 204);
        const HttpReply after = server.get(u"/api/v1/me"_s, temporary);
        QCOMPARE(after.status, 401);
        QCOMPARE(after.errorCode(), u"unauthorized"_s);
        QCOMPARE(server.get(u"/api/v1/me"_s, token).status, 200);   // other sessions live on
    }

    void meAndOperators()
    {
        const HttpReply me = server.get(u"/api/v1/me"_s, token);
        QCOMPARE(me.status, 200);
        QCOMPARE(fromJson<Operator>(me.json().value(u"operator"_s).toObject()).displayName, u"Alex Rivera"_s);
        QCOMPARE(fromJson<Tenant>(me.json().value(u"tenant"_s).toObject()).name, u"Demo Store"_s);
        const HttpReply ops = server.get(u"/api/v1/operators"_s, token);
        QCOMPARE(ops.status, 200);
        QCOMPARE(ops.json().value(u"operators"_s).toArray().size(), 5);
        QCOMPARE(server.get(u"/api/v1/operators"_s, otherToken).json().value(u"operators"_s).toArray().size(), 1);
    }

    void createTicketAndReadIt()
    {
        const QString key = newKey();
        const HttpReply reply = server.post(
            u"/api/v1/tickets"_s,
            json({{u"subject"_s, u""_s},   // an email with no subject is still a ticket
                  {u"customer"_s, QJsonObject{{u"email"_s, u"dana@example.com"_s}, {u"name"_s, u"Dana"_s}}},
                  {u"source"_s, u"widget"_s},
                  {u"priority"_s, u"urgent"_s},
                  {u"body"_s, u"| a | b |\n|---|---|\n| 1 | 2 |"_s}}),
            token, key);
        QCOMPARE(reply.status, 201);
        const CommandResult result = decode<CommandResult>(reply.body);
        QVERIFY(result.ticket.id > 0);
        QVERIFY(result.ticket.number > 600);
        QCOMPARE(result.ticket.key.size(), 32);   // 128-bit hex
        QCOMPARE(toString(result.ticket.status), toString(TicketStatus::Open));
        QCOMPARE(toString(result.ticket.priority), toString(Priority::Urgent));
        QCOMPARE(result.ticket.version, 1);
        QCOMPARE(toString(result.ticket.sla.state), toString(SlaState::OnTrack));
        QVERIFY(result.ticket.sla.firstResponseDue);
        QCOMPARE(result.ticket.createdAt.secsTo(*result.ticket.sla.firstResponseDue), 3600);   // urgent: 1 h
        QCOMPARE(result.ticket.createdAt.secsTo(*result.ticket.sla.resolutionDue), 4 * 3600);
        QVERIFY(result.entry);
        QCOMPARE(toString(result.entry->kind), toString(EntryKind::CustomerMessage));
        QCOMPARE(result.entry->requestId, key);
        // Its event is the ticket_created of this ticket, with the request's key.
        const EventPage at = decode<EventPage>(server.get(u"/api/v1/events?after=%1&limit=1"_s.arg(result.seq - 1), token).body);
        QCOMPARE(at.events.size(), 1);
        QCOMPARE(at.events.first().seq, result.seq);
        QCOMPARE(toString(at.events.first().type), toString(EventType::TicketCreated));
        QCOMPARE(at.events.first().ticketId, result.ticket.id);
        QCOMPARE(at.events.first().requestId, key);

        const HttpReply detail = server.get(u"/api/v1/tickets/%1"_s.arg(result.ticket.id), token);
        QCOMPARE(detail.status, 200);
        QCOMPARE(fromJson<Ticket>(detail.json().value(u"ticket"_s).toObject()), result.ticket);
        QCOMPARE(detail.json().value(u"entries"_s).toArray().size(), 1);
        QVERIFY(detail.json().value(u"handoff"_s).isNull());

        // The ticket_created event carries the ticket, the entry and the request id.
        const EventPage page = decode<EventPage>(server.get(u"/api/v1/events?after=%1"_s.arg(result.seq - 1), token).body);
        QCOMPARE(page.events.size(), 1);
        QCOMPARE(toString(page.events[0].type), toString(EventType::TicketCreated));
        QCOMPARE(page.events[0].requestId, key);
        QCOMPARE(page.events[0].ticket->id, result.ticket.id);
        QCOMPARE(page.events[0].entry->id, result.entry->id);
    }

    void createTicketValidatesItsBody()
    {
        const QByteArray valid = json({{u"subject"_s, u"s"_s},
                                       {u"customer"_s, QJsonObject{{u"email"_s, u"e@example.com"_s}}},
                                       {u"source"_s, u"email"_s},
                                       {u"body"_s, u"b"_s}});
        const HttpReply noKey = server.post(u"/api/v1/tickets"_s, valid, token);
        QCOMPARE(noKey.status, 400);
        QCOMPARE(noKey.errorCode(), u"bad_request"_s);
        const HttpReply malformed = server.post(u"/api/v1/tickets"_s, "{\"subject\":", token, newKey());
        QCOMPARE(malformed.status, 400);
        QCOMPARE(malformed.errorCode(), u"malformed_json"_s);
        const HttpReply badSource = server.post(u"/api/v1/tickets"_s, QByteArray(valid).replace("\"email\"}", "\"email\"}").replace("\"source\":\"email\"", "\"source\":\"fax\""), token, newKey());
        QCOMPARE(badSource.status, 400);
        QCOMPARE(badSource.errorCode(), u"invalid_field"_s);
        QVERIFY(badSource.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"source"_s));
        const HttpReply noCustomer = server.post(u"/api/v1/tickets"_s, json({{u"subject"_s, u"s"_s}, {u"source"_s, u"email"_s}, {u"body"_s, u"b"_s}}), token, newKey());
        QCOMPARE(noCustomer.status, 400);
        QVERIFY(noCustomer.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"customer"_s));
    }

    void unknownTicketsAre404()
    {
        for (const QString &route : {u"/api/v1/tickets/999999"_s, u"/api/v1/tickets/abc"_s, u"/api/v1/tickets/-1"_s,
                                     u"/api/v1/tickets/999999/entries"_s}) {
            const HttpReply reply = server.get(route, token);
            QCOMPARE(reply.status, 404);
            QCOMPARE(reply.errorCode(), u"not_found"_s);
        }
        QCOMPARE(command(999999, {{u"type"_s, u"internal_note"_s}, {u"body"_s, u"x"_s}}).status, 404);
    }

    void listFiltersAndPages()
    {
        const HttpReply all = server.get(u"/api/v1/tickets?limit=500"_s, token);
        QCOMPARE(all.status, 200);
        const QJsonArray first = all.json().value(u"tickets"_s).toArray();
        QCOMPARE(first.size(), 500);
        QDateTime previous = QDateTime::currentDateTimeUtc().addDays(1);
        for (const QJsonValue &v : first) {
            const Ticket t = fromJson<Ticket>(v.toObject());
            QVERIFY(t.lastActivityAt <= previous);   // lastActivityAt descending
            previous = t.lastActivityAt;
        }
        // Page through everything with a small limit: no duplicates, nothing missing.
        QSet<qint64> seen;
        QString cursor;
        int pages = 0;
        do {
            const HttpReply page = server.get(u"/api/v1/tickets?limit=97%1"_s.arg(cursor.isEmpty() ? QString() : u"&cursor="_s + cursor), token);
            QCOMPARE(page.status, 200);
            for (const QJsonValue &v : page.json().value(u"tickets"_s).toArray()) {
                const qint64 id = v.toObject().value(u"id"_s).toInteger();
                QVERIFY(!seen.contains(id));
                seen.insert(id);
            }
            cursor = page.json().value(u"nextCursor"_s).toString();
            ++pages;
        } while (!cursor.isEmpty() && pages < 100);
        QVERIFY(seen.size() >= 600);

        const HttpReply closed = server.get(u"/api/v1/tickets?status=closed&limit=500"_s, token);
        for (const QJsonValue &v : closed.json().value(u"tickets"_s).toArray())
            QCOMPARE(v.toObject().value(u"status"_s).toString(), u"closed"_s);
        QVERIFY(!closed.json().value(u"tickets"_s).toArray().isEmpty());
        for (const QJsonValue &v : server.get(u"/api/v1/tickets?assignee=none&limit=500"_s, token).json().value(u"tickets"_s).toArray())
            QVERIFY(v.toObject().value(u"assignee"_s).isNull());
        for (const QJsonValue &v : server.get(u"/api/v1/tickets?assignee=me&limit=500"_s, token).json().value(u"tickets"_s).toArray())
            QCOMPARE(v.toObject().value(u"assignee"_s).toObject().value(u"id"_s).toString(), u"1"_s);
        QCOMPARE(server.get(u"/api/v1/tickets?status=bogus"_s, token).status, 400);
        QCOMPARE(server.get(u"/api/v1/tickets?limit=0"_s, token).errorCode(), u"invalid_field"_s);
        QCOMPARE(server.get(u"/api/v1/tickets?cursor=%%%"_s, token).status, 400);
    }

    void entriesPageAfterAnId()
    {
        const Ticket t = createTicket();
        for (int i = 0; i < 3; ++i)
            QCOMPARE(command(t.id, {{u"type"_s, u"internal_note"_s}, {u"body"_s, u"note %1"_s.arg(i)}}).status, 200);
        const QJsonArray entries = server.get(u"/api/v1/tickets/%1/entries"_s.arg(t.id), token).json().value(u"entries"_s).toArray();
        QCOMPARE(entries.size(), 4);
        const qint64 second = entries[1].toObject().value(u"id"_s).toInteger();
        const QJsonArray after = server.get(u"/api/v1/tickets/%1/entries?after=%2&limit=1"_s.arg(t.id).arg(second), token)
                                     .json().value(u"entries"_s).toArray();
        QCOMPARE(after.size(), 1);
        QCOMPARE(after[0].toObject().value(u"body"_s).toString(), u"note 1"_s);
        QCOMPARE(toString(fromJson<ThreadEntry>(after[0].toObject()).visibility), toString(Visibility::Internal));
    }

    // Every command from every status, against the table in docs/api.md.
    void stateMachine_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("status");
        QTest::addColumn<bool>("allowed");
        const QStringList statuses{u"open"_s, u"waiting_on_customer"_s, u"waiting_on_team"_s, u"resolved"_s, u"closed"_s};
        const QHash<QString, QStringList> allowedFrom{
            {u"email_reply"_s, {u"open"_s, u"waiting_on_team"_s, u"waiting_on_customer"_s, u"resolved"_s}},
            {u"internal_note"_s, statuses},
            {u"take_over"_s, statuses.mid(0, 4)},
            {u"reopen"_s, {u"resolved"_s, u"closed"_s}},
            {u"close"_s, statuses.mid(0, 4)},
            {u"force_close"_s, statuses.mid(0, 4)},
            {u"set_priority"_s, statuses.mid(0, 4)},
            {u"assign"_s, statuses.mid(0, 4)},
            {u"unassign"_s, statuses.mid(0, 4)},
        };
        for (auto it = allowedFrom.cbegin(); it != allowedFrom.cend(); ++it)
            for (const QString &status : statuses)
                QTest::addRow("%s from %s", qPrintable(it.key()), qPrintable(status))
                    << it.key() << status << it.value().contains(status);
    }

    void stateMachine()
    {
        QFETCH(QString, command);
        QFETCH(QString, status);
        QFETCH(bool, allowed);
        const auto ticket = freshTicketIn(*enumFromString<TicketStatus>(status), command == u"take_over"_s);
        QVERIFY2(ticket, "the demo data has a ticket in every status");
        QJsonObject body{{u"type"_s, command}, {u"baseVersion"_s, ticket->version}};
        if (command == u"email_reply"_s || command == u"internal_note"_s)
            body.insert(u"body"_s, u"Hello **there**"_s);
        if (command == u"force_close"_s)
            body.insert(u"reason"_s, u"duplicate"_s);
        if (command == u"set_priority"_s)
            body.insert(u"priority"_s, ticket->priority == Priority::Urgent ? u"low"_s : u"urgent"_s);
        if (command == u"assign"_s)
            body.insert(u"assigneeId"_s, u"3"_s);
        const HttpReply reply = this->command(ticket->id, body);
        if (!allowed) {
            QCOMPARE(reply.status, 409);
            QCOMPARE(reply.errorCode(), u"invalid_transition"_s);
            const ApiError error = decode<ApiError>(reply.body);
            QVERIFY(error.currentTicket);
            QCOMPARE(error.currentTicket->version, ticket->version);
            return;
        }
        QCOMPARE(reply.status, 200);
        const CommandResult result = decode<CommandResult>(reply.body);
        QCOMPARE(result.ticket.version, ticket->version + 1);
        const QHash<QString, QString> statusAfter{{u"email_reply"_s, u"waiting_on_customer"_s},
                                                  {u"reopen"_s, u"open"_s},
                                                  {u"close"_s, u"closed"_s},
                                                  {u"force_close"_s, u"closed"_s}};
        QCOMPARE(toString(result.ticket.status), statusAfter.value(command, status));
        QVERIFY(result.entry);
        QVERIFY(result.entry->id > 0);
    }

    void commandEffects()
    {
        Ticket t = createTicket();
        // take_over: human ownership, assigned to the operator.
        CommandResult r = decode<CommandResult>(command(t.id, {{u"type"_s, u"take_over"_s}}).body);
        QCOMPARE(toString(r.ticket.ownerMode), toString(OwnerMode::Human));
        QCOMPARE(r.ticket.assignee->id, u"1"_s);
        QCOMPARE(toString(r.entry->kind), toString(EntryKind::AuditEvent));
        // email_reply: customer-visible human reply; the response target is met (the clock waits on the customer).
        r = decode<CommandResult>(command(t.id, {{u"type"_s, u"email_reply"_s}, {u"body"_s, u"We are on it."_s}}).body);
        QCOMPARE(toString(r.entry->kind), toString(EntryKind::HumanReply));
        QCOMPARE(toString(r.entry->visibility), toString(Visibility::Public));
        QCOMPARE(toString(r.ticket.status), toString(TicketStatus::WaitingOnCustomer));
        QCOMPARE(toString(r.ticket.sla.state), toString(SlaState::Met));
        QVERIFY(r.ticket.sla.firstRespondedAt);
        QCOMPARE(r.entry->eventStatus, u"email"_s);   // how it reaches the customer, recorded
        // set_priority recomputes due dates from createdAt.
        r = decode<CommandResult>(command(t.id, {{u"type"_s, u"set_priority"_s}, {u"priority"_s, u"high"_s}}).body);
        QCOMPARE(toString(r.ticket.priority), toString(Priority::High));
        QCOMPARE(r.ticket.createdAt.secsTo(*r.ticket.sla.resolutionDue), 24 * 3600);
        // assign / unassign
        r = decode<CommandResult>(command(t.id, {{u"type"_s, u"assign"_s}, {u"assigneeId"_s, u"4"_s}}).body);
        QCOMPARE(r.ticket.assignee->name, u"Jordan Lee"_s);
        // take_over of a colleague's ticket is not from the AI agent: refused, naming the owner.
        const HttpReply colleagues = command(t.id, {{u"type"_s, u"take_over"_s}});
        QCOMPARE(colleagues.status, 409);
        QCOMPARE(colleagues.errorCode(), u"already_claimed"_s);
        QVERIFY2(colleagues.body.contains("Jordan Lee owns this ticket"), colleagues.body.constData());
        const HttpReply unknownOperator = command(t.id, {{u"type"_s, u"assign"_s}, {u"assigneeId"_s, u"999"_s}});
        QCOMPARE(unknownOperator.status, 400);
        QCOMPARE(unknownOperator.errorCode(), u"invalid_field"_s);
        r = decode<CommandResult>(command(t.id, {{u"type"_s, u"unassign"_s}}).body);
        QVERIFY(!r.ticket.assignee);
        // close, then reopen restarts the SLA.
        r = decode<CommandResult>(command(t.id, {{u"type"_s, u"close"_s}}).body);
        QCOMPARE(toString(r.ticket.status), toString(TicketStatus::Closed));
        QCOMPARE(toString(r.ticket.sla.state), toString(SlaState::Met));
        r = decode<CommandResult>(command(t.id, {{u"type"_s, u"reopen"_s}}).body);
        QCOMPARE(toString(r.ticket.status), toString(TicketStatus::Open));
        QCOMPARE(toString(r.ticket.sla.state), toString(SlaState::OnTrack));
        QVERIFY(*r.ticket.sla.resolutionDue > QDateTime::currentDateTimeUtc().addSecs(23 * 3600));
        QCOMPARE(r.ticket.version, 8);
        // Commands validate their fields.
        const HttpReply noReason = command(t.id, {{u"type"_s, u"force_close"_s}});
        QCOMPARE(noReason.status, 400);
        QVERIFY(noReason.json().value(u"error"_s).toObject().value(u"message"_s).toString().contains(u"reason"_s));
        QCOMPARE(command(t.id, {{u"type"_s, u"dance"_s}}).errorCode(), u"invalid_field"_s);
        QCOMPARE(command(t.id, {{u"type"_s, u"email_reply"_s}}).errorCode(), u"invalid_field"_s);
        QCOMPARE(command(t.id, {{u"type"_s, u"set_priority"_s}, {u"priority"_s, 3}}).errorCode(), u"invalid_field"_s);
    }

    void closeIsRefusedWhileAHandoffIsOpen()
    {
        // Find a demo ticket whose handoff is still open.
        std::optional<Ticket> ticket;
        for (const QString &status : {u"open"_s, u"waiting_on_team"_s, u"waiting_on_customer"_s}) {
            for (const QJsonValue &v : server.get(u"/api/v1/tickets?status=%1&limit=500"_s.arg(status), token).json().value(u"tickets"_s).toArray()) {
                const Ticket t = fromJson<Ticket>(v.toObject());
                if (t.handoffId.isEmpty() || used.contains(t.id))
                    continue;
                const HttpReply detail = server.get(u"/api/v1/tickets/%1"_s.arg(t.id), token);
                if (detail.json().value(u"handoff"_s).toObject().value(u"state"_s).toString() != u"resolved"_s) {
                    ticket = t;
                    break;
                }
            }
            if (ticket)
                break;
        }
        QVERIFY(ticket);
        used.insert(ticket->id);
        const HttpReply refused = command(ticket->id, {{u"type"_s, u"close"_s}});
        QCOMPARE(refused.status, 409);
        QCOMPARE(refused.errorCode(), u"handoff_open"_s);
        QVERIFY(decode<ApiError>(refused.body).currentTicket);

        const HttpReply forced = command(ticket->id, {{u"type"_s, u"force_close"_s}, {u"reason"_s, u"customer left"_s}});
        QCOMPARE(forced.status, 200);
        const CommandResult result = decode<CommandResult>(forced.body);
        QCOMPARE(toString(result.ticket.status), toString(TicketStatus::Closed));
        const HttpReply detail = server.get(u"/api/v1/tickets/%1"_s.arg(ticket->id), token);
        QCOMPARE(detail.json().value(u"handoff"_s).toObject().value(u"state"_s).toString(), u"resolved"_s);
        // The command's own event carries the resolved handoff. Look it up by
        // its seq: the demo's SLA timer may have appended events after it.
        const EventPage page = decode<EventPage>(server.get(u"/api/v1/events?after=%1"_s.arg(result.seq - 1), token).body);
        QVERIFY(!page.events.isEmpty());
        const Event &own = page.events.first();
        QCOMPARE(own.seq, result.seq);
        QCOMPARE(own.ticketId, ticket->id);
        QVERIFY(own.handoff);
        QCOMPARE(toString(own.handoff->state), toString(HandoffState::Resolved));
    }

    void staleBaseVersionIsAConflict()
    {
        const Ticket t = createTicket();
        QCOMPARE(command(t.id, {{u"type"_s, u"internal_note"_s}, {u"body"_s, u"first"_s}, {u"baseVersion"_s, 1}}).status, 200);
        const Seq before = head();
        const HttpReply stale = command(t.id, {{u"type"_s, u"set_priority"_s}, {u"priority"_s, u"low"_s}, {u"baseVersion"_s, 1}});
        QCOMPARE(stale.status, 409);
        QCOMPARE(stale.errorCode(), u"version_conflict"_s);
        const ApiError error = decode<ApiError>(stale.body);
        QCOMPARE(error.currentTicket->version, 2);
        QCOMPARE(toString(error.currentTicket->priority), toString(Priority::Normal));
        QCOMPARE(eventsOfTicketAfter(t.id, before), 0);   // nothing changed, no event
    }

    void idempotencyKeyRepeatReturnsTheStoredResponse()
    {
        const Ticket t = createTicket();
        const QString key = newKey();
        const QJsonObject body{{u"type"_s, u"internal_note"_s}, {u"body"_s, u"only once"_s}};
        const HttpReply first = command(t.id, body, key);
        QCOMPARE(first.status, 200);
        const Seq after = head();
        const HttpReply repeat = command(t.id, body, key);
        QCOMPARE(repeat.status, 200);
        QCOMPARE(repeat.body, first.body);
        QCOMPARE(repeat.header("Idempotent-Replayed"), QByteArray("true"));
        QCOMPARE(eventsOfTicketAfter(t.id, after), 0);   // no second execution
        QCOMPARE(server.get(u"/api/v1/tickets/%1/entries"_s.arg(t.id), token).json().value(u"entries"_s).toArray().size(), 2);

        const HttpReply different = command(t.id, {{u"type"_s, u"internal_note"_s}, {u"body"_s, u"changed"_s}}, key);
        QCOMPARE(different.status, 422);
        QCOMPARE(different.errorCode(), u"idempotency_key_reused"_s);
        const HttpReply noKey = server.post(u"/api/v1/tickets/%1/commands"_s.arg(t.id), json(body), token);
        QCOMPARE(noKey.status, 400);
        QCOMPARE(noKey.errorCode(), u"bad_request"_s);
        // Create is idempotent too.
        const QString createKey = newKey();
        const QByteArray createBody = json({{u"subject"_s, u"dup"_s}, {u"customer"_s, QJsonObject{}}, {u"source"_s, u"email"_s}, {u"body"_s, u"b"_s}});
        const HttpReply c1 = server.post(u"/api/v1/tickets"_s, createBody, token, createKey);
        const HttpReply c2 = server.post(u"/api/v1/tickets"_s, createBody, token, createKey);
        QCOMPARE(c1.status, 201);
        QCOMPARE(c2.status, 201);
        QCOMPARE(c2.body, c1.body);
    }

    void concurrentRequestsWithOneKeyExecuteOnce()
    {
        const Ticket t = createTicket();
        const Seq before = head();
        const QString key = newKey();
        QNetworkAccessManager manager;
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 8; ++i) {
            QNetworkRequest request(server.url(u"/api/v1/tickets/%1/commands"_s.arg(t.id)));
            request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
            request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
            request.setRawHeader("Idempotency-Key", key.toUtf8());
            replies.append(manager.post(request, json({{u"type"_s, u"internal_note"_s}, {u"body"_s, u"race"_s}})));
        }
        for (QNetworkReply *reply : replies)
            QTRY_VERIFY_WITH_TIMEOUT(reply->isFinished(), 30000);
        QByteArray firstBody;
        for (QNetworkReply *reply : replies) {
            QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
            const QByteArray body = reply->readAll();
            if (firstBody.isEmpty())
                firstBody = body;
            QCOMPARE(body, firstBody);
            reply->deleteLater();
        }
        QCOMPARE(eventsOfTicketAfter(t.id, before), 1);
        QCOMPARE(server.get(u"/api/v1/tickets/%1/entries"_s.arg(t.id), token).json().value(u"entries"_s).toArray().size(), 2);
    }

    void tenantsAreIsolated()
    {
        const Ticket mine = createTicket();
        // The other tenant sees nothing of demo's and cannot touch it: 404, not 403.
        const HttpReply read = server.get(u"/api/v1/tickets/%1"_s.arg(mine.id), otherToken);
        QCOMPARE(read.status, 404);
        QCOMPARE(read.errorCode(), u"not_found"_s);
        QCOMPARE(server.get(u"/api/v1/tickets/%1/entries"_s.arg(mine.id), otherToken).status, 404);
        const HttpReply write = command(mine.id, {{u"type"_s, u"close"_s}}, newKey(), otherToken);
        QCOMPARE(write.status, 404);
        QCOMPARE(server.get(u"/api/v1/tickets/%1"_s.arg(mine.id), token).json().value(u"ticket"_s).toObject().value(u"status"_s).toString(), u"open"_s);
        QVERIFY(server.get(u"/api/v1/tickets"_s, otherToken).json().value(u"tickets"_s).toArray().isEmpty());
        QVERIFY(server.get(u"/api/v1/snapshot"_s, otherToken).json().value(u"tickets"_s).toArray().isEmpty());
        // Its own log starts at 1 and never shows demo's events.
        const Ticket theirs = createTicket(u"theirs"_s, otherToken);
        const EventPage page = decode<EventPage>(server.get(u"/api/v1/events"_s, otherToken).body);
        QCOMPARE(page.events.size(), 1);
        QCOMPARE(page.events[0].seq, 1);
        QCOMPARE(page.events[0].ticketId, theirs.id);
        QCOMPARE(server.get(u"/api/v1/tickets/%1"_s.arg(theirs.id), token).status, 404);
        // The same Idempotency-Key in two tenants is two different commands.
        const QString key = newKey();
        QCOMPARE(command(mine.id, {{u"type"_s, u"internal_note"_s}, {u"body"_s, u"x"_s}}, key).status, 200);
        QCOMPARE(command(theirs.id, {{u"type"_s, u"internal_note"_s}, {u"body"_s, u"x"_s}}, key, otherToken).status, 200);
    }

    void eventsAreGaplessAndPaged()
    {
        const Seq headSeq = head();
        QVERIFY(headSeq > 600);
        Seq expected = 1;
        Seq after = 0;
        Seq lastHead = 0;
        for (;;) {
            const HttpReply reply = server.get(u"/api/v1/events?after=%1&limit=250"_s.arg(after), token);
            QCOMPARE(reply.status, 200);
            const EventPage page = decode<EventPage>(reply.body);
            for (const Event &e : page.events) {
                QCOMPARE(e.seq, expected++);
                QVERIFY(e.ticket);
            }
            QVERIFY(page.head >= headSeq);
            lastHead = page.head;
            if (!page.hasMore)
                break;
            QVERIFY(!page.events.isEmpty());
            after = page.events.last().seq;
        }
        // The last page ends at the head it reports (the SLA timer may have
        // appended more since; the head never moves backwards).
        QCOMPARE(expected - 1, lastHead);
        QVERIFY(head() >= lastHead);
        const HttpReply beyond = server.get(u"/api/v1/events?after=%1"_s.arg(head() + 100), token);
        QCOMPARE(beyond.status, 410);
        QCOMPARE(beyond.errorCode(), u"cursor_expired"_s);
        QCOMPARE(server.get(u"/api/v1/events?limit=1001"_s, token).status, 400);
        QCOMPARE(server.get(u"/api/v1/events?after=-1"_s, token).status, 400);
        QCOMPARE(server.get(u"/api/v1/events?after=x"_s, token).status, 400);
    }

    void snapshotPagesCoverEveryTicketOnce()
    {
        const int total = [&] {
            int n = 0;
            QString cursor;
            do {
                const HttpReply page = server.get(u"/api/v1/tickets?limit=500%1"_s.arg(cursor.isEmpty() ? QString() : u"&cursor="_s + cursor), token);
                n += page.json().value(u"tickets"_s).toArray().size();
                cursor = page.json().value(u"nextCursor"_s).toString();
            } while (!cursor.isEmpty());
            return n;
        }();
        const Seq headSeq = head();
        QString cursor;
        qint64 lastId = 0;
        int count = 0;
        Seq snapshotSeq = -1;
        do {
            const HttpReply reply = server.get(u"/api/v1/snapshot?limit=128%1"_s.arg(cursor.isEmpty() ? QString() : u"&cursor="_s + cursor), token);
            QCOMPARE(reply.status, 200);
            const SnapshotPage page = decode<SnapshotPage>(reply.body);
            if (snapshotSeq < 0) {
                snapshotSeq = page.seq;
                QVERIFY(snapshotSeq >= headSeq);   // the SLA timer may append in between
                // A change between pages does not move the snapshot's seq.
                createTicket(u"during snapshot"_s);
            }
            QCOMPARE(page.seq, snapshotSeq);
            for (const Ticket &t : page.tickets) {
                QVERIFY(t.id > lastId);
                lastId = t.id;
                ++count;
            }
            cursor = page.nextCursor;
        } while (!cursor.isEmpty());
        QCOMPARE(count, total + 1);
        QCOMPARE(server.get(u"/api/v1/snapshot?cursor=bogus"_s, token).status, 400);
        QCOMPARE(server.get(u"/api/v1/snapshot?limit=5000"_s, token).status, 400);
    }

    void slaStatesIncludeBreached()
    {
        QSet<QString> states;
        QString cursor;
        do {
            const HttpReply page = server.get(u"/api/v1/snapshot?limit=1000%1"_s.arg(cursor.isEmpty() ? QString() : u"&cursor="_s + cursor), token);
            for (const QJsonValue &v : page.json().value(u"tickets"_s).toArray())
                states.insert(v.toObject().value(u"sla"_s).toObject().value(u"state"_s).toString());
            cursor = page.json().value(u"nextCursor"_s).toString();
        } while (!cursor.isEmpty());
        for (const SlaState s : allValues<SlaState>())
            QVERIFY2(states.contains(toString(s)), qPrintable(toString(s)));
    }
};

QTEST_GUILESS_MAIN(ServerApiTest)
#include "test_server_api.moc"
