// Shopify order webhooks against the real server: X-Shopify-Hmac-Sha256
// verification with the tenant's secret (admin set-shopify), order context on the customer's open tickets, follow-up
// tickets for order issues, duplicate deliveries, partial updates, and
// tickets found by their order id (an indexed column, backfilled by
// migration 4 from the stored order context).

#include "channels_test_support.h"

#include <QMessageAuthenticationCode>
#include <QTimeZone>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QByteArray secret = "shpss_zeiko-shopify-test-secret";

// Independent of the server's code: Shopify's documented scheme.
QByteArray shopifyHmac(const QByteArray &body, const QByteArray &key = secret)
{
    return QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha256).toBase64();
}

// Every order payload is a newer state than the one before (its updated_at):
// the server applies a delivery only when it is newer than what it applied.
int orderVersions = 0;

QJsonObject order(qint64 id, const QString &email, const QString &financial, const QJsonValue &fulfillment,
                  const QJsonArray &fulfillments = {})
{
    const QDateTime updatedAt = QDateTime(QDate(2026, 11, 20), QTime(10, 0), QTimeZone::utc()).addSecs(++orderVersions);
    return {{u"id"_s, double(id)},
            {u"updated_at"_s, updatedAt.toString(Qt::ISODate)},
            {u"name"_s, u"#%1"_s.arg(id % 10000)},
            {u"order_number"_s, double(id % 10000)},
            {u"email"_s, email},
            {u"created_at"_s, u"2026-11-20T10:00:00+01:00"_s},
            {u"currency"_s, u"EUR"_s},
            {u"total_price"_s, u"59.80"_s},
            {u"financial_status"_s, financial},
            {u"fulfillment_status"_s, fulfillment},
            {u"cancelled_at"_s, QJsonValue()},
            {u"tags"_s, u""_s},
            {u"customer"_s, QJsonObject{{u"email"_s, email}, {u"first_name"_s, u"Casey"_s}, {u"last_name"_s, u"Customer"_s}}},
            {u"line_items"_s, QJsonArray{QJsonObject{{u"title"_s, u"Kettle"_s}, {u"sku"_s, u"KET-1"_s},
                                                     {u"quantity"_s, 2}, {u"price"_s, u"29.90"_s}}}},
            {u"fulfillments"_s, fulfillments}};
}
} // namespace

class ShopifyWebhookTest : public QObject
{
    Q_OBJECT

private:
    ServerProcess server;
    AcmeTenant acme;
    QString caseyTicket;

    HttpReply deliver(const QByteArray &topic, const QJsonObject &payload, const QByteArray &webhookId = {},
                      const QByteArray &hmac = {}, const QString &account = u"acme"_s)
    {
        const QByteArray body = jsonBytes(payload);
        RequestOptions o;
        o.method = "POST";
        o.body = body;
        o.headers = {{"Content-Type", "application/json"},
                     {"X-Shopify-Topic", topic},
                     {"X-Shopify-Shop-Domain", "acme.myshopify.com"},
                     {"X-Shopify-Webhook-Id", webhookId.isEmpty() ? newId().toLatin1() : webhookId}};
        if (hmac != "none")
            o.headers.append({"X-Shopify-Hmac-Sha256", hmac.isEmpty() ? shopifyHmac(body) : hmac});
        return server.request(u"/api/v1/webhooks/shopify/"_s + account, o);
    }
    qint64 head()
    {
        return server.get(u"/api/v1/events?after=0&limit=1"_s, acme.adminToken).json().value(u"head"_s).toInteger();
    }
    QJsonObject detail(const QString &ticketId)
    {
        return server.get(u"/api/v1/tickets/"_s + ticketId, acme.adminToken).json();
    }
    QList<QJsonObject> shopifyEntries(const QJsonObject &detail)
    {
        QList<QJsonObject> out;
        for (const QJsonValue &e : detail.value(u"entries"_s).toArray())
            if (e.toObject().value(u"kind"_s).toString() == u"shopify_event"_s)
                out.append(e.toObject());
        return out;
    }
    QString createTicket(const QString &email, const QString &subject)
    {
        const HttpReply r = server.post(u"/api/v1/tickets"_s,
                                        jsonBytes({{u"subject"_s, subject},
                                                   {u"customer"_s, QJsonObject{{u"email"_s, email}}},
                                                   {u"source"_s, u"email"_s},
                                                   {u"body"_s, u"Where is my order?"_s}}),
                                        acme.adminToken, newId());
        const qint64 id = r.json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger();
        return id > 0 ? QString::number(id) : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(server.start(), qPrintable(server.errorText()));
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
        QVERIFY2(server.setShopify(u"acme"_s, u"acme.myshopify.com"_s, QString::fromLatin1(secret)), qPrintable(server.errorText()));
        caseyTicket = createTicket(u"casey@example.com"_s, u"Where is my kettle?"_s);
        QVERIFY(!caseyTicket.isEmpty());
    }

