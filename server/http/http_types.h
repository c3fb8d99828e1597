#pragma once
// The small, Beast-free interface between the HTTP/WebSocket transport and
// the application. Nothing here includes Boost, so the rest of the server
// compiles fast and never touches the wire format.

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QUrlQuery>

#include <functional>
#include <memory>
#include <variant>

namespace zeiko::http {

struct Request {
    QByteArray method;                       // "GET", "POST", ...
    QByteArray target;                       // raw request target, e.g. "/api/v1/events?after=3"
    QString path;                            // percent-decoded path without the query
    QUrlQuery query;                         // parsed query string
    QHash<QByteArray, QByteArray> headers;   // keys lower-cased; repeated headers joined with ", "
    QByteArray body;
    QHostAddress peer;
    QHash<QString, QString> pathParams;      // filled by the router, e.g. {"id": "42"}

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

struct Response {
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;   // extra headers
    QByteArray body;

    static Response json(int status, const QByteArray &body)
    {
        Response r;
        r.status = status;
        r.body = body;
        return r;
    }
};

using Handler = std::function<Response(const Request &)>;

// A live WebSocket as seen by the application. All methods are thread-safe;
// writes are queued in order on the connection's strand.
class WebSocketConnection
{
public:
    virtual ~WebSocketConnection() = default;
    virtual void sendText(const QByteArray &text) = 0;
    virtual void close() = 0;   // close code 1000 (normal)
    // Closes with an application close code (4000-4999, see docs/api.md)
    // and a short reason (at most 123 bytes, the close frame's limit).
    virtual void closeWithCode(quint16 code, const QByteArray &reason) = 0;
    virtual bool isOpen() const = 0;
};

// What the application attaches to an accepted WebSocket. Callbacks are
// invoked on a transport thread, one at a time per connection.
class WebSocketSession
{
public:
    virtual ~WebSocketSession() = default;
    virtual void onOpen(std::shared_ptr<WebSocketConnection> connection) = 0;
    virtual void onMessage(const QByteArray &text) = 0;
    virtual void onClose() = 0;
};

// Decides on an upgrade request *before* the upgrade completes: returning a
// Response rejects it (e.g. 401), returning a session accepts it.
using WebSocketAcceptor =
    std::function<std::variant<Response, std::shared_ptr<WebSocketSession>>(const Request &)>;

} // namespace zeiko::http
