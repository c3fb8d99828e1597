// Throws malformed, oversized, mistyped and random bodies and queries at
// every route of the real server: never a 5xx, never a crash, and the
// server still works afterwards. Seeded, so a failure is reproducible.

#include "support/server_process.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QTest>
#include <QUuid>

using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

const QStringList fieldNames{u"type"_s, u"body"_s, u"baseVersion"_s, u"priority"_s, u"assigneeId"_s, u"reason"_s,
                             u"subject"_s, u"customer"_s, u"source"_s, u"email"_s, u"name"_s, u"account"_s,
                             u"password"_s, u"requestId"_s, u"ticketId"_s};
const QStringList wordValues{u"email_reply"_s, u"internal_note"_s, u"take_over"_s, u"reopen"_s, u"close"_s,
                             u"force_close"_s, u"set_priority"_s, u"assign"_s, u"unassign"_s, u"urgent"_s,
                             u"low"_s, u"email"_s, u"widget"_s, u"demo"_s, u""_s, u"\u0000"_s, u"💥"_s};

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 2 ? 6 : 8)) {
    case 0: return QJsonValue();
    case 1: return rng.bounded(2) == 1;
    case 2: return double(qint64(rng.generate64())) * (rng.bounded(2) ? 1 : -1);
    case 3: return rng.bounded(2) ? QJsonValue(qint64(rng.bounded(1000)) - 5) : QJsonValue(1e308);
    case 4: return wordValues[rng.bounded(int(wordValues.size()))];
    case 5: return QString(rng.bounded(200), QChar(u'a' + rng.bounded(26)));
    case 6: {
        QJsonArray array;
        for (int i = rng.bounded(4); i > 0; --i)
            array.append(randomValue(rng, depth + 1));
        return array;
    }
    default: {
        QJsonObject object;
        for (int i = rng.bounded(6); i > 0; --i)
            object.insert(fieldNames[rng.bounded(int(fieldNames.size()))], randomValue(rng, depth + 1));
        return object;
    }
    }
}

QList<QByteArray> hostileBodies(QRandomGenerator &rng)
{
    QList<QByteArray> bodies{
        "", "null", "[]", "{}", "\"text\"", "42", "{", "}", "{\"type\":", "{\"type\":\"email_reply\",}",
        "{\"type\":123}", "{\"type\":null}", "{\"type\":[\"email_reply\"]}", "{\"type\":\"email_reply\",\"body\":{}}",
        "{\"type\":\"set_priority\",\"priority\":\"extreme\"}", "{\"type\":\"assign\",\"assigneeId\":42}",
        "{\"type\":\"internal_note\",\"body\":\"x\",\"baseVersion\":\"7\"}",
        "{\"type\":\"internal_note\",\"body\":\"x\",\"baseVersion\":1e400}",
        "{\"subject\":5,\"customer\":\"me\",\"source\":\"email\",\"body\":\"b\"}",
        "{\"subject\":\"s\",\"customer\":{\"email\":[]},\"source\":\"email\",\"body\":\"b\"}",
        "{\"account\":1,\"email\":2,\"password\":3}", "\xff\xfe\x00garbage", QByteArray(1000, '\0'),
        QByteArray(20000, '[') + QByteArray(20000, ']'),   // deep nesting
        "{\"body\":\"" + QByteArray(3 * 1024 * 1024, 'x') + "\",\"type\":\"internal_note\"}",   // big but allowed
        QByteArray(5 * 1024 * 1024, '{'),   // over the body limit: 413
    };
    for (int i = 0; i < 60; ++i)
        bodies.append(QJsonDocument(randomValue(rng, 0).isObject() ? randomValue(rng, 0).toObject()
                                                                   : QJsonObject{{u"type"_s, randomValue(rng, 1)},
                                                                                 {fieldNames[rng.bounded(int(fieldNames.size()))], randomValue(rng, 1)}})
                          .toJson(QJsonDocument::Compact));
    for (int i = 0; i < 10; ++i) {
        QByteArray noise(rng.bounded(1, 300), Qt::Uninitialized);
        for (char &c : noise)
            c = char(rng.bounded(256));
        bodies.append(noise);
    }
    return bodies;
}

} // namespace

