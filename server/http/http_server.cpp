// HTTP/1.1 transport: accept loop, per-connection sessions, limits and
// timeouts. Handlers run on a worker pool so a slow one never stalls the
// sockets; responses are written back on the connection's strand, one
// request at a time, which keeps pipelined replies in order.

#include "http/http_server.h"

#include "http/client_address.h"
#include "http/errors.h"
#include "http/transport_internal.h"

#include <QUrl>

#include <boost/asio/steady_timer.hpp>

#include <future>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

Q_LOGGING_CATEGORY(lcHttp, "zeiko.http")

namespace zeiko::http {

namespace detail {

namespace {

QByteArray toBytes(beast::string_view view)
{
    return QByteArray(view.data(), qsizetype(view.size()));
}

beast::string_view toView(const QByteArray &bytes)
{
    return beast::string_view(bytes.constData(), std::size_t(bytes.size()));
}

bool hasToken(beast::string_view headerValue, beast::string_view token)
{
    for (QByteArray part : toBytes(headerValue).split(',')) {
        if (part.trimmed().compare(toBytes(token), Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

bool isWebSocketUpgrade(const bhttp::request<bhttp::string_body> &request)
{
    return request.method() == bhttp::verb::get && hasToken(request[bhttp::field::connection], "upgrade")
        && hasToken(request[bhttp::field::upgrade], "websocket");
}

bool isJson(const QByteArray &contentType)
{
    return contentType.startsWith("application/json") || contentType.contains("+json");
}

using StringResponse = bhttp::response<bhttp::string_body>;

std::shared_ptr<StringResponse> toBeastResponse(const Response &response, unsigned version, bool keepAlive,
                                                 bool headRequest)
{
    auto result = std::make_shared<StringResponse>();
    result->version(version);
    result->result(static_cast<unsigned>(response.status));
    result->set(bhttp::field::server, "zeiko");
    if (!response.contentType.isEmpty())
        result->set(bhttp::field::content_type, toView(response.contentType));
    bool hasCacheControl = false;
    for (const auto &header : response.headers) {
        // A handler must never be able to inject a header line.
        if (header.first.contains('\r') || header.first.contains('\n') || header.second.contains('\r')
            || header.second.contains('\n') || header.first.isEmpty()) {
            qCWarning(lcHttp) << "dropping response header with a line break:" << header.first;
            continue;
        }
        if (header.first.compare("cache-control", Qt::CaseInsensitive) == 0)
            hasCacheControl = true;
        result->insert(toView(header.first), toView(header.second));
    }
    if (!hasCacheControl && isJson(response.contentType))
        result->set(bhttp::field::cache_control, "no-store");
    result->keep_alive(keepAlive);
    if (headRequest) {
        // Same headers as GET, including its Content-Length, but no body.
        result->content_length(std::uint64_t(response.body.size()));
    } else {
        result->body().assign(response.body.constData(), std::size_t(response.body.size()));
        result->prepare_payload();
    }
    return result;
}

Response runSafely(const std::function<Response()> &handler)
{
    try {
        return handler();
    } catch (const std::exception &e) {
        qCWarning(lcHttp) << "handler threw:" << e.what();
    } catch (...) {
        qCWarning(lcHttp) << "handler threw a non-standard exception";
    }
    return errorResponse(500, errorcode::internalError, QStringLiteral("Internal server error"));
}

const char continueResponse[] = "HTTP/1.1 100 Continue\r\n\r\n";

// Why a new connection is answered and closed instead of served.
enum class Rejection {
    None,
    ServerFull,   // maxConnections: 503
    PeerFull,     // maxConnectionsPerPeer: 429
};

class HttpSession : public std::enable_shared_from_this<HttpSession>, public LiveConnection
{
public:
    HttpSession(std::shared_ptr<ServerState> state, tcp::socket socket, ConnectionSlot slot, Rejection rejected)
        : m_state(std::move(state)), m_stream(std::move(socket)), m_slot(std::move(slot)), m_rejected(rejected)
    {
        beast::error_code ec;
        const auto endpoint = m_stream.socket().remote_endpoint(ec);
        if (!ec)
            m_peer = QHostAddress(QString::fromStdString(endpoint.address().to_string()));
    }

    ~HttpSession() override
    {
        if (m_id)
            m_state->untrack(m_id);
    }

    void start()
    {
        m_id = m_state->track(weak_from_this());
        asio::dispatch(m_stream.get_executor(), [self = shared_from_this()] {
            if (self->m_rejected == Rejection::ServerFull) {
                self->respondAndClose(errorResponse(503, errorcode::serviceUnavailable,
                                                    QStringLiteral("Too many connections, try again later")));
            } else if (self->m_rejected == Rejection::PeerFull) {
                Response response = errorResponse(429, errorcode::tooManyConnections,
                                                  QStringLiteral("Too many open connections from your address"));
                response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray("1")));
                self->respondAndClose(std::move(response));
            } else {
                self->readRequest();
            }
        });
    }

    void beginShutdown() override
    {
        asio::post(m_stream.get_executor(), [self = shared_from_this()] {
            self->m_shutdownRequested = true;
            // Nothing in flight: close now. Otherwise the response goes out
            // with "Connection: close" and the session ends after it.
            if (self->m_phase == Phase::Idle || self->m_phase == Phase::Header)
                self->close();
        });
    }

    void forceClose() override
    {
        asio::post(m_stream.get_executor(), [self = shared_from_this()] { self->close(); });
    }

private:
    enum class Phase { Idle, Header, Body, Handling, Writing, Closing, Closed, Upgraded };

    const ServerOptions &options() const { return m_state->options; }

    void readRequest()
    {
        if (m_shutdownRequested || m_state->stopping) {
            close();
            return;
        }
        m_parser.emplace();
        m_parser->header_limit(std::uint32_t(std::min<std::size_t>(options().maxHeaderBytes, UINT32_MAX)));
        m_parser->body_limit(std::uint64_t(options().maxBodyBytes));
        if (m_buffer.size() == 0 && !m_firstRequest) {
            waitForNextRequest();
            return;
        }
        m_firstRequest = false;
        readHeader();
    }

    // Between keep-alive requests the idle timeout applies; the header
    // timeout starts with the first byte of the next request.
    void waitForNextRequest()
    {
        m_phase = Phase::Idle;
        m_stream.expires_after(options().idleTimeout);
        m_stream.async_read_some(m_buffer.prepare(4096),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                     if (ec)
                                         return self->close();
                                     self->m_buffer.commit(bytes);
                                     self->readHeader();
                                 });
    }

    void readHeader()
    {
        m_phase = Phase::Header;
        m_stream.expires_after(options().headerTimeout);
        bhttp::async_read_header(m_stream, m_buffer, *m_parser,
                                 [self = shared_from_this()](beast::error_code ec, std::size_t) {
                                     self->onHeader(ec);
                                 });
    }

    void onHeader(beast::error_code ec)
    {
        if (ec)
            return failRead(ec);
        const auto &header = m_parser->get();
        if (isWebSocketUpgrade(header) && m_parser->is_done()) {
            auto request = m_parser->release();
            if (m_state->router->webSocketAcceptor(toRequestPath(request)))
                return upgrade(std::move(request));
            return handle(std::move(request));
        }
        if (m_parser->is_done())
            return handle(m_parser->release());
        if (hasToken(header[bhttp::field::expect], "100-continue")) {
            m_stream.expires_after(options().writeTimeout);
            asio::async_write(m_stream, asio::buffer(continueResponse, sizeof(continueResponse) - 1),
                              [self = shared_from_this()](beast::error_code writeError, std::size_t) {
                                  if (writeError)
                                      return self->close();
                                  self->readBody();
                              });
            return;
        }
        readBody();
    }

    void readBody()
    {
        m_phase = Phase::Body;
        m_stream.expires_after(options().bodyTimeout);
        bhttp::async_read(m_stream, m_buffer, *m_parser,
                          [self = shared_from_this()](beast::error_code ec, std::size_t) {
                              if (ec)
                                  return self->failRead(ec);
                              self->handle(self->m_parser->release());
                          });
    }

    void failRead(beast::error_code ec)
    {
        if (ec == bhttp::error::header_limit)
            return respondAndClose(errorResponse(431, errorcode::headerTooLarge,
                                                 QStringLiteral("Request header fields too large")));
        if (ec == bhttp::error::body_limit)
            return respondAndClose(
                errorResponse(413, errorcode::payloadTooLarge, QStringLiteral("Request body too large")));
        // The client went away or a timeout already closed the socket
        // (slowloris): nothing useful can be sent.
        if (ec == bhttp::error::end_of_stream || ec == bhttp::error::partial_message || ec == beast::error::timeout
            || ec.category() != bhttp::make_error_code(bhttp::error::bad_method).category())
            return close();
        return respondAndClose(
            errorResponse(400, errorcode::badRequest, QStringLiteral("Malformed request: %1")
                                                          .arg(QString::fromStdString(ec.message()))));
    }

    static QString toRequestPath(const bhttp::request<bhttp::string_body> &request)
    {
        const QByteArray target = toBytes(request.target());
        const qsizetype query = target.indexOf('?');
        return QUrl::fromPercentEncoding(query < 0 ? target : target.left(query));
    }

    void handle(bhttp::request<bhttp::string_body> message)
    {
        m_phase = Phase::Handling;
        m_version = message.version();
        m_keepAlive = message.keep_alive();
        m_head = message.method() == bhttp::verb::head;
        Request request = toRequest(message, m_peer, options().trustedProxies);
        if (!request.path.startsWith(QLatin1Char('/'))) {
            return respondAndClose(errorResponse(400, errorcode::badRequest,
                                                 QStringLiteral("Only origin-form request targets are served")));
        }
        asio::post(*m_state->workers, [self = shared_from_this(), request = std::move(request)]() mutable {
            Response response =
                runSafely([&] { return self->m_state->router->dispatch(request); });
            if (response.pending)
                return self->awaitAnswer(std::move(response.pending));
            asio::post(self->m_stream.get_executor(), [self, response = std::move(response)] {
                self->writeResponse(response, false);
            });
        });
    }

    // Response::later: the worker thread is free now; the session waits,
    // parked in the server state, until the answer is completed.
    void awaitAnswer(std::shared_ptr<PendingResponse> pending)
    {
        const quint64 id = m_state->park([self = shared_from_this()](Response response) {
            asio::post(self->m_stream.get_executor(), [self, response = std::move(response)] {
                self->writeResponse(response, false);
            });
        });
        if (id == 0)   // stopping: this request gets no answer
            return;
        pending->onComplete([state = m_state, id](Response response) {
            // A nested "later" is not supported: answer it as a failure.
            if (response.pending)
                response = errorResponse(500, errorcode::internalError, QStringLiteral("Internal server error"));
            state->answerParked(id, std::move(response));
        });
    }

    void upgrade(bhttp::request<bhttp::string_body> message)
    {
        m_phase = Phase::Handling;
        m_version = message.version();
        m_keepAlive = false;
        m_head = false;
        if (m_state->stopping)
            return respondAndClose(errorResponse(503, errorcode::serviceUnavailable,
                                                 QStringLiteral("Server is shutting down")));
        Request request = toRequest(message, m_peer, options().trustedProxies);
        auto shared = std::make_shared<bhttp::request<bhttp::string_body>>(std::move(message));
        asio::post(*m_state->workers, [self = shared_from_this(), request = std::move(request), shared]() {
            using Result = std::variant<Response, std::shared_ptr<WebSocketSession>>;
            Result result;
            try {
                const WebSocketAcceptor *acceptor = self->m_state->router->webSocketAcceptor(request.path);
                result = (*acceptor)(request);
            } catch (const std::exception &e) {
                qCWarning(lcHttp) << "websocket acceptor threw:" << e.what();
                result = errorResponse(500, errorcode::internalError, QStringLiteral("Internal server error"));
            }
            asio::post(self->m_stream.get_executor(), [self, result = std::move(result), shared]() mutable {
                self->finishUpgrade(std::move(result), std::move(*shared));
            });
        });
    }

    void finishUpgrade(std::variant<Response, std::shared_ptr<WebSocketSession>> result,
                       bhttp::request<bhttp::string_body> message)
    {
        if (auto *rejection = std::get_if<Response>(&result))
            return writeResponse(*rejection, true);
        auto session = std::get<std::shared_ptr<WebSocketSession>>(std::move(result));
        if (m_phase == Phase::Closed || !session)
            return close();
        m_phase = Phase::Upgraded;
        m_stream.expires_never();
        startWebSocketSession(m_state, std::move(m_stream), std::move(message), std::move(session),
                              std::move(m_slot));
    }

    void respondAndClose(const Response &response)
    {
        m_version = 11;
        m_head = false;
        m_keepAlive = false;
        writeResponse(response, true);
    }

    void writeResponse(const Response &response, bool closeAfter)
    {
        if (m_phase == Phase::Closed)
            return;
        const bool keepAlive = m_keepAlive && !closeAfter && !m_shutdownRequested && !m_state->stopping;
        m_response = toBeastResponse(response, m_version, keepAlive, m_head);
        m_phase = Phase::Writing;
        m_stream.expires_after(options().writeTimeout);
        bhttp::async_write(m_stream, *m_response,
                           [self = shared_from_this(), keepAlive](beast::error_code ec, std::size_t) {
                               self->m_response.reset();
                               if (ec)
                                   return self->close();
                               if (!keepAlive)
                                   return self->lingeringClose();
                               self->readRequest();
                           });
    }

    // Closing a socket with unread input makes the kernel send RST, which
    // can destroy the error response before the client reads it: send FIN,
    // discard what still arrives for a moment, then close.
    void lingeringClose()
    {
        m_phase = Phase::Closing;
        beast::error_code ec;
        m_stream.socket().shutdown(tcp::socket::shutdown_send, ec);
        if (ec)
            return close();
        m_stream.expires_after(std::chrono::seconds(1));
        drain();
    }

    void drain()
    {
        m_stream.async_read_some(asio::buffer(m_scratch),
                                 [self = shared_from_this()](beast::error_code ec, std::size_t bytes) {
                                     self->m_drained += bytes;
                                     if (ec || self->m_drained > 1024 * 1024)
                                         return self->close();
                                     self->drain();
                                 });
    }

    void close()
    {
        if (m_phase == Phase::Closed || m_phase == Phase::Upgraded)
            return;
        m_phase = Phase::Closed;
        m_stream.close();
    }

    std::shared_ptr<ServerState> m_state;
    beast::tcp_stream m_stream;
    ConnectionSlot m_slot;
    const Rejection m_rejected;
    quint64 m_id = 0;
    QHostAddress m_peer;
    beast::flat_buffer m_buffer;
    std::optional<bhttp::request_parser<bhttp::string_body>> m_parser;
    std::shared_ptr<StringResponse> m_response;
    Phase m_phase = Phase::Idle;
    bool m_firstRequest = true;
    bool m_shutdownRequested = false;
    bool m_keepAlive = false;
    bool m_head = false;
    unsigned m_version = 11;
    std::array<char, 8192> m_scratch{};
    std::size_t m_drained = 0;
};

} // namespace

Request toRequest(const bhttp::request<bhttp::string_body> &message, const QHostAddress &peer,
                  const QList<QPair<QHostAddress, int>> &trustedProxies)
{
    Request request;
    request.method = toBytes(message.method_string());
    request.target = toBytes(message.target());
    const qsizetype query = request.target.indexOf('?');
    request.path = QUrl::fromPercentEncoding(query < 0 ? request.target : request.target.left(query));
    if (query >= 0)
        request.query = QUrlQuery(QString::fromUtf8(request.target.mid(query + 1)));
    for (const auto &field : message) {
        const QByteArray name = toBytes(field.name_string()).toLower();
        const QByteArray value = toBytes(field.value());
        auto existing = request.headers.find(name);
        if (existing == request.headers.end())
            request.headers.insert(name, value);
        else
            existing.value() += QByteArrayLiteral(", ") + value;
    }
    request.body = QByteArray(message.body().data(), qsizetype(message.body().size()));
    request.peer = peer;
    request.client = resolveClientAddress(peer, request.header("x-forwarded-for"), trustedProxies);
    return request;
}

} // namespace detail

using namespace detail;

struct HttpServer::Impl {
    std::shared_ptr<ServerState> state = std::make_shared<ServerState>();
    asio::io_context ioc;
    std::optional<asio::executor_work_guard<asio::io_context::executor_type>> work;
    std::unique_ptr<asio::thread_pool> workers;
    std::unique_ptr<tcp::acceptor> acceptor;
    std::vector<std::thread> ioThreads;
    std::mutex lifecycle;
    bool started = false;
    bool stopped = false;

