// EventStream against a scripted loopback WebSocket server: continuity,
// duplicates, gaps, heartbeat watchdog, reconnect with backoff, and no
// reconnect once the server says the token is revoked (close code 4001).
#include "core_test_data.h"
#include "domain/codecs.h"
#include "net/api_client.h"
#include "net/event_stream.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

using namespace zeiko;
using namespace std::chrono_literals;

namespace {

QString eventFrame(Seq seq)
{
    const Event event = testdata::ticketEvent(seq, testdata::ticket(seq));
    return QString::fromUtf8(QJsonDocument(QJsonObject{{QStringLiteral("type"), QStringLiteral("event")},
                                                       {QStringLiteral("event"), toJson(event)}})
                                 .toJson(QJsonDocument::Compact));
}

QString heartbeatFrame(Seq head)
{
    return QStringLiteral(R"({"type":"heartbeat","head":%1,"at":"2026-03-01T09:00:00.000Z"})").arg(head);
}

QList<Seq> seqsOf(const QSignalSpy &spy)
{
    QList<Seq> seqs;
    for (const auto &arguments : spy) {
        for (const Event &event : arguments.at(0).value<QList<Event>>())
            seqs.append(event.seq);
    }
    return seqs;
}

} // namespace

class TestEventStream : public QObject
{
    Q_OBJECT

    std::unique_ptr<QWebSocketServer> m_server;
    QList<QWebSocket *> m_connections;
    QList<QNetworkRequest> m_handshakes;

    QUrl baseUrl() const { return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_server->serverPort())); }

    static EventStreamOptions fastOptions(std::chrono::milliseconds heartbeat = 5000ms)
    {
        EventStreamOptions options;
        options.heartbeatInterval = heartbeat;
        options.reconnect = Backoff{20ms, 100ms, 0.0, [] { return 0.5; }};
        return options;
    }

