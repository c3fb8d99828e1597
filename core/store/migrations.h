#pragma once
// The local schema, versioned with PRAGMA user_version and upgraded one
// step at a time, each step in its own transaction.

#include <QSqlDatabase>

namespace zeiko::migrations {

int latestVersion();
int currentVersion(const QSqlDatabase &database);   // PRAGMA user_version

// Upgrades from currentVersion() to latestVersion(). The caller has checked
// that the file is not newer. Throws StoreError; a failed step rolls back
// and leaves the file at the last completed version.
void upgrade(const QSqlDatabase &database);

} // namespace zeiko::migrations
