#include "app/commands.h"
#include "app/signal_watcher.h"

#include "api/api.h"
#include "channels/channel_runtime.h"
#include "channels/option_values.h"
#include "demo/demo_generator.h"
#include "http/client_address.h"
#include "http/http_server.h"
#include "routing/handoff_flow.h"
#include "service/auth_service.h"
#include "service/event_hub.h"
#include "service/hashing_pool.h"
#include "service/pg_listener.h"
#include "service/sync_service.h"
#include "service/ticket_service.h"
#include "store/account_store.h"
#include "store/database.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QStandardPaths>

#include <cstdio>
#include <stdexcept>

Q_LOGGING_CATEGORY(lcServe, "zeiko.serve")

namespace zeiko::app {

using namespace Qt::StringLiterals;

QString defaultDatabaseUrl()
{
    const QString env = qEnvironmentVariable("ZEIKO_DATABASE");
    if (!env.isEmpty())
        return env;
    QString dir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation);
    if (dir.isEmpty())
        dir = QDir::homePath() + u"/.local/share"_s;
    dir += u"/zeiko"_s;
    QDir().mkpath(dir);
    return u"sqlite:"_s + dir + u"/zeiko-server.db"_s;
}

void addDatabaseOption(QCommandLineParser &parser)
{
    options::addUrlOption(parser, u"database"_s,
                          u"sqlite:/path/file.db or postgresql://user@host:port/db [ZEIKO_DATABASE]; a URL with a password "
                          "only from ZEIKO_DATABASE or --database-file (never on the command line). Default: "
                          "zeiko/zeiko-server.db in the user's data directory."_s);
}

QString databaseUrl(const QCommandLineParser &parser)
{
    const QString given = options::url(parser, u"database"_s, {"ZEIKO_DATABASE"});
    return given.isEmpty() ? defaultDatabaseUrl() : given;
}

namespace {

// One JSON line per route: what the tenant isolation matrix
// (tests/server/test_tenant_isolation.cpp) calls, so a new route cannot be forgotten.
void printRouteList(const http::Router &router)
{
    for (const http::Router::RouteInfo &route : router.routes()) {
        const QJsonObject line{{u"method"_s, QString::fromLatin1(route.method)},
                               {u"path"_s, route.pattern},
                               {u"webSocket"_s, route.webSocket}};
        std::printf("%s\n", QJsonDocument(line).toJson(QJsonDocument::Compact).constData());
    }
    std::fflush(stdout);
}

} // namespace

