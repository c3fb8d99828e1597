#pragma once
// One logical database, one QSqlDatabase connection per thread (Qt's rule):
// request handlers run on the transport's worker threads, each gets its own
// named connection on first use. write() wraps a function in a transaction
// that serialises writers (BEGIN IMMEDIATE on SQLite; on PostgreSQL the
// first statement of every write locks the tenant's counter row).

#include "store/database_config.h"

#include <QSqlDatabase>
#include <QString>

#include <atomic>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace zeiko::store {

// A failed statement or connection. The message carries the driver's
// text, never bound values (they may be passwords or bodies).
class StoreError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

class Database
{
public:
    explicit Database(DatabaseConfig config);
    ~Database();   // closes and removes every connection it opened
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    const DatabaseConfig &config() const { return m_config; }
    bool isSqlite() const { return m_config.kind == DatabaseConfig::Kind::Sqlite; }
    bool isPostgres() const { return !isSqlite(); }

    // This thread's open connection. Throws StoreError if it cannot open.
    QSqlDatabase connection();
    // A fresh connection under a caller-chosen name on this thread (the
    // PostgreSQL listener needs its own); the caller removes it.
    QSqlDatabase openDedicated(const QString &name) const;

    // Runs f(db) inside one transaction; commits when it returns, rolls
    // back when it throws (and rethrows).
    template<typename F> auto write(F &&f) -> decltype(f(std::declval<QSqlDatabase &>()))
    {
        QSqlDatabase db = connection();
        begin(db);
        try {
            if constexpr (std::is_void_v<decltype(f(db))>) {
                f(db);
                commit(db);
            } else {
                auto result = f(db);
                commit(db);
                return result;
            }
        } catch (...) {
            rollback(db);
            throw;
        }
    }

    // Reads outside an explicit transaction (each statement sees committed data).
    template<typename F> auto read(F &&f) -> decltype(f(std::declval<QSqlDatabase &>()))
    {
        QSqlDatabase db = connection();
        return f(db);
    }

    // Creates or upgrades the schema (idempotent, safe with several processes).
    void migrate();

private:
    void begin(QSqlDatabase &db);
    void commit(QSqlDatabase &db);
    void rollback(QSqlDatabase &db) noexcept;
    void configure(QSqlDatabase &db) const;

    DatabaseConfig m_config;
    quint64 m_instance;
};

} // namespace zeiko::store
