// An upgraded connection. Reads and writes happen on the connection's I/O
// strand; the application's callbacks run on a per-connection strand of the
// worker pool (in order, one at a time) so a slow callback never blocks I/O.

#include "http/transport_internal.h"

#include <boost/beast/websocket.hpp>

#include <atomic>
#include <deque>

namespace zeiko::http::detail {

namespace websocket = boost::beast::websocket;

namespace {

class WebSocketStreamSession;

// What the application holds: a weak handle, so keeping it never keeps a
// socket (or the io_context it belongs to) alive.
class ConnectionHandle final : public WebSocketConnection
{
public:
    explicit ConnectionHandle(std::weak_ptr<WebSocketStreamSession> session) : m_session(std::move(session)) {}
    void sendText(const QByteArray &text) override;
    void close() override;
    void closeWithCode(quint16 code, const QByteArray &reason) override;
    bool isOpen() const override;

private:
    std::weak_ptr<WebSocketStreamSession> m_session;
};

class WebSocketStreamSession : public std::enable_shared_from_this<WebSocketStreamSession>, public LiveConnection
{
public:
    WebSocketStreamSession(std::shared_ptr<ServerState> state, beast::tcp_stream stream,
                           std::shared_ptr<WebSocketSession> app, ConnectionSlot slot)
        : m_state(std::move(state)), m_ws(std::move(stream)), m_app(std::move(app)), m_slot(std::move(slot)),
          m_appStrand(asio::make_strand(*m_state->workers))
    {
    }

    ~WebSocketStreamSession() override
    {
        if (m_id)
            m_state->untrack(m_id);
    }

    void start(bhttp::request<bhttp::string_body> request)
    {
        m_id = m_state->track(weak_from_this());
        const ServerOptions &options = m_state->options;
        websocket::stream_base::timeout timeouts;
        timeouts.handshake_timeout = options.writeTimeout;
        // Beast pings after half the idle time and drops the peer if nothing
        // came back by the end of it.
        timeouts.idle_timeout = 2 * options.webSocketPingInterval;
        timeouts.keep_alive_pings = true;
        m_ws.set_option(timeouts);
        m_ws.set_option(websocket::stream_base::decorator(
            [](websocket::response_type &response) { response.set(bhttp::field::server, "zeiko"); }));
        m_ws.read_message_max(options.maxWebSocketMessageBytes);
        m_ws.text(true);
        m_request = std::move(request);
        m_ws.async_accept(m_request, [self = shared_from_this()](beast::error_code ec) { self->onAccept(ec); });
    }

    // Thread-safe entry points (used through ConnectionHandle).
    void send(const QByteArray &text)
    {
        asio::post(m_ws.get_executor(), [self = shared_from_this(), text] { self->enqueue(text); });
    }
    void closeGracefully(websocket::close_reason reason)
    {
        m_open = false;   // isOpen() turns false at once; queued messages still go out first
        asio::post(m_ws.get_executor(), [self = shared_from_this(), reason] { self->requestClose(reason); });
    }
    bool isOpen() const { return m_open.load(); }

    void beginShutdown() override { closeGracefully(websocket::close_code::going_away); }
    void forceClose() override
    {
        asio::post(m_ws.get_executor(), [self = shared_from_this()] { self->kill(); });
    }

private:
    template<typename F>
    void runInApp(F &&f)
    {
        asio::post(m_appStrand, [self = shared_from_this(), f = std::forward<F>(f)]() mutable {
            try {
                f();
            } catch (const std::exception &e) {
                qCWarning(lcHttp) << "websocket session callback threw:" << e.what();
            } catch (...) {
                qCWarning(lcHttp) << "websocket session callback threw a non-standard exception";
            }
        });
    }

    void onAccept(beast::error_code ec)
    {
        if (ec) {
            qCDebug(lcHttp) << "websocket handshake failed:" << QString::fromStdString(ec.message());
            return finish();
        }
        m_opened = true;
        m_open = true;
        auto handle = std::make_shared<ConnectionHandle>(weak_from_this());
        runInApp([self = shared_from_this(), handle] { self->m_app->onOpen(handle); });
        if (m_state->stopping)
            return requestClose(websocket::close_code::going_away);
        read();
    }

    void read()
    {
        if (m_finished)
            return;
        m_ws.async_read(m_readBuffer, [self = shared_from_this()](beast::error_code ec, std::size_t) {
            self->onRead(ec);
        });
    }

