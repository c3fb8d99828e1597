// WebSocket upgrades through the real HttpServer: authentication before the
// upgrade, echo, pushes from other threads, close semantics, limits.
#include "http/errors.h"
#include "http/http_server.h"
#include "http/router.h"
#include "support/raw_socket.h"

#include <QSignalSpy>
#include <QTest>
#include <QWebSocket>

#include <atomic>
#include <mutex>
#include <thread>

using namespace zeiko::http;
using zeiko::test::RawHttpConnection;

namespace {

struct Recorder {
    std::mutex mutex;
    std::atomic<int> accepts{0};
    std::atomic<int> opens{0};
    std::atomic<int> closes{0};
    QList<QByteArray> messages;
    std::shared_ptr<WebSocketConnection> connection;
    std::atomic<bool> closedBeforeOpen{false};

    std::shared_ptr<WebSocketConnection> current()
    {
        std::lock_guard lock(mutex);
        return connection;
    }
};

class EchoSession : public WebSocketSession
{
public:
    explicit EchoSession(std::shared_ptr<Recorder> recorder) : m_recorder(std::move(recorder)) {}
    void onOpen(std::shared_ptr<WebSocketConnection> connection) override
    {
        std::lock_guard lock(m_recorder->mutex);
        m_recorder->connection = connection;
        m_connection = std::move(connection);
        ++m_recorder->opens;
    }
    void onMessage(const QByteArray &text) override
    {
        {
            std::lock_guard lock(m_recorder->mutex);
            m_recorder->messages.append(text);
        }
        m_connection->sendText("echo:" + text);
    }
    void onClose() override
    {
        if (m_recorder->opens.load() == 0)
            m_recorder->closedBeforeOpen = true;
        ++m_recorder->closes;
    }

private:
    std::shared_ptr<Recorder> m_recorder;
    std::shared_ptr<WebSocketConnection> m_connection;
};

QByteArray rawUpgrade(const QByteArray &authorization)
{
    return "GET /ws HTTP/1.1\r\nHost: test\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
           "Authorization: " + authorization + "\r\n\r\n";
}

} // namespace

class TestHttpWebSocket : public QObject
{
    Q_OBJECT

    std::shared_ptr<Recorder> m_recorder;
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;

    void startServer(ServerOptions options = {})
    {
        auto router = std::make_shared<Router>();
        auto recorder = m_recorder;
        router->addWebSocket(QStringLiteral("/ws"),
                             [recorder](const Request &request)
                                 -> std::variant<Response, std::shared_ptr<WebSocketSession>> {
                                 ++recorder->accepts;
                                 if (request.header("authorization") != "Bearer good")
                                     return errorResponse(401, "unauthorized", QStringLiteral("Bad token"));
                                 return std::make_shared<EchoSession>(recorder);
                             });
        m_server = std::make_unique<HttpServer>(options, router);
        m_port = m_server->start();
    }

    QNetworkRequest request(const QByteArray &token) const
    {
        QNetworkRequest r(QUrl(QStringLiteral("ws://127.0.0.1:%1/ws").arg(m_port)));
        r.setRawHeader("Authorization", "Bearer " + token);
        return r;
    }

    bool openClient(QWebSocket &client)
    {
        QSignalSpy connected(&client, &QWebSocket::connected);
        client.open(request("good"));
        return connected.wait(10000);
    }

private slots:
    void init()
    {
        m_recorder = std::make_shared<Recorder>();
    }

    void cleanup()
    {
        m_server.reset();
        // Nothing is called after the server is gone, and never before onOpen.
        QVERIFY(!m_recorder->closedBeforeOpen);
        QCOMPARE(m_recorder->closes.load(), m_recorder->opens.load());
    }

    void rejectedUpgradeIsAPlainHttpResponse()
    {
        startServer();
        RawHttpConnection raw;
        QVERIFY(raw.connectTo(m_port));
        QVERIFY(raw.send(rawUpgrade("Bearer wrong")));
        const auto response = raw.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 401);
        QVERIFY(response->body.contains("unauthorized"));
        QVERIFY(raw.waitForClosed());

