// Repeated failed sign-ins are slowed down (from 5 failures in 15 min) and
// then refused with 429 + Retry-After (from 10), per account+email and per
// peer address, and the count lives in the database: a restart or another
// process does not reset it.

#include "support/server_process.h"

#include <QJsonDocument>
#include <QTest>

using namespace zeiko::test;
using namespace Qt::StringLiterals;

class ServerThrottleTest : public QObject
{
    Q_OBJECT

private:
    static QByteArray credentials(const QString &email, const QString &password)
    {
        return QJsonDocument(QJsonObject{{u"account"_s, u"demo"_s}, {u"email"_s, email}, {u"password"_s, password}})
            .toJson(QJsonDocument::Compact);
    }
    static int delayedCount(const QByteArray &log) { return int(log.count("sign-in delayed after")); }

private slots:
    void slowsDownThenRefusesAndPersists()
    {
        ServerProcess server;
        const QStringList fastDelay{u"--sign-in-delay-ms"_s, u"20"_s};
        QVERIFY2(server.start(ServerProcess::Options::withDemo(fastDelay)), qPrintable(server.errorText()));
        const QString alex = u"alex@demo.zeiko.test"_s;

        for (int i = 0; i < 5; ++i)
            QCOMPARE(server.post(u"/api/v1/auth/sign-in"_s, credentials(alex, u"guess-%1"_s.arg(i))).status, 401);
        QCOMPARE(delayedCount(server.standardError()), 0);   // the first five are not slowed down

        // Another operator from the same address still gets in (slowed: the address has 5 failures).
        QCOMPARE(server.post(u"/api/v1/auth/sign-in"_s, credentials(u"sam@demo.zeiko.test"_s, u"demo-password"_s)).status, 200);
        QTRY_COMPARE(delayedCount(server.standardError()), 1);

        for (int i = 5; i < 10; ++i)
            QCOMPARE(server.post(u"/api/v1/auth/sign-in"_s, credentials(alex, u"guess-%1"_s.arg(i))).status, 401);
        QTRY_COMPARE(delayedCount(server.standardError()), 6);

        // Ten failures: refused, even with the right password, for 15 minutes.
        const HttpReply locked = server.post(u"/api/v1/auth/sign-in"_s, credentials(alex, u"demo-password"_s));
        QCOMPARE(locked.status, 429);
        QCOMPARE(locked.errorCode(), u"too_many_attempts"_s);
        const int retryAfter = locked.header("Retry-After").toInt();
        QVERIFY2(retryAfter > 800 && retryAfter <= 900, locked.header("Retry-After").constData());
        // The address is locked too, whoever signs in from it.
        QCOMPARE(server.post(u"/api/v1/auth/sign-in"_s, credentials(u"sam@demo.zeiko.test"_s, u"demo-password"_s)).status, 429);

        // Persisted: a new process on the same database still refuses.
        const QString database = server.databaseUrl();
        QCOMPARE(server.stop(), 0);
        ServerProcess restarted;
        QVERIFY2(restarted.start(ServerProcess::Options::onDatabase(database, fastDelay)), qPrintable(restarted.errorText()));
        QCOMPARE(restarted.post(u"/api/v1/auth/sign-in"_s, credentials(alex, u"demo-password"_s)).status, 429);
        QCOMPARE(restarted.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerThrottleTest)
#include "test_server_throttle.moc"
