#pragma once
// Shopify's webhook signature: X-Shopify-Hmac-Sha256 is the base64 of
// HMAC-SHA256 over the raw request body, keyed with the app's webhook
// secret as bytes. Verified on the raw body, compared in constant time.

#include <QByteArray>
#include <QString>

namespace zeiko::channels {

// The header value for this body (tests and the simulator sign with it).
QByteArray signShopify(const QByteArray &rawBody, const QString &secret);

// Empty when valid; otherwise why not (for the log, never the secret).
QString verifyShopify(const QByteArray &hmacHeader, const QByteArray &rawBody, const QString &secret);

} // namespace zeiko::channels
