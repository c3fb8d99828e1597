// Security review finding 5 (issue 10), over real sockets, on SQLite and
// (the _postgres build) PostgreSQL: Shopify webhooks are verified with the
// tenant's own secret, must come from the tenant's shop, and a captured
// delivery replayed — under a new X-Shopify-Webhook-Id, or to another
// tenant — changes nothing. Before the fix one global secret signed every
// tenant's deliveries and the (unsigned) webhook id was the dedupe key.

#include "channels_test_support.h"

#include <QMessageAuthenticationCode>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray acmeSecret = "shpss_acme-webhook-secret-0001";
const QByteArray globexSecret = "shpss_globex-webhook-secret-02";
const QByteArray globexPassword = "globex-password-1";

// Shopify's documented scheme, independent of the server's code.
QByteArray shopifyHmac(const QByteArray &body, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha256).toBase64();
}

QJsonObject order(qint64 id, const QString &email, const QString &updatedAt, const QString &financial = u"paid"_s)
{
    return {{u"id"_s, double(id)},
            {u"name"_s, u"#%1"_s.arg(id)},
            {u"email"_s, email},
            {u"updated_at"_s, updatedAt},
            {u"currency"_s, u"EUR"_s},
            {u"total_price"_s, u"19.90"_s},
            {u"financial_status"_s, financial},
            {u"fulfillment_status"_s, QJsonValue()},
            {u"line_items"_s, QJsonArray{QJsonObject{{u"title"_s, u"Mug"_s}, {u"quantity"_s, 1}, {u"price"_s, u"19.90"_s}}}}};
}
} // namespace

class ShopifyTenantsTest : public QObject
{
    Q_OBJECT

private:
    SuiteDatabase database;
    ServerProcess server;
    AcmeTenant acme;
    QString globexToken;
    QString acmeTicket;
    QString globexTicket;

