// The Beast HTTP transport against a real HttpServer on 127.0.0.1, over real
// sockets: raw bytes through QTcpSocket, normal requests through
// QNetworkAccessManager.
#include "http/errors.h"
#include "http/http_server.h"
#include "http/router.h"
#include "support/raw_socket.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTest>

#include <atomic>
#include <thread>

using namespace zeiko::http;
using zeiko::test::RawHttpConnection;
using zeiko::test::RawResponse;

namespace {

constexpr int bigBodyBytes = 16 * 1024 * 1024;   // larger than loopback socket buffers

QByteArray errorCodeOf(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(QStringLiteral("error")).toObject()
        .value(QStringLiteral("code")).toString().toUtf8();
}

QByteArray get(const QByteArray &path, const QByteArray &extraHeaders = {})
{
    return "GET " + path + " HTTP/1.1\r\nHost: test\r\n" + extraHeaders + "\r\n";
}

} // namespace

class TestHttpTransport : public QObject
{
    Q_OBJECT

    std::shared_ptr<Router> m_router;
    std::unique_ptr<HttpServer> m_server;
    quint16 m_port = 0;
    std::atomic<int> m_slowStarted{0};

    ServerOptions smallTimeouts() const
    {
        ServerOptions options;
        // Short enough to watch them fire, long enough for a loaded CI machine.
        options.headerTimeout = std::chrono::milliseconds(1000);
        options.bodyTimeout = std::chrono::milliseconds(1500);
        options.idleTimeout = std::chrono::milliseconds(1500);
        options.writeTimeout = std::chrono::milliseconds(5000);
        options.maxBodyBytes = 64 * 1024;
        options.workerThreads = 4;
        return options;
    }

    std::unique_ptr<HttpServer> startServer(const ServerOptions &options, quint16 &port)
    {
        auto server = std::make_unique<HttpServer>(options, m_router);
        port = server->start();
        return server;
    }

    QUrl url(const QString &path) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_port).arg(path));
    }

