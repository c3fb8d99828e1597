// Router: pattern matching, path params, 404/405/426 and the error shape.
#include "http/errors.h"
#include "http/router.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace zeiko::http;

namespace {

Handler replyWith(const QByteArray &text)
{
    return [text](const Request &) {
        Response r;
        r.contentType = "text/plain";
        r.body = text;
        return r;
    };
}

Request makeRequest(const QByteArray &method, const QString &path)
{
    Request r;
    r.method = method;
    r.path = path;
    r.target = path.toUtf8();
    return r;
}

QByteArray errorCode(const Response &response)
{
    return QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toObject()
        .value(QStringLiteral("code")).toString().toUtf8();
}

QByteArray header(const Response &response, const QByteArray &name)
{
    for (const auto &h : response.headers)
        if (h.first.compare(name, Qt::CaseInsensitive) == 0)
            return h.second;
    return {};
}

} // namespace

class TestHttpRouter : public QObject
{
    Q_OBJECT

private slots:
    void literalRoute()
    {
        Router router;
        router.add("GET", QStringLiteral("/api/v1/health"), replyWith("ok"));
        Request request = makeRequest("GET", QStringLiteral("/api/v1/health"));
        const Response response = router.dispatch(request);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, QByteArray("ok"));
    }

    void pathParamsAreFilled()
    {
        Router router;
        router.add("POST", QStringLiteral("/api/v1/tickets/{id}/commands/{kind}"), [](const Request &r) {
            return Response::json(202, (r.pathParams.value(QStringLiteral("id")) + QLatin1Char('|')
                                        + r.pathParams.value(QStringLiteral("kind"))).toUtf8());
        });
        Request request = makeRequest("POST", QStringLiteral("/api/v1/tickets/42/commands/reply"));
        const Response response = router.dispatch(request);
        QCOMPARE(response.status, 202);
        QCOMPARE(response.body, QByteArray("42|reply"));
        QCOMPARE(request.pathParams.value(QStringLiteral("id")), QStringLiteral("42"));
    }

    void literalSegmentBeatsParameterWhateverTheOrder()
    {
        Router router;
        router.add("GET", QStringLiteral("/tickets/{id}"), replyWith("by-id"));
        router.add("GET", QStringLiteral("/tickets/search"), replyWith("search"));
        Request search = makeRequest("GET", QStringLiteral("/tickets/search"));
        QCOMPARE(router.dispatch(search).body, QByteArray("search"));
        Request byId = makeRequest("GET", QStringLiteral("/tickets/7"));
        QCOMPARE(router.dispatch(byId).body, QByteArray("by-id"));
    }

    void segmentCountMustMatch()
    {
        Router router;
        router.add("GET", QStringLiteral("/tickets/{id}"), replyWith("x"));
        Request tooLong = makeRequest("GET", QStringLiteral("/tickets/7/thread"));
        QCOMPARE(router.dispatch(tooLong).status, 404);
        Request tooShort = makeRequest("GET", QStringLiteral("/tickets"));
        QCOMPARE(router.dispatch(tooShort).status, 404);
    }

    void unknownPathIs404WithJsonError()
    {
        Router router;
        router.add("GET", QStringLiteral("/a"), replyWith("a"));
        Request request = makeRequest("GET", QStringLiteral("/nope"));
        const Response response = router.dispatch(request);
        QCOMPARE(response.status, 404);
        QCOMPARE(response.contentType, QByteArray("application/json"));
        QCOMPARE(errorCode(response), QByteArray("not_found"));
    }

    void otherMethodIs405WithAllow()
    {
        Router router;
        router.add("GET", QStringLiteral("/items/{id}"), replyWith("get"));
        router.add("PUT", QStringLiteral("/items/{id}"), replyWith("put"));
        Request request = makeRequest("DELETE", QStringLiteral("/items/3"));
        const Response response = router.dispatch(request);
        QCOMPARE(response.status, 405);
        QCOMPARE(errorCode(response), QByteArray("method_not_allowed"));
        QCOMPARE(header(response, "Allow"), QByteArray("GET, HEAD, PUT"));
    }

    void headUsesGetHandler()
    {
        Router router;
        router.add("GET", QStringLiteral("/page"), replyWith("body"));
        Request request = makeRequest("HEAD", QStringLiteral("/page"));
        const Response response = router.dispatch(request);
        QCOMPARE(response.status, 200);
        QCOMPARE(response.body, QByteArray("body"));   // the transport drops it, keeping its length
    }

    void webSocketPathIsFoundAndPlainRequestGets426()
    {
        Router router;
        router.addWebSocket(QStringLiteral("/api/v1/stream"),
                            [](const Request &) { return errorResponse(401, "unauthorized", QStringLiteral("no")); });
        QVERIFY(router.webSocketAcceptor(QStringLiteral("/api/v1/stream")) != nullptr);
        QVERIFY(router.webSocketAcceptor(QStringLiteral("/api/v1/other")) == nullptr);
        Request request = makeRequest("GET", QStringLiteral("/api/v1/stream"));
        QCOMPARE(router.dispatch(request).status, 426);
    }

    void routesListsEveryRouteAsRegistered()
    {
        Router router;
        router.add("put", QStringLiteral("/items/{id}/"), replyWith("put"));
        router.add("GET", QStringLiteral("/items/{id}"), replyWith("get"));
        router.add("GET", QStringLiteral("/healthz"), replyWith("ok"));
        router.addWebSocket(QStringLiteral("api/v1/stream"),
                            [](const Request &) { return errorResponse(401, "unauthorized", QStringLiteral("no")); });
        const QList<Router::RouteInfo> expected{{"GET", QStringLiteral("/api/v1/stream"), true},
                                                {"GET", QStringLiteral("/healthz"), false},
                                                {"GET", QStringLiteral("/items/{id}"), false},
                                                {"PUT", QStringLiteral("/items/{id}"), false}};
        QCOMPARE(router.routes(), expected);
    }

    void errorResponseShape()
    {
        const Response response = errorResponse(413, "payload_too_large", QStringLiteral("Too \"big\""));
        QCOMPARE(response.status, 413);
        const QJsonObject error =
            QJsonDocument::fromJson(response.body).object().value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toString(), QStringLiteral("payload_too_large"));
        QCOMPARE(error.value(QStringLiteral("message")).toString(), QStringLiteral("Too \"big\""));
    }
};

QTEST_GUILESS_MAIN(TestHttpRouter)
#include "test_http_router.moc"