private Q_SLOTS:
    void init()
    {
        qRegisterMetaType<QList<zeiko::Event>>();
        m_connections.clear();
        m_handshakes.clear();
        m_server = std::make_unique<QWebSocketServer>(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode);
        QVERIFY(m_server->listen(QHostAddress::LocalHost, 0));
        connect(m_server.get(), &QWebSocketServer::newConnection, this, [this] {
            while (QWebSocket *socket = m_server->nextPendingConnection()) {
                m_handshakes.append(socket->request());
                m_connections.append(socket);
            }
        });
    }

    void cleanup()
    {
        qDeleteAll(m_connections);   // nextPendingConnection() hands over ownership
        m_connections.clear();
        m_server.reset();
    }

    void resumesFromTheCursorWithAuth()
    {
        ApiClient api(baseUrl());
        api.setToken(QStringLiteral("tok"));
        EventStream stream(api, fastOptions());
        QSignalSpy events(&stream, &EventStream::eventsReceived);
        stream.start(5);
        QTRY_COMPARE(m_connections.size(), 1);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        QCOMPARE(m_handshakes.at(0).url().query(), QStringLiteral("after=5"));
        QCOMPARE(m_handshakes.at(0).rawHeader("Authorization"), QByteArray("Bearer tok"));
        m_connections.at(0)->sendTextMessage(eventFrame(6));
        m_connections.at(0)->sendTextMessage(eventFrame(7));
        QTRY_COMPARE(seqsOf(events), (QList<Seq>{6, 7}));
        QCOMPARE(stream.cursor(), 7);
    }

    void duplicatesDropAndGapsPause()
    {
        ApiClient api(baseUrl());
        EventStream stream(api, fastOptions());
        QSignalSpy events(&stream, &EventStream::eventsReceived);
        QSignalSpy gaps(&stream, &EventStream::gapDetected);
        stream.start(5);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        QWebSocket *server = m_connections.at(0);
        server->sendTextMessage(eventFrame(6));
        server->sendTextMessage(eventFrame(6));   // delivered twice
        server->sendTextMessage(eventFrame(5));   // already had it
        server->sendTextMessage(eventFrame(8));   // 7 is missing
        QTRY_COMPARE(gaps.count(), 1);
        QCOMPARE(gaps.at(0).at(0).value<Seq>(), 6);
        QCOMPARE(seqsOf(events), (QList<Seq>{6}));
        server->sendTextMessage(eventFrame(9));   // held while paused
        QTest::qWait(50);
        QCOMPARE(seqsOf(events), (QList<Seq>{6}));
        // The owner fetched 7 over REST and resumes: 8 and 9 follow.
        stream.resume(7);
        QTRY_COMPARE(seqsOf(events), (QList<Seq>{6, 8, 9}));
        QCOMPARE(gaps.count(), 1);
    }

    void heartbeatAheadOfUsIsAGap()
    {
        ApiClient api(baseUrl());
        EventStream stream(api, fastOptions());
        QSignalSpy gaps(&stream, &EventStream::gapDetected);
        QSignalSpy beats(&stream, &EventStream::heartbeatReceived);
        stream.start(5);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        m_connections.at(0)->sendTextMessage(heartbeatFrame(5));
        QTRY_COMPARE(beats.count(), 1);
        m_connections.at(0)->sendTextMessage(heartbeatFrame(9));
        QTRY_COMPARE(gaps.count(), 1);
    }

    void malformedFrameIsReportedAndTreatedAsAGap()
    {
        ApiClient api(baseUrl());
        EventStream stream(api, fastOptions());
        QSignalSpy malformed(&stream, &EventStream::malformedFrame);
        QSignalSpy gaps(&stream, &EventStream::gapDetected);
        stream.start(0);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        m_connections.at(0)->sendTextMessage(QStringLiteral(R"({"type":"event","event":{"seq":"one"}})"));
        QTRY_COMPARE(malformed.count(), 1);
        QVERIFY(malformed.at(0).at(0).toString().startsWith(QStringLiteral("event.seq")));
        QCOMPARE(gaps.count(), 1);
        m_connections.at(0)->sendTextMessage(QStringLiteral("not json at all"));
        QTRY_COMPARE(malformed.count(), 2);
    }

    void silentSocketIsDetectedAndReconnected()
    {
        ApiClient api(baseUrl());
        EventStream stream(api, fastOptions(150ms));
        QSignalSpy lost(&stream, &EventStream::connectionLost);
        stream.start(3);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        // The server stays silent (no heartbeats): the watchdog must fire.
        QTRY_VERIFY_WITH_TIMEOUT(lost.count() >= 1, 5000);
        QTRY_VERIFY_WITH_TIMEOUT(m_connections.size() >= 2, 5000);
        QCOMPARE(m_handshakes.at(1).url().query(), QStringLiteral("after=3"));
    }

    void closedSocketReconnectsFromTheNewCursor()
    {
        ApiClient api(baseUrl());
        EventStream stream(api, fastOptions());
        QSignalSpy states(&stream, &EventStream::stateChanged);
        stream.start(0);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        m_connections.at(0)->sendTextMessage(eventFrame(1));
        QTRY_COMPARE(stream.cursor(), 1);
        m_connections.at(0)->close();
        QTRY_COMPARE(m_connections.size(), 2);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        QCOMPARE(m_handshakes.at(1).url().query(), QStringLiteral("after=1"));
        bool sawReconnecting = false;
        for (const auto &arguments : states)
            sawReconnecting |= arguments.at(0).value<EventStream::State>() == EventStream::State::Reconnecting;
        QVERIFY(sawReconnecting);
    }

    // Issue 10, finding 3: reconnecting with a revoked token would loop on 401s.
    void tokenRevokedCloseStopsWithoutReconnecting()
    {
        ApiClient api(baseUrl());
        api.setToken(QStringLiteral("tok"));
        EventStream stream(api, fastOptions());
        QSignalSpy rejected(&stream, &EventStream::tokenRejected);
        QSignalSpy lost(&stream, &EventStream::connectionLost);
        stream.start(0);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        m_connections.at(0)->close(QWebSocketProtocol::CloseCode(closeTokenRevoked),
                                   QStringLiteral("token revoked or expired"));
        QTRY_COMPARE(rejected.count(), 1);
        QCOMPARE(stream.state(), EventStream::State::Stopped);
        // The backoff is 20 ms: a reconnect loop would have opened several by now.
        QTest::qWait(300);
        QCOMPARE(m_connections.size(), 1);
        QCOMPARE(stream.reconnectAttempts(), 0);
        QCOMPARE(lost.count(), 0);
        QCOMPARE(rejected.count(), 1);

        // Another close code still reconnects (the server going away, say).
        stream.start(0);
        QTRY_COMPARE(m_connections.size(), 2);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        m_connections.at(1)->close(QWebSocketProtocol::CloseCodeGoingAway);
        QTRY_COMPARE(m_connections.size(), 3);
        QCOMPARE(rejected.count(), 1);
    }

    void unreachableServerKeepsRetrying()
    {
        const QUrl url = baseUrl();
        m_server.reset();   // nothing listens any more
        ApiClient api(url);
        EventStream stream(api, fastOptions());
        stream.start(0);
        QTRY_VERIFY_WITH_TIMEOUT(stream.reconnectAttempts() >= 3, 5000);
        stream.stop();
        QCOMPARE(stream.state(), EventStream::State::Stopped);
    }

    void backoffDoublesAndCaps()
    {
        Backoff backoff{100ms, 1000ms, 0.0, [] { return 0.9; }};
        QCOMPARE(backoff.delayFor(1), 100ms);
        QCOMPARE(backoff.delayFor(2), 200ms);
        QCOMPARE(backoff.delayFor(4), 800ms);
        QCOMPARE(backoff.delayFor(5), 1000ms);
        QCOMPARE(backoff.delayFor(50), 1000ms);
        Backoff jittered{100ms, 1000ms, 0.5, [] { return 0.0; }};
        QCOMPARE(jittered.delayFor(1), 50ms);   // 100 * (1 - 0.5)
        jittered.random = [] { return 0.999999; };
        QVERIFY(jittered.delayFor(1) >= 149ms && jittered.delayFor(1) <= 150ms);
    }

    // Issue 11, item 9: with the shipped options the console waited up to 30 s
    // (39 s with jitter) between attempts while the server was gone, so it
    // was Live ~31 s after the server came back. Offline, no wait exceeds the
    // ceiling, jitter included; with the server answering (it refused or
    // dropped us) the backoff still grows to its maximum to spare it.
    void offlineReconnectScheduleNeverExceedsTheCeiling()
    {
        EventStreamOptions shipped;
        QCOMPARE(shipped.offlineCeiling, 5000ms);
        for (const double unit : {0.0, 0.25, 0.5, 0.999999}) {
            shipped.reconnect.random = [unit] { return unit; };
            for (int attempt = 1; attempt <= 40; ++attempt) {
                const auto delay = reconnectDelay(shipped, attempt, true);
                QVERIFY2(delay >= 1ms && delay <= shipped.offlineCeiling,
                         qPrintable(QStringLiteral("attempt %1, random %2: %3 ms").arg(attempt).arg(unit).arg(delay.count())));
            }
        }
        shipped.reconnect.random = [] { return 0.5; };
        QCOMPARE(reconnectDelay(shipped, 1, true), 425ms);   // the backoff's 500 ms, jittered downwards only: 500 * (1 - 0.3 * 0.5)
        QCOMPARE(reconnectDelay(shipped, 20, false), 30000ms);   // not offline: spare the server
        // At the ceiling the jitter spreads below it, never above.
        shipped.reconnect.random = [] { return 0.0; };
        QCOMPARE(reconnectDelay(shipped, 20, true), 5000ms);
        shipped.reconnect.random = [] { return 0.999999; };
        QCOMPARE(reconnectDelay(shipped, 20, true), 3500ms);   // 5000 * (1 - 0.3)
    }

    // A long wait already scheduled is shortened to the ceiling the moment
    // the owner says offline, and the stream is back on its next attempt.
    void goingOfflineShortensAScheduledWait()
    {
        const QUrl url = baseUrl();
        ApiClient api(url);
        EventStreamOptions options = fastOptions();
        options.reconnect = Backoff{60s, 60s, 0.0, {}};
        options.offlineCeiling = 20ms;
        EventStream stream(api, options);
        QSignalSpy scheduled(&stream, &EventStream::reconnectScheduled);
        stream.start(0);
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        m_connections.at(0)->abort();
        QTRY_COMPARE(stream.state(), EventStream::State::Reconnecting);
        QCOMPARE(scheduled.count(), 1);
        QCOMPARE(scheduled.at(0).at(1).toLongLong(), 60000);
        stream.setOffline(true);
        QCOMPARE(scheduled.count(), 2);
        QVERIFY2(scheduled.at(1).at(1).toLongLong() <= 20, qPrintable(scheduled.at(1).at(1).toString()));
        QTRY_COMPARE(stream.state(), EventStream::State::Connected);
        QCOMPARE(m_connections.size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestEventStream)
#include "test_event_stream.moc"
