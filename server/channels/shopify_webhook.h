#pragma once
// Shopify order webhooks: POST /api/v1/webhooks/shopify/{account}.
//
// Order of work: find the tenant by the account slug in the path and its
// Shopify shop (`admin set-shopify`) -> verify X-Shopify-Hmac-Sha256 on the
// raw body with that tenant's secret (or the previous one while rotating;
// 401 invalid_signature and no change otherwise, also for an unknown or
// unconfigured account, so accounts cannot be probed) -> X-Shopify-Shop-Domain
// must be the tenant's shop (403 shop_domain_mismatch) -> in one tenant
// transaction: acknowledge without applying a delivery whose signed
// version (topic, object, `updated_at`) is not newer than the one applied
// (a replay under any X-Shopify-Webhook-Id, or a late retry), store the
// order context on the customer's open tickets (by email) and on the open
// tickets already linked to the order, each with a shopify_event entry, and
// raise an order issue (see shopify_webhook_payload.h) on a follow-up
// ticket of source "shopify" — once per order and issue kind.

#include "channels/clock.h"
#include "channels/json_result.h"
#include "channels/tenant_tx.h"

#include <QHash>

namespace zeiko::channels {

class ShopifyWebhookService
{
public:
    ShopifyWebhookService(store::Database &database, CommitNotifier notify, const Clock &clock);

    JsonResult handle(const QString &accountSlug, const QHash<QByteArray, QByteArray> &headers,
                      const QByteArray &rawBody);

private:
    store::Database &m_db;
    CommitNotifier m_notify;
    const Clock &m_clock;
};

} // namespace zeiko::channels
