#include "channels/shopify_webhook_signature.h"

#include "service/constant_time.h"

#include <QMessageAuthenticationCode>

namespace zeiko::channels {

namespace {

QByteArray mac(const QByteArray &rawBody, const QString &secret)
{
    return QMessageAuthenticationCode::hash(rawBody, secret.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace

QByteArray signShopify(const QByteArray &rawBody, const QString &secret)
{
    return mac(rawBody, secret).toBase64();
}

QString verifyShopify(const QByteArray &hmacHeader, const QByteArray &rawBody, const QString &secret)
{
    if (secret.isEmpty())
        return QStringLiteral("no Shopify webhook secret configured");
    if (hmacHeader.trimmed().isEmpty())
        return QStringLiteral("missing X-Shopify-Hmac-Sha256");
    const auto presented = QByteArray::fromBase64Encoding(
        hmacHeader.trimmed(), QByteArray::Base64Encoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!presented)
        return QStringLiteral("X-Shopify-Hmac-Sha256 is not base64");
    if (!service::constantTimeEquals(*presented, mac(rawBody, secret)))
        return QStringLiteral("X-Shopify-Hmac-Sha256 does not match the body");
    return {};
}

} // namespace zeiko::channels
