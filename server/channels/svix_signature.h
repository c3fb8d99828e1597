#pragma once
// Webhook signatures as Resend's provider (Svix / Standard Webhooks) makes
// them: HMAC-SHA256 over "{svix-id}.{svix-timestamp}.{raw body}", keyed
// with the base64 secret after "whsec_", sent as space-separated
// "v1,<base64>" entries (several while a secret rotates). Verified on the
// raw body, compared in constant time, timestamps within ±tolerance.

#include <QByteArray>
#include <QString>

namespace zeiko::channels {

struct SvixHeaders {
    QByteArray id;
    QByteArray timestamp;
    QByteArray signature;
};

// Empty when valid; otherwise why not (for the log, never the secret).
QString verifySvix(const SvixHeaders &headers, const QByteArray &rawBody, const QString &secret, qint64 nowSecs,
                   qint64 toleranceSecs = 300);

// The "v1,<base64>" signature for these inputs (tests and the simulator sign with it).
QByteArray signSvix(const QByteArray &id, const QByteArray &timestamp, const QByteArray &rawBody, const QString &secret);

} // namespace zeiko::channels
