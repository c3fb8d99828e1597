#pragma once
// Shared by the two Beast translation units (http_server.cpp and
// websocket_session.cpp) and nothing else: Beast headers are heavy.

#include "http/http_server.h"
#include "http/http_types.h"
#include "http/router.h"

#include <QLoggingCategory>

#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

Q_DECLARE_LOGGING_CATEGORY(lcHttp)

namespace zeiko::http::detail {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using tcp = boost::asio::ip::tcp;

// A connection the server can ask to wind down (stop()) or kill (stop()
// after the grace period). Both post to the connection's own strand.
class LiveConnection
{
public:
    virtual ~LiveConnection() = default;
    virtual void beginShutdown() = 0;
    virtual void forceClose() = 0;
};

// State every connection shares with the server. Connections hold it by
// shared_ptr, so a connection outliving HttpServer::Impl never dangles.
struct ServerState {
    ServerOptions options;
    std::shared_ptr<const Router> router;
    asio::thread_pool *workers = nullptr;   // joined by stop() before it is destroyed
    std::atomic<int> connections{0};
    std::atomic<bool> stopping{false};

    // Open connections per peer address (maxConnectionsPerPeer).
    std::mutex peerMutex;
    std::unordered_map<std::string, int> perPeer;
    // Counts a connection from `peer`; false (nothing counted) when the peer is at its cap.
    bool admitPeer(const std::string &peer)
    {
        if (options.maxConnectionsPerPeer <= 0)
            return true;
        std::lock_guard lock(peerMutex);
        int &open = perPeer[peer];
        if (open >= options.maxConnectionsPerPeer)
            return false;
        ++open;
        return true;
    }
    void releasePeer(const std::string &peer)
    {
        if (options.maxConnectionsPerPeer <= 0)
            return;
        std::lock_guard lock(peerMutex);
        const auto it = perPeer.find(peer);
        if (it != perPeer.end() && --it->second <= 0)
            perPeer.erase(it);
    }

    // Requests a handler answers later (Response::later): the writer of
    // each (which holds its session) waits here for the answer, so neither
    // a handler thread nor anything outside the transport keeps a session
    // alive. stop() drops what is still waiting, before the sockets' I/O
    // context goes away; an answer that comes after that is ignored.
    std::mutex parkMutex;
    std::unordered_map<quint64, std::function<void(Response)>> parked;
    quint64 nextParked = 0;
    bool parkingClosed = false;

    // 0 (and the writer dropped) once stop() has closed the parking.
    quint64 park(std::function<void(Response)> writer)
    {
        std::lock_guard lock(parkMutex);
        if (parkingClosed)
            return 0;
        const quint64 id = ++nextParked;
        parked.emplace(id, std::move(writer));
        return id;
    }
    // Hands the answer to the waiting writer. Under the lock, so stop()
    // cannot drop the writer while it is posting to the connection.
    void answerParked(quint64 id, Response response)
    {
        std::lock_guard lock(parkMutex);
        const auto it = parked.find(id);
        if (it == parked.end())
            return;
        std::function<void(Response)> writer = std::move(it->second);
        parked.erase(it);
        writer(std::move(response));
    }
    void closeParking()
    {
        std::unordered_map<quint64, std::function<void(Response)>> dropped;
        {
            std::lock_guard lock(parkMutex);
            parkingClosed = true;
            dropped.swap(parked);
        }
    }

    std::mutex liveMutex;
    std::unordered_map<quint64, std::weak_ptr<LiveConnection>> live;
    quint64 nextId = 0;

    quint64 track(std::weak_ptr<LiveConnection> connection)
    {
        std::lock_guard lock(liveMutex);
        const quint64 id = ++nextId;
        live.emplace(id, std::move(connection));
        return id;
    }
    void untrack(quint64 id)
    {
        std::lock_guard lock(liveMutex);
        live.erase(id);
    }
    template<typename F>
    void forEachLive(F &&f)
    {
        std::vector<std::shared_ptr<LiveConnection>> current;
        {
            std::lock_guard lock(liveMutex);
            for (auto &entry : live)
                if (auto c = entry.second.lock())
                    current.push_back(std::move(c));
        }
        for (auto &c : current)
            f(*c);
    }
};

// One unit of maxConnections; released when the owning session dies. Moves
// from the HTTP session to the WebSocket session on upgrade.
class ConnectionSlot
{
public:
    ConnectionSlot() = default;
    ConnectionSlot(std::shared_ptr<ServerState> state, std::string peer) : m_state(std::move(state)), m_peer(std::move(peer)) {}
    ConnectionSlot(ConnectionSlot &&other) noexcept = default;
    ConnectionSlot &operator=(ConnectionSlot &&other) noexcept
    {
        release();
        m_state = std::move(other.m_state);
        m_peer = std::move(other.m_peer);
        return *this;
    }
    ~ConnectionSlot() { release(); }
    void release()
    {
        if (m_state) {
            m_state->connections.fetch_sub(1);
            m_state->releasePeer(m_peer);
        }
        m_state.reset();
    }

private:
    std::shared_ptr<ServerState> m_state;
    std::string m_peer;   // counted in ServerState::perPeer
};

// Builds the Beast-free Request the application sees.
Request toRequest(const bhttp::request<bhttp::string_body> &message, const QHostAddress &peer,
                  const QList<QPair<QHostAddress, int>> &trustedProxies);

// Takes over an upgraded connection (defined in websocket_session.cpp).
void startWebSocketSession(std::shared_ptr<ServerState> state, beast::tcp_stream stream,
                           bhttp::request<bhttp::string_body> upgradeRequest,
                           std::shared_ptr<WebSocketSession> appSession, ConnectionSlot slot);

} // namespace zeiko::http::detail
