#include "channels/svix_signature.h"

#include "service/constant_time.h"

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
        if (decoded && service::constantTimeEquals(*decoded, expected))
            return {};
    }
    return QStringLiteral("no matching v1 signature");
}

} // namespace zeiko::channels
