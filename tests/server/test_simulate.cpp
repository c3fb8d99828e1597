// `zeiko-server simulate` against a real demo server: a short burst at a
// high rate must create widget, Shopify and email tickets, agent replies and
// handoffs through the public APIs, keep the event log gapless, and stop
// cleanly on SIGTERM.

#include "channels_test_support.h"

#include <QProcess>
#include <QTcpServer>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QString agentToken = u"sim-agent-token-0123456789"_s;
const QString shopifySecret = u"sim-shopify-secret-0123"_s;
const QString resendSecret = u"whsec_"_s + QString::fromLatin1(QByteArray("zeiko-simulate-test-secret-32byt").toBase64());
const QString domain = u"in.sim.test"_s;

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}
} // namespace

class SimulateTest : public QObject
{
    Q_OBJECT

private:
    ServerProcess server;
    QString token;
    quint16 standInPort = 0;

    QStringList simulateArgs(const QStringList &extra)
    {
        return QStringList{u"simulate"_s,  u"--url"_s,           server.baseUrl().toString(),
                           u"--account"_s, u"demo"_s,            u"--inbound-domain"_s,
                           domain,         u"--email-standin"_s, u"127.0.0.1:%1"_s.arg(standInPort)} +
               extra;
    }
    // The simulator's secrets, by the environment (never its command line).
    void startSimulator(QProcess &sim, const QStringList &extra)
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        environment.insert(u"AGENT_SERVICE_TOKEN"_s, agentToken);
        environment.insert(u"SHOPIFY_WEBHOOK_SECRET"_s, shopifySecret);
        environment.insert(u"RESEND_WEBHOOK_SECRET"_s, resendSecret);
        sim.setProcessEnvironment(environment);
        sim.start(ServerProcess::binaryPath(), simulateArgs(extra));
    }
    QList<Event> allEventsAfter(Seq after)
    {
        QList<Event> all;
        for (;;) {
            const EventPage page = decode<EventPage>(
                server.get(u"/api/v1/events?after=%1&limit=1000"_s.arg(after), token).body);
            all += page.events;
            if (!page.hasMore || page.events.isEmpty())
                return all;
            after = page.events.last().seq;
        }
    }