    void accept()
    {
        acceptor->async_accept(asio::make_strand(ioc), [this](beast::error_code ec, tcp::socket socket) {
            onAccept(ec, std::move(socket));
        });
    }

    void onAccept(beast::error_code ec, tcp::socket socket)
    {
        if (ec == asio::error::operation_aborted || !acceptor->is_open())
            return;
        if (ec) {
            // E.g. out of file descriptors: back off instead of spinning.
            qCWarning(lcHttp) << "accept failed:" << QString::fromStdString(ec.message());
            auto timer = std::make_shared<asio::steady_timer>(acceptor->get_executor(), std::chrono::milliseconds(50));
            timer->async_wait([this, timer](beast::error_code) {
                if (acceptor->is_open())
                    accept();
            });
            return;
        }
        if (state->stopping) {
            beast::error_code ignored;
            socket.close(ignored);
            return;
        }
        beast::error_code endpointError;
        const std::string peer = socket.remote_endpoint(endpointError).address().to_string();
        Rejection rejection = Rejection::None;
        if (state->connections.fetch_add(1) >= state->options.maxConnections)
            rejection = Rejection::ServerFull;
        else if (!state->admitPeer(peer))
            rejection = Rejection::PeerFull;
        ConnectionSlot slot;
        if (rejection != Rejection::None)
            state->connections.fetch_sub(1);
        else
            slot = ConnectionSlot(state, peer);
        std::make_shared<HttpSession>(state, std::move(socket), std::move(slot), rejection)->start();
        accept();
    }

