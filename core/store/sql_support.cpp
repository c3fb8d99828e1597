#include "store/sql_support.h"

#include "store/store_error.h"
#include "sync/logging.h"

#include <QSqlError>

namespace zeiko::sql {

namespace {

[[noreturn]] void fail(const QSqlError &error)
{
    const QString driverText = error.text();
    qCWarning(lcStore) << "SQL failure:" << driverText;
    QString reason;
    if (driverText.contains(QLatin1String("full"), Qt::CaseInsensitive))
        reason = StoreError::tr("the disk is full");
    else if (driverText.contains(QLatin1String("locked"), Qt::CaseInsensitive)
             || driverText.contains(QLatin1String("busy"), Qt::CaseInsensitive))
        reason = StoreError::tr("another program is using the local cache");
    else if (driverText.contains(QLatin1String("readonly"), Qt::CaseInsensitive)
             || driverText.contains(QLatin1String("read-only"), Qt::CaseInsensitive))
        reason = StoreError::tr("the cache file is read-only");
    else
        reason = StoreError::tr("a database error occurred");
    throw StoreError(StoreError::tr("Could not update the local cache: %1.").arg(reason), driverText);
}

} // namespace

void PreparedQueries::reset(QSqlDatabase database)
{
    clear();
    m_database = std::move(database);
}

void PreparedQueries::clear()
{
    m_queries.clear();
}

QSqlQuery &PreparedQueries::get(const QString &text)
{
    auto it = m_queries.find(text);
    if (it != m_queries.end())
        return it.value();
    QSqlQuery query(m_database);
    query.setForwardOnly(true);
    if (!query.prepare(text))
        fail(query.lastError());
    return m_queries.insert(text, query).value();
}

void run(QSqlQuery &query, std::initializer_list<QVariant> values)
{
    run(query, QVariantList(values));
}

void run(QSqlQuery &query, const QVariantList &values)
{
    int index = 0;
    for (const QVariant &value : values) {
        // A null QString means "empty text" in our code; SQL NULL is spelled QVariant().
        if (value.typeId() == QMetaType::QString && value.toString().isNull())
            query.bindValue(index++, QStringLiteral(""));
        else
            query.bindValue(index++, value);
    }
    if (!query.exec())
        fail(query.lastError());
}

void runText(const QSqlDatabase &database, const QString &text)
{
    QSqlQuery query(database);
    if (!query.exec(text))
        fail(query.lastError());
}

Transaction::Transaction(QSqlDatabase database)
    : m_database(std::move(database))
{
    runText(m_database, QStringLiteral("BEGIN IMMEDIATE"));
    m_open = true;
}

Transaction::~Transaction()
{
    if (!m_open)
        return;
    QSqlQuery rollback(m_database);
    if (!rollback.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStore) << "rollback failed:" << rollback.lastError().text();
}

void Transaction::commit()
{
    runText(m_database, QStringLiteral("COMMIT"));
    m_open = false;
}

} // namespace zeiko::sql
