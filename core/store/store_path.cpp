#include "store/store_path.h"

#include <QCryptographicHash>
#include <QDir>
#include <QStandardPaths>

namespace zeiko {

QString defaultStorePath(const QUrl &serverUrl, const QString &account, const QString &email)
{
    const QString identity = serverUrl.adjusted(QUrl::StripTrailingSlash | QUrl::RemoveUserInfo).toString()
        + QLatin1Char('\n') + account.toCaseFolded() + QLatin1Char('\n') + email.toCaseFolded();
    const QByteArray digest = QCryptographicHash::hash(identity.toUtf8(), QCryptographicHash::Sha256).toHex().left(24);
    const QString directory = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        + QStringLiteral("/caches");
    QDir().mkpath(directory);
    return directory + QStringLiteral("/account-") + QString::fromLatin1(digest) + QStringLiteral(".sqlite");
}

} // namespace zeiko