    void runIo()
    {
        for (;;) {
            try {
                ioc.run();
                return;
            } catch (const std::exception &e) {
                qCCritical(lcHttp) << "exception escaped an I/O handler:" << e.what();
            }
        }
    }

    bool waitForConnections(std::chrono::milliseconds limit) const
    {
        const auto deadline = std::chrono::steady_clock::now() + limit;
        while (state->connections.load() > 0) {
            if (std::chrono::steady_clock::now() >= deadline)
                return false;
            std::this_thread::sleep_for(std::chrono::milliseconds(5));
        }
        return true;
    }
};

HttpServer::HttpServer(ServerOptions options, std::shared_ptr<const Router> router) : d(std::make_unique<Impl>())
{
    d->state->options = std::move(options);
    d->state->router = std::move(router);
    if (!d->state->router)
        throw std::invalid_argument("HttpServer needs a router");
}

HttpServer::~HttpServer()
{
    stop();
}

quint16 HttpServer::start()
{
    std::lock_guard lock(d->lifecycle);
    if (d->started)
        throw std::logic_error("HttpServer::start called twice");
    const ServerOptions &options = d->state->options;

    std::string host;
    if (options.address == QHostAddress(QHostAddress::Any) || options.address == QHostAddress(QHostAddress::AnyIPv4))
        host = "0.0.0.0";
    else if (options.address == QHostAddress(QHostAddress::AnyIPv6))
        host = "::";
    else
        host = options.address.toString().toStdString();

    beast::error_code ec;
    const auto address = asio::ip::make_address(host, ec);
    if (ec)
        throw std::runtime_error("invalid listen address " + host + ": " + ec.message());
    const tcp::endpoint endpoint(address, options.port);
    d->acceptor = std::make_unique<tcp::acceptor>(asio::make_strand(d->ioc));
    d->acceptor->open(endpoint.protocol(), ec);
    if (!ec)
        d->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
    if (!ec)
        d->acceptor->bind(endpoint, ec);
    if (!ec)
        d->acceptor->listen(asio::socket_base::max_listen_connections, ec);
    if (ec)
        throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(options.port) + ": " + ec.message());
    const quint16 port = d->acceptor->local_endpoint().port();