    // Security review finding 7: a widget visitor who typed Casey's address
    // was merged into Casey and got Casey's order context.
    void badOrMissingSignaturesAre401AndChangeNothing()
    {
        const qint64 before = head();
        const QJsonObject payload = order(5001, u"casey@example.com"_s, u"paid"_s, QJsonValue());
        const QByteArray body = jsonBytes(payload);
        QCOMPARE(deliver("orders/create", payload, {}, "none").status, 401);                              // missing
        QCOMPARE(deliver("orders/create", payload, {}, shopifyHmac(body, "other-secret")).status, 401);   // wrong key
        QCOMPARE(deliver("orders/create", payload, {}, shopifyHmac(body + " ")).status, 401);             // other body
        QCOMPARE(deliver("orders/create", payload, {}, "not base64 !!").status, 401);                     // garbage
        QCOMPARE(deliver("orders/create", payload, {}, "none", u"nosuchaccount"_s).status, 401);          // no leak
        const HttpReply bad = deliver("orders/create", payload, {}, "none");
        QCOMPARE(bad.errorCode(), u"invalid_signature"_s);
        QCOMPARE(head(), before);
        const QJsonObject d = detail(caseyTicket);
        QVERIFY(!d.value(u"ticket"_s).toObject().contains(u"shopifyOrder"_s));
        QVERIFY(shopifyEntries(d).isEmpty());
    }