class ServerFuzzTest : public QObject
{
    Q_OBJECT

private slots:
    void neverA5xx()
    {
        ServerProcess server;
        QVERIFY2(server.start(ServerProcess::Options::withDemo({u"--sign-in-delay-ms"_s, u"0"_s})), qPrintable(server.errorText()));
        const QString token = server.signIn(u"demo"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s);
        QVERIFY(!token.isEmpty());
        QRandomGenerator rng(20261126);
        const QList<QByteArray> bodies = hostileBodies(rng);

        struct Route {
            QByteArray method;
            QString path;
        };
        const QList<Route> routes{
            {"POST", u"/api/v1/auth/sign-in"_s},   {"POST", u"/api/v1/tickets"_s},
            {"POST", u"/api/v1/tickets/1/commands"_s}, {"POST", u"/api/v1/tickets/999999999999/commands"_s},
            {"POST", u"/api/v1/tickets/x/commands"_s}, {"GET", u"/api/v1/tickets"_s},
            {"GET", u"/api/v1/tickets/1"_s},       {"GET", u"/api/v1/tickets/1/entries"_s},
            {"GET", u"/api/v1/snapshot"_s},        {"GET", u"/api/v1/events"_s},
            {"GET", u"/api/v1/me"_s},              {"GET", u"/api/v1/operators"_s},
            {"PUT", u"/api/v1/tickets/1"_s},       {"DELETE", u"/api/v1/tickets"_s},
        };
        int requests = 0;
        for (const Route &route : routes) {
            for (const QByteArray &body : bodies) {
                RequestOptions options;
                options.method = route.method;
                options.body = body;
                options.token = rng.bounded(8) == 0 ? u"garbage"_s : token;
                options.idempotencyKey = rng.bounded(6) == 0 ? QString() : QUuid::createUuid().toString();
                const HttpReply reply = server.request(route.path, options);
                ++requests;
                if (body.size() > 4 * 1024 * 1024) {
                    // Over the limit: 413, or the transport closes while the client is still uploading.
                    QVERIFY2(reply.status == 413 || reply.status == 0, qPrintable(QString::number(reply.status)));
                    QCOMPARE(server.get(u"/healthz"_s).status, 200);
                    continue;
                }
                QVERIFY2(reply.status >= 200 && reply.status < 500,
                         qPrintable(u"%1 %2 body %3... -> %4 %5"_s.arg(QString::fromLatin1(route.method), route.path,
                                                                         QString::fromLatin1(body.left(60).toPercentEncoding()))
                                        .arg(reply.status)
                                        .arg(reply.networkError)));
                if (reply.status >= 400)
                    QVERIFY2(!reply.errorCode().isEmpty() || reply.status == 413 || reply.status == 431, reply.body.left(200).constData());
            }
        }
        // Hostile query strings on the GET routes.
        const QStringList queries{u"?limit=-1"_s, u"?limit=99999999999999999999"_s, u"?after=abc"_s, u"?cursor=%00%ff"_s,
                                  u"?status=open&status=closed"_s, u"?assignee=%27%20OR%201=1--"_s,
                                  u"?cursor="_s + QString(5000, u'A'), u"?after=9223372036854775807"_s, u"?limit=1e3"_s};
        for (const QString &path : {u"/api/v1/tickets"_s, u"/api/v1/snapshot"_s, u"/api/v1/events"_s, u"/api/v1/tickets/1/entries"_s}) {
            for (const QString &query : queries) {
                const HttpReply reply = server.get(path + query, token);
                ++requests;
                QVERIFY2(reply.status >= 200 && reply.status < 500, qPrintable(path + query + u" -> "_s + QString::number(reply.status)));
            }
        }
        qInfo("%d hostile requests, no 5xx", requests);

        // Still healthy and still correct.
        QCOMPARE(server.get(u"/healthz"_s).status, 200);
        const HttpReply note = server.post(u"/api/v1/tickets/1/commands"_s,
                                           R"({"type":"internal_note","body":"still fine"})", token,
                                           QUuid::createUuid().toString());
        QCOMPARE(note.status, 200);
        QVERIFY(!server.standardError().contains("internal_error"));
        QVERIFY(!server.standardError().contains("storage error"));
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerFuzzTest)
#include "test_server_fuzz.moc"
