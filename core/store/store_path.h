#pragma once
#include <QString>
#include <QUrl>

namespace zeiko {

// Where the cache of one account on one server lives: a file per
// (account, operator email, server) under QStandardPaths::AppDataLocation,
// so two accounts or two servers never share (or overwrite) a cache.
// The name is a hash, so it stays a valid file name on every platform.
QString defaultStorePath(const QUrl &serverUrl, const QString &account, const QString &email);

} // namespace zeiko
