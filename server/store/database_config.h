#pragma once
// Where the data lives, parsed from one connection URL:
//   sqlite:/var/lib/zeiko/zeiko.db   (also sqlite:relative.db, sqlite:///abs.db)
//   postgresql://user[:password]@host[:port]/dbname   (postgres:// too)

#include <QString>

namespace zeiko::store {

struct DatabaseConfig {
    enum class Kind { Sqlite, Postgres };
    Kind kind = Kind::Sqlite;
    QString sqlitePath;
    QString host = QStringLiteral("127.0.0.1");
    int port = 5432;
    QString user;
    QString password;
    QString databaseName;

    // Throws std::invalid_argument with a human message on a bad URL.
    static DatabaseConfig parse(const QString &url);
    // The URL again, without the password (safe to log).
    QString redacted() const;
    // The same server with another database (tests create throwaway databases).
    DatabaseConfig withDatabaseName(const QString &name) const;
    QString toUrl() const;   // includes the password: never log it
};

} // namespace zeiko::store
