#pragma once
// Reading Shopify's webhook payloads (REST Admin API shapes) into the
// ticket's order context, and the rule that decides which deliveries are
// "order issues" that deserve a follow-up ticket. Pure functions: no
// database, no HTTP, so the rule is testable and documented in one place.
//
// Issue rule (docs/api.md, "Shopify webhook"):
//   orders/cancelled, or any order with cancelled_at set     -> "cancelled"
//   refunds/create                                           -> "refunded"
//   financial_status "voided"                                -> "payment_voided"
//   fulfillments/update with status failure/error, or
//     shipment_status failure                                -> "fulfillment_failed"
//   an order whose tags contain "issue" (the merchant
//     flagged it; the note becomes the ticket's text)        -> "flagged"

#include "domain/types.h"

#include <QJsonObject>

#include <optional>

namespace zeiko::channels::shopify {

enum class Topic { OrderCreated, OrderUpdated, OrderCancelled, RefundCreated, FulfillmentUpdated, Unknown };

Topic topicFrom(const QByteArray &header);

struct Delivery {
    Topic topic = Topic::Unknown;
    QString orderId;                     // digits only (empty: none found)
    QString customerEmail;               // lower-cased; may be empty for refunds
    QString customerName;
    std::optional<ShopifyOrder> order;   // full context (order topics only)
    QString issue;                       // empty: not an issue, else the kind above
    QString summary;                     // one markdown line for the thread entry
    // Partial updates for refunds/fulfillments, applied to a stored context.
    QString fulfillmentStatus;
    QString trackingNumber;
    QString trackingUrl;
    QString refundAmount;
    QString refundCurrency;
    // What makes a replay harmless, read from the signed body only: the
    // Shopify object the delivery is about (the order; a refund or a
    // fulfilment of it) and its version (updated_at in ms; refunds are never
    // updated: 0). A version not newer than the one applied is not applied.
    QString objectKey;
    qint64 versionMs = 0;
};

// Throws ServiceError 400 invalid_field when a required field is missing
// (the ids, and `updated_at` of orders and fulfilments).
Delivery parseDelivery(Topic topic, const QJsonObject &payload);

// The stored context with a refund/fulfillment delivery applied.
ShopifyOrder applyPartial(ShopifyOrder order, const Delivery &delivery);

QString issueTitle(const QString &issue);

} // namespace zeiko::channels::shopify