private slots:
    void initTestCase()
    {
        standInPort = freePort();
        QVERIFY(standInPort != 0);
        QVERIFY2(server.start(ServerProcess::Options::withDemo(
                     {u"--resend-api-base-url"_s, u"http://127.0.0.1:%1"_s.arg(standInPort), u"--inbound-domain"_s, domain},
                     {{u"RESEND_WEBHOOK_SECRET"_s, resendSecret}, {u"RESEND_API_KEY"_s, u"re_sim"_s}})),
                 qPrintable(server.errorText()));
        QVERIFY2(server.addAgentToken(u"demo"_s, agentToken), qPrintable(server.errorText()));
        QVERIFY2(server.setShopify(u"demo"_s, u"demo.myshopify.com"_s, shopifySecret), qPrintable(server.errorText()));
        token = server.signIn(u"demo"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s);
        QVERIFY(!token.isEmpty());
    }

    void aShortBurstCreatesRealTraffic()
    {
        const Seq before = decode<EventPage>(server.get(u"/api/v1/events?after=0&limit=1"_s, token).body).head;
        QProcess sim;
        startSimulator(sim, {u"--rate"_s, u"600"_s, u"--duration"_s, u"6"_s, u"--seed"_s, u"7"_s, u"--run-id"_s, u"t1"_s});
        QVERIFY(sim.waitForFinished(120000));
        const QByteArray out = sim.readAllStandardOutput();
        QVERIFY2(sim.exitStatus() == QProcess::NormalExit && sim.exitCode() == 0,
                 qPrintable(QString::fromUtf8(out + sim.readAllStandardError())));
        QVERIFY2(out.contains("simulate: done:"), out.constData());
        QVERIFY2(out.count("chat_start ") >= 3, out.constData());

        const QList<Event> events = allEventsAfter(before);
        QHash<QString, int> createdBySource;
        int agentReplies = 0, handoffs = 0, visitorMessages = 0, shopifyEntries = 0;
        for (const Event &e : events) {
            if (e.type == EventType::TicketCreated && e.ticket)
                ++createdBySource[toString(e.ticket->source)];
            if (e.handoff)
                ++handoffs;
            if (!e.entry)
                continue;
            if (e.entry->kind == EntryKind::AgentReply)
                ++agentReplies;
            if (e.entry->kind == EntryKind::CustomerMessage && e.type == EventType::EntryAdded)
                ++visitorMessages;
            if (e.entry->kind == EntryKind::ShopifyEvent)
                ++shopifyEntries;
        }
        const QString summary = u"widget=%1 shopify=%2 email=%3 agentReplies=%4 handoffEvents=%5 visitor=%6 shopifyEntries=%7"_s
                                    .arg(createdBySource.value(u"widget"_s))
                                    .arg(createdBySource.value(u"shopify"_s))
                                    .arg(createdBySource.value(u"email"_s))
                                    .arg(agentReplies)
                                    .arg(handoffs)
                                    .arg(visitorMessages)
                                    .arg(shopifyEntries);
        qInfo().noquote() << summary;
        QVERIFY2(createdBySource.value(u"widget"_s) >= 3, qPrintable(summary));
        QVERIFY2(agentReplies >= 1, qPrintable(summary));
        QVERIFY2(visitorMessages >= 1, qPrintable(summary));
        QVERIFY2(handoffs >= 1, qPrintable(summary));
        QVERIFY2(shopifyEntries >= 1, qPrintable(summary));
        QVERIFY2(createdBySource.value(u"email"_s) >= 1, qPrintable(summary));
        QVERIFY2(!out.contains(" 401") && !out.contains(" 400") && !out.contains(" 500"), out.constData());
    }

    void theEventLogStaysGapless()
    {
        const QList<Event> events = allEventsAfter(0);
        QVERIFY(!events.isEmpty());
        for (qsizetype i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].seq, Seq(i + 1));
    }

    void sigtermStopsCleanly()
    {
        QProcess sim;
        startSimulator(sim, {u"--rate"_s, u"120"_s, u"--run-id"_s, u"t2"_s});
        QVERIFY(sim.waitForStarted());
        QByteArray out;
        QTRY_VERIFY_WITH_TIMEOUT((out += sim.readAllStandardOutput()).contains("chat_start "), 30000);
        sim.terminate();
        QVERIFY(sim.waitForFinished(30000));
        out += sim.readAllStandardOutput();
        QCOMPARE(sim.exitStatus(), QProcess::NormalExit);
        QCOMPARE(sim.exitCode(), 0);
        QVERIFY2(out.contains("stopping (signal 15)") && out.contains("simulate: done:"), out.constData());
    }

    void anUnreachableServerIsAClearError()
    {
        QProcess sim;
        sim.start(ServerProcess::binaryPath(),
                  {u"simulate"_s, u"--url"_s, u"http://127.0.0.1:%1"_s.arg(freePort()), u"--duration"_s, u"1"_s});
        QVERIFY(sim.waitForFinished(30000));
        QCOMPARE(sim.exitCode(), 1);
        QVERIFY(sim.readAllStandardError().contains("does not answer"));
    }

    // Issue 10, finding 16: a secret on the simulator's command line is refused.
    void secretsOnTheCommandLineAreRefused()
    {
        for (const QString &option : {u"--agent-token"_s, u"--shopify-secret"_s, u"--resend-webhook-secret"_s}) {
            QProcess sim;
            sim.start(ServerProcess::binaryPath(), simulateArgs({option, u"visible-to-every-local-user"_s, u"--duration"_s, u"1"_s}));
            QVERIFY(sim.waitForFinished(30000));
            QCOMPARE(sim.exitCode(), 1);
            const QByteArray error = sim.readAllStandardError();
            QVERIFY2(error.contains("not accepted on the command line") && error.contains((option + u"-file"_s).toUtf8()),
                     error.constData());
        }
    }

    void cleanupTestCase() { QCOMPARE(server.stop(), 0); }
};

QTEST_GUILESS_MAIN(SimulateTest)
#include "test_simulate.moc"
