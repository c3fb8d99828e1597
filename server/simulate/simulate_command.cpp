#include "simulate/simulate_command.h"

#include "app/signal_watcher.h"
#include "channels/option_values.h"
#include "simulate/received_email_standin.h"
#include "simulate/traffic_simulator.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDateTime>
#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QRegularExpression>

#include <cstdio>
#include <stdexcept>

namespace zeiko::simulate {

using namespace Qt::StringLiterals;

namespace {

QString setting(const QCommandLineParser &parser, const QString &name, const char *env, const QString &fallback = {})
{
    return options::text(parser, name, {env}, fallback);
}

double number(const QCommandLineParser &parser, const QString &name, const char *env, double fallback, double min,
              double max)
{
    const QString text = setting(parser, name, env, QString::number(fallback));
    bool ok = false;
    const double value = text.toDouble(&ok);
    if (!ok || value < min || value > max)
        throw std::invalid_argument(u"--%1 must be a number from %2 to %3"_s.arg(name).arg(min).arg(max).toStdString());
    return value;
}

// The server answers /healthz before any traffic is sent.
bool reachable(const QUrl &base)
{
    QNetworkAccessManager network;
    QUrl url = base;
    url.setPath(u"/healthz"_s);
    QNetworkRequest request(url);
    request.setTransferTimeout(5000);
    QNetworkReply *reply = network.get(request);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
    reply->deleteLater();
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt() == 200;
}

} // namespace

int runSimulate(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Drive realistic support traffic against a running zeiko-server through its public APIs:\n"
        "widget chats, AI-agent replies, handoffs and resolves, Shopify order webhooks, inbound emails.\n"
        "Options also read the environment variable in brackets; the command line wins.\n"
        "Secrets come only from the environment or a --...-file, never the command line (ps shows it)."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"simulate"_s, u"The subcommand."_s);
    parser.addOptions({
        {u"url"_s, u"Base URL of the server [ZEIKO_SIMULATE_URL]. Default http://127.0.0.1:8080."_s, u"url"_s},
        {u"account"_s, u"Account slug to send traffic to [ZEIKO_SIMULATE_ACCOUNT]. Default demo."_s, u"slug"_s},
        {u"rate"_s, u"Actions per minute [ZEIKO_SIMULATE_RATE]. Default 6."_s, u"n"_s},
        {u"duration"_s, u"Stop after this many seconds; 0 runs until SIGINT/SIGTERM. Default 0."_s, u"s"_s},
        {u"seed"_s, u"Random seed: the same seed plays the same story. Default 1."_s, u"n"_s},
        {u"email-standin"_s, u"Serve Resend's received-emails API on this loopback host:port; start the server with --resend-api-base-url http://<it>."_s, u"host:port"_s},
        {u"inbound-domain"_s, u"Domain of the support+{account}@ alias [RESEND_INBOUND_DOMAIN]. Default inbound.zeiko.localhost."_s, u"domain"_s},
        {u"run-id"_s, u"Tag of this run in request/order/email ids. Default: the start time in seconds."_s, u"id"_s},
    });
    // Secrets only from the environment or a file (never argv, which `ps` shows).
    options::addSecretOption(parser, u"agent-token"_s,
                             u"File holding an AI-agent token of the account; without it no agent replies/handoffs/resolves "
                             "[AGENT_SERVICE_TOKEN]."_s);
    options::addSecretOption(parser, u"shopify-secret"_s,
                             u"File holding the account's Shopify webhook secret (admin set-shopify); enables signed order "
                             "webhooks [SHOPIFY_WEBHOOK_SECRET]."_s);
    options::addSecretOption(parser, u"resend-webhook-secret"_s,
                             u"File holding the whsec_ secret; enables signed inbound emails (needs --email-standin) "
                             "[RESEND_WEBHOOK_SECRET]."_s);
    parser.process(arguments);

    try {
        SimulatorConfig config;
        config.baseUrl = QUrl(setting(parser, u"url"_s, "ZEIKO_SIMULATE_URL", u"http://127.0.0.1:8080"_s));
        if (!config.baseUrl.isValid() || (config.baseUrl.scheme() != u"http"_s && config.baseUrl.scheme() != u"https"_s))
            throw std::invalid_argument("--url must be an http(s) URL, e.g. http://127.0.0.1:8080");
        config.account = setting(parser, u"account"_s, "ZEIKO_SIMULATE_ACCOUNT", u"demo"_s);
        config.ratePerMinute = number(parser, u"rate"_s, "ZEIKO_SIMULATE_RATE", 6, 0.1, 60'000);
        config.durationSeconds = int(number(parser, u"duration"_s, "ZEIKO_SIMULATE_DURATION", 0, 0, 365 * 86400));
        config.seed = quint32(number(parser, u"seed"_s, "ZEIKO_SIMULATE_SEED", 1, 0, 4294967295.0));
        config.runId = parser.isSet(u"run-id"_s) ? parser.value(u"run-id"_s)
                                                  : QString::number(QDateTime::currentSecsSinceEpoch());
        if (config.runId.isEmpty() || config.runId.size() > 40 ||
            config.runId.contains(QRegularExpression(u"[^A-Za-z0-9_-]"_s)))
            throw std::invalid_argument("--run-id must be 1-40 letters, digits, - or _");
        config.agentToken = options::secret(parser, u"agent-token"_s, {"AGENT_SERVICE_TOKEN"}).toUtf8();
        config.shopifySecret = options::secret(parser, u"shopify-secret"_s, {"SHOPIFY_WEBHOOK_SECRET"});
        config.resendSecret = options::secret(parser, u"resend-webhook-secret"_s, {"RESEND_WEBHOOK_SECRET"});
        config.inboundDomain = setting(parser, u"inbound-domain"_s, "RESEND_INBOUND_DOMAIN", u"inbound.zeiko.localhost"_s);

        std::unique_ptr<ReceivedEmailStandIn> standIn;
        if (parser.isSet(u"email-standin"_s)) {
            const QString listen = parser.value(u"email-standin"_s);
            const qsizetype colon = listen.lastIndexOf(u':');
            bool ok = false;
            const int port = listen.mid(colon + 1).toInt(&ok);
            const QHostAddress address(listen.left(colon));
            if (colon <= 0 || !ok || port < 0 || port > 65535 || !address.isLoopback())
                throw std::invalid_argument("--email-standin must be a loopback host:port, e.g. 127.0.0.1:8089");
            standIn = std::make_unique<ReceivedEmailStandIn>();
            if (!standIn->listen(address, quint16(port)))
                throw std::runtime_error(u"cannot listen on %1: %2"_s.arg(listen, standIn->errorString()).toStdString());
            config.emailStandIn = standIn.get();
        }

        if (!reachable(config.baseUrl)) {
            std::fprintf(stderr, "zeiko-server simulate: %s/healthz does not answer; is the server running?\n",
                         qPrintable(config.baseUrl.toString()));
            return 1;
        }

        TrafficSimulator simulator(config);
        app::SignalWatcher watcher;
        QObject::connect(&watcher, &app::SignalWatcher::terminationRequested, &simulator, [&simulator](int signal) {
            simulator.stop(u"signal %1"_s.arg(signal));
        });
        QObject::connect(&simulator, &TrafficSimulator::finished, qApp, &QCoreApplication::quit, Qt::QueuedConnection);
        simulator.start();
        QCoreApplication::exec();
        return 0;
    } catch (const std::exception &e) {
        std::fprintf(stderr, "zeiko-server simulate: %s\n", e.what());
        return 1;
    }
}

} // namespace zeiko::simulate
