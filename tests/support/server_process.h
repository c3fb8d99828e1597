#pragma once
// Runs the real zeiko-server binary (ZEIKO_SERVER_BINARY) for integration
// and end-to-end tests, and talks to it over real sockets.
//
//   zeiko::test::ServerProcess server;
//   QVERIFY2(server.start(ServerProcess::Options::withDemo()), qPrintable(server.errorText()));
//   const QString token = server.signIn("demo", "alex@demo.zeiko.test", "demo-password");
//   const auto reply = server.get("/api/v1/tickets", token);
//   QCOMPARE(reply.status, 200);
//   QCOMPARE(server.stop(), 0);   // SIGTERM, waits, returns the exit code
//
// By default the server gets a fresh SQLite file in a temporary directory;
// pass databaseUrl to use PostgreSQL (see postgres.h) or share a database
// between two processes. Requests are blocking (a local event loop runs
// while waiting), so they work from the test thread; from other threads use
// httpRequest() with a QNetworkAccessManager owned by that thread.

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QNetworkAccessManager>
#include <QPair>
#include <QProcess>
#include <QStringList>
#include <QTemporaryDir>
#include <QUrl>

#include <memory>

namespace zeiko::test {

struct HttpReply {
    int status = 0;                                  // 0: no HTTP response (connection failed/timed out)
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;    // as received
    QString networkError;

    QJsonObject json() const;                        // {} when not a JSON object
    QByteArray header(const QByteArray &name) const; // case-insensitive
    QString errorCode() const;                       // error.code of an error body
};

struct RequestOptions {
    QByteArray method = "GET";
    QByteArray body;
    QString token;                                   // sent as Authorization: Bearer
    QString idempotencyKey;                          // sent as Idempotency-Key when not empty
    QList<QPair<QByteArray, QByteArray>> headers;    // extra headers
    int timeoutMs = 30000;
};

// Blocking request with the caller's (thread's) network manager.
HttpReply httpRequest(QNetworkAccessManager &manager, const QUrl &url, const RequestOptions &options);

class ServerProcess
{
public:
    struct Options {
        QString databaseUrl;          // empty: sqlite file in a temporary directory
        bool demo = false;            // --demo (seeds the demo tenant into an empty database)
        QStringList extraArguments;   // e.g. {"--sign-in-delay-ms", "10"}; never secrets (visible in ps)
        QMap<QString, QString> environment;   // added to the server's environment: where secrets go
        int startTimeoutMs = 60000;

        // Shorthands: a fresh SQLite file seeded with the demo tenant, or a given database.
        static Options withDemo(QStringList extra = {}, QMap<QString, QString> environment = {})
        {
            Options o;
            o.demo = true;
            o.extraArguments = std::move(extra);
            o.environment = std::move(environment);
            return o;
        }
        static Options onDatabase(QString url, QStringList extra = {}, QMap<QString, QString> environment = {})
        {
            Options o;
            o.databaseUrl = std::move(url);
            o.extraArguments = std::move(extra);
            o.environment = std::move(environment);
            return o;
        }
    };

    ServerProcess();
    ~ServerProcess();   // stops the server if still running

    static QString binaryPath();
    bool start(const Options &options);
    bool start() { return start(Options{}); }
    // SIGTERM, then waits for exit; returns the exit code (-1 if it crashed or hung).
    int stop(int timeoutMs = 20000);
    // SIGKILL: no shutdown at all (a crash, the OOM killer); returns once it is gone.
    // start() again with databaseUrl() restarts it on the same database (on a new port).
    void kill();
    bool isRunning() const;

    QString errorText() const { return m_error; }
    QByteArray standardError() const;   // everything the server logged so far
    QString databaseUrl() const { return m_databaseUrl; }
    quint16 port() const { return m_port; }
    QUrl baseUrl() const;                            // http://127.0.0.1:<port>
    QUrl url(const QString &pathAndQuery) const;     // baseUrl + "/api/v1/..."
    QUrl wsUrl(const QString &pathAndQuery = QStringLiteral("/api/v1/stream")) const;

    // Runs another subcommand of the same binary (e.g. admin create-tenant)
    // against this server's database (ZEIKO_DATABASE); returns the exit code.
    // `environment` is added to the command's (e.g. ZEIKO_OPERATOR_PASSWORD).
    int runCommand(const QStringList &arguments, QByteArray *output = nullptr,
                   const QMap<QString, QString> &environment = {}) const;
    // Makes `token` a live AI-agent token of `account` the way an admin does
    // (`admin create-agent-token --token-file`); false (errorText) on failure.
    bool addAgentToken(const QString &account, const QString &token, const QString &label = QStringLiteral("tests"));
    // Connects `account` to a Shopify shop whose webhooks `secret` signs
    // (`admin set-shopify --secret-file`); false (errorText) on failure.
    bool setShopify(const QString &account, const QString &shopDomain, const QString &secret, bool keepPrevious = false);

    HttpReply request(const QString &pathAndQuery, const RequestOptions &options);
    HttpReply get(const QString &pathAndQuery, const QString &token = {});
    HttpReply post(const QString &pathAndQuery, const QByteArray &body, const QString &token = {},
                   const QString &idempotencyKey = {});
    // Token on success, empty otherwise.
    QString signIn(const QString &account, const QString &email, const QString &password);

private:
    std::unique_ptr<QTemporaryDir> m_dir;       // database (when none given) and the server's log
    QString m_logPath;
    std::unique_ptr<QProcess> m_process;
    QNetworkAccessManager m_network;
    QString m_databaseUrl;
    quint16 m_port = 0;
    QString m_error;
    mutable QByteArray m_stderr;
};

} // namespace zeiko::test
