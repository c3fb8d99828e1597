#include "store/sql.h"

#include "store/database.h"

#include <QSqlError>

namespace zeiko::store {

QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery query(db);
    query.setForwardOnly(true);
    if (binds.isEmpty()) {
        // Not prepared: PostgreSQL cannot PREPARE utility statements (BEGIN, SET, ...).
        if (!query.exec(sql))
            throw StoreError("statement failed: " + query.lastError().text().toStdString() + " in: " + sql.left(120).toStdString());
        return query;
    }
    if (!query.prepare(sql))
        throw StoreError("prepare failed: " + query.lastError().text().toStdString() + " in: " + sql.left(120).toStdString());
    for (const QVariant &value : binds)
        query.addBindValue(value);
    if (!query.exec())
        throw StoreError("statement failed: " + query.lastError().text().toStdString() + " in: " + sql.left(120).toStdString());
    return query;
}

QSqlQuery runOne(QSqlDatabase &db, const QString &sql, const QVariantList &binds)
{
    QSqlQuery query = run(db, sql, binds);
    if (!query.next())
        throw StoreError("statement returned no row: " + sql.left(120).toStdString());
    return query;
}

QVariant nullInt() { return QVariant(QMetaType::fromType<qlonglong>()); }
QVariant nullText() { return QVariant(QMetaType::fromType<QString>()); }
QVariant textOrNull(const QString &value) { return value.isEmpty() ? nullText() : QVariant(value); }
QVariant text(const QString &value) { return value.isNull() ? QVariant(QString(QLatin1String(""))) : QVariant(value); }
QVariant intOrNull(const std::optional<qint64> &value) { return value ? QVariant(qlonglong(*value)) : nullInt(); }

qint64 toMs(const QDateTime &value) { return value.toMSecsSinceEpoch(); }
QDateTime fromMs(qint64 ms) { return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC); }
QVariant msOrNull(const std::optional<QDateTime> &value)
{
    return value && value->isValid() ? QVariant(qlonglong(toMs(*value))) : nullInt();
}
std::optional<QDateTime> optionalTime(const QVariant &value)
{
    if (value.isNull())
        return std::nullopt;
    return fromMs(value.toLongLong());
}

} // namespace zeiko::store
