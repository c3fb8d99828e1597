#include "store/shopify_shop_store.h"

#include "store/sql.h"

namespace zeiko::store {

std::optional<ShopifyShop> findShopifyShop(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT shop_domain, webhook_secret, previous_webhook_secret FROM shopify_shops "
                                     "WHERE tenant_id = ?"),
                      {tenantId});
    if (!q.next())
        return std::nullopt;
    return ShopifyShop{q.value(0).toString(), q.value(1).toString(), q.value(2).toString()};
}

void setShopifyShop(QSqlDatabase &db, qint64 tenantId, const QString &shopDomain, const QString &webhookSecret,
                    bool keepPrevious, qint64 nowMs)
{
    const std::optional<ShopifyShop> current = findShopifyShop(db, tenantId);
    const QString previous = keepPrevious && current && current->webhookSecret != webhookSecret ? current->webhookSecret
                                                                                               : QString();
    if (current)
        run(db,
            QStringLiteral("UPDATE shopify_shops SET shop_domain = ?, webhook_secret = ?, previous_webhook_secret = ?, "
                           "updated_at = ? WHERE tenant_id = ?"),
            {shopDomain, webhookSecret, textOrNull(previous), nowMs, tenantId});
    else
        run(db,
            QStringLiteral("INSERT INTO shopify_shops (tenant_id, shop_domain, webhook_secret, previous_webhook_secret, "
                           "updated_at) VALUES (?, ?, ?, ?, ?)"),
            {tenantId, shopDomain, webhookSecret, textOrNull(previous), nowMs});
}

std::optional<qint64> appliedShopifyVersion(QSqlDatabase &db, qint64 tenantId, const QString &topic,
                                            const QString &objectKey)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT version_ms FROM shopify_deliveries WHERE tenant_id = ? AND topic = ? "
                                     "AND object_key = ?"),
                      {tenantId, topic, objectKey});
    if (!q.next())
        return std::nullopt;
    return q.value(0).toLongLong();
}

void recordShopifyVersion(QSqlDatabase &db, qint64 tenantId, const QString &topic, const QString &objectKey,
                          qint64 versionMs, qint64 nowMs)
{
    // One statement, so two racing recorders (the "ignored" path writes
    // outside the tenant's transaction) still keep the newest version.
    run(db,
        QStringLiteral("INSERT INTO shopify_deliveries (tenant_id, topic, object_key, version_ms, received_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (tenant_id, topic, object_key) DO UPDATE SET "
                       "version_ms = excluded.version_ms, received_at = excluded.received_at "
                       "WHERE shopify_deliveries.version_ms < excluded.version_ms"),
        {tenantId, topic, objectKey, versionMs, nowMs});
}

} // namespace zeiko::store
