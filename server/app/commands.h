#pragma once
// The zeiko-server subcommands. Each takes the full argument list (the
// subcommand name included) and returns the process exit code.

#include <QStringList>

namespace zeiko::app {

int runServe(const QStringList &arguments);
int runAdmin(const QStringList &arguments);
int runDemo(const QStringList &arguments);

// Database URL from --database, else ZEIKO_DATABASE, else a file in the
// user's data directory (created if missing).
QString defaultDatabaseUrl();

} // namespace zeiko::app
