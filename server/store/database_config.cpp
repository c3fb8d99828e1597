#include "store/database_config.h"

#include <QUrl>

#include <stdexcept>

namespace zeiko::store {

DatabaseConfig DatabaseConfig::parse(const QString &url)
{
    DatabaseConfig config;
    if (url.startsWith(QLatin1String("sqlite:"))) {
        QString path = url.mid(7);
        if (path.startsWith(QLatin1String("//")))
            path = path.mid(2);   // sqlite:///abs -> /abs
        if (path.isEmpty())
            throw std::invalid_argument("sqlite URL without a file path (use sqlite:/path/to/file.db)");
        config.kind = Kind::Sqlite;
        config.sqlitePath = path;
        return config;
    }
    if (url.startsWith(QLatin1String("postgresql://")) || url.startsWith(QLatin1String("postgres://"))) {
        const QUrl parsed(url, QUrl::StrictMode);
        if (!parsed.isValid() || parsed.host().isEmpty())
            throw std::invalid_argument("malformed PostgreSQL URL (use postgresql://user@host:port/dbname)");
        config.kind = Kind::Postgres;
        config.host = parsed.host();
        config.port = parsed.port(5432);
        config.user = parsed.userName();
        config.password = parsed.password();
        config.databaseName = parsed.path().mid(1);
        if (config.databaseName.isEmpty())
            config.databaseName = config.user.isEmpty() ? QStringLiteral("postgres") : config.user;
        return config;
    }
    throw std::invalid_argument("unsupported database URL (expected sqlite:PATH or postgresql://...)");
}

QString DatabaseConfig::redacted() const
{
    if (kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    return QStringLiteral("postgresql://%1@%2:%3/%4").arg(user, host).arg(port).arg(databaseName);
}

QString DatabaseConfig::toUrl() const
{
    if (kind == Kind::Sqlite)
        return QStringLiteral("sqlite:") + sqlitePath;
    QUrl url;
    url.setScheme(QStringLiteral("postgresql"));
    url.setHost(host);
    url.setPort(port);
    url.setUserName(user);
    url.setPassword(password);
    url.setPath(QLatin1Char('/') + databaseName);
    return url.toString();
}

DatabaseConfig DatabaseConfig::withDatabaseName(const QString &name) const
{
    DatabaseConfig copy = *this;
    copy.databaseName = name;
    return copy;
}

} // namespace zeiko::store
