#pragma once
// Each tenant's Shopify shop: the shop domain its webhooks must name
// (X-Shopify-Shop-Domain) and the webhook secret(s) that sign them. The
// secret is kept as given, because verifying an HMAC needs the key itself:
// the database is as sensitive as the server's environment file. During a
// rotation the previous secret stays accepted until the next change.
//
// And the newest version of each Shopify object a tenant applied
// (shopify_deliveries): a delivery whose signed `updated_at` is not newer
// than the one recorded for its (topic, object) is a replay or a late
// retry, acknowledged and not applied.

#include <QSqlDatabase>
#include <QString>

#include <optional>

namespace zeiko::store {

struct ShopifyShop {
    QString shopDomain;                // lower case, e.g. acme.myshopify.com
    QString webhookSecret;
    QString previousWebhookSecret;     // empty: none (not rotating)
};

std::optional<ShopifyShop> findShopifyShop(QSqlDatabase &db, qint64 tenantId);
// Sets the tenant's shop; keepPrevious keeps the secret being replaced as
// the previous one (a rotation), otherwise only the new secret is accepted.
void setShopifyShop(QSqlDatabase &db, qint64 tenantId, const QString &shopDomain, const QString &webhookSecret,
                    bool keepPrevious, qint64 nowMs);

// The newest version applied for (topic, objectKey), if any.
std::optional<qint64> appliedShopifyVersion(QSqlDatabase &db, qint64 tenantId, const QString &topic,
                                            const QString &objectKey);
// Records versionMs unless a newer (or equal) one is recorded already.
void recordShopifyVersion(QSqlDatabase &db, qint64 tenantId, const QString &topic, const QString &objectKey,
                          qint64 versionMs, qint64 nowMs);

} // namespace zeiko::store
