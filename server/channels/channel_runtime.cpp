#include "channels/channel_runtime.h"

#include "api/handler_support.h"
#include "channels/email_webhook_service.h"
#include "channels/mail_worker.h"
#include "channels/option_values.h"
#include "channels/outbound_mail.h"
#include "channels/shopify_webhook.h"
#include "routing/handoff_dispatcher.h"
#include "sla/sla_timer.h"
#include "widget/widget_routes.h"
#include "widget/widget_service.h"

#include <QLoggingCategory>

#include <stdexcept>

Q_LOGGING_CATEGORY(lcChannels, "zeiko.channels")

namespace zeiko::channels {

using namespace Qt::StringLiterals;

using options::text;

void addChannelOptions(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"sla-max-sleep-ms"_s, u"Longest the SLA timer sleeps between passes [ZEIKO_SLA_MAX_SLEEP_MS]. Default 5000."_s, u"ms"_s},
        {u"test-clock"_s, u"TESTS ONLY: enable POST /api/v1/test/clock, which moves the server's clock forward [ZEIKO_TEST_CLOCK=1]."_s},
        {u"inbound-domain"_s, u"Domain of the support+{account}@ and ticket+{key}@ aliases [RESEND_INBOUND_DOMAIN]."_s, u"domain"_s},
        {u"from-email"_s, u"From address of outbound mail [RESEND_SUPPORT_FROM_EMAIL, else RESEND_FROM_EMAIL, else EMAIL_SENDER]."_s, u"address"_s},
        {u"resend-api-base-url"_s, u"Resend API base URL [RESEND_API_BASE_URL]. Default https://api.resend.com."_s, u"url"_s},
        {u"smtp-allow-plaintext"_s, u"Send over smtp:// without TLS; only to a relay on this machine (loopback) [SMTP_ALLOW_PLAINTEXT=1]."_s},
        {u"widget-starts-per-minute"_s, u"New widget conversations one client address may start per minute, per process; 0: unlimited [ZEIKO_WIDGET_STARTS_PER_MINUTE]. Default 10."_s, u"n"_s},
        {u"mail-spool-dir"_s, u"Write outbound mail as .eml files here (demo transport) [MAIL_SPOOL_DIR]."_s, u"dir"_s},
        {u"mail-retry-base-ms"_s, u"First retry delay of a failed send, doubling per attempt [ZEIKO_MAIL_RETRY_BASE_MS]. Default 5000."_s, u"ms"_s},
        {u"mail-max-attempts"_s, u"Send attempts before a mail is marked failed [ZEIKO_MAIL_MAX_ATTEMPTS]. Default 6."_s, u"n"_s},
        {u"routing-max-sleep-ms"_s, u"Longest wait before waiting handoffs are re-checked for capacity freed by other processes [ZEIKO_ROUTING_MAX_SLEEP_MS]. Default 5000."_s, u"ms"_s},
    });
    // Secrets only from the environment or a file (never argv, which `ps` shows).
    options::addSecretOption(parser, u"resend-api-key"_s,
                             u"File holding the Resend API key, which fetches received emails and sends mail through Resend "
                             "[RESEND_API_KEY]. Never on the command line."_s);
    options::addSecretOption(parser, u"resend-webhook-secret"_s,
                             u"File holding the whsec_... secret that signs Resend webhooks (Svix) [RESEND_WEBHOOK_SECRET]. "
                             "Never on the command line."_s);
    options::addUrlOption(parser, u"smtp-url"_s,
                          u"Send mail over SMTP, e.g. smtps://user:pw@host:465 or smtp://user:pw@host:587 (STARTTLS "
                          "required) [SMTP_URL]; with a password only from SMTP_URL or --smtp-url-file."_s);
    // Removed: one Shopify secret for every tenant let a delivery signed for
    // one shop be posted to another tenant. Refused with a pointer to the
    // per-tenant command rather than as an unknown option.
    QCommandLineOption removedShopifySecret(u"shopify-webhook-secret"_s, {}, u"secret"_s);
    removedShopifySecret.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(removedShopifySecret);
}

