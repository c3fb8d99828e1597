#include "app/commands.h"

#include "channels/option_values.h"
#include "demo/demo_generator.h"
#include "service/auth_service.h"
#include "store/account_store.h"
#include "store/agent_token_store.h"
#include "store/database.h"
#include "store/shopify_shop_store.h"

#include <QCommandLineParser>
#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QRandomGenerator>
#include <QRegularExpression>

#include <cstdio>

namespace zeiko::app {

using namespace Qt::StringLiterals;

namespace {

std::unique_ptr<store::Database> openDatabase(const QCommandLineParser &parser)
{
    auto db = std::make_unique<store::Database>(store::DatabaseConfig::parse(databaseUrl(parser)));
    db->migrate();
    return db;
}

int fail(const QString &message)
{
    std::fprintf(stderr, "zeiko-server: %s\n", qPrintable(message));
    return 1;
}

// create-agent-token / revoke-agent-token / list-agent-tokens.
int agentTokenAction(const QString &action, const QCommandLineParser &parser)
{
    if (!parser.isSet(u"account"_s))
        return fail(action + u" needs --account"_s);
    const QString label = parser.value(u"label"_s).trimmed();
    if (action != u"list-agent-tokens"_s && (label.isEmpty() || label.size() > 100))
        return fail(action + u" needs --label (1 to 100 characters)"_s);
    auto db = openDatabase(parser);
    const auto tenant = db->read([&](QSqlDatabase &d) { return store::findTenantBySlug(d, parser.value(u"account"_s)); });
    if (!tenant)
        return fail(u"no such account \"%1\""_s.arg(parser.value(u"account"_s)));
    const qint64 tenantId = tenant->id.toLongLong();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (action == u"list-agent-tokens"_s) {
        for (const store::AgentTokenInfo &t : db->read([&](QSqlDatabase &d) { return store::listAgentTokens(d, tenantId); }))
            std::printf("%s\tcreated %s\t%s\n", qPrintable(t.label),
                        qPrintable(QDateTime::fromMSecsSinceEpoch(t.createdAtMs, Qt::UTC).toString(Qt::ISODate)),
                        t.revokedAtMs ? "revoked" : "live");
        return 0;
    }
    if (action == u"revoke-agent-token"_s) {
        const int revoked = db->write([&](QSqlDatabase &d) { return store::revokeAgentTokens(d, tenantId, label, now); });
        std::printf("revoked %d agent token(s) labelled %s\n", revoked, qPrintable(label));
        return revoked > 0 ? 0 : fail(u"no live agent token labelled \"%1\""_s.arg(label));
    }
    QByteArray token;
    if (parser.isSet(u"token-file"_s)) {
        QFile file(parser.value(u"token-file"_s));
        if (!file.open(QIODevice::ReadOnly))
            return fail(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
        token = file.readAll().trimmed();
        if (token.size() < 16)
            return fail(u"the token in %1 is shorter than 16 characters"_s.arg(file.fileName()));
    } else {
        quint32 words[8];
        QRandomGenerator::system()->fillRange(words);
        token = QByteArray(reinterpret_cast<const char *>(words), sizeof(words))
                    .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    }
    const QByteArray hash = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    db->write([&](QSqlDatabase &d) { store::insertAgentToken(d, tenantId, hash, label, now); });
    if (parser.isSet(u"token-file"_s))
        std::printf("stored agent token %s for %s\n", qPrintable(label), qPrintable(tenant->slug));
    else
        std::printf("%s\n", token.constData());   // shown once; only its hash is kept
    return 0;
}

// set-shopify: the tenant's shop and the secret that signs its webhooks.
int setShopify(const QCommandLineParser &parser)
{
    const QString domain = parser.value(u"shop-domain"_s).trimmed().toLower();
    static const QRegularExpression hostName(u"^[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+$"_s);
    if (!parser.isSet(u"account"_s) || !parser.isSet(u"secret-file"_s))
        return fail(u"set-shopify needs --account, --shop-domain and --secret-file"_s);
    if (domain.size() > 255 || !hostName.match(domain).hasMatch())
        return fail(u"--shop-domain must be the shop's host name, e.g. example.myshopify.com"_s);
    QFile file(parser.value(u"secret-file"_s));
    if (!file.open(QIODevice::ReadOnly))
        return fail(u"cannot read %1: %2"_s.arg(file.fileName(), file.errorString()));
    const QString secret = QString::fromUtf8(file.readAll().trimmed());
    if (secret.size() < 16 || secret.contains(u'\n'))
        return fail(u"the secret in %1 must be one line of at least 16 characters"_s.arg(file.fileName()));
    auto db = openDatabase(parser);
    const auto tenant = db->read([&](QSqlDatabase &d) { return store::findTenantBySlug(d, parser.value(u"account"_s)); });
    if (!tenant)
        return fail(u"no such account \"%1\""_s.arg(parser.value(u"account"_s)));
    const bool keepPrevious = parser.isSet(u"keep-previous-secret"_s);
    db->write([&](QSqlDatabase &d) {
        store::setShopifyShop(d, tenant->id.toLongLong(), domain, secret, keepPrevious, QDateTime::currentMSecsSinceEpoch());
    });
    std::printf("%s: Shopify webhooks from %s%s\n", qPrintable(tenant->slug), qPrintable(domain),
                keepPrevious ? " (the previous secret stays accepted until the next set-shopify)" : "");
    return 0;
}

} // namespace

int runAdmin(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Administration:\n"
        "  admin create-tenant --slug SLUG --name NAME\n"
        "  admin create-operator --account SLUG --email E --name N [--password-file FILE]\n"
        "                        [--role admin|operator] [--skills a,b] [--max-open N]\n"
        "  admin create-agent-token --account SLUG --label L [--token-file FILE]\n"
        "        prints a new AI-agent service token of that tenant (or stores the one in FILE);\n"
        "        several may be live at once, for rotation\n"
        "  admin revoke-agent-token --account SLUG --label L\n"
        "  admin list-agent-tokens --account SLUG\n"
        "  admin set-shopify --account SLUG --shop-domain SHOP.myshopify.com --secret-file FILE\n"
        "                    [--keep-previous-secret]\n"
        "        the tenant's Shopify shop and its webhook secret (read from FILE, never the command line);\n"
        "        with --keep-previous-secret the secret it replaces stays accepted (rotation)"_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"admin"_s, u"The subcommand."_s);
    parser.addPositionalArgument(u"action"_s, u"create-tenant, create-operator, create-agent-token, revoke-agent-token, "
                                               "list-agent-tokens or set-shopify."_s);
    addDatabaseOption(parser);
    options::addSecretOption(parser, u"password"_s,
                             u"File holding the operator's password, else ZEIKO_OPERATOR_PASSWORD (at least 8 "
                             "characters; never on the command line)."_s);
    parser.addOptions({
        {u"slug"_s, u"Tenant account slug (sign-in \"account\")."_s, u"slug"_s},
        {u"name"_s, u"Tenant name, or the operator's display name."_s, u"name"_s},
        {u"account"_s, u"The operator's tenant slug."_s, u"slug"_s},
        {u"email"_s, u"Operator email (sign-in)."_s, u"email"_s},
        {u"role"_s, u"admin or operator (default operator)."_s, u"role"_s},
        {u"skills"_s, u"Comma-separated skill keywords."_s, u"list"_s},
        {u"max-open"_s, u"Max open assignments (0: unlimited)."_s, u"n"_s},
        {u"label"_s, u"Name of an agent token (which agent or deployment uses it)."_s, u"label"_s},
        {u"token-file"_s, u"Read the agent token from this file instead of generating one (never on the command line)."_s,
         u"file"_s},
        {u"shop-domain"_s, u"The tenant's shop, as Shopify names it in X-Shopify-Shop-Domain."_s, u"host"_s},
        {u"secret-file"_s, u"File holding the Shopify webhook secret (never on the command line)."_s, u"file"_s},
        {u"keep-previous-secret"_s, u"set-shopify: keep accepting the secret being replaced (rotation)."_s},
    });
    parser.process(arguments);
    const QStringList positional = parser.positionalArguments();
    const QString action = positional.value(1);
    try {
        if (action == u"create-tenant"_s) {
            if (!parser.isSet(u"slug"_s))
                return fail(u"create-tenant needs --slug"_s);
            auto db = openDatabase(parser);
            service::AuthService auth(*db, {});
            const Tenant tenant = auth.createTenant(parser.value(u"slug"_s), parser.value(u"name"_s));
            std::printf("created tenant %s (id %s)\n", qPrintable(tenant.slug), qPrintable(tenant.id));
            return 0;
        }
        if (action == u"create-operator"_s) {
            service::NewOperatorInput input;
            input.email = parser.value(u"email"_s);
            input.displayName = parser.value(u"name"_s);
            input.password = options::secret(parser, u"password"_s, {"ZEIKO_OPERATOR_PASSWORD"});
            const auto role = enumFromString<OperatorRole>(parser.value(u"role"_s).isEmpty() ? u"operator"_s
                                                                                              : parser.value(u"role"_s));
            if (!role)
                return fail(u"--role must be admin or operator"_s);
            input.role = *role;
            input.skills = parser.value(u"skills"_s).split(u',', Qt::SkipEmptyParts);
            input.maxOpenAssignments = parser.value(u"max-open"_s).toInt();
            if (!parser.isSet(u"account"_s) || input.email.isEmpty())
                return fail(u"create-operator needs --account and --email"_s);
            if (input.displayName.isEmpty())
                input.displayName = input.email.section(u'@', 0, 0);
            auto db = openDatabase(parser);
            service::AuthService auth(*db, {});
            const Operator op = auth.createOperator(parser.value(u"account"_s), input);
            std::printf("created operator %s (id %s)\n", qPrintable(op.email), qPrintable(op.id));
            return 0;
        }
        if (action == u"create-agent-token"_s || action == u"revoke-agent-token"_s || action == u"list-agent-tokens"_s)
            return agentTokenAction(action, parser);
        if (action == u"set-shopify"_s)
            return setShopify(parser);
        return fail(u"unknown admin action \"%1\" (see admin --help)"_s.arg(action));
    } catch (const service::ServiceError &e) {
        return fail(e.message);
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

int runDemo(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        u"Generate the deterministic demo tenant \"demo\" (sign in: account demo, "
        "alex@demo.zeiko.test, demo-password)."_s);
    parser.addHelpOption();
    parser.addPositionalArgument(u"demo"_s, u"The subcommand."_s);
    addDatabaseOption(parser);
    parser.addOptions({
        {u"tickets"_s, u"Number of tickets (default 600; 100000 for benchmarks)."_s, u"n"_s},
        {u"seed"_s, u"Random seed (default 42): the same seed gives the same data."_s, u"s"_s},
    });
    parser.process(arguments);
    try {
        demo::DemoOptions options;
        if (parser.isSet(u"tickets"_s))
            options.tickets = parser.value(u"tickets"_s).toInt();
        if (parser.isSet(u"seed"_s))
            options.seed = parser.value(u"seed"_s).toULongLong();
        if (options.tickets < 1)
            return fail(u"--tickets must be a positive number"_s);
        auto db = openDatabase(parser);
        const demo::DemoSummary summary = demo::generateDemo(*db, options);
        std::printf("demo tenant: %d tickets, %d entries, %d handoffs, head seq %lld\n", summary.tickets,
                    summary.entries, summary.handoffs, static_cast<long long>(summary.headSeq));
        return 0;
    } catch (const service::ServiceError &e) {
        return fail(e.message);
    } catch (const std::exception &e) {
        return fail(QString::fromUtf8(e.what()));
    }
}

} // namespace zeiko::app
