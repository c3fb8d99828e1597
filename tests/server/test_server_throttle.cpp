// Sign-in throttling (security review, issue 10, findings 10 and 11), over
// real sockets against the real server:
// - failures are counted per (account+email, client address) and per client
//   address; from 5 an attempt is delayed, from 10 of a pair it is refused
//   with 429 + Retry-After, for 1 minute, then 2, 4... (exponential backoff,
//   timed on the server's test clock, which the test moves);
// - failures from one address never refuse the same operator elsewhere
//   (no lockout of a named operator);
// - check-and-record is atomic: 24 concurrent wrong attempts get exactly 10
//   evaluations;
// - behind a trusted proxy the client address comes from X-Forwarded-For,
//   for the sign-in throttle and the widget start limit alike;
// - the counters live in the database: a restart does not reset them.
// The same suite runs on PostgreSQL as test_server_throttle_postgres (row
// locks there instead of SQLite's exclusive write transaction).

#include "support/postgres.h"
#include "support/raw_socket.h"
#include "support/server_process.h"

#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTest>
#include <QUuid>

#include <memory>

using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

const QString alex = u"alex@demo.zeiko.test"_s;
const QString sam = u"sam@demo.zeiko.test"_s;
const QString rightPassword = u"demo-password"_s;

QByteArray credentials(const QString &email, const QString &password)
{
    return QJsonDocument(QJsonObject{{u"account"_s, u"demo"_s}, {u"email"_s, email}, {u"password"_s, password}})
        .toJson(QJsonDocument::Compact);
}

int delayedCount(const QByteArray &log)
{
    return int(log.count("sign-in delayed after"));
}

// A sign-in as if from `client` (X-Forwarded-For; only believed from a trusted proxy).
HttpReply signInFrom(ServerProcess &server, const QString &email, const QString &password, const QByteArray &forwardedFor)
{
    RequestOptions options;
    options.method = "POST";
    options.body = credentials(email, password);
    options.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    if (!forwardedFor.isEmpty())
        options.headers.append({QByteArray("X-Forwarded-For"), forwardedFor});
    return server.request(u"/api/v1/auth/sign-in"_s, options);
}

HttpReply signIn(ServerProcess &server, const QString &email, const QString &password)
{
    return signInFrom(server, email, password, {});
}

bool advanceClock(ServerProcess &server, const QString &token, qint64 ms)
{
    RequestOptions options;
    options.method = "POST";
    options.token = token;
    options.body = QJsonDocument(QJsonObject{{u"advanceMs"_s, ms}}).toJson(QJsonDocument::Compact);
    options.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
    return server.request(u"/api/v1/test/clock"_s, options).status == 200;
}

// One sign-in over a socket whose source address is `from` (127.0.0.0/8: any
// loopback address reaches the server on 127.0.0.1).
int signInFromSocket(quint16 port, const QHostAddress &from, const QString &email, const QString &password)
{
    RawHttpConnection connection;
    if (!connection.socket().bind(from) || !connection.connectTo(port))
        return -1;
    const QByteArray body = credentials(email, password);
    connection.send("POST /api/v1/auth/sign-in HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
    const auto response = connection.readResponse(30000);
    return response ? response->status : -1;
}

} // namespace

class ServerThrottleTest : public QObject
{
    Q_OBJECT

    std::unique_ptr<TemporaryPostgresDatabase> m_pg;   // ZEIKO_TEST_ON_POSTGRES builds: one per test

    // A fresh demo database (SQLite file, or PostgreSQL in the _postgres build).
    ServerProcess::Options withDemo(QStringList extra) const
    {
        ServerProcess::Options options = ServerProcess::Options::withDemo(std::move(extra));
        if (m_pg)
            options.databaseUrl = m_pg->url();
        return options;
    }

private Q_SLOTS:
    void init()
    {
#ifdef ZEIKO_TEST_ON_POSTGRES
        if (!TemporaryPostgresDatabase::configured())
            QSKIP("ZEIKO_TEST_POSTGRES_URL is not set");
        m_pg = std::make_unique<TemporaryPostgresDatabase>();
        QVERIFY2(m_pg->isValid(), qPrintable(m_pg->errorText()));
#endif
    }

    void cleanup() { m_pg.reset(); }

