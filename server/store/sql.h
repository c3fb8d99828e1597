#pragma once
// Small helpers that make QtSql calls short and failures loud.

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QVariant>

#include <optional>

namespace zeiko::store {

// Prepares, binds positionally and executes; throws StoreError on failure.
QSqlQuery run(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {});
// Same, for statements that must return one row (e.g. RETURNING); throws if none.
QSqlQuery runOne(QSqlDatabase &db, const QString &sql, const QVariantList &binds = {});

QVariant nullInt();
QVariant nullText();
QVariant textOrNull(const QString &value);
// Never NULL: a null QString would bind as NULL (NOT NULL columns take '').
QVariant text(const QString &value);
QVariant intOrNull(const std::optional<qint64> &value);

// Timestamps are stored as milliseconds since the epoch (portable, sortable).
qint64 toMs(const QDateTime &value);
QDateTime fromMs(qint64 ms);
QVariant msOrNull(const std::optional<QDateTime> &value);
std::optional<QDateTime> optionalTime(const QVariant &value);

} // namespace zeiko::store