int runServe(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Serve the Zeiko ticket API over HTTP and WebSocket.\n"
        "Every option can also be set with the environment variable in brackets;\n"
        "the command line wins. Secrets (API keys, webhook secrets, a URL with a password)\n"
        "come only from the environment or a --...-file, never the command line (ps shows it)."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"serve"_s, u"The subcommand."_s);
    parser.addOptions({
        {u"listen"_s, u"Address and port to listen on; port 0 picks a free one [ZEIKO_LISTEN]. Default 127.0.0.1:8080."_s, u"host:port"_s},
        {u"demo"_s, u"Seed the demo tenant when the database has no tenant yet [ZEIKO_DEMO=1]."_s},
        {u"threads"_s, u"Worker threads running request handlers [ZEIKO_THREADS]. Default 8."_s, u"n"_s},
        {u"io-threads"_s, u"Threads running the sockets [ZEIKO_IO_THREADS]. Default 2."_s, u"n"_s},
        {u"max-body-bytes"_s, u"Largest request body; more is 413 [ZEIKO_MAX_BODY_BYTES]. Default 4194304."_s, u"bytes"_s},
        {u"max-connections"_s, u"Open connections before new ones get 503 [ZEIKO_MAX_CONNECTIONS]. Default 1024."_s, u"n"_s},
        {u"max-connections-per-peer"_s, u"Open connections from one socket address before its new ones get 429; 0: no cap. It counts the socket's peer, never X-Forwarded-For (it applies before any header) [ZEIKO_MAX_CONNECTIONS_PER_PEER]. Default 64."_s, u"n"_s},
        {u"heartbeat-seconds"_s, u"WebSocket stream heartbeat interval [ZEIKO_HEARTBEAT_SECONDS]. Default 15."_s, u"s"_s},
        {u"sign-in-delay-ms"_s, u"Delay per sign-in attempt once its account+address or its address has 5 failures; it holds no thread [ZEIKO_SIGN_IN_DELAY_MS]. Default 1000."_s, u"ms"_s},
        {u"trusted-proxy"_s, u"Address range (CIDR, e.g. 10.0.0.0/8) of a reverse proxy whose X-Forwarded-For is believed: for its requests the client is the rightmost X-Forwarded-For entry outside these ranges, and the sign-in throttle and widget start limit count that address (the connection cap counts the socket's). Repeat or separate with commas [ZEIKO_TRUSTED_PROXIES]. Default: none."_s, u"cidr"_s},
        {u"print-routes"_s, u"Print every route this server serves with these options (--test-clock adds its own) as one JSON line each, {\"method\", \"path\", \"webSocket\"}, then exit 0. It opens and migrates the database like serve, builds the router the same way and listens on nothing."_s},
        {u"hash-threads"_s, u"Threads hashing passwords (sign-in), apart from the request handlers; at most this many hashes (19 MiB each) run at once [ZEIKO_HASH_THREADS]. Default 2."_s, u"n"_s},
    });
    addDatabaseOption(parser);
    channels::addChannelOptions(parser);
    parser.process(arguments);

    try {
        const QString listen = options::text(parser, u"listen"_s, {"ZEIKO_LISTEN"}, u"127.0.0.1:8080"_s);
        const qsizetype colon = listen.lastIndexOf(u':');
        bool portOk = false;
        const int port = listen.mid(colon + 1).toInt(&portOk);
        const QHostAddress address(colon > 0 ? listen.left(colon).remove(u'[').remove(u']') : QString());
        if (colon <= 0 || !portOk || port < 0 || port > 65535 || address.isNull())
            throw std::invalid_argument("--listen must be host:port with a numeric address, e.g. 127.0.0.1:8080");

        http::ServerOptions options;
        options.address = address;
        options.port = quint16(port);
        options.workerThreads = options::integer(parser, u"threads"_s, "ZEIKO_THREADS", 8, 1, 256);
        options.ioThreads = options::integer(parser, u"io-threads"_s, "ZEIKO_IO_THREADS", 2, 1, 64);
        options.maxBodyBytes = std::size_t(options::integer(parser, u"max-body-bytes"_s, "ZEIKO_MAX_BODY_BYTES",
                                                      4 * 1024 * 1024, 1024, 1024 * 1024 * 1024));
        options.maxConnections = options::integer(parser, u"max-connections"_s, "ZEIKO_MAX_CONNECTIONS", 1024, 1, 1'000'000);
        options.maxConnectionsPerPeer =
            options::integer(parser, u"max-connections-per-peer"_s, "ZEIKO_MAX_CONNECTIONS_PER_PEER", 64, 0, 1'000'000);
        QStringList trustedProxies = parser.values(u"trusted-proxy"_s);
        if (trustedProxies.isEmpty())
            trustedProxies = QStringList{qEnvironmentVariable("ZEIKO_TRUSTED_PROXIES")};
        options.trustedProxies = http::parseAddressRanges(trustedProxies);   // throws on a bad range
        const int heartbeat = options::integer(parser, u"heartbeat-seconds"_s, "ZEIKO_HEARTBEAT_SECONDS", 15, 1, 3600);
        service::ThrottlePolicy throttle;
        throttle.delay = std::chrono::milliseconds(
            options::integer(parser, u"sign-in-delay-ms"_s, "ZEIKO_SIGN_IN_DELAY_MS", 1000, 0, 60'000));
        const int hashThreads = options::integer(parser, u"hash-threads"_s, "ZEIKO_HASH_THREADS", 2, 1, 64);
        const bool printRoutes = parser.isSet(u"print-routes"_s);
        const bool demo = !printRoutes && (parser.isSet(u"demo"_s) || qEnvironmentVariable("ZEIKO_DEMO") == u"1"_s);
        const auto config = store::DatabaseConfig::parse(databaseUrl(parser));

        store::Database db(config);
        db.migrate();
        if (demo && db.read([](QSqlDatabase &c) { return store::tenantCount(c); }) == 0) {
            const demo::DemoSummary summary = demo::generateDemo(db, demo::DemoOptions{});
            qCInfo(lcServe) << "seeded the demo tenant:" << summary.tickets << "tickets";
        }

        service::EventHub hub(db, std::chrono::seconds(heartbeat));
        service::AuthService auth(db, throttle);
        // Declared after auth: stopped (its queue cancelled) before auth goes.
        service::HashingPool hashing(hashThreads);
        auth.setHashingPool(hashing);
        channels::ChannelRuntime channelRuntime(parser, db, [&hub](qint64 tenant) { hub.notify(tenant); });
        const auto now = [&channelRuntime] { return channelRuntime.now(); };
        // A stream lives only as long as its token (docs/api.md, close code
        // 4001): re-checked every heartbeat, and at once after a sign-out.
        auth.setClock([&channelRuntime] { return channelRuntime.now().toMSecsSinceEpoch(); });
        auth.setRevocationListener([&hub](qint64 tenant) { hub.recheckTokens(tenant); });
        hub.setTokenCheck([&auth](const QByteArray &tokenHash) { return auth.isTokenLive(tokenHash); });
        hub.start();
        std::unique_ptr<service::PgListener> listener;
        if (db.isPostgres()) {
            listener = std::make_unique<service::PgListener>(db, hub);
            listener->start();
        }
        service::TicketService tickets(db, [&channelRuntime](qint64 tenant) { channelRuntime.committed(tenant); });
        tickets.setClock(now);
        tickets.setClaimLimitsLookup(routing::claimLimits);   // take_over obeys the claim rule
        service::SyncService sync(db);
        sync.setClock(now);
        const auto router = api::buildRouter({auth, tickets, sync, hub});
        channelRuntime.registerRoutes(*router, auth);
        if (printRoutes) {
            printRouteList(*router);
            return 0;
        }
        http::HttpServer server(options, router);
        channelRuntime.start();
        const quint16 bound = server.start();

        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol ? u"[%1]"_s.arg(address.toString())
                                                                                  : address.toString();
        std::printf("zeiko-server listening on http://%s:%u\n", qPrintable(host), unsigned(bound));
        std::fflush(stdout);
        qCInfo(lcServe).noquote() << "database" << config.redacted();

        SignalWatcher watcher;
        QObject::connect(&watcher, &SignalWatcher::terminationRequested, qApp, [](int signal) {
            qCInfo(lcServe) << "signal" << signal << "- shutting down";
            QCoreApplication::quit();
        });
        QCoreApplication::exec();

        server.stop();
        hashing.stop();
        channelRuntime.stop();
        if (listener)
            listener->stop();
        hub.stop();
        qCInfo(lcServe) << "stopped";
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "zeiko-server: %s\n", e.what());
        return 1;
    }
}

} // namespace zeiko::app