    void delaysThenBacksOffExponentiallyAndPersists()
    {
        const QStringList options{u"--sign-in-delay-ms"_s, u"20"_s, u"--test-clock"_s};
        ServerProcess server;
        QVERIFY2(server.start(withDemo(options)), qPrintable(server.errorText()));
        const QString clockToken = server.signIn(u"demo"_s, u"mei@demo.zeiko.test"_s, rightPassword);
        QVERIFY(!clockToken.isEmpty());

        for (int i = 0; i < 5; ++i)
            QCOMPARE(signIn(server, alex, u"guess-%1"_s.arg(i)).status, 401);
        QCOMPARE(delayedCount(server.standardError()), 0);   // the first five are not slowed down

        // Another operator from the same address gets in, slowed down (the address has 5 failures).
        QCOMPARE(signIn(server, sam, rightPassword).status, 200);
        QTRY_COMPARE(delayedCount(server.standardError()), 1);

        for (int i = 5; i < 10; ++i)
            QCOMPARE(signIn(server, alex, u"guess-%1"_s.arg(i)).status, 401);
        QTRY_COMPARE(delayedCount(server.standardError()), 6);

        // Ten failures of alex from this address: refused, even with the right
        // password, for a minute after the last failure.
        HttpReply refused = signIn(server, alex, rightPassword);
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), u"too_many_attempts"_s);
        int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY2(retryAfter > 50 && retryAfter <= 60, refused.header("Retry-After").constData());
        // Not the address as a whole: another operator still signs in from it.
        QCOMPARE(signIn(server, sam, rightPassword).status, 200);

        // Persisted: a new process on the same database still refuses.
        const QString database = server.databaseUrl();
        QCOMPARE(server.stop(), 0);
        ServerProcess restarted;
        QVERIFY2(restarted.start(ServerProcess::Options::onDatabase(database, options)), qPrintable(restarted.errorText()));
        QCOMPARE(signIn(restarted, alex, rightPassword).status, 429);
        const QString token = restarted.signIn(u"demo"_s, u"mei@demo.zeiko.test"_s, rightPassword);
        QVERIFY(!token.isEmpty());

        // Once the minute is over one more attempt is evaluated; another
        // failure doubles the wait.
        QVERIFY(advanceClock(restarted, token, qint64(retryAfter) * 1000));
        QCOMPARE(signIn(restarted, alex, u"guess-10"_s).status, 401);
        refused = signIn(restarted, alex, rightPassword);
        QCOMPARE(refused.status, 429);
        retryAfter = refused.header("Retry-After").toInt();
        QVERIFY2(retryAfter > 110 && retryAfter <= 120, refused.header("Retry-After").constData());

        // After the two minutes the right password gets in, and that clears
        // the count: a wrong password is a plain 401 again.
        QVERIFY(advanceClock(restarted, token, qint64(retryAfter) * 1000));
        QCOMPARE(signIn(restarted, alex, rightPassword).status, 200);
        QCOMPARE(signIn(restarted, alex, u"typo"_s).status, 401);
        QCOMPARE(signIn(restarted, alex, rightPassword).status, 200);
        QCOMPARE(restarted.stop(), 0);
    }

    // The lockout DoS of finding 11: failures from anywhere used to lock the
    // named operator out everywhere.
    void failuresFromOneAddressDoNotLockTheOperatorOut()
    {
        ServerProcess server;
        QVERIFY2(server.start(withDemo({u"--sign-in-delay-ms"_s, u"0"_s})),
                 qPrintable(server.errorText()));
        const QHostAddress attacker(u"127.0.0.2"_s);
        for (int i = 0; i < 10; ++i)
            QCOMPARE(signInFromSocket(server.port(), attacker, alex, u"guess-%1"_s.arg(i)), 401);
        QCOMPARE(signInFromSocket(server.port(), attacker, alex, rightPassword), 429);
        // Alex, from their own address (127.0.0.1), is not refused.
        const HttpReply own = signIn(server, alex, rightPassword);
        QVERIFY2(own.status == 200, qPrintable(u"alex was refused after another address's failures: %1 %2"_s
                                                    .arg(own.status)
                                                    .arg(QString::fromUtf8(own.body))));
        QCOMPARE(server.stop(), 0);
    }

    // 24 wrong attempts at once: the limit (10) holds exactly, because each
    // attempt is checked and counted in one locked transaction.
    void concurrentAttemptsCannotExceedTheLimit()
    {
        ServerProcess server;
        QVERIFY2(server.start(withDemo({u"--sign-in-delay-ms"_s, u"0"_s})),
                 qPrintable(server.errorText()));
        // Qt opens at most 6 connections per host and manager: 4 managers, 24 at once.
        std::vector<std::unique_ptr<QNetworkAccessManager>> managers;
        for (int i = 0; i < 4; ++i)
            managers.push_back(std::make_unique<QNetworkAccessManager>());
        QList<QNetworkReply *> replies;
        for (int i = 0; i < 24; ++i) {
            QNetworkRequest request(server.url(u"/api/v1/auth/sign-in"_s));
            request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);
            replies.append(managers[std::size_t(i % 4)]->post(request, credentials(alex, u"wrong-%1"_s.arg(i))));
        }
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(), [](QNetworkReply *r) { return r->isFinished(); }),
                                 120000);
        int evaluated = 0;
        int refused = 0;
        for (QNetworkReply *reply : replies) {
            const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
            evaluated += status == 401;
            refused += status == 429;
        }
        QVERIFY2(evaluated == 10, qPrintable(u"%1 of 24 concurrent attempts were evaluated (limit 10)"_s.arg(evaluated)));
        QCOMPARE(refused, 14);
        QCOMPARE(server.stop(), 0);
    }

    void trustedProxyForwardsTheClientAddress()
    {
        ServerProcess server;
        QVERIFY2(server.start(withDemo(
                     {u"--sign-in-delay-ms"_s, u"0"_s, u"--trusted-proxy"_s, u"127.0.0.1/32,10.0.0.0/8"_s,
                      u"--widget-starts-per-minute"_s, u"1"_s})),
                 qPrintable(server.errorText()));
        const QByteArray attacker = "203.0.113.7";
        for (int i = 0; i < 10; ++i)
            QCOMPARE(signInFrom(server, alex, u"guess-%1"_s.arg(i), attacker).status, 401);
        QCOMPARE(signInFrom(server, alex, rightPassword, attacker).status, 429);
        // Through a second, trusted hop (10.x): still the attacker.
        QCOMPARE(signInFrom(server, alex, rightPassword, attacker + ", 10.1.2.3").status, 429);
        // Prepending a made-up address does not help: the rightmost untrusted entry counts.
        QCOMPARE(signInFrom(server, alex, rightPassword, "198.51.100.9, " + attacker).status, 429);
        // Alex behind the same proxy, from another address, signs in.
        QCOMPARE(signInFrom(server, alex, rightPassword, "198.51.100.9").status, 200);
        QCOMPARE(signInFrom(server, alex, rightPassword, "198.51.100.9, 10.1.2.3").status, 200);

        // The widget's per-address start limit (1 a minute here) counts the same address.
        const auto startFrom = [&](const QByteArray &forwardedFor) {
            RequestOptions options;
            options.method = "POST";
            options.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
            options.headers.append({QByteArray("X-Forwarded-For"), forwardedFor});
            options.body = QJsonDocument(QJsonObject{{u"clientRequestId"_s, QUuid::createUuid().toString()},
                                                     {u"visitorToken"_s, QUuid::createUuid().toString() + QUuid::createUuid().toString()},
                                                     {u"agentId"_s, u"agent-orders"_s},
                                                     {u"body"_s, u"hi"_s}})
                               .toJson(QJsonDocument::Compact);
            return server.request(u"/api/v1/widget/demo/conversations"_s, options).status;
        };
        QCOMPARE(startFrom("192.0.2.10"), 201);
        QCOMPARE(startFrom("192.0.2.10"), 429);
        QCOMPARE(startFrom("192.0.2.11"), 201);
        QCOMPARE(server.stop(), 0);
    }

    void forwardedForIsIgnoredFromUntrustedPeers()
    {
        ServerProcess server;   // no --trusted-proxy
        QVERIFY2(server.start(withDemo({u"--sign-in-delay-ms"_s, u"0"_s})),
                 qPrintable(server.errorText()));
        for (int i = 0; i < 10; ++i)
            QCOMPARE(signInFrom(server, alex, u"guess-%1"_s.arg(i), "203.0.113.%1"_ba.replace("%1", QByteArray::number(i))).status, 401);
        // Each claimed another address; all came from 127.0.0.1, which is what counts.
        QCOMPARE(signInFrom(server, alex, rightPassword, "198.51.100.9").status, 429);
        QCOMPARE(server.stop(), 0);
    }

    void aBadTrustedProxyRangeIsRefusedAtStart()
    {
        ServerProcess server;
        QVERIFY(!server.start(withDemo({u"--trusted-proxy"_s, u"10.0.0.0/99"_s})));
        QVERIFY2(server.errorText().contains(u"CIDR"_s), qPrintable(server.errorText()));
    }
};

QTEST_GUILESS_MAIN(ServerThrottleTest)
#include "test_server_throttle.moc"
