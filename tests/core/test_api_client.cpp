// ApiClient against a scripted loopback HTTP server: error kinds, headers,
// strict decoding. (The real server is covered by tests/e2e.)
#include "core_test_data.h"
#include "domain/codecs.h"
#include "net/api_client.h"
#include "net/transport_policy.h"
#include "scripted_http_server.h"

#include <QSignalSpy>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace std::chrono_literals;

namespace {

// Runs one call and waits for its handler.
template<typename T, typename Call> std::optional<ApiResult<T>> await(Call call)
{
    std::optional<ApiResult<T>> result;
    QObject context;
    call(&context, [&](const ApiResult<T> &r) { result = r; });
    if (!QTest::qWaitFor([&] { return result.has_value(); }, 10000))
        return std::nullopt;
    return result;
}

} // namespace

class TestApiClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void decodesAGoodReply()
    {
        ScriptedHttpServer server;
        SnapshotPage page{7, {testdata::ticket(1)}, QStringLiteral("next")};
        server.enqueue(ScriptedReply::json(200, encode(page)));
        ApiClient api(server.baseUrl());
        api.setToken(QStringLiteral("secret-token"));
        auto result = await<SnapshotPage>([&](QObject *c, auto h) { api.snapshot(QStringLiteral("abc"), 50, c, h); });
        QVERIFY(result && result->ok());
        QCOMPARE(result->value(), page);
        const RecordedRequest &request = server.requests().constFirst();
        QCOMPARE(request.method, QByteArray("GET"));
        QCOMPARE(request.target, QByteArray("/api/v1/snapshot?cursor=abc&limit=50"));
        QCOMPARE(request.headers.value("authorization"), QByteArray("Bearer secret-token"));
    }

    void commandsCarryTheIdempotencyKey()
    {
        ScriptedHttpServer server;
        CommandResult reply{testdata::ticket(3, 2), testdata::entry(9, 3), 12};
        server.enqueue(ScriptedReply::json(200, encode(reply)));
        ApiClient api(server.baseUrl());
        const Command command = testdata::note(3, QStringLiteral("hello"));
        auto result = await<CommandResult>([&](QObject *c, auto h) { api.sendCommand(command, c, h); });
        QVERIFY(result && result->ok());
        QCOMPARE(result->value(), reply);
        const RecordedRequest &request = server.requests().constFirst();
        QCOMPARE(request.method, QByteArray("POST"));
        QCOMPARE(request.target, QByteArray("/api/v1/tickets/3/commands"));
        QCOMPARE(request.headers.value("idempotency-key"), command.requestId.toUtf8());
        QCOMPARE(decode<Command>(request.body), command);
    }

    void malformedJsonIsAClearError_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QString>("field");
        QTest::newRow("not json") << QByteArray("<html>oops") << QStringLiteral("$");
        QTest::newRow("truncated") << QByteArray(R"({"events": [)") << QStringLiteral("$");
        QTest::newRow("wrong type") << QByteArray(R"({"events": [], "head": "12"})") << QStringLiteral("head");
        // (An unknown event type is not an error: a newer server's kind is skipped, test_codecs.)
        QTest::newRow("bad event") << QByteArray(R"({"events": [{"seq": 1, "type": "ticket_updated", "at": "2026-01-01T00:00:00.000Z"}], "head": 1})")
                                   << QStringLiteral("events[0].ticketId");
    }
    void malformedJsonIsAClearError()
    {
        QFETCH(QByteArray, body);
        QFETCH(QString, field);
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::json(200, body));
        ApiClient api(server.baseUrl());
        auto result = await<EventPage>([&](QObject *c, auto h) { api.events(0, 100, c, h); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->failure().kind, ApiFailure::Kind::Malformed);
        QVERIFY2(result->failure().detail.startsWith(field + QLatin1Char(':')), qPrintable(result->failure().detail));
        QVERIFY(!result->failure().isTransient());
        QVERIFY(!result->failure().message().isEmpty());
    }

    void conflictCarriesTheServersReason()
    {
        ScriptedHttpServer server;
        ApiError error{QStringLiteral("version_conflict"), QStringLiteral("Someone else changed this ticket."),
                       testdata::ticket(3, 5)};
        server.enqueue(ScriptedReply::json(409, encode(error)));
        ApiClient api(server.baseUrl());
        auto result = await<CommandResult>([&](QObject *c, auto h) { api.sendCommand(testdata::note(3, QStringLiteral("x")), c, h); });
        QVERIFY(result && !result->ok());
        const ApiFailure &failure = result->failure();
        QCOMPARE(failure.kind, ApiFailure::Kind::Http4xx);
        QCOMPARE(failure.httpStatus, 409);
        QCOMPARE(failure.error, error);
        QCOMPARE(failure.message(), error.message);
        QVERIFY(!failure.isTransient());
    }

    void serverErrorsAndRateLimitsAreTransient()
    {
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::json(503, R"({"error":{"code":"service_unavailable","message":"busy"}})"));
        ScriptedReply limited = ScriptedReply::json(429, R"({"error":{"code":"too_many_attempts","message":"slow down"}})");
        limited.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("7")));
        server.enqueue(limited);
        server.enqueue(ScriptedReply::json(502, "Bad gateway"));   // not our JSON: still a 5xx
        ApiClient api(server.baseUrl());
        auto first = await<Session>([&](QObject *c, auto h) { api.me(c, h); });
        QVERIFY(first && !first->ok());
        QCOMPARE(first->failure().kind, ApiFailure::Kind::Http5xx);
        QVERIFY(first->failure().isTransient());
        auto second = await<Session>([&](QObject *c, auto h) { api.me(c, h); });
        QVERIFY(second && !second->ok());
        QCOMPARE(second->failure().kind, ApiFailure::Kind::Http4xx);
        QVERIFY(second->failure().isTransient());
        QCOMPARE(second->failure().retryAfterSeconds, 7);
        auto third = await<Session>([&](QObject *c, auto h) { api.me(c, h); });
        QVERIFY(third && !third->ok());
        QCOMPARE(third->failure().kind, ApiFailure::Kind::Http5xx);
        QVERIFY(third->failure().error.code.isEmpty());
    }

    void unauthorizedIsSignalled()
    {
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::json(401, R"({"error":{"code":"unauthorized","message":"token revoked"}})"));
        ApiClient api(server.baseUrl());
        QSignalSpy spy(&api, &ApiClient::unauthorized);
        auto result = await<Session>([&](QObject *c, auto h) { api.me(c, h); });
        QVERIFY(result && !result->ok());
        QVERIFY(result->failure().isUnauthorized());
        QCOMPARE(spy.count(), 1);
    }

    void refusedConnectionIsANetworkError()
    {
        quint16 port = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
            port = probe.serverPort();
        }
        ApiClient api(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
        auto result = await<Session>([&](QObject *c, auto h) { api.me(c, h); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->failure().kind, ApiFailure::Kind::Network);
        QVERIFY(result->failure().isTransient());
    }

    void droppedConnectionIsANetworkError()
    {
        ScriptedHttpServer server;
        // QNAM resends once by itself when a connection drops before any
        // reply byte (harmless: the Idempotency-Key lets the server dedupe).
        for (int i = 0; i < 3; ++i)
            server.enqueue(ScriptedReply::close());
        ApiClient api(server.baseUrl());
        auto result = await<CommandResult>([&](QObject *c, auto h) { api.sendCommand(testdata::note(1, QStringLiteral("x")), c, h); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->failure().kind, ApiFailure::Kind::Network);
    }

    void silenceIsATimeout()
    {
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::hang());
        ApiClientOptions options;
        options.transferTimeout = 300ms;
        ApiClient api(server.baseUrl(), options);
        auto result = await<Session>([&](QObject *c, auto h) { api.me(c, h); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->failure().kind, ApiFailure::Kind::Timeout);
        QVERIFY(result->failure().isTransient());
    }

    void plainHttpOnlyToLoopback()
    {
        QVERIFY(isTransportAllowed(QUrl(QStringLiteral("http://127.0.0.1:8080")), false));
        QVERIFY(isTransportAllowed(QUrl(QStringLiteral("http://[::1]:8080")), false));
        QVERIFY(isTransportAllowed(QUrl(QStringLiteral("ws://localhost/x")), false));
        QVERIFY(isTransportAllowed(QUrl(QStringLiteral("https://support.example.com")), false));
        QVERIFY(isTransportAllowed(QUrl(QStringLiteral("wss://support.example.com")), false));
        QVERIFY(!isTransportAllowed(QUrl(QStringLiteral("http://support.example.com")), false));
        QVERIFY(!isTransportAllowed(QUrl(QStringLiteral("ws://10.0.0.5")), false));
        QVERIFY(!isTransportAllowed(QUrl(QStringLiteral("ftp://127.0.0.1")), true));
        QVERIFY(isTransportAllowed(QUrl(QStringLiteral("http://support.example.com")), true));

        ApiClient api(QUrl(QStringLiteral("http://support.example.invalid")));
        auto result = await<Session>([&](QObject *c, auto h) { api.me(c, h); });
        QVERIFY(result && !result->ok());
        QCOMPARE(result->failure().kind, ApiFailure::Kind::Insecure);
        QCOMPARE(api.streamUrl(5), QUrl(QStringLiteral("ws://support.example.invalid/api/v1/stream?after=5")));
        ApiClient secure(QUrl(QStringLiteral("https://support.example.com/base/")));
        QCOMPARE(secure.streamUrl(0), QUrl(QStringLiteral("wss://support.example.com/base/api/v1/stream?after=0")));
    }

    void deadContextGetsNoCallback()
    {
        ScriptedHttpServer server;
        server.enqueue(ScriptedReply::json(200, R"({"operator":{}})"));
        ApiClient api(server.baseUrl());
        bool called = false;
        auto *context = new QObject;
        api.me(context, [&](const ApiResult<Session> &) { called = true; });
        delete context;
        QTRY_COMPARE(server.requests().size(), 1);
        QTest::qWait(50);   // let the reply arrive; the handler must stay silent
        QVERIFY(!called);
    }
};

QTEST_GUILESS_MAIN(TestApiClient)
#include "test_api_client.moc"