    HttpReply deliver(const QString &account, const QByteArray &topic, const QByteArray &body, const QByteArray &key,
                      const QByteArray &shopDomain, const QByteArray &webhookId = {})
    {
        RequestOptions o;
        o.method = "POST";
        o.body = body;
        o.headers = {{"Content-Type", "application/json"},
                     {"X-Shopify-Topic", topic},
                     {"X-Shopify-Shop-Domain", shopDomain},
                     {"X-Shopify-Webhook-Id", webhookId.isEmpty() ? newId().toLatin1() : webhookId},
                     {"X-Shopify-Hmac-Sha256", shopifyHmac(body, key)}};
        return server.request(u"/api/v1/webhooks/shopify/"_s + account, o);
    }
    Seq head(const QString &token)
    {
        return server.get(u"/api/v1/events?after=0&limit=1"_s, token).json().value(u"head"_s).toInteger();
    }
    QString createTicket(const QString &token, const QString &email)
    {
        const HttpReply r = server.post(u"/api/v1/tickets"_s,
                                        jsonBytes({{u"subject"_s, u"Where is my mug?"_s},
                                                   {u"customer"_s, QJsonObject{{u"email"_s, email}}},
                                                   {u"source"_s, u"email"_s},
                                                   {u"body"_s, u"It has not arrived."_s}}),
                                        token, newId());
        const qint64 id = r.json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger();
        return id > 0 ? QString::number(id) : QString();
    }
    Ticket ticket(const QString &token, const QString &id)
    {
        return fromJson<Ticket>(server.get(u"/api/v1/tickets/"_s + id, token).json().value(u"ticket"_s).toObject());
    }
    int shopifyEntries(const QString &token, const QString &id)
    {
        int n = 0;
        for (const QJsonValue &e : server.get(u"/api/v1/tickets/"_s + id, token).json().value(u"entries"_s).toArray())
            if (e.toObject().value(u"kind"_s).toString() == u"shopify_event"_s)
                ++n;
        return n;
    }

private slots:
    void initTestCase()
    {
        ZEIKO_PREPARE_SUITE_DATABASE(database);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(database.url())), qPrintable(server.errorText()));
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
        QByteArray out;
        QVERIFY2(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"globex"_s, u"--name"_s, u"Globex"_s}, &out) == 0,
                 out.constData());
        QVERIFY2(server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"globex"_s, u"--email"_s,
                                    u"gil@globex.test"_s, u"--role"_s, u"admin"_s},
                                   &out, {{u"ZEIKO_OPERATOR_PASSWORD"_s, QString::fromLatin1(globexPassword)}}) == 0,
                 out.constData());
        globexToken = server.signIn(u"globex"_s, u"gil@globex.test"_s, QString::fromLatin1(globexPassword));
        QVERIFY(!globexToken.isEmpty());
        QVERIFY2(server.setShopify(u"acme"_s, u"acme.myshopify.com"_s, QString::fromLatin1(acmeSecret)), qPrintable(server.errorText()));
        QVERIFY2(server.setShopify(u"globex"_s, u"Globex.myshopify.com"_s, QString::fromLatin1(globexSecret)),
                 qPrintable(server.errorText()));
        // The same customer has an open ticket with each tenant.
        acmeTicket = createTicket(acme.adminToken, u"pat@example.com"_s);
        globexTicket = createTicket(globexToken, u"pat@example.com"_s);
        QVERIFY(!acmeTicket.isEmpty() && !globexTicket.isEmpty());
    }

    void aDeliverySignedForOneTenantIsRefusedByAnother()
    {
        const Seq before = head(globexToken);
        const QByteArray body = jsonBytes(order(8001, u"pat@example.com"_s, u"2026-12-01T10:00:00Z"_s));
        // Signed with acme's secret, posted to globex's URL, naming either shop.
        for (const QByteArray &shop : {QByteArray("globex.myshopify.com"), QByteArray("acme.myshopify.com")}) {
            const HttpReply r = deliver(u"globex"_s, "orders/create", body, acmeSecret, shop);
            QCOMPARE(r.status, 401);
            QCOMPARE(r.errorCode(), u"invalid_signature"_s);
        }
        QCOMPARE(head(globexToken), before);
        QVERIFY(!ticket(globexToken, globexTicket).shopifyOrder);
        // Signed with globex's own secret it is accepted (the shop's case does not matter).
        const HttpReply own = deliver(u"globex"_s, "orders/create", body, globexSecret, "GLOBEX.myshopify.com");
        QCOMPARE(own.status, 200);
        QCOMPARE(own.json().value(u"ticketsUpdated"_s).toInt(), 1);
        QCOMPARE(ticket(globexToken, globexTicket).shopifyOrder->orderId, u"8001"_s);
        QVERIFY(!ticket(acme.adminToken, acmeTicket).shopifyOrder);
    }

    void aDeliveryFromAnotherShopIsRefused()
    {
        const Seq before = head(acme.adminToken);
        const QByteArray body = jsonBytes(order(8101, u"pat@example.com"_s, u"2026-12-01T10:00:00Z"_s));
        const HttpReply wrong = deliver(u"acme"_s, "orders/create", body, acmeSecret, "evil.myshopify.com");
        QCOMPARE(wrong.status, 403);
        QCOMPARE(wrong.errorCode(), u"shop_domain_mismatch"_s);
        QCOMPARE(deliver(u"acme"_s, "orders/create", body, acmeSecret, "").status, 403);   // no shop named
        QCOMPARE(head(acme.adminToken), before);
        QVERIFY(!ticket(acme.adminToken, acmeTicket).shopifyOrder);
    }

    void anAccountWithoutAShopRefusesEveryDelivery()
    {
        QByteArray out;
        QVERIFY2(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"initech"_s, u"--name"_s, u"Initech"_s}, &out) == 0,
                 out.constData());
        const QByteArray body = jsonBytes(order(8201, u"pat@example.com"_s, u"2026-12-01T10:00:00Z"_s));
        const HttpReply r = deliver(u"initech"_s, "orders/create", body, acmeSecret, "initech.myshopify.com");
        QCOMPARE(r.status, 401);
        QCOMPARE(r.errorCode(), u"invalid_signature"_s);
    }

    void aReplayUnderANewWebhookIdChangesNothing()
    {
        const QByteArray body = jsonBytes(order(8101, u"pat@example.com"_s, u"2026-12-02T10:00:00Z"_s));
        const HttpReply first = deliver(u"acme"_s, "orders/updated", body, acmeSecret, "acme.myshopify.com");
        QCOMPARE(first.status, 200);
        QCOMPARE(first.json().value(u"ticketsUpdated"_s).toInt(), 1);
        const Seq before = head(acme.adminToken);
        const int entries = shopifyEntries(acme.adminToken, acmeTicket);
        QCOMPARE(entries, 1);
        for (int i = 0; i < 3; ++i) {
            const HttpReply replay = deliver(u"acme"_s, "orders/updated", body, acmeSecret, "acme.myshopify.com",
                                             "replayed-" + QByteArray::number(i));
            QCOMPARE(replay.status, 200);   // acknowledged, so Shopify would not retry
            QCOMPARE(replay.json().value(u"status"_s).toString(), u"duplicate"_s);
        }
        QCOMPARE(head(acme.adminToken), before);
        QCOMPARE(shopifyEntries(acme.adminToken, acmeTicket), entries);
    }

    void aNewerUpdateAppliesAnOlderOneDoesNot()
    {
        const QByteArray newer = jsonBytes(order(8101, u"pat@example.com"_s, u"2026-12-03T10:00:00Z"_s, u"refunded"_s));
        const HttpReply applied = deliver(u"acme"_s, "orders/updated", newer, acmeSecret, "acme.myshopify.com");
        QCOMPARE(applied.status, 200);
        QCOMPARE(applied.json().value(u"status"_s).toString(), u"recorded"_s);
        QCOMPARE(ticket(acme.adminToken, acmeTicket).shopifyOrder->financialStatus, u"refunded"_s);
        QCOMPARE(shopifyEntries(acme.adminToken, acmeTicket), 2);

        // A captured delivery from before (or a late retry of one): acknowledged, not applied.
        const Seq before = head(acme.adminToken);
        const QByteArray older = jsonBytes(order(8101, u"pat@example.com"_s, u"2026-12-02T12:00:00Z"_s, u"paid"_s));
        const HttpReply stale = deliver(u"acme"_s, "orders/updated", older, acmeSecret, "acme.myshopify.com");
        QCOMPARE(stale.status, 200);
        QCOMPARE(stale.json().value(u"status"_s).toString(), u"outdated"_s);
        QCOMPARE(head(acme.adminToken), before);
        QCOMPARE(ticket(acme.adminToken, acmeTicket).shopifyOrder->financialStatus, u"refunded"_s);
    }

    void anIgnoredDeliveryIsNotAppliedWhenReplayedLater()
    {
        // Nobody asked about order 8301 yet: ignored, but remembered.
        const QByteArray body = jsonBytes(order(8301, u"quinn@example.com"_s, u"2026-12-04T10:00:00Z"_s));
        const HttpReply first = deliver(u"acme"_s, "orders/updated", body, acmeSecret, "acme.myshopify.com");
        QCOMPARE(first.json().value(u"status"_s).toString(), u"ignored"_s);
        const QString quinn = createTicket(acme.adminToken, u"quinn@example.com"_s);
        QVERIFY(!quinn.isEmpty());
        const HttpReply replay = deliver(u"acme"_s, "orders/updated", body, acmeSecret, "acme.myshopify.com");
        QCOMPARE(replay.json().value(u"status"_s).toString(), u"duplicate"_s);
        QVERIFY(!ticket(acme.adminToken, quinn).shopifyOrder);
    }

    void aRotatedSecretIsAcceptedUntilTheNextChange()
    {
        const QByteArray rotated = "shpss_acme-webhook-secret-0002";
        QVERIFY2(server.setShopify(u"acme"_s, u"acme.myshopify.com"_s, QString::fromLatin1(rotated), true),
                 qPrintable(server.errorText()));
        const auto send = [&](const QByteArray &key, const QString &updatedAt) {
            return deliver(u"acme"_s, "orders/updated", jsonBytes(order(8101, u"pat@example.com"_s, updatedAt)), key,
                           "acme.myshopify.com");
        };
        QCOMPARE(send(rotated, u"2026-12-05T10:00:00Z"_s).status, 200);
        QCOMPARE(send(acmeSecret, u"2026-12-05T11:00:00Z"_s).status, 200);   // the previous one, still
        QVERIFY2(server.setShopify(u"acme"_s, u"acme.myshopify.com"_s, QString::fromLatin1(rotated)), qPrintable(server.errorText()));
        QCOMPARE(send(acmeSecret, u"2026-12-05T12:00:00Z"_s).status, 401);
        QCOMPARE(send(rotated, u"2026-12-05T13:00:00Z"_s).status, 200);
    }

    void theOneSecretForEveryTenantIsGone()
    {
        ServerProcess old;
        QVERIFY(!old.start(ServerProcess::Options::onDatabase(server.databaseUrl(), {u"--shopify-webhook-secret"_s, u"x"_s})));
        QVERIFY2(old.errorText().contains(u"admin set-shopify"_s), qPrintable(old.errorText()));
    }

    void cleanupTestCase() { QCOMPARE(server.stop(), 0); }
};

QTEST_GUILESS_MAIN(ShopifyTenantsTest)
#include "test_shopify_tenants.moc"
