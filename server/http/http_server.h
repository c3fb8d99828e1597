#pragma once
#include "http/http_types.h"

#include <QHostAddress>
#include <QList>
#include <QPair>

#include <chrono>
#include <memory>

namespace zeiko::http {

class Router;

// Limits every connection lives by; each is enforced by the transport and
// proven by tests/server/test_http_transport.cpp.
struct ServerOptions {
    QHostAddress address = QHostAddress::LocalHost;
    quint16 port = 0;                                   // 0: ephemeral
    int ioThreads = 2;                                  // threads running the sockets
    int workerThreads = 8;                              // threads running handlers
    std::size_t maxHeaderBytes = 16 * 1024;             // over it: 431
    std::size_t maxBodyBytes = 4 * 1024 * 1024;         // over it: 413
    std::chrono::milliseconds headerTimeout{10'000};    // whole header must arrive within
    std::chrono::milliseconds bodyTimeout{30'000};      // whole body must arrive within
    std::chrono::milliseconds idleTimeout{60'000};      // keep-alive connection with no request
    std::chrono::milliseconds writeTimeout{30'000};     // a response must drain within
    int maxConnections = 1024;                          // over it: new connections get 503 and close
    // Open connections from one peer address; over it that peer's new
    // connections get 429 (+ Retry-After) and close, so one address cannot
    // hold every slot. 0: no per-peer cap.
    // The socket's peer address: the cap applies when a connection is
    // accepted, before any header (X-Forwarded-For) has arrived.
    int maxConnectionsPerPeer = 64;
    // Reverse proxies whose X-Forwarded-For is believed (see
    // client_address.h): Request::client is resolved through them.
    QList<QPair<QHostAddress, int>> trustedProxies;
    std::chrono::milliseconds webSocketPingInterval{15'000}; // transport-level ping; dead peers are dropped
    std::size_t maxWebSocketMessageBytes = 1024 * 1024; // bigger incoming message: connection closed (1009)
    std::size_t maxWebSocketQueueBytes = 16 * 1024 * 1024; // unsent outgoing bytes: over it the slow consumer is closed
    std::chrono::milliseconds shutdownGracePeriod{5'000};    // stop(): in-flight requests may finish within
};

class HttpServer
{
public:
    HttpServer(ServerOptions options, std::shared_ptr<const Router> router);
    ~HttpServer();   // stops

    // Binds and starts serving; returns the bound port. Throws std::runtime_error on failure.
    quint16 start();
    // Graceful: stops accepting, closes idle connections, lets in-flight
    // requests finish (up to shutdownGracePeriod), closes the rest, joins all
    // threads. A handler still running after that is waited for (it cannot
    // be interrupted). Safe to call twice; the destructor calls it.
    // Drop any WebSocketConnection handles you hold before destroying the server.
    void stop();

    int openConnections() const;   // for tests and /healthz

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace zeiko::http
