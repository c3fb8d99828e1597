// The HTTP request path without sockets: raw bytes go through the same
// Beast request_parser the server uses (same header and body limits), the
// parsed message through toRequest() (path decoding, query, headers,
// X-Forwarded-For), then through Router::dispatch() over a route table in
// the shape of the API's (literal and {param} segments, several methods per
// path, a WebSocket-only path). The handlers are stubs: the real ones need
// a database and are exercised by tests/server.

#include "http/errors.h"
#include "http/router.h"
#include "http/transport_internal.h"

#include "fuzz_input.h"

#include <cstdio>
#include <cstdlib>

namespace {

using namespace zeiko::http;
namespace bhttp = boost::beast::http;

Response echo(const Request &request)
{
    QByteArray body = request.method + ' ' + request.path.toUtf8();
    for (auto it = request.pathParams.cbegin(); it != request.pathParams.cend(); ++it)
        body += ' ' + it.key().toUtf8() + '=' + it.value().toUtf8();
    for (const auto &item : request.query.queryItems(QUrl::FullyDecoded))
        body += ' ' + item.first.toUtf8() + '=' + item.second.toUtf8();
    return Response::json(200, body);
}

const Router &router()
{
    static const Router instance = [] {
        Router r;
        for (const char *get : {"/healthz", "/api/v1/me", "/api/v1/operators", "/api/v1/tickets", "/api/v1/tickets/{id}",
                                "/api/v1/tickets/{id}/entries", "/api/v1/tickets/search", "/api/v1/snapshot",
                                "/api/v1/events"})
            r.add("GET", QString::fromLatin1(get), echo);
        for (const char *post : {"/api/v1/auth/sign-in", "/api/v1/auth/sign-out", "/api/v1/tickets",
                                 "/api/v1/tickets/{id}/commands", "/webhooks/resend", "/webhooks/shopify/{tenant}"})
            r.add("POST", QString::fromLatin1(post), echo);
        r.add("DELETE", QStringLiteral("/api/v1/tickets/{id}"), echo);
        r.addWebSocket(QStringLiteral("/api/v1/stream"), [](const Request &) {
            return std::variant<Response, std::shared_ptr<WebSocketSession>>(Response::json(101, {}));
        });
        return r;
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    bhttp::request_parser<bhttp::string_body> parser;
    parser.eager(true);
    parser.header_limit(16 * 1024);   // ServerOptions' defaults
    parser.body_limit(4 * 1024 * 1024);
    boost::beast::error_code ec;
    std::size_t used = 0;
    while (used < size && !parser.is_done()) {
        const std::size_t n = parser.put(boost::asio::buffer(data + used, size - used), ec);
        if (ec == bhttp::error::need_more)
            break;
        if (ec)
            return 0;   // the server answers 400/413/431 and closes
        if (n == 0)
            break;
        used += n;
    }
    if (!parser.is_done()) {
        parser.put_eof(ec);
        if (ec || !parser.is_done())
            return 0;
    }
    const auto &message = parser.get();

    const QList<QPair<QHostAddress, int>> trusted{{QHostAddress(QStringLiteral("10.0.0.0")), 8}};
    Request request = zeiko::http::detail::toRequest(message, QHostAddress(QStringLiteral("10.1.2.3")), trusted);
    ZEIKO_FUZZ_CHECK(request.body.size() == qsizetype(message.body().size()));
    ZEIKO_FUZZ_CHECK(!request.client.isNull());
    (void)router().webSocketAcceptor(request.path);
    if (!request.path.startsWith(QLatin1Char('/')))
        return 0;   // the server answers 400 before any handler
    const Response response = router().dispatch(request);
    ZEIKO_FUZZ_CHECK(response.status >= 100 && response.status <= 599);
    return 0;
}
