#pragma once
#include <QSqlDatabase>

namespace zeiko::store {

class Database;

// Applies every migration newer than the recorded schema version, each in
// its own transaction. Several processes may start at once: PostgreSQL
// takes an advisory lock, SQLite's BEGIN IMMEDIATE serialises them.
void runMigrations(Database &database, QSqlDatabase &db);
int currentSchemaVersion(QSqlDatabase &db);

} // namespace zeiko::store
