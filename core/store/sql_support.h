#pragma once
// Small QtSql helpers the store is built from: a cache of prepared
// statements (prepared once, reused for every call) and an RAII transaction
// that rolls back unless committed.

#include <QHash>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QVariant>

#include <initializer_list>

namespace zeiko::sql {

// Prepares each distinct statement text once per connection.
class PreparedQueries
{
public:
    explicit PreparedQueries(QSqlDatabase database = {}) : m_database(std::move(database)) {}
    void reset(QSqlDatabase database);
    void clear();

    // The prepared statement for `text`; throws StoreError when it does not prepare.
    QSqlQuery &get(const QString &text);

private:
    QSqlDatabase m_database;
    QHash<QString, QSqlQuery> m_queries;
};

// Binds `values` positionally and executes; throws StoreError on failure.
// A null QString binds as '' (text columns are NOT NULL); pass QVariant() for SQL NULL.
void run(QSqlQuery &query, std::initializer_list<QVariant> values = {});
void run(QSqlQuery &query, const QVariantList &values);
// One-off statement (DDL, pragmas); throws StoreError on failure.
void runText(const QSqlDatabase &database, const QString &text);

// Opens a transaction on construction; rolls it back in the destructor
// unless commit() succeeded. BEGIN IMMEDIATE takes the write lock at once,
// so a second process cannot make us fail half-way with SQLITE_BUSY.
class Transaction
{
public:
    explicit Transaction(QSqlDatabase database);
    ~Transaction();
    Transaction(const Transaction &) = delete;
    Transaction &operator=(const Transaction &) = delete;

    void commit();   // throws StoreError; after a failure the destructor rolls back

private:
    QSqlDatabase m_database;
    bool m_open = false;
};

} // namespace zeiko::sql