    void onRead(beast::error_code ec)
    {
        if (ec)
            return finish();
        if (!m_ws.got_text()) {   // the protocol is JSON text; binary frames are ignored
            m_readBuffer.consume(m_readBuffer.size());
            return read();
        }
        const auto data = m_readBuffer.cdata();
        QByteArray message(static_cast<const char *>(data.data()), qsizetype(data.size()));
        m_readBuffer.consume(m_readBuffer.size());
        // Read the next message only once the application took this one:
        // a client cannot pile up unbounded work.
        runInApp([self = shared_from_this(), message = std::move(message)] {
            self->m_app->onMessage(message);
            asio::post(self->m_ws.get_executor(), [self] { self->read(); });
        });
    }

    void enqueue(const QByteArray &text)
    {
        if (!m_opened || m_closeRequested || m_finished)
            return;
        m_queuedBytes += std::size_t(text.size());
        if (m_queuedBytes > m_state->options.maxWebSocketQueueBytes) {
            qCWarning(lcHttp) << "closing websocket: peer reads too slowly (" << m_queuedBytes << "bytes queued)";
            return kill();
        }
        m_queue.push_back(text);
        if (!m_writing)
            write();
    }

    void write()
    {
        m_writing = true;
        const QByteArray &front = m_queue.front();
        m_ws.async_write(asio::buffer(front.constData(), std::size_t(front.size())),
                         [self = shared_from_this()](beast::error_code ec, std::size_t) { self->onWrite(ec); });
    }

    void onWrite(beast::error_code ec)
    {
        m_writing = false;
        if (!m_queue.empty()) {
            m_queuedBytes -= std::size_t(m_queue.front().size());
            m_queue.pop_front();
        }
        if (ec)
            return kill();
        if (m_finished)
            return;
        if (!m_queue.empty())
            return write();
        if (m_closeRequested && !m_closeStarted)
            startClose();
    }

    // Queued messages are still delivered before the close frame.
    void requestClose(websocket::close_reason reason)
    {
        if (m_finished)
            return;
        if (!m_opened)
            return kill();
        if (m_closeRequested)
            return;
        m_closeRequested = true;
        m_closeReason = reason;
        m_open = false;
        if (!m_writing)
            startClose();
    }

    void startClose()
    {
        m_closeStarted = true;
        m_ws.async_close(m_closeReason, [self = shared_from_this()](beast::error_code) { self->finish(); });
    }

    void kill()
    {
        beast::get_lowest_layer(m_ws).close();
        finish();
    }

    void finish()
    {
        if (m_finished)
            return;
        m_finished = true;
        m_open = false;
        // The queue stays: a write in flight may still read its front.
        beast::get_lowest_layer(m_ws).close();
        if (m_opened)
            runInApp([self = shared_from_this()] { self->m_app->onClose(); });
    }

    std::shared_ptr<ServerState> m_state;
    websocket::stream<beast::tcp_stream> m_ws;
    std::shared_ptr<WebSocketSession> m_app;
    ConnectionSlot m_slot;
    asio::strand<asio::thread_pool::executor_type> m_appStrand;
    bhttp::request<bhttp::string_body> m_request;
    quint64 m_id = 0;
    beast::flat_buffer m_readBuffer;
    std::deque<QByteArray> m_queue;
    std::size_t m_queuedBytes = 0;
    websocket::close_reason m_closeReason{websocket::close_code::normal};
    std::atomic<bool> m_open{false};
    bool m_opened = false;
    bool m_writing = false;
    bool m_closeRequested = false;
    bool m_closeStarted = false;
    bool m_finished = false;
};

void ConnectionHandle::sendText(const QByteArray &text)
{
    if (auto session = m_session.lock())
        session->send(text);
}

void ConnectionHandle::close()
{
    if (auto session = m_session.lock())
        session->closeGracefully(websocket::close_code::normal);
}

void ConnectionHandle::closeWithCode(quint16 code, const QByteArray &reason)
{
    // The close frame's payload is 125 bytes: 2 for the code, the rest reason.
    const QByteArray text = reason.left(123);
    if (auto session = m_session.lock())
        session->closeGracefully(websocket::close_reason(static_cast<websocket::close_code>(code),
                                                         beast::string_view(text.constData(), std::size_t(text.size()))));
}

bool ConnectionHandle::isOpen() const
{
    auto session = m_session.lock();
    return session && session->isOpen();
}

} // namespace

void startWebSocketSession(std::shared_ptr<ServerState> state, beast::tcp_stream stream,
                           bhttp::request<bhttp::string_body> upgradeRequest,
                           std::shared_ptr<WebSocketSession> appSession, ConnectionSlot slot)
{
    auto session = std::make_shared<WebSocketStreamSession>(std::move(state), std::move(stream),
                                                            std::move(appSession), std::move(slot));
    session->start(std::move(upgradeRequest));
}

} // namespace zeiko::http::detail
