#pragma once
// Shopify order webhooks: POST /api/v1/webhooks/shopify/{account}.
//
// Order of work: verify X-Shopify-Hmac-Sha256 on the raw body (401 and no
// change otherwise) -> find the tenant by the account slug in the path ->
// in one tenant transaction: drop a delivery already handled
// (X-Shopify-Webhook-Id), store the order context on the customer's open
// tickets (by email) and on the open tickets already linked to the order,
// each with a shopify_event entry, and raise an order issue (see
// shopify_webhook_payload.h) on a follow-up ticket of source "shopify" —
// once per order and issue kind.

#include "channels/clock.h"
#include "channels/json_result.h"
#include "channels/tenant_tx.h"

#include <QHash>

namespace zeiko::channels {

class ShopifyWebhookService
{
public:
    ShopifyWebhookService(store::Database &database, CommitNotifier notify, const Clock &clock, QString secret);

    JsonResult handle(const QString &accountSlug, const QHash<QByteArray, QByteArray> &headers,
                      const QByteArray &rawBody);

private:
    store::Database &m_db;
    CommitNotifier m_notify;
    const Clock &m_clock;
    QString m_secret;
};

} // namespace zeiko::channels