    d->workers = std::make_unique<asio::thread_pool>(std::size_t(std::max(1, options.workerThreads)));
    d->state->workers = d->workers.get();
    d->work.emplace(asio::make_work_guard(d->ioc));
    for (int i = 0; i < std::max(1, options.ioThreads); ++i)
        d->ioThreads.emplace_back([impl = d.get()] { impl->runIo(); });
    asio::post(d->acceptor->get_executor(), [impl = d.get()] { impl->accept(); });
    d->started = true;
    qCDebug(lcHttp) << "listening on" << QString::fromStdString(host) << port;
    return port;
}

void HttpServer::stop()
{
    std::lock_guard lock(d->lifecycle);
    if (!d->started || d->stopped)
        return;
    d->stopped = true;
    d->state->stopping = true;

    auto closed = std::make_shared<std::promise<void>>();
    asio::post(d->acceptor->get_executor(), [impl = d.get(), closed] {
        beast::error_code ignored;
        impl->acceptor->close(ignored);
        closed->set_value();
    });
    closed->get_future().wait_for(std::chrono::seconds(2));

    d->state->forEachLive([](LiveConnection &connection) { connection.beginShutdown(); });
    if (!d->waitForConnections(d->state->options.shutdownGracePeriod)) {
        qCWarning(lcHttp) << "closing" << d->state->connections.load() << "connections still busy at shutdown";
        d->state->forEachLive([](LiveConnection &connection) { connection.forceClose(); });
        d->waitForConnections(std::chrono::seconds(1));
    }
    // Handlers still running are waited for: they cannot be interrupted.
    d->workers->join();
    d->work.reset();
    d->ioc.stop();
    for (auto &thread : d->ioThreads)
        thread.join();
    d->ioThreads.clear();
    // Requests still waiting for a later answer are dropped now, while the
    // sockets' I/O context still exists.
    d->state->closeParking();
}

int HttpServer::openConnections() const
{
    return d->state->connections.load();
}

} // namespace zeiko::http