        QWebSocket client;
        QSignalSpy connected(&client, &QWebSocket::connected);
        QSignalSpy failed(&client, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error));
        client.open(request("wrong"));
        QVERIFY(failed.wait(10000));
        QCOMPARE(connected.count(), 0);
        QCOMPARE(m_recorder->accepts.load(), 2);
        QCOMPARE(m_recorder->opens.load(), 0);
    }

    void echoRoundTrip()
    {
        startServer();
        QWebSocket client;
        QVERIFY(openClient(client));
        QSignalSpy received(&client, &QWebSocket::textMessageReceived);
        client.sendTextMessage(QStringLiteral("hello ✓"));
        QVERIFY(received.wait(10000));
        QCOMPARE(received.first().first().toString(), QStringLiteral("echo:hello ✓"));
        QCOMPARE(m_recorder->opens.load(), 1);
        QCOMPARE(m_server->openConnections(), 1);
    }

    void serverPushesFromAnotherThreadInOrder()
    {
        startServer();
        QWebSocket client;
        QVERIFY(openClient(client));
        QTRY_COMPARE(m_recorder->opens.load(), 1);
        auto connection = m_recorder->current();
        QVERIFY(connection && connection->isOpen());
        QSignalSpy received(&client, &QWebSocket::textMessageReceived);
        std::thread pusher([connection] {
            for (int i = 0; i < 50; ++i)
                connection->sendText("push " + QByteArray::number(i));
        });
        pusher.join();
        QTRY_COMPARE(received.count(), 50);
        for (int i = 0; i < 50; ++i)
            QCOMPARE(received.at(i).first().toString(), QStringLiteral("push %1").arg(i));
    }

    void onCloseOnceWhenClientCloses()
    {
        startServer();
        QWebSocket client;
        QVERIFY(openClient(client));
        QTRY_COMPARE(m_recorder->opens.load(), 1);
        auto connection = m_recorder->current();
        client.close();
        QTRY_COMPARE(m_recorder->closes.load(), 1);
        QTRY_COMPARE(m_server->openConnections(), 0);
        QVERIFY(!connection->isOpen());
        connection->sendText("nobody listens");   // harmless
        connection->close();
        QCOMPARE(m_recorder->closes.load(), 1);
    }

    void onCloseOnceWhenClientVanishes()
    {
        startServer();
        QWebSocket client;
        QVERIFY(openClient(client));
        QTRY_COMPARE(m_recorder->opens.load(), 1);
        client.abort();
        QTRY_COMPARE(m_recorder->closes.load(), 1);
        QTRY_COMPARE(m_server->openConnections(), 0);
    }

    void serverInitiatedCloseDeliversQueuedMessagesFirst()
    {
        startServer();
        QWebSocket client;
        QVERIFY(openClient(client));
        QTRY_COMPARE(m_recorder->opens.load(), 1);
        QSignalSpy received(&client, &QWebSocket::textMessageReceived);
        QSignalSpy disconnected(&client, &QWebSocket::disconnected);
        auto connection = m_recorder->current();
        connection->sendText("last words");
        connection->close();
        QVERIFY(!connection->isOpen());
        QVERIFY(disconnected.wait(10000) || disconnected.count() == 1);
        QCOMPARE(received.count(), 1);
        QCOMPARE(received.first().first().toString(), QStringLiteral("last words"));
        QTRY_COMPARE(m_recorder->closes.load(), 1);
    }

    void oversizedMessageClosesTheConnection()
    {
        ServerOptions options;
        options.maxWebSocketMessageBytes = 1024;
        startServer(options);
        QWebSocket client;
        QVERIFY(openClient(client));
        QSignalSpy disconnected(&client, &QWebSocket::disconnected);
        client.sendTextMessage(QString(4096, QLatin1Char('m')));
        QVERIFY(disconnected.wait(10000));
        QTRY_COMPARE(m_recorder->closes.load(), 1);
        std::lock_guard lock(m_recorder->mutex);
        QVERIFY(m_recorder->messages.isEmpty());
    }

    void slowConsumerIsClosed()
    {
        ServerOptions options;
        options.maxWebSocketQueueBytes = 512 * 1024;
        startServer(options);
        RawHttpConnection raw;   // completes the handshake, then never reads
        raw.socket().setReadBufferSize(1);
        QVERIFY(raw.connectTo(m_port));
        QVERIFY(raw.send(rawUpgrade("Bearer good")));
        const auto upgraded = raw.readResponse(10000, false);
        QVERIFY(upgraded);
        QCOMPARE(upgraded->status, 101);
        QTRY_COMPARE(m_recorder->opens.load(), 1);
        auto connection = m_recorder->current();
        const QByteArray chunk(64 * 1024, 'p');
        for (int i = 0; i < 2000 && connection->isOpen(); ++i)
            connection->sendText(chunk);
        QTRY_VERIFY_WITH_TIMEOUT(!connection->isOpen(), 10000);
        QTRY_COMPARE(m_recorder->closes.load(), 1);
    }

    void deadPeerIsDroppedByPings()
    {
        ServerOptions options;
        options.webSocketPingInterval = std::chrono::milliseconds(200);
        startServer(options);
        RawHttpConnection raw;   // never answers the server's pings
        QVERIFY(raw.connectTo(m_port));
        QVERIFY(raw.send(rawUpgrade("Bearer good")));
        const auto upgraded = raw.readResponse(10000, false);
        QVERIFY(upgraded);
        QCOMPARE(upgraded->status, 101);
        QVERIFY(raw.waitForClosed(10000));
        QTRY_COMPARE(m_recorder->closes.load(), 1);
    }

    void stopWithOpenWebSocketsClosesThem()
    {
        ServerOptions options;
        options.shutdownGracePeriod = std::chrono::milliseconds(500);
        startServer(options);
        QWebSocket first;
        QWebSocket second;
        QVERIFY(openClient(first));
        QVERIFY(openClient(second));
        QTRY_COMPARE(m_recorder->opens.load(), 2);
        QSignalSpy firstGone(&first, &QWebSocket::disconnected);
        // stop() blocks this thread, so the clients cannot answer the close
        // handshake; the server must still come back (grace period, then force).
        m_server->stop();
        QCOMPARE(m_server->openConnections(), 0);
        QCOMPARE(m_recorder->closes.load(), 2);
        QVERIFY(firstGone.wait(10000) || firstGone.count() == 1);
    }
};

QTEST_GUILESS_MAIN(TestHttpWebSocket)
#include "test_http_websocket.moc"
