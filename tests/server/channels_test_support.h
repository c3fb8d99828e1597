#pragma once
// Shared by the channels suites (widget, routing, SLA, email, Shopify):
// a small tenant "acme" with an admin and three operators created through
// the real `zeiko-server admin` commands, and parallel requests from
// several threads (each with its own network manager).

#include "domain/codecs.h"
#include "support/postgres.h"
#include "support/server_process.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QThread>
#include <QUuid>

#include <memory>

namespace zeiko::test {

// The database a suite's server runs on: SQLite (an empty URL: the server's
// own file), or — in the suite's `_postgres` build (ZEIKO_TEST_ON_POSTGRES) —
// a throwaway PostgreSQL database on ZEIKO_TEST_POSTGRES_URL. Declare it
// before the ServerProcess, so the server stops before the database is dropped,
// and prepare it with ZEIKO_PREPARE_SUITE_DATABASE in initTestCase.
class SuiteDatabase
{
public:
#ifdef ZEIKO_TEST_ON_POSTGRES
    static constexpr bool onPostgres = true;
#else
    static constexpr bool onPostgres = false;
#endif
    bool prepare()
    {
        if (onPostgres)
            m_pg = std::make_unique<TemporaryPostgresDatabase>();
        return !m_pg || m_pg->isValid();
    }
    QString url() const { return m_pg ? m_pg->url() : QString(); }
    QString errorText() const { return m_pg ? m_pg->errorText() : QString(); }

private:
    std::unique_ptr<TemporaryPostgresDatabase> m_pg;
};

// QSKIPs a PostgreSQL build when no server is configured; fails when one is and the database cannot be made.
#define ZEIKO_PREPARE_SUITE_DATABASE(database)                                                                     \
    do {                                                                                                           \
        if (zeiko::test::SuiteDatabase::onPostgres && !zeiko::test::TemporaryPostgresDatabase::configured())       \
            QSKIP("ZEIKO_TEST_POSTGRES_URL not set");                                                              \
        QVERIFY2((database).prepare(), qPrintable((database).errorText()));                                        \
    } while (false)

inline QByteArray jsonBytes(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

inline QString newId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct AcmeOperator {
    QString email;
    QString name;
    QString skills;
    int maxOpen = 0;
};

// Operators besides the admin (boss@acme.test, no handoff skills).
inline QList<AcmeOperator> acmeOperators()
{
    return {{QStringLiteral("ann@acme.test"), QStringLiteral("Ann"), QStringLiteral("billing"), 0},
            {QStringLiteral("bob@acme.test"), QStringLiteral("Bob"), QStringLiteral("shipping"), 0},
            {QStringLiteral("cat@acme.test"), QStringLiteral("Cat"), QStringLiteral("billing,shopify"), 0}};
}

inline constexpr char acmePassword[] = "acme-password-1";

struct AcmeTenant {
    QString adminToken;
    QMap<QString, QString> tokens;        // email -> token (everyone, the admin too)
    QMap<QString, QString> operatorIds;   // email -> id
    QString error;
    bool ok() const { return error.isEmpty(); }
};

// Creates tenant "acme" and its operators in the server's database and signs everyone in.
inline AcmeTenant createAcme(ServerProcess &server)
{
    AcmeTenant acme;
    QByteArray out;
    if (server.runCommand({QStringLiteral("admin"), QStringLiteral("create-tenant"), QStringLiteral("--slug"),
                           QStringLiteral("acme"), QStringLiteral("--name"), QStringLiteral("Acme")},
                          &out) != 0) {
        acme.error = QString::fromUtf8(out);
        return acme;
    }
    QList<AcmeOperator> all = acmeOperators();
    all.prepend({QStringLiteral("boss@acme.test"), QStringLiteral("Boss"), QString(), 0});
    for (const AcmeOperator &op : all) {
        QStringList args{QStringLiteral("admin"), QStringLiteral("create-operator"), QStringLiteral("--account"),
                         QStringLiteral("acme"), QStringLiteral("--email"), op.email, QStringLiteral("--name"), op.name};
        if (op.email.startsWith(u"boss"))
            args << QStringLiteral("--role") << QStringLiteral("admin");
        if (!op.skills.isEmpty())
            args << QStringLiteral("--skills") << op.skills;
        if (server.runCommand(args, &out, {{QStringLiteral("ZEIKO_OPERATOR_PASSWORD"), QString::fromLatin1(acmePassword)}}) != 0) {
            acme.error = QString::fromUtf8(out);
            return acme;
        }
        const QString token = server.signIn(QStringLiteral("acme"), op.email, QString::fromLatin1(acmePassword));
        if (token.isEmpty()) {
            acme.error = QStringLiteral("cannot sign in ") + op.email;
            return acme;
        }
        if (op.email.startsWith(u"boss"))
            acme.adminToken = token;
        acme.tokens.insert(op.email, token);
        acme.operatorIds.insert(op.email, server.get(QStringLiteral("/api/v1/me"), token)
                                              .json()
                                              .value(QStringLiteral("operator"))
                                              .toObject()
                                              .value(QStringLiteral("id"))
                                              .toString());
    }
    return acme;
}

struct ParallelRequest {
    QString path;
    RequestOptions options;
};

// Sends every request from its own thread at once; replies in request order.
inline QList<HttpReply> sendInParallel(const QUrl &base, const QList<ParallelRequest> &requests)
{
    QList<HttpReply> replies(requests.size());
    QList<QThread *> threads;
    for (qsizetype i = 0; i < requests.size(); ++i) {
        threads.append(QThread::create([&, i] {
            QNetworkAccessManager manager;
            replies[i] = httpRequest(manager, QUrl(base.toString() + requests[i].path), requests[i].options);
        }));
    }
    for (QThread *t : threads)
        t->start();
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    return replies;
}

inline RequestOptions postJson(const QJsonObject &body, const QString &token = {})
{
    RequestOptions o;
    o.method = "POST";
    o.body = jsonBytes(body);
    o.token = token;
    o.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    return o;
}

// Events of the tenant after `after` (one page of up to 1000).
inline QList<Event> eventsAfter(ServerProcess &server, const QString &token, Seq after)
{
    const HttpReply reply = server.get(QStringLiteral("/api/v1/events?after=%1&limit=1000").arg(after), token);
    return decode<EventPage>(reply.body).events;
}

// The tenant's ticket_created events after `after`, by ticket id.
inline QMap<QString, QJsonObject> ticketCreatedEvents(ServerProcess &server, const QString &token, qint64 after)
{
    QMap<QString, QJsonObject> created;
    const QJsonArray events = server.get(QStringLiteral("/api/v1/events?after=%1&limit=1000").arg(after), token)
                                  .json().value(QStringLiteral("events")).toArray();
    for (const QJsonValue &v : events) {
        const QJsonObject e = v.toObject();
        if (e.value(QStringLiteral("type")).toString() == QStringLiteral("ticket_created"))
            created.insert(QString::number(e.value(QStringLiteral("ticket")).toObject().value(QStringLiteral("id")).toInteger()), e);
    }
    return created;
}

// Why two ticket_created events from different entry points are not of one
// shape (the event's, the ticket's, the SLA's and the entry's fields), or why
// an event's SLA is not what a GET of its ticket shows (on track, new);
// empty when they are alike.
inline QString createdShapeMismatch(ServerProcess &server, const QString &token, const QJsonObject &a, const QJsonObject &b)
{
    const auto object = [](const QJsonObject &o, const char *key) { return o.value(QLatin1String(key)).toObject(); };
    const auto differ = [](const char *what, const QJsonObject &x, const QJsonObject &y) {
        return x.keys() == y.keys() ? QString()
                                    : QStringLiteral("%1 fields differ: %2 vs %3")
                                          .arg(QLatin1String(what), x.keys().join(u','), y.keys().join(u','));
    };
    for (const QString &problem : {differ("event", a, b), differ("ticket", object(a, "ticket"), object(b, "ticket")),
                                   differ("sla", object(object(a, "ticket"), "sla"), object(object(b, "ticket"), "sla")),
                                   differ("entry", object(a, "entry"), object(b, "entry"))})
        if (!problem.isEmpty())
            return problem;
    for (const QJsonObject &event : {a, b}) {
        const QJsonObject ticket = object(event, "ticket");
        const QJsonObject sla = object(ticket, "sla");
        const QJsonObject now = object(server.get(QStringLiteral("/api/v1/tickets/%1").arg(ticket.value(QStringLiteral("id")).toInteger()), token).json(), "ticket");
        if (sla != object(now, "sla"))
            return QStringLiteral("ticket %1: the event's SLA is not the one a GET shows").arg(ticket.value(QStringLiteral("id")).toInteger());
        if (sla.value(QStringLiteral("state")).toString() != QStringLiteral("on_track"))
            return QStringLiteral("ticket %1: a new ticket's SLA is %2").arg(ticket.value(QStringLiteral("id")).toInteger()).arg(sla.value(QStringLiteral("state")).toString());
    }
    return {};
}

} // namespace zeiko::test