private slots:
    void initTestCase()
    {
        auto router = std::make_shared<Router>();
        router->add("GET", QStringLiteral("/hello"), [](const Request &) {
            Response r;
            r.contentType = "text/plain";
            r.body = "hello";
            return r;
        });
        router->add("GET", QStringLiteral("/tickets/{id}"), [](const Request &r) {
            const QJsonObject body{{QStringLiteral("id"), r.pathParams.value(QStringLiteral("id"))}};
            return Response::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
        });
        router->add("POST", QStringLiteral("/echo"), [](const Request &r) {
            Response response;
            response.contentType = "text/plain";
            response.body = r.body;
            return response;
        });
        router->add("GET", QStringLiteral("/inspect/{name}"), [](const Request &r) {
            const QJsonObject body{
                {QStringLiteral("method"), QString::fromLatin1(r.method)},
                {QStringLiteral("path"), r.path},
                {QStringLiteral("name"), r.pathParams.value(QStringLiteral("name"))},
                {QStringLiteral("q"), r.query.queryItemValue(QStringLiteral("q"), QUrl::FullyDecoded)},
                {QStringLiteral("custom"), QString::fromUtf8(r.header("x-custom"))},
                {QStringLiteral("peer"), r.peer.toString()},
            };
            return Response::json(200, QJsonDocument(body).toJson(QJsonDocument::Compact));
        });
        router->add("GET", QStringLiteral("/items/{id}"), [](const Request &) { return Response::json(200, "{}"); });
        router->add("PUT", QStringLiteral("/items/{id}"), [](const Request &) { return Response::json(200, "{}"); });
        router->add("GET", QStringLiteral("/slow"), [this](const Request &) {
            ++m_slowStarted;
            std::this_thread::sleep_for(std::chrono::milliseconds(1500));
            Response r;
            r.contentType = "text/plain";
            r.body = "slow";
            return r;
        });
        router->add("GET", QStringLiteral("/big"), [](const Request &) {
            Response r;
            r.contentType = "application/octet-stream";
            r.body = QByteArray(bigBodyBytes, 'x');
            return r;
        });
        router->add("GET", QStringLiteral("/throw"), [](const Request &) -> Response {
            throw std::runtime_error("boom");
        });
        m_router = router;
    }

    void init()
    {
        m_slowStarted = 0;
        m_server = startServer(smallTimeouts(), m_port);
        QVERIFY(m_port != 0);
    }

    void cleanup()
    {
        m_server.reset();
    }

    void routesWithPathParamsOverQNetworkAccessManager()
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(url(QStringLiteral("/tickets/1042"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(reply->rawHeader("Content-Type"), QByteArray("application/json"));
        QCOMPARE(reply->rawHeader("Cache-Control"), QByteArray("no-store"));
        QCOMPARE(QJsonDocument::fromJson(reply->readAll()).object().value(QStringLiteral("id")).toString(),
                 QStringLiteral("1042"));
        reply->deleteLater();
    }

    void unknownPathIs404()
    {
        QNetworkAccessManager nam;
        QNetworkReply *reply = nam.get(QNetworkRequest(url(QStringLiteral("/does/not/exist"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 404);
        QCOMPARE(errorCodeOf(reply->readAll()), QByteArray("not_found"));
        reply->deleteLater();
    }

    void requestFieldsReachTheHandler()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(get("/inspect/a%20b?q=x%26y&z=1", "X-Custom: one\r\nx-custom: two\r\n")));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        const QJsonObject body = QJsonDocument::fromJson(response->body).object();
        QCOMPARE(body.value(QStringLiteral("method")).toString(), QStringLiteral("GET"));
        QCOMPARE(body.value(QStringLiteral("path")).toString(), QStringLiteral("/inspect/a b"));
        QCOMPARE(body.value(QStringLiteral("name")).toString(), QStringLiteral("a b"));
        QCOMPARE(body.value(QStringLiteral("q")).toString(), QStringLiteral("x&y"));
        QCOMPARE(body.value(QStringLiteral("custom")).toString(), QStringLiteral("one, two"));
        QCOMPARE(body.value(QStringLiteral("peer")).toString(), QStringLiteral("127.0.0.1"));
    }

    void otherMethodIs405WithAllow()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("DELETE /items/3 HTTP/1.1\r\nHost: test\r\n\r\n"));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 405);
        QCOMPARE(response->header("allow"), QByteArray("GET, HEAD, PUT"));
        QCOMPARE(errorCodeOf(response->body), QByteArray("method_not_allowed"));
    }

    void headHasGetHeadersButNoBody()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("HEAD /hello HTTP/1.1\r\nHost: test\r\n\r\n"));
        const auto head = c.readResponse(10000, false);
        QVERIFY(head);
        QCOMPARE(head->status, 200);
        QCOMPARE(head->header("content-length"), QByteArray("5"));
        QCOMPARE(head->header("content-type"), QByteArray("text/plain"));
        // A body sent after HEAD would be read as the start of this response.
        QVERIFY(c.send(get("/hello")));
        const auto next = c.readResponse();
        QVERIFY(next);
        QCOMPARE(next->statusLine, QByteArray("HTTP/1.1 200 OK"));
        QCOMPARE(next->body, QByteArray("hello"));
    }

    void handlerExceptionIs500()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(get("/throw")));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 500);
        QCOMPARE(errorCodeOf(response->body), QByteArray("internal_error"));
    }

    void hugeHeaderIs431()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(get("/hello", "X-Big: " + QByteArray(20000, 'a') + "\r\n")));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 431);
        QCOMPARE(errorCodeOf(response->body), QByteArray("header_too_large"));
        QVERIFY(c.waitForClosed());
    }

    void hugeBodyIs413()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        const QByteArray body(200 * 1024, 'b');
        c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Type: text/plain\r\nContent-Length: "
               + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QCOMPARE(errorCodeOf(response->body), QByteArray("payload_too_large"));
        QVERIFY(c.waitForClosed());
    }

    void lyingContentLengthIs413()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 999999999\r\n\r\nshort"));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
        QVERIFY(c.waitForClosed());
    }

    void chunkedBodyOverLimitIs413()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QByteArray request = "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n";
        const QByteArray chunk(16 * 1024, 'c');
        for (int i = 0; i < 8; ++i)
            request += QByteArray::number(chunk.size(), 16) + "\r\n" + chunk + "\r\n";
        request += "0\r\n\r\n";
        c.send(request);
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 413);
    }

    void bodyWithinLimitIsEchoed()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        const QByteArray body(60 * 1024, 'e');
        QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: " + QByteArray::number(body.size())
                       + "\r\n\r\n" + body));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QCOMPARE(response->body, body);
    }

    void malformedRequestsAre400_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("garbage request line") << QByteArray("THIS IS NOT HTTP\r\n\r\n");
        QTest::newRow("bad version") << QByteArray("GET / HTTP/9\r\nHost: test\r\n\r\n");
        QTest::newRow("header without colon") << QByteArray("GET /hello HTTP/1.1\r\nHost: test\r\nNoColonHere\r\n\r\n");
        QTest::newRow("non-numeric content-length")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: abc\r\n\r\n");
        QTest::newRow("conflicting content-lengths")
            << QByteArray("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!");
        QTest::newRow("asterisk target") << QByteArray("GET * HTTP/1.1\r\nHost: test\r\n\r\n");
    }

    void malformedRequestsAre400()
    {
        QFETCH(QByteArray, bytes);
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(bytes));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 400);
        QCOMPARE(errorCodeOf(response->body), QByteArray("bad_request"));
        QVERIFY(c.waitForClosed());
    }

    void slowHeaderClientIsDisconnected()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("GET /hello HTTP/1.1\r\nHost: test\r\nX-Slow: "));
        QVERIFY(c.waitForClosed(10000));
        QVERIFY(!c.pending().contains("200 OK"));
        QTRY_COMPARE(m_server->openConnections(), 0);
    }

    void slowBodyClientIsDisconnected()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 100\r\n\r\nonly-a-bit"));
        QVERIFY(c.waitForClosed(10000));
        QVERIFY(!c.pending().contains("200 OK"));
    }

    void idleKeepAliveConnectionIsClosed()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(get("/hello")));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->status, 200);
        QVERIFY(response->header("connection").toLower() != "close");
        QVERIFY(c.waitForClosed(10000));
        QTRY_COMPARE(m_server->openConnections(), 0);
    }

    void slowHandlerDoesNotStallOtherConnections()
    {
        RawHttpConnection slow;
        RawHttpConnection fast;
        QVERIFY(slow.connectTo(m_port));
        QVERIFY(fast.connectTo(m_port));
        QVERIFY(slow.send(get("/slow")));
        QTRY_COMPARE(m_slowStarted.load(), 1);
        QVERIFY(fast.send(get("/hello")));
        const auto fastResponse = fast.readResponse();
        QVERIFY(fastResponse);
        QCOMPARE(fastResponse->body, QByteArray("hello"));
        QVERIFY2(!slow.hasDataNow(), "the slow handler should still be running");
        const auto slowResponse = slow.readResponse();
        QVERIFY(slowResponse);
        QCOMPARE(slowResponse->body, QByteArray("slow"));
    }

    void pipelinedRequestsAreAnsweredInOrder()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(get("/tickets/1") + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\nabc"
                       + get("/slow") + get("/tickets/3", "Connection: close\r\n")));
        const auto first = c.readResponse();
        const auto second = c.readResponse();
        const auto third = c.readResponse();
        const auto fourth = c.readResponse();
        QVERIFY(first && second && third && fourth);
        QCOMPARE(first->body, QByteArray(R"({"id":"1"})"));
        QCOMPARE(second->body, QByteArray("abc"));
        QCOMPARE(third->body, QByteArray("slow"));
        QCOMPARE(fourth->body, QByteArray(R"({"id":"3"})"));
        QCOMPARE(fourth->header("connection").toLower(), QByteArray("close"));
        QVERIFY(c.waitForClosed());
    }

    void expectContinueGetsInterimResponse()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"));
        const auto interim = c.readResponse(10000, false);
        QVERIFY(interim);
        QCOMPARE(interim->status, 100);
        QVERIFY(c.send("data"));
        const auto response = c.readResponse();
        QVERIFY(response);
        QCOMPARE(response->body, QByteArray("data"));
    }

    void clientDisconnectingMidRequestIsHarmless()
    {
        {
            RawHttpConnection c;
            QVERIFY(c.connectTo(m_port));
            QVERIFY(c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 1000\r\n\r\npartial"));
            QTRY_COMPARE(m_server->openConnections(), 1);
            c.abort();
        }
        {
            RawHttpConnection c;   // gone while its handler runs
            QVERIFY(c.connectTo(m_port));
            QVERIFY(c.send(get("/slow")));
            QTRY_COMPARE(m_slowStarted.load(), 1);
            c.abort();
        }
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 10000);
        RawHttpConnection after;
        QVERIFY(after.connectTo(m_port));
        QVERIFY(after.send(get("/hello")));
        QVERIFY(after.readResponse());
    }

    void clientDisconnectingMidResponseIsHarmless()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(get("/big")));
        QVERIFY(c.socket().waitForReadyRead(10000));
        QVERIFY(c.socket().bytesAvailable() < bigBodyBytes);
        c.abort();
        QTRY_COMPARE_WITH_TIMEOUT(m_server->openConnections(), 0, 10000);
        RawHttpConnection after;
        QVERIFY(after.connectTo(m_port));
        QVERIFY(after.send(get("/hello")));
        QVERIFY(after.readResponse());
    }

    void bigResponseArrivesWhole()
    {
        RawHttpConnection c;
        QVERIFY(c.connectTo(m_port));
        QVERIFY(c.send(get("/big")));
        const auto response = c.readResponse(30000);
        QVERIFY(response);
        QCOMPARE(response->body.size(), bigBodyBytes);
    }

    // Security review finding 12: one address held all 1,024 slots.
    void onePeerCannotHoldEverySlot()
    {
        ServerOptions options;   // long timeouts: the first two must stay open
        options.maxConnectionsPerPeer = 2;
        quint16 port = 0;
        auto server = startServer(options, port);
        RawHttpConnection first;
        RawHttpConnection second;
        QVERIFY(first.connectTo(port));
        QVERIFY(second.connectTo(port));
        QTRY_COMPARE(server->openConnections(), 2);

        RawHttpConnection third;   // the same address (127.0.0.1) again
        QVERIFY(third.connectTo(port));
        third.send(get("/hello"));
        const auto rejected = third.readResponse();
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 429);
        QCOMPARE(errorCodeOf(rejected->body), QByteArray("too_many_connections"));
        QCOMPARE(rejected->headers.value("retry-after"), QByteArray("1"));
        QVERIFY(third.waitForClosed());
        QCOMPARE(server->openConnections(), 2);

        // A closed connection gives its peer the slot back.
        first.abort();
        QTRY_COMPARE(server->openConnections(), 1);
        RawHttpConnection fourth;
        QVERIFY(fourth.connectTo(port));
        QVERIFY(fourth.send(get("/hello")));
        const auto served = fourth.readResponse();
        QVERIFY(served);
        QCOMPARE(served->status, 200);
    }

    void maxConnectionsIsEnforcedWith503()
    {
        ServerOptions options;   // long timeouts: the first two must stay open
        options.maxConnections = 2;
        quint16 port = 0;
        auto server = startServer(options, port);
        RawHttpConnection first;
        RawHttpConnection second;
        QVERIFY(first.connectTo(port));
        QVERIFY(second.connectTo(port));
        QTRY_COMPARE(server->openConnections(), 2);

        RawHttpConnection third;
        QVERIFY(third.connectTo(port));
        third.send(get("/hello"));
        const auto rejected = third.readResponse();
        QVERIFY(rejected);
        QCOMPARE(rejected->status, 503);
        QCOMPARE(errorCodeOf(rejected->body), QByteArray("service_unavailable"));
        QVERIFY(third.waitForClosed());
        QCOMPARE(server->openConnections(), 2);

        first.abort();
        QTRY_COMPARE(server->openConnections(), 1);
        RawHttpConnection fourth;
        QVERIFY(fourth.connectTo(port));
        QVERIFY(fourth.send(get("/hello")));
        const auto accepted = fourth.readResponse();
        QVERIFY(accepted);
        QCOMPARE(accepted->status, 200);
    }

    void stopWithOpenConnectionsFinishesInFlightRequests()
    {
        ServerOptions options;
        quint16 port = 0;
        auto server = startServer(options, port);
        RawHttpConnection idle;
        RawHttpConnection busy;
        RawHttpConnection silent;   // connected, never sent a byte
        QVERIFY(idle.connectTo(port));
        QVERIFY(busy.connectTo(port));
        QVERIFY(silent.connectTo(port));
        QVERIFY(idle.send(get("/hello")));
        QVERIFY(idle.readResponse());
        QVERIFY(busy.send(get("/slow")));
        QTRY_COMPARE(m_slowStarted.load(), 1);

        server->stop();
        QCOMPARE(server->openConnections(), 0);
        const auto finished = busy.readResponse();
        QVERIFY(finished);
        QCOMPARE(finished->body, QByteArray("slow"));
        QCOMPARE(finished->header("connection").toLower(), QByteArray("close"));
        QVERIFY(busy.waitForClosed());
        QVERIFY(idle.waitForClosed());
        QVERIFY(silent.waitForClosed());
        server->stop();   // twice is fine
        server.reset();   // and so is the destructor afterwards
    }

    void stopWithoutStartAndDestructorAreSafe()
    {
        HttpServer never(ServerOptions{}, m_router);
        never.stop();
        QCOMPARE(never.openConnections(), 0);
    }
};

QTEST_GUILESS_MAIN(TestHttpTransport)
#include "test_http_transport.moc"
