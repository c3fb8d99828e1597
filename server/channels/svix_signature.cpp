#include "channels/svix_signature.h"

#include <QList>
#include <QMessageAuthenticationCode>

namespace zeiko::channels {

namespace {

QByteArray secretKey(const QString &secret)
{
    QString s = secret.trimmed();
    if (s.startsWith(QStringLiteral("whsec_")))
        s = s.mid(6);
    return QByteArray::fromBase64(s.toLatin1());
}

QByteArray mac(const QByteArray &id, const QByteArray &timestamp, const QByteArray &body, const QString &secret)
{
    return QMessageAuthenticationCode::hash(id + '.' + timestamp + '.' + body, secretKey(secret),
                                            QCryptographicHash::Sha256);
}

} // namespace

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

QByteArray signSvix(const QByteArray &id, const QByteArray &timestamp, const QByteArray &rawBody, const QString &secret)
{
    return "v1," + mac(id, timestamp, rawBody, secret).toBase64();
}

QString verifySvix(const SvixHeaders &h, const QByteArray &rawBody, const QString &secret, qint64 nowSecs,
                   qint64 toleranceSecs)
{
    if (secret.isEmpty())
        return QStringLiteral("no webhook secret configured");
    if (h.id.isEmpty() || h.timestamp.isEmpty() || h.signature.isEmpty())
        return QStringLiteral("missing svix-id, svix-timestamp or svix-signature");
    bool ok = false;
    const qint64 timestamp = h.timestamp.toLongLong(&ok);
    if (!ok)
        return QStringLiteral("svix-timestamp is not a number");
    if (timestamp < nowSecs - toleranceSecs || timestamp > nowSecs + toleranceSecs)
        return QStringLiteral("svix-timestamp outside the tolerance");
    const QByteArray expected = mac(h.id, h.timestamp, rawBody, secret);
    for (const QByteArray &entry : h.signature.split(' ')) {
        const qsizetype comma = entry.indexOf(',');
        if (comma <= 0 || entry.left(comma) != "v1")
            continue;
        const auto decoded = QByteArray::fromBase64Encoding(entry.mid(comma + 1));
        if (decoded && constantTimeEquals(*decoded, expected))
            return {};
    }
    return QStringLiteral("no matching v1 signature");
}

} // namespace zeiko::channels
