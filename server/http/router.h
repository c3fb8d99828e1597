#pragma once
#include "http/http_types.h"

#include <QList>

namespace zeiko::http {

// Maps method + path pattern to handlers. Patterns use "{name}" segments,
// e.g. "/api/v1/tickets/{id}/commands". Unknown path: 404; known path with
// another method: 405 with an Allow header. HEAD is served by the GET
// handler (the transport drops the body).
class Router
{
public:
    // One registered route as given to add()/addWebSocket(); a WebSocket
    // route is a GET of its path. Tests and `serve --print-routes` list them.
    struct RouteInfo {
        QByteArray method;
        QString pattern;
        bool webSocket = false;
        friend bool operator==(const RouteInfo &, const RouteInfo &) = default;
    };

    void add(const QByteArray &method, const QString &pattern, Handler handler);
    void addWebSocket(const QString &path, WebSocketAcceptor acceptor);

    // Fills request.pathParams and runs the matching handler.
    Response dispatch(Request &request) const;
    // The acceptor for a WebSocket upgrade to this path, or nullptr.
    const WebSocketAcceptor *webSocketAcceptor(const QString &path) const;
    // Every route, sorted by pattern, then method.
    QList<RouteInfo> routes() const;

private:
    struct Route {
        QByteArray method;
        QStringList segments;
        Handler handler;
    };
    QList<Route> m_routes;
    QHash<QString, WebSocketAcceptor> m_webSockets;
};

} // namespace zeiko::http
