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
#include <mutex>
#include <optional>
#include <variant>

namespace zeiko::http {

struct Request {
    QByteArray method;                       // "GET", "POST", ...
    QByteArray target;                       // raw request target, e.g. "/api/v1/events?after=3"
    QString path;                            // percent-decoded path without the query
    QUrlQuery query;                         // parsed query string
    QHash<QByteArray, QByteArray> headers;   // keys lower-cased; repeated headers joined with ", "
    QByteArray body;
    QHostAddress peer;                       // the socket's peer
    // Who the request is from: the peer, or for a peer inside
    // ServerOptions::trustedProxies the client it forwarded for
    // (client_address.h). Every per-address limit uses this.
    QHostAddress client;
    QHash<QString, QString> pathParams;      // filled by the router, e.g. {"id": "42"}

    QByteArray header(const QByteArray &lowerCaseName) const { return headers.value(lowerCaseName); }
};

class PendingResponse;

struct Response {
    int status = 200;
    QByteArray contentType = "application/json";
    QList<QPair<QByteArray, QByteArray>> headers;   // extra headers
    QByteArray body;
    // Set (by later()): the answer comes through this, after the handler returned.
    std::shared_ptr<PendingResponse> pending;

    static Response json(int status, const QByteArray &body)
    {
        Response r;
        r.status = status;
        r.body = body;
        return r;
    }
    // A handler's "answer later": the handler thread is free at once and the
    // transport writes whatever `pending` is completed with.
    static Response later(std::shared_ptr<PendingResponse> pending)
    {
        Response r;
        r.pending = std::move(pending);
        return r;
    }
};

// The answer to a request that is completed off the handler thread, e.g. a
// sign-in that waits out its throttle delay in a timer queue and hashes on a
// pool of its own, holding no handler thread meanwhile. Whoever owns it
// calls complete() once, from any thread (later calls are ignored); the
// response given must not itself be pending. The transport writes it on
// the request's connection; if the server stopped first, it is dropped.
class PendingResponse
{
public:
    void complete(Response response)
    {
        std::function<void(Response)> sink;
        {
            std::lock_guard lock(m_mutex);
            if (m_completed)
                return;
            m_completed = true;
            if (!m_sink) {
                m_response = std::move(response);
                return;
            }
            sink = std::move(m_sink);
        }
        sink(std::move(response));
    }

    // The consumer's side (the transport, or a wrapper that logs): `sink`
    // gets the response exactly once, right here if it is already complete.
    // Set it once.
    void onComplete(std::function<void(Response)> sink)
    {
        std::optional<Response> ready;
        {
            std::lock_guard lock(m_mutex);
            if (!m_response) {
                m_sink = std::move(sink);
                return;
            }
            ready.swap(m_response);
        }
        sink(std::move(*ready));
    }

private:
    std::mutex m_mutex;
    bool m_completed = false;
    std::optional<Response> m_response;        // completed before a sink was set
    std::function<void(Response)> m_sink;
};

// Returns the response, or Response::later(...) to answer off this thread.
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
