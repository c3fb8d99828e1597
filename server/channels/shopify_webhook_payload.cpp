#include "channels/shopify_webhook_payload.h"

#include "service/service_error.h"

#include <QDateTime>
#include <QJsonArray>

#include <algorithm>
#include <cmath>

namespace zeiko::channels::shopify {

using namespace Qt::StringLiterals;

namespace {

// Shopify ids are JSON numbers (int64; exact in a double up to 2^53) or, in
// GraphQL-style payloads, strings. Anything but digits is refused so an id
// can go into a LIKE pattern without escaping.
QString idOf(const QJsonValue &value)
{
    QString id;
    if (value.isDouble()) {
        const double d = value.toDouble();
        if (!(d >= 0 && d <= 9.0e15) || d != std::floor(d))   // also refuses NaN; keeps the cast defined
            return {};
        id = QString::number(qint64(d));
    }
    else if (value.isString())
        id = value.toString().section(u'/', -1).trimmed();   // gid://shopify/Order/123 -> 123
    if (id.isEmpty() || id.size() > 30)
        return {};
    for (const QChar c : std::as_const(id))
        if (!c.isDigit())
            return {};
    return id;
}

// Refunds and fulfilments name their order by `order_id`; without it nothing can be linked.
QString requiredOrderId(const QJsonObject &p)
{
    const QString id = idOf(p.value(u"order_id"_s));
    if (id.isEmpty())
        throw service::errors::invalidField(u"order_id"_s, u"expected the order's numeric id"_s);
    return id;
}

QString text(const QJsonObject &o, const QString &key, int max = 200)
{
    const QJsonValue v = o.value(key);
    if (v.isDouble())
        return QString::number(v.toDouble(), 'f', 2);
    return v.toString().trimmed().left(max);
}

QString firstOf(const QJsonObject &o, const QString &single, const QString &list)
{
    const QString one = text(o, single, 500);
    if (!one.isEmpty())
        return one;
    const QJsonArray many = o.value(list).toArray();
    return many.isEmpty() ? QString() : many.first().toString().trimmed().left(500);
}

bool taggedIssue(const QString &tags)
{
    for (const QString &tag : tags.split(u',', Qt::SkipEmptyParts))
        if (tag.trimmed().compare(u"issue"_s, Qt::CaseInsensitive) == 0)
            return true;
    return false;
}

QString customerNameOf(const QJsonObject &order)
{
    const QJsonObject c = order.value(u"customer"_s).toObject();
    return (text(c, u"first_name"_s) + u' ' + text(c, u"last_name"_s)).trimmed();
}

ShopifyOrder orderOf(const QJsonObject &o, const QString &orderId)
{
    ShopifyOrder order;
    order.orderId = orderId;
    order.orderNumber = text(o, u"name"_s, 50);
    if (order.orderNumber.isEmpty())
        order.orderNumber = o.contains(u"order_number"_s) ? u"#"_s + idOf(o.value(u"order_number"_s)) : u"#"_s + orderId;
    order.financialStatus = text(o, u"financial_status"_s, 50);
    order.fulfillmentStatus = text(o, u"fulfillment_status"_s, 50);
    if (order.fulfillmentStatus.isEmpty())
        order.fulfillmentStatus = u"unfulfilled"_s;   // Shopify sends null until something ships
    order.currency = text(o, u"currency"_s, 10);
    order.totalPrice = text(o, u"total_price"_s, 50);
    const QJsonArray items = o.value(u"line_items"_s).toArray();
    for (qsizetype i = 0; i < items.size() && i < 100; ++i) {
        const QJsonObject li = items.at(i).toObject();
        ShopifyLineItem item;
        item.title = text(li, u"title"_s, 300);
        if (item.title.isEmpty())
            item.title = text(li, u"name"_s, 300);
        item.sku = text(li, u"sku"_s, 100);
        item.quantity = std::clamp(li.value(u"quantity"_s).toInt(1), 0, 1'000'000);
        item.price = text(li, u"price"_s, 50);
        order.lineItems.append(item);
    }
    // The newest fulfillment carries the tracking the customer asks about.
    const QJsonArray fulfillments = o.value(u"fulfillments"_s).toArray();
    if (!fulfillments.isEmpty()) {
        const QJsonObject f = fulfillments.last().toObject();
        order.trackingNumber = firstOf(f, u"tracking_number"_s, u"tracking_numbers"_s);
        order.trackingUrl = firstOf(f, u"tracking_url"_s, u"tracking_urls"_s);
    }
    const QDateTime created = QDateTime::fromString(o.value(u"created_at"_s).toString(), Qt::ISODate);
    if (created.isValid())
        order.createdAt = created.toUTC();
    return order;
}

QString statusLine(const ShopifyOrder &o)
{
    QString line = u"Order %1: %2, %3"_s.arg(o.orderNumber, o.financialStatus.isEmpty() ? u"pending"_s : o.financialStatus,
                                            o.fulfillmentStatus);
    if (!o.totalPrice.isEmpty())
        line += u"; %1 item(s), %2 %3"_s.arg(o.lineItems.size()).arg(o.totalPrice, o.currency);
    if (!o.trackingNumber.isEmpty())
        line += u"; tracking %1"_s.arg(o.trackingNumber);
    return line;
}

// Shopify's `updated_at` (ISO 8601 with an offset) in ms since the epoch.
qint64 requiredUpdatedAt(const QJsonObject &p)
{
    const QDateTime at = QDateTime::fromString(p.value(u"updated_at"_s).toString(), Qt::ISODateWithMs);
    if (!at.isValid())
        throw service::errors::invalidField(u"updated_at"_s, u"expected an ISO 8601 date-time"_s);
    return at.toMSecsSinceEpoch();
}

} // namespace

Topic topicFrom(const QByteArray &header)
{
    const QByteArray t = header.trimmed().toLower();
    if (t == "orders/create")
        return Topic::OrderCreated;
    if (t == "orders/updated")
        return Topic::OrderUpdated;
    if (t == "orders/cancelled")
        return Topic::OrderCancelled;
    if (t == "refunds/create")
        return Topic::RefundCreated;
    if (t == "fulfillments/update")
        return Topic::FulfillmentUpdated;
    return Topic::Unknown;
}

Delivery parseDelivery(Topic topic, const QJsonObject &p)
{
    Delivery d;
    d.topic = topic;
    switch (topic) {
    case Topic::OrderCreated:
    case Topic::OrderUpdated:
    case Topic::OrderCancelled: {
        d.orderId = idOf(p.value(u"id"_s));
        if (d.orderId.isEmpty())
            throw service::errors::invalidField(u"id"_s, u"expected the order's numeric id"_s);
        d.customerEmail = text(p, u"email"_s, 320).toLower();
        if (d.customerEmail.isEmpty())
            d.customerEmail = text(p, u"contact_email"_s, 320).toLower();
        if (d.customerEmail.isEmpty())
            d.customerEmail = text(p.value(u"customer"_s).toObject(), u"email"_s, 320).toLower();
        d.objectKey = d.orderId;
        d.versionMs = requiredUpdatedAt(p);
        d.customerName = customerNameOf(p);
        d.order = orderOf(p, d.orderId);
        d.summary = statusLine(*d.order);
        const bool cancelled = topic == Topic::OrderCancelled || !p.value(u"cancelled_at"_s).toString().isEmpty();
        if (cancelled) {
            d.issue = u"cancelled"_s;
            const QString reason = text(p, u"cancel_reason"_s, 100);
            d.summary = u"Order %1 cancelled%2. "_s.arg(d.order->orderNumber, reason.isEmpty() ? QString() : u" ("_s + reason + u')') +
                        d.summary;
        } else if (d.order->financialStatus.compare(u"voided"_s, Qt::CaseInsensitive) == 0) {
            d.issue = u"payment_voided"_s;
        } else if (taggedIssue(text(p, u"tags"_s, 1000))) {
            d.issue = u"flagged"_s;
            const QString note = text(p, u"note"_s, 2000);
            if (!note.isEmpty())
                d.summary += u"\n\nNote: "_s + note;
        }
        break;
    }
    case Topic::RefundCreated: {
        d.orderId = requiredOrderId(p);
        const QString refundId = idOf(p.value(u"id"_s));
        if (refundId.isEmpty())
            throw service::errors::invalidField(u"id"_s, u"expected the refund's numeric id"_s);
        d.objectKey = d.orderId + u"/refund/"_s + refundId;
        double amount = 0;
        for (const QJsonValue &t : p.value(u"transactions"_s).toArray()) {
            const QJsonObject tx = t.toObject();
            if (tx.value(u"kind"_s).toString() == u"refund"_s || tx.value(u"kind"_s).toString().isEmpty()) {
                amount += text(tx, u"amount"_s).toDouble();
                if (d.refundCurrency.isEmpty())
                    d.refundCurrency = text(tx, u"currency"_s, 10);
            }
        }
        d.refundAmount = QString::number(amount, 'f', 2);
        d.issue = u"refunded"_s;
        d.summary = u"Refund of %1 %2 created"_s.arg(d.refundAmount, d.refundCurrency).trimmed();
        const QString note = text(p, u"note"_s, 2000);
        if (!note.isEmpty())
            d.summary += u": "_s + note;
        break;
    }
    case Topic::FulfillmentUpdated: {
        d.orderId = requiredOrderId(p);
        const QString fulfillmentId = idOf(p.value(u"id"_s));
        if (fulfillmentId.isEmpty())
            throw service::errors::invalidField(u"id"_s, u"expected the fulfillment's numeric id"_s);
        d.objectKey = d.orderId + u"/fulfillment/"_s + fulfillmentId;
        d.versionMs = requiredUpdatedAt(p);
        d.customerEmail = text(p, u"email"_s, 320).toLower();
        const QString status = text(p, u"status"_s, 50).toLower();
        const QString shipment = text(p, u"shipment_status"_s, 50).toLower();
        d.fulfillmentStatus = !shipment.isEmpty() ? shipment
                              : status == u"success"_s ? u"fulfilled"_s
                                                       : status;
        d.trackingNumber = firstOf(p, u"tracking_number"_s, u"tracking_numbers"_s);
        d.trackingUrl = firstOf(p, u"tracking_url"_s, u"tracking_urls"_s);
        if (status == u"failure"_s || status == u"error"_s || shipment == u"failure"_s)
            d.issue = u"fulfillment_failed"_s;
        d.summary = u"Fulfillment %1: %2"_s.arg(text(p, u"name"_s, 50), d.fulfillmentStatus.isEmpty() ? status : d.fulfillmentStatus);
        if (!d.trackingNumber.isEmpty())
            d.summary += u", tracking "_s + d.trackingNumber;
        break;
    }
    case Topic::Unknown:
        break;
    }
    return d;
}

ShopifyOrder applyPartial(ShopifyOrder order, const Delivery &d)
{
    if (d.order)
        return *d.order;
    if (!d.fulfillmentStatus.isEmpty())
        order.fulfillmentStatus = d.fulfillmentStatus;
    if (!d.trackingNumber.isEmpty())
        order.trackingNumber = d.trackingNumber;
    if (!d.trackingUrl.isEmpty())
        order.trackingUrl = d.trackingUrl;
    return order;
}

QString issueTitle(const QString &issue)
{
    if (issue == u"cancelled"_s)
        return u"cancelled"_s;
    if (issue == u"refunded"_s)
        return u"refunded"_s;
    if (issue == u"payment_voided"_s)
        return u"payment voided"_s;
    if (issue == u"fulfillment_failed"_s)
        return u"fulfillment failed"_s;
    return u"flagged by the store"_s;
}

} // namespace zeiko::channels::shopify
