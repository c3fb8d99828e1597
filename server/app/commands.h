#pragma once
// The zeiko-server subcommands. Each takes the full argument list (the
// subcommand name included) and returns the process exit code.

#include <QCommandLineParser>
#include <QStringList>

namespace zeiko::app {

int runServe(const QStringList &arguments);
int runAdmin(const QStringList &arguments);
int runDemo(const QStringList &arguments);

// Database URL from ZEIKO_DATABASE, else a file in the user's data
// directory (created if missing).
QString defaultDatabaseUrl();
// --database URL (refused when it holds a password: argv is public) and
// --database-file FILE; databaseUrl() reads them, then defaultDatabaseUrl().
void addDatabaseOption(QCommandLineParser &parser);
QString databaseUrl(const QCommandLineParser &parser);

} // namespace zeiko::app
