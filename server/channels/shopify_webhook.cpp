#include "channels/shopify_webhook.h"

#include "channels/shopify_webhook_payload.h"
#include "channels/shopify_webhook_signature.h"
#include "channels/ticket_ops.h"
#include "domain/codecs.h"
#include "service/service_error.h"
#include "store/account_store.h"
#include "store/shopify_shop_store.h"
#include "store/sql.h"
#include "store/ticket_store.h"

#include <QJsonArray>
#include <QLoggingCategory>

#include <set>

Q_LOGGING_CATEGORY(lcShopify, "zeiko.shopify")

namespace zeiko::channels {

using namespace Qt::StringLiterals;
using service::ServiceError;

namespace {

constexpr int maxTicketsPerDelivery = 20;

// Open tickets (not resolved/closed) of the customer with no order context
// or this order's, and open tickets already linked to the order.
QList<TicketId> contextTargets(QSqlDatabase &db, qint64 tenantId, const shopify::Delivery &d)
{
    std::set<TicketId> ids;
    if (!d.customerEmail.isEmpty() && d.order) {
        QSqlQuery q = store::run(db,
                                 u"SELECT t.id FROM tickets t JOIN customers c ON c.id = t.customer_id "
                                 "WHERE t.tenant_id = ? AND c.tenant_id = ? AND c.email = ? AND c.email_unverified = 0 "
                                 "AND t.status NOT IN ('resolved', 'closed') "
                                 "AND (t.shopify_order_id IS NULL OR t.shopify_order_id = ?) ORDER BY t.id DESC LIMIT ?"_s,
                                 {tenantId, tenantId, d.customerEmail, d.orderId, maxTicketsPerDelivery});
        while (q.next())
            ids.insert(q.value(0).toLongLong());
    }
    QSqlQuery q = store::run(db,
                             u"SELECT id FROM tickets WHERE tenant_id = ? AND status NOT IN ('resolved', 'closed') "
                             "AND shopify_order_id = ? ORDER BY id DESC LIMIT ?"_s,
                             {tenantId, d.orderId, maxTicketsPerDelivery});
    while (q.next())
        ids.insert(q.value(0).toLongLong());
    QList<TicketId> out(ids.begin(), ids.end());
    if (out.size() > maxTicketsPerDelivery)
        out = out.mid(out.size() - maxTicketsPerDelivery);
    return out;
}

// The order context known so far (refunds and fulfillments carry only part of it).
std::optional<ShopifyOrder> storedOrder(QSqlDatabase &db, qint64 tenantId, const QString &orderId)
{
    QSqlQuery q = store::run(db,
                             u"SELECT shopify_order FROM tickets WHERE tenant_id = ? AND shopify_order_id = ? "
                             "ORDER BY version DESC, id DESC LIMIT 1"_s,
                             {tenantId, orderId});
    if (!q.next())
        return std::nullopt;
    try {
        return decode<ShopifyOrder>(q.value(0).toString().toUtf8());
    } catch (const std::exception &) {
        return std::nullopt;
    }
}

struct FollowUp {
    std::optional<Ticket> open;   // an open follow-up of this order to append to
    bool alreadyRaised = false;   // this issue kind was raised on this order before
};

FollowUp findFollowUp(QSqlDatabase &db, qint64 tenantId, const QString &orderId, const QString &issueRequestId)
{
    FollowUp f;
    QSqlQuery q = store::run(db,
                             u"SELECT id FROM tickets WHERE tenant_id = ? AND source = 'shopify' AND shopify_order_id = ? "
                             "ORDER BY id DESC LIMIT 50"_s,
                             {tenantId, orderId});
    QList<TicketId> ids;
    while (q.next())
        ids.append(q.value(0).toLongLong());
    for (const TicketId id : std::as_const(ids)) {
        if (findEntryByRequestId(db, tenantId, id, issueRequestId))
            f.alreadyRaised = true;
        if (!f.open) {
            auto t = store::findTicket(db, tenantId, id);
            if (t && t->status != TicketStatus::Resolved && t->status != TicketStatus::Closed)
                f.open = t;
        }
    }
    return f;
}

} // namespace

ShopifyWebhookService::ShopifyWebhookService(store::Database &database, CommitNotifier notify, const Clock &clock)
    : m_db(database)
    , m_notify(std::move(notify))
    , m_clock(clock)
{
}

JsonResult ShopifyWebhookService::handle(const QString &accountSlug, const QHash<QByteArray, QByteArray> &headers,
                                         const QByteArray &rawBody)
{
    const auto tenant = m_db.read([&](QSqlDatabase &db) { return store::findTenantBySlug(db, accountSlug); });
    const auto shop = tenant ? m_db.read([&](QSqlDatabase &db) { return store::findShopifyShop(db, tenant->id.toLongLong()); })
                             : std::nullopt;
    // One answer for "no such account", "no shop configured" and "bad
    // signature": the URL is unsigned, so it must not tell accounts apart.
    const auto refuse = [&](const QString &why) {
        qCWarning(lcShopify).noquote() << u"rejected a Shopify webhook for account \"%1\": %2"_s.arg(accountSlug.left(100), why);
        return ServiceError(401, "invalid_signature", u"Webhook signature verification failed"_s);
    };
    if (!tenant)
        throw refuse(u"no such account"_s);
    if (!shop)
        throw refuse(u"no Shopify shop configured (admin set-shopify)"_s);
    const QByteArray hmac = headers.value("x-shopify-hmac-sha256");
    QString why = verifyShopify(hmac, rawBody, shop->webhookSecret);
    if (!why.isEmpty() && !shop->previousWebhookSecret.isEmpty() &&
        verifyShopify(hmac, rawBody, shop->previousWebhookSecret).isEmpty())
        why.clear();   // signed with the secret being rotated out
    if (!why.isEmpty())
        throw refuse(why);
    const QString shopDomain = QString::fromLatin1(headers.value("x-shopify-shop-domain").trimmed().toLower());
    if (shopDomain != shop->shopDomain) {
        qCWarning(lcShopify).noquote() << u"refused a Shopify webhook for account \"%1\": shop \"%2\" is not its shop \"%3\""_s
                                              .arg(accountSlug, shopDomain.left(255), shop->shopDomain);
        throw ServiceError(403, "shop_domain_mismatch",
                           u"X-Shopify-Shop-Domain is not the shop configured for this account"_s);
    }

    const qint64 tenantId = tenant->id.toLongLong();
    const QByteArray topicHeader = headers.value("x-shopify-topic").trimmed();
    const shopify::Topic topic = shopify::topicFrom(topicHeader);
    if (topic == shopify::Topic::Unknown)
        return {200, {{u"status"_s, u"ignored"_s}, {u"reason"_s, u"unhandled_topic"_s}}};
    const shopify::Delivery d = shopify::parseDelivery(topic, parseJsonObject(rawBody));
    const QString topicName = QString::fromLatin1(topicHeader.toLower());
    const QDateTime now = m_clock.now();
    // Named by the signed content only (never X-Shopify-Webhook-Id, which
    // anyone replaying a captured delivery can change).
    const QString deliveryId = u"shopify:%1:%2@%3"_s.arg(topicName, d.objectKey).arg(d.versionMs);

    const JsonResult outcome = tenantWrite(m_db, tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        QSqlDatabase &db = tx.db();
        // Checked inside the transaction: the tenant's seq row serialises
        // concurrent deliveries, so a repeat racing the first is still caught.
        if (const auto applied = store::appliedShopifyVersion(db, tenantId, topicName, d.objectKey);
            applied && *applied >= d.versionMs) {
            qCInfo(lcShopify).noquote() << "not applied (already have this version or a newer one):" << deliveryId;
            return {200, {{u"status"_s, *applied == d.versionMs ? u"duplicate"_s : u"outdated"_s}}};
        }
        store::recordShopifyVersion(db, tenantId, topicName, d.objectKey, d.versionMs, QDateTime::currentMSecsSinceEpoch());
        const std::optional<ShopifyOrder> known = d.order ? d.order : storedOrder(db, tenantId, d.orderId);
        if (!known && d.issue.isEmpty())
            return {200, {{u"status"_s, u"ignored"_s}, {u"reason"_s, u"unknown_order"_s}}};
        ShopifyOrder order = known ? shopify::applyPartial(*known, d) : ShopifyOrder{};
        if (!known) {   // a refund/fulfillment issue on an order we never saw: what we know of it
            order.orderId = d.orderId;
            order.orderNumber = u"#"_s + d.orderId;
            order = shopify::applyPartial(order, d);
        }
        const QString entryRequestId = deliveryId;
        const QString issueRequestId = u"shopify-issue:%1:%2"_s.arg(d.orderId, d.issue);
        const QString contextBody = u"**Shopify %1** — %2"_s.arg(topicName, d.summary);

        // 1. The order issue: a follow-up ticket, once per order and issue kind.
        QJsonObject result{{u"status"_s, u"recorded"_s}};
        std::optional<TicketId> issueTicket;
        if (!d.issue.isEmpty()) {
            const FollowUp f = findFollowUp(db, tenantId, d.orderId, issueRequestId);
            const QString issueBody = u"**Order issue: %1** (Shopify %2) — %3"_s.arg(shopify::issueTitle(d.issue),
                                                                                   topicName, d.summary);
            if (f.alreadyRaised) {
                result.insert(u"issue"_s, u"already_raised"_s);
            } else if (f.open) {
                Ticket t = *f.open;
                t.shopifyOrder = order;
                t.version += 1;
                t.lastActivityAt = now;
                store::updateTicket(db, tenantId, t);
                ThreadEntry e = systemEntry(t.id, EntryKind::ShopifyEvent, issueBody, d.issue, now);
                e.requestId = issueRequestId;
                e = store::insertEntry(db, tenantId, e);
                emitTicketUpdate(tx, t, now, EventType::EntryAdded, e, std::nullopt, e.requestId);
                issueTicket = t.id;
                result.insert(u"issue"_s, u"appended"_s);
            } else {
                QString email = d.customerEmail;
                QString name = d.customerName;
                if (email.isEmpty()) {   // refunds carry no email: the customer of a ticket of this order
                    QSqlQuery q = store::run(db,
                                             u"SELECT c.email, c.name FROM tickets t JOIN customers c ON c.id = t.customer_id "
                                             "WHERE t.tenant_id = ? AND t.shopify_order_id = ? ORDER BY t.id DESC LIMIT 1"_s,
                                             {tenantId, d.orderId});
                    if (q.next()) {
                        email = q.value(0).toString();
                        name = q.value(1).toString();
                    }
                }
                NewTicket n;
                n.subject = u"Order %1 %2"_s.arg(order.orderNumber, shopify::issueTitle(d.issue));
                n.customerEmail = email;
                n.customerName = name;
                n.source = Source::Shopify;
                n.priority = d.issue == u"flagged"_s ? Priority::Normal : Priority::High;
                n.tags = {u"shopify"_s, u"order-issue"_s, d.issue};
                n.shopifyOrder = order;
                ThreadEntry first = systemEntry(0, EntryKind::ShopifyEvent, issueBody, d.issue, now);
                first.requestId = issueRequestId;
                const TicketWithEntry created = createTicket(tx, n, first, now);
                issueTicket = created.ticket.id;
                result.insert(u"status"_s, u"created"_s);
                result.insert(u"issue"_s, u"created"_s);
            }
            if (issueTicket)
                result.insert(u"ticketId"_s, QString::number(*issueTicket));
        }

        // 2. The context on every open ticket of the customer and of the order.
        int updated = 0;
        for (const TicketId id : contextTargets(db, tenantId, d)) {
            if (id == issueTicket || findEntryByRequestId(db, tenantId, id, entryRequestId))
                continue;
            auto t = store::findTicket(db, tenantId, id);
            if (!t)
                continue;
            t->shopifyOrder = order;
            t->version += 1;
            store::updateTicket(db, tenantId, *t);
            ThreadEntry e = systemEntry(t->id, EntryKind::ShopifyEvent, contextBody, topicName, now);
            e.requestId = entryRequestId;
            e = store::insertEntry(db, tenantId, e);
            emitTicketUpdate(tx, *t, now, EventType::EntryAdded, e, std::nullopt, e.requestId);
            ++updated;
        }
        result.insert(u"ticketsUpdated"_s, updated);
        if (tx.eventCount() == 0)
            return {200, {{u"status"_s, u"ignored"_s}, {u"reason"_s, u"no_open_ticket"_s}}};
        qCInfo(lcShopify).noquote() << u"%1 order %2 -> %3 ticket(s) updated%4"_s.arg(topicName, d.orderId).arg(updated).arg(
            issueTicket ? u", issue on ticket %1"_s.arg(*issueTicket) : QString());
        return {200, result};
    });
    // A delivery that changed nothing was rolled back with its version
    // record: keep the record, so a replay of it is not applied later either.
    if (outcome.body.value(u"status"_s).toString() == u"ignored"_s)
        m_db.write([&](QSqlDatabase &db) {
            store::recordShopifyVersion(db, tenantId, topicName, d.objectKey, d.versionMs, QDateTime::currentMSecsSinceEpoch());
        });
    return outcome;
}

} // namespace zeiko::channels