struct ChannelRuntime::Private {
    store::Database &db;
    CommitNotifier notify;   // wakes live streams, then the handoff dispatcher
    Clock clock;
    bool testClock = false;
    MailSettings mail;
    std::unique_ptr<widget::WidgetService> widgets;
    std::unique_ptr<sla::SlaTimer> slaTimer;
    std::unique_ptr<EmailWebhookService> emailWebhooks;
    std::unique_ptr<MailWorker> mailWorker;
    std::unique_ptr<ShopifyWebhookService> shopifyWebhooks;
    std::unique_ptr<routing::HandoffDispatcher> dispatcher;
};

QDateTime ChannelRuntime::now() const
{
    return d->clock.now();
}

ChannelRuntime::ChannelRuntime(const QCommandLineParser &parser, store::Database &database, CommitNotifier notify)
    : d(new Private{database, {}, {}, false, {}, {}, {}, {}, {}, {}, {}})
{
    // Any commit may free capacity (a handoff resolved, settings changed):
    // the dispatcher looks right after it. Its own commits only wake streams.
    d->notify = [streams = notify, p = d.get()](qint64 tenantId) {
        if (streams)
            streams(tenantId);
        if (p->dispatcher)
            p->dispatcher->wake();
    };
    d->testClock = parser.isSet(u"test-clock"_s) || qEnvironmentVariable("ZEIKO_TEST_CLOCK") == u"1"_s;
    d->mail.inboundDomain = text(parser, u"inbound-domain"_s, {"RESEND_INBOUND_DOMAIN"}).toLower();
    d->mail.fromAddress = text(parser, u"from-email"_s, {"RESEND_SUPPORT_FROM_EMAIL", "RESEND_FROM_EMAIL", "EMAIL_SENDER"});
    const int slaSleep = options::integer(parser, u"sla-max-sleep-ms"_s, "ZEIKO_SLA_MAX_SLEEP_MS", 5000, 10, 600'000);
    if (d->testClock)
        qCWarning(lcChannels) << "--test-clock is on: the API can move this server's clock (never use in production)";

    d->widgets = std::make_unique<widget::WidgetService>(database, d->notify, d->clock, d->mail);
    d->widgets->setStartsPerMinute(
        options::integer(parser, u"widget-starts-per-minute"_s, "ZEIKO_WIDGET_STARTS_PER_MINUTE", 10, 0, 1'000'000));
    d->slaTimer = std::make_unique<sla::SlaTimer>(database, d->clock, d->notify, std::chrono::milliseconds(slaSleep));
    ResendSettings resend;
    resend.apiKey = options::secret(parser, u"resend-api-key"_s, {"RESEND_API_KEY"});
    resend.apiBaseUrl = text(parser, u"resend-api-base-url"_s, {"RESEND_API_BASE_URL"}, u"https://api.resend.com"_s);
    while (resend.apiBaseUrl.endsWith(u'/'))
        resend.apiBaseUrl.chop(1);
    resend.webhookSecret = options::secret(parser, u"resend-webhook-secret"_s, {"RESEND_WEBHOOK_SECRET"});
    d->emailWebhooks = std::make_unique<EmailWebhookService>(database, d->notify, d->clock, d->mail, resend);
    if (parser.isSet(u"shopify-webhook-secret"_s))
        throw std::invalid_argument("--shopify-webhook-secret is gone: Shopify webhook secrets are per tenant, set with "
                                    "`zeiko-server admin set-shopify --account SLUG --shop-domain SHOP.myshopify.com "
                                    "--secret-file FILE`");
    if (!qEnvironmentVariableIsEmpty("SHOPIFY_WEBHOOK_SECRET"))
        qCWarning(lcChannels) << "SHOPIFY_WEBHOOK_SECRET is ignored: Shopify webhook secrets are per tenant "
                                 "(zeiko-server admin set-shopify)";
    d->shopifyWebhooks = std::make_unique<ShopifyWebhookService>(database, d->notify, d->clock);

    MailWorkerOptions mailOptions;
    mailOptions.mail = d->mail;
    mailOptions.transport.fromAddress = d->mail.fromAddress.isEmpty() ? u"support@zeiko.localhost"_s : d->mail.fromAddress;
    mailOptions.transport.resendApiKey = resend.apiKey;
    mailOptions.transport.resendBaseUrl = resend.apiBaseUrl;
    mailOptions.transport.smtpUrl = options::url(parser, u"smtp-url"_s, {"SMTP_URL"});
    mailOptions.transport.spoolDir = text(parser, u"mail-spool-dir"_s, {"MAIL_SPOOL_DIR"});
    mailOptions.transport.smtpPlaintextLoopback =
        parser.isSet(u"smtp-allow-plaintext"_s) || qEnvironmentVariable("SMTP_ALLOW_PLAINTEXT") == u"1"_s;
    if (mailOptions.transport.smtpPlaintextLoopback) {
        if (const QString problem = plaintextSmtpProblem(mailOptions.transport.smtpUrl); !problem.isEmpty())
            throw std::invalid_argument(u"--smtp-allow-plaintext (SMTP_ALLOW_PLAINTEXT): %1"_s.arg(problem).toStdString());
    }
    if (!mailOptions.transport.smtpUrl.isEmpty())
        mailOptions.transport.kind = TransportConfig::Kind::Smtp;
    else if (!resend.apiKey.isEmpty())
        mailOptions.transport.kind = TransportConfig::Kind::Resend;
    else if (!mailOptions.transport.spoolDir.isEmpty())
        mailOptions.transport.kind = TransportConfig::Kind::Spool;
    mailOptions.retryBase = std::chrono::milliseconds(
        options::integer(parser, u"mail-retry-base-ms"_s, "ZEIKO_MAIL_RETRY_BASE_MS", 5000, 1, 3'600'000));
    mailOptions.maxAttempts = options::integer(parser, u"mail-max-attempts"_s, "ZEIKO_MAIL_MAX_ATTEMPTS", 6, 1, 100);
    qCInfo(lcChannels).noquote() << "outbound mail transport:" << transportName(mailOptions.transport.kind);
    d->mailWorker = std::make_unique<MailWorker>(database, d->notify, d->clock, mailOptions);

    d->dispatcher = std::make_unique<routing::HandoffDispatcher>(
        database, d->clock, notify, d->mail,
        std::chrono::milliseconds(options::integer(parser, u"routing-max-sleep-ms"_s, "ZEIKO_ROUTING_MAX_SLEEP_MS", 5000, 10, 600'000)));

    d->clock.setOnAdvance([timer = d->slaTimer.get()] { timer->wake(); });
}

void ChannelRuntime::committed(qint64 tenantId)
{
    d->notify(tenantId);
}

ChannelRuntime::~ChannelRuntime()
{
    stop();
}

void ChannelRuntime::registerRoutes(http::Router &router, service::AuthService &auth)
{
    widget::registerWidgetRoutes(router, auth, *d->widgets, d->testClock ? &d->clock : nullptr);
    const QString resendPath = u"/api/v1/webhooks/resend"_s;
    router.add("POST", resendPath, api::wrap(resendPath, auth, [this](api::Call &call) {
                   const JsonResult r = d->emailWebhooks->handle(call.request.headers, call.request.body);
                   return api::jsonResponse(r.status, r.body);
               }));
    const QString shopifyPath = u"/api/v1/webhooks/shopify/{account}"_s;
    router.add("POST", shopifyPath, api::wrap(shopifyPath, auth, [this](api::Call &call) {
                   const JsonResult r = d->shopifyWebhooks->handle(call.request.pathParams.value(u"account"_s),
                                                                   call.request.headers, call.request.body);
                   return api::jsonResponse(r.status, r.body);
               }));
}

void ChannelRuntime::start()
{
    d->slaTimer->start();
    d->mailWorker->start();
    d->dispatcher->start();
}

void ChannelRuntime::stop()
{
    d->dispatcher->stop();
    d->slaTimer->stop();
    d->mailWorker->stop();
}

} // namespace zeiko::channels