    void unknownAccountAndTopicChangeNothing()
    {
        const qint64 before = head();
        const QJsonObject payload = order(5001, u"casey@example.com"_s, u"paid"_s, QJsonValue());
        // Signed, but for no account: the same 401 as a bad signature (accounts cannot be probed).
        QCOMPARE(deliver("orders/create", payload, {}, {}, u"nosuchaccount"_s).status, 401);
        const HttpReply other = deliver("products/update", payload);
        QCOMPARE(other.status, 200);
        QCOMPARE(other.json().value(u"reason"_s).toString(), u"unhandled_topic"_s);
        // Signed but malformed: a clear 400, nothing stored.
        QJsonObject badId = payload;
        badId.insert(u"id"_s, 1e30);
        const HttpReply bad = deliver("orders/create", badId);
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorCode(), u"invalid_field"_s);
        QCOMPARE(deliver("orders/create", QJsonObject{{u"id"_s, u"not-a-number"_s}}).status, 400);
        QCOMPARE(head(), before);
    }

    void orderContextLandsOnTheCustomersOpenTicket()
    {
        const HttpReply r = deliver("orders/create", order(5001, u"Casey@Example.com"_s, u"paid"_s, QJsonValue()));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"recorded"_s);
        QCOMPARE(r.json().value(u"ticketsUpdated"_s).toInt(), 1);
        const QJsonObject d = detail(caseyTicket);
        const Ticket t = fromJson<Ticket>(d.value(u"ticket"_s).toObject());
        QVERIFY(t.shopifyOrder);
        QCOMPARE(t.shopifyOrder->orderId, u"5001"_s);
        QCOMPARE(t.shopifyOrder->orderNumber, u"#5001"_s);
        QCOMPARE(t.shopifyOrder->financialStatus, u"paid"_s);
        QCOMPARE(t.shopifyOrder->fulfillmentStatus, u"unfulfilled"_s);
        QCOMPARE(t.shopifyOrder->totalPrice, u"59.80"_s);
        QCOMPARE(t.shopifyOrder->currency, u"EUR"_s);
        QCOMPARE(t.shopifyOrder->lineItems.size(), 1);
        QCOMPARE(t.shopifyOrder->lineItems.first().sku, u"KET-1"_s);
        QCOMPARE(t.shopifyOrder->lineItems.first().quantity, 2);
        QCOMPARE(toString(t.status), u"open"_s);   // context does not move the status
        const QList<QJsonObject> entries = shopifyEntries(d);
        QCOMPARE(entries.size(), 1);
        QCOMPARE(entries.first().value(u"visibility"_s).toString(), u"internal"_s);
        QVERIFY2(entries.first().value(u"body"_s).toString().contains(u"#5001"_s), qPrintable(entries.first().value(u"body"_s).toString()));
        QVERIFY(!r.json().contains(u"ticketId"_s));   // no issue, no follow-up ticket
    }

    void anUpdateRefreshesTheContext()
    {
        const QJsonArray shipped{QJsonObject{{u"id"_s, 77.0}, {u"status"_s, u"success"_s},
                                             {u"tracking_number"_s, u"1Z999AA10123456784"_s},
                                             {u"tracking_url"_s, u"https://track.example/1Z999"_s}}};
        const HttpReply r = deliver("orders/updated", order(5001, u"casey@example.com"_s, u"paid"_s, u"fulfilled"_s, shipped));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"ticketsUpdated"_s).toInt(), 1);
        const QJsonObject d = detail(caseyTicket);
        const Ticket t = fromJson<Ticket>(d.value(u"ticket"_s).toObject());
        QCOMPARE(t.shopifyOrder->fulfillmentStatus, u"fulfilled"_s);
        QCOMPARE(t.shopifyOrder->trackingNumber, u"1Z999AA10123456784"_s);
        QCOMPARE(t.shopifyOrder->trackingUrl, u"https://track.example/1Z999"_s);
        QCOMPARE(shopifyEntries(d).size(), 2);
    }

    void aCancellationOpensOneFollowUpAndDuplicatesAreIgnored()
    {
        QJsonObject cancelled = order(5001, u"casey@example.com"_s, u"voided"_s, QJsonValue());
        cancelled.insert(u"cancelled_at"_s, u"2026-11-21T09:00:00+01:00"_s);
        cancelled.insert(u"cancel_reason"_s, u"customer"_s);
        const QByteArray webhookId = "wh-cancel-" + newId().toLatin1();
        const HttpReply r = deliver("orders/cancelled", cancelled, webhookId);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"created"_s);
        const QString followUp = r.json().value(u"ticketId"_s).toString();
        QVERIFY(!followUp.isEmpty() && followUp != caseyTicket);
        QCOMPARE(r.json().value(u"ticketsUpdated"_s).toInt(), 1);   // casey's first ticket

        const QJsonObject d = detail(followUp);
        const Ticket t = fromJson<Ticket>(d.value(u"ticket"_s).toObject());
        QCOMPARE(toString(t.source), u"shopify"_s);
        QCOMPARE(toString(t.priority), u"high"_s);
        QCOMPARE(t.customer.email, u"casey@example.com"_s);
        QVERIFY(t.tags.contains(u"order-issue"_s) && t.tags.contains(u"cancelled"_s));
        QVERIFY(t.subject.contains(u"#5001"_s));
        QCOMPARE(t.shopifyOrder->financialStatus, u"voided"_s);
        const QList<QJsonObject> entries = shopifyEntries(d);
        QCOMPARE(entries.size(), 1);
        QVERIFY(entries.first().value(u"body"_s).toString().contains(u"cancelled"_s));

        // The same delivery again (same X-Shopify-Webhook-Id: a retry): nothing changes.
        const qint64 before = head();
        const HttpReply again = deliver("orders/cancelled", cancelled, webhookId);
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(u"status"_s).toString(), u"duplicate"_s);
        QCOMPARE(head(), before);

        // A later update of the cancelled order (new webhook id) updates the
        // context but does not raise the same issue twice.
        const HttpReply later = deliver("orders/updated", cancelled);
        QCOMPARE(later.status, 200);
        QCOMPARE(later.json().value(u"issue"_s).toString(), u"already_raised"_s);
        QCOMPARE(later.json().value(u"ticketsUpdated"_s).toInt(), 2);   // both open tickets of the order
        const QList<Event> events = eventsAfter(server, acme.adminToken, before);
        for (const Event &e : events)
            QVERIFY2(e.type != EventType::TicketCreated, "no second follow-up ticket");
    }

    void aRefundIsAppendedToTheOpenFollowUp()
    {
        const QString followUpsBefore = QString::number(countFollowUps());
        const QJsonObject refund{{u"id"_s, 9001.0},
                                 {u"order_id"_s, 5001.0},
                                 {u"note"_s, u"Damaged in transit"_s},
                                 {u"transactions"_s, QJsonArray{QJsonObject{{u"kind"_s, u"refund"_s},
                                                                            {u"amount"_s, u"29.90"_s},
                                                                            {u"currency"_s, u"EUR"_s}}}}};
        const HttpReply r = deliver("refunds/create", refund);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"issue"_s).toString(), u"appended"_s);
        const QJsonObject d = detail(r.json().value(u"ticketId"_s).toString());
        QCOMPARE(toString(fromJson<Ticket>(d.value(u"ticket"_s).toObject()).source), u"shopify"_s);
        const QList<QJsonObject> entries = shopifyEntries(d);
        QVERIFY2(entries.last().value(u"body"_s).toString().contains(u"29.90 EUR"_s),
                 qPrintable(entries.last().value(u"body"_s).toString()));
        QCOMPARE(QString::number(countFollowUps()), followUpsBefore);
    }

    void aFailedFulfillmentOfAnUnknownOrderOpensAFollowUp()
    {
        const QJsonObject fulfillment{{u"id"_s, 88.0},
                                      {u"order_id"_s, 6002.0},
                                      {u"name"_s, u"#6002.1"_s},
                                      {u"email"_s, u"dana@example.com"_s},
                                      {u"updated_at"_s, u"2026-11-22T08:00:00Z"_s},
                                      {u"status"_s, u"failure"_s},
                                      {u"tracking_number"_s, u"TRK-6002"_s}};
        const HttpReply r = deliver("fulfillments/update", fulfillment);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"created"_s);
        const Ticket t = fromJson<Ticket>(detail(r.json().value(u"ticketId"_s).toString()).value(u"ticket"_s).toObject());
        QCOMPARE(t.customer.email, u"dana@example.com"_s);
        QCOMPARE(t.shopifyOrder->orderId, u"6002"_s);
        QCOMPARE(t.shopifyOrder->trackingNumber, u"TRK-6002"_s);
        QCOMPARE(t.shopifyOrder->fulfillmentStatus, u"failure"_s);
        QVERIFY(t.tags.contains(u"fulfillment_failed"_s));

        // An order nobody asked about and nothing wrong with it: ignored.
        const qint64 before = head();
        const HttpReply quiet = deliver("orders/create", order(7003, u"nobody@example.com"_s, u"paid"_s, QJsonValue()));
        QCOMPARE(quiet.status, 200);
        QCOMPARE(quiet.json().value(u"status"_s).toString(), u"ignored"_s);
        QCOMPARE(head(), before);
    }

    void anOrderWebhookFindsItsTicketByTheOrderIdAlone()
    {
        const QString dora = createTicket(u"dora@example.com"_s, u"The lid is missing"_s);
        QCOMPARE(deliver("orders/create", order(7101, u"dora@example.com"_s, u"paid"_s, QJsonValue()))
                     .json()
                     .value(u"ticketsUpdated"_s)
                     .toInt(),
                 1);
        // The customer changed the order's address: only the order id links it to her ticket.
        const HttpReply r = deliver("orders/updated", order(7101, u"dora.new@example.com"_s, u"paid"_s, u"partial"_s));
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"ticketsUpdated"_s).toInt(), 1);
        const Ticket t = fromJson<Ticket>(detail(dora).value(u"ticket"_s).toObject());
        QCOMPARE(t.shopifyOrder->orderId, u"7101"_s);
        QCOMPARE(t.shopifyOrder->fulfillmentStatus, u"partial"_s);
        QCOMPARE(shopifyEntries(detail(dora)).size(), 2);
    }

    void aVisitorsClaimedEmailNeverGetsTheOwnersOrders()
    {
        const QString oliveTicket = createTicket(u"olive@example.com"_s, u"My order?"_s);
        QVERIFY(!oliveTicket.isEmpty());
        const HttpReply chat = server.request(
            u"/api/v1/widget/acme/conversations"_s,
            postJson({{u"clientRequestId"_s, newId()}, {u"visitorToken"_s, newId()}, {u"agentId"_s, u"agent-orders"_s},
                      {u"visitor"_s, QJsonObject{{u"name"_s, u"Not Olive"_s}, {u"email"_s, u"olive@example.com"_s}}},
                      {u"body"_s, u"What did I order?"_s}}));
        QCOMPARE(chat.status, 201);
        const qint64 number = chat.json().value(u"ticketNumber"_s).toInteger();
        QString chatTicket;
        for (const QJsonValue &v : server.get(u"/api/v1/tickets?limit=500"_s, acme.adminToken).json().value(u"tickets"_s).toArray())
            if (v.toObject().value(u"number"_s).toInteger() == number)
                chatTicket = QString::number(v.toObject().value(u"id"_s).toInteger());
        QVERIFY(!chatTicket.isEmpty());
        const Ticket visitor = fromJson<Ticket>(detail(chatTicket).value(u"ticket"_s).toObject());
        const Ticket owner = fromJson<Ticket>(detail(oliveTicket).value(u"ticket"_s).toObject());
        QVERIFY2(visitor.customer.id != owner.customer.id, "the visitor's claim was merged into the customer");
        QVERIFY(!visitor.customer.emailVerified);
        QVERIFY(owner.customer.emailVerified);

        QCOMPARE(deliver("orders/create", order(5999, u"olive@example.com"_s, u"paid"_s, QJsonValue())).status, 200);
        QVERIFY(!fromJson<Ticket>(detail(chatTicket).value(u"ticket"_s).toObject()).shopifyOrder);
        QVERIFY(shopifyEntries(detail(chatTicket)).isEmpty());
        QCOMPARE(fromJson<Ticket>(detail(oliveTicket).value(u"ticket"_s).toObject()).shopifyOrder->orderId, u"5999"_s);
    }

    void ordersStoredBeforeTheOrderColumnAreBackfilled()
    {
        // Turn the database back into one from before migration 4: the order
        // context only inside the ticket's JSON.
        QCOMPARE(server.stop(), 0);
        const QString url = server.databaseUrl();
        QVERIFY(url.startsWith(u"sqlite:"_s));
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, u"pre-migration-4"_s);
            db.setDatabaseName(url.mid(7));
            QVERIFY2(db.open(), qPrintable(db.lastError().text()));
            QSqlQuery q(db);
            for (const QString &sql : {u"DROP INDEX tickets_by_shopify_order"_s, u"ALTER TABLE tickets DROP COLUMN shopify_order_id"_s,
                                       u"DELETE FROM schema_migrations WHERE version = 4"_s})
                QVERIFY2(q.exec(sql), qPrintable(sql + u": "_s + q.lastError().text()));
            q.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(u"pre-migration-4"_s);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(url)), qPrintable(server.errorText()));

        // A refund carries no email: the order id alone must find Dora's ticket
        // (its context is updated) and, through it, whom the follow-up is for.
        const QJsonObject refund{{u"id"_s, 9101.0},
                                 {u"order_id"_s, 7101.0},
                                 {u"note"_s, u"Lid never shipped"_s},
                                 {u"transactions"_s, QJsonArray{QJsonObject{{u"kind"_s, u"refund"_s},
                                                                            {u"amount"_s, u"5.00"_s},
                                                                            {u"currency"_s, u"EUR"_s}}}}};
        const HttpReply r = deliver("refunds/create", refund);
        QCOMPARE(r.status, 200);
        QCOMPARE(r.json().value(u"status"_s).toString(), u"created"_s);
        QCOMPARE(r.json().value(u"ticketsUpdated"_s).toInt(), 1);
        const Ticket followUp = fromJson<Ticket>(detail(r.json().value(u"ticketId"_s).toString()).value(u"ticket"_s).toObject());
        QCOMPARE(followUp.customer.email, u"dora@example.com"_s);
        QCOMPARE(followUp.shopifyOrder->orderId, u"7101"_s);
        // Casey's order (stored before the restart too) is found by its id as well.
        const HttpReply casey = deliver("orders/updated", order(5001, u"someone.else@example.com"_s, u"paid"_s, u"fulfilled"_s));
        QCOMPARE(casey.status, 200);
        QVERIFY(casey.json().value(u"ticketsUpdated"_s).toInt() >= 1);
    }

    void theEventLogStaysGapless()
    {
        const QList<Event> events = eventsAfter(server, acme.adminToken, 0);
        QVERIFY(!events.isEmpty());
        for (qsizetype i = 0; i < events.size(); ++i)
            QCOMPARE(events[i].seq, Seq(i + 1));
    }

    void cleanupTestCase() { QCOMPARE(server.stop(), 0); }

private:
    int countFollowUps()
    {
        int n = 0;
        const QJsonArray tickets = server.get(u"/api/v1/tickets?limit=500"_s, acme.adminToken).json().value(u"tickets"_s).toArray();
        for (const QJsonValue &t : tickets)
            if (t.toObject().value(u"source"_s).toString() == u"shopify"_s)
                ++n;
        return n;
    }
};

QTEST_GUILESS_MAIN(ShopifyWebhookTest)
#include "test_shopify_webhook.moc"
