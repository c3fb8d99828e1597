#include "domain/json_reader.h"

#include <cmath>

namespace zeiko {

namespace {
constexpr double maxExactInteger = 9007199254740992.0;   // 2^53: beyond it doubles lose integers
}

JsonReader::JsonReader(const QJsonObject &object, QString path)
    : m_object(object)
    , m_path(std::move(path))
{
}

QString JsonReader::fieldPath(QLatin1StringView name) const
{
    return m_path.isEmpty() ? QString(name) : m_path + QLatin1Char('.') + name;
}

bool JsonReader::isAbsent(QLatin1StringView name) const
{
    const QJsonValue value = m_object.value(name);
    return value.isUndefined() || value.isNull();
}

void JsonReader::fail(QLatin1StringView name, const QString &reason) const
{
    throw DecodeError(fieldPath(name), reason);
}

QJsonValue JsonReader::require(QLatin1StringView name) const
{
    if (isAbsent(name))
        fail(name, QStringLiteral("missing required field"));
    return m_object.value(name);
}

QString JsonReader::requiredString(QLatin1StringView name) const
{
    const QJsonValue value = require(name);
    if (!value.isString())
        fail(name, QStringLiteral("expected a string"));
    return value.toString();
}

QString JsonReader::optionalString(QLatin1StringView name) const
{
    return isAbsent(name) ? QString() : requiredString(name);
}

qint64 JsonReader::requiredInt(QLatin1StringView name) const
{
    const QJsonValue value = require(name);
    if (!value.isDouble())
        fail(name, QStringLiteral("expected an integer"));
    const double number = value.toDouble();
    if (std::trunc(number) != number || std::fabs(number) > maxExactInteger)
        fail(name, QStringLiteral("expected an integer"));
    return static_cast<qint64>(number);
}

std::optional<qint64> JsonReader::optionalInt(QLatin1StringView name) const
{
    if (isAbsent(name))
        return std::nullopt;
    return requiredInt(name);
}

bool JsonReader::optionalBool(QLatin1StringView name, bool fallback) const
{
    if (isAbsent(name))
        return fallback;
    const QJsonValue value = m_object.value(name);
    if (!value.isBool())
        fail(name, QStringLiteral("expected true or false"));
    return value.toBool();
}

QDateTime JsonReader::requiredDateTime(QLatin1StringView name) const
{
    const QString text = requiredString(name);
    QDateTime dateTime = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!dateTime.isValid())
        fail(name, QStringLiteral("expected an ISO 8601 timestamp, got \"%1\"").arg(text.left(64)));
    return dateTime.toUTC();
}

std::optional<QDateTime> JsonReader::optionalDateTime(QLatin1StringView name) const
{
    if (isAbsent(name))
        return std::nullopt;
    return requiredDateTime(name);
}

QStringList JsonReader::optionalStringList(QLatin1StringView name) const
{
    QStringList list;
    const QJsonArray array = optionalArray(name);
    for (qsizetype i = 0; i < array.size(); ++i) {
        if (!array.at(i).isString())
            throw DecodeError(fieldPath(name) + QStringLiteral("[%1]").arg(i), QStringLiteral("expected a string"));
        list.append(array.at(i).toString());
    }
    return list;
}

QJsonObject JsonReader::requiredObject(QLatin1StringView name) const
{
    const QJsonValue value = require(name);
    if (!value.isObject())
        fail(name, QStringLiteral("expected an object"));
    return value.toObject();
}

std::optional<QJsonObject> JsonReader::optionalObject(QLatin1StringView name) const
{
    if (isAbsent(name))
        return std::nullopt;
    return requiredObject(name);
}

QJsonArray JsonReader::requiredArray(QLatin1StringView name) const
{
    const QJsonValue value = require(name);
    if (!value.isArray())
        fail(name, QStringLiteral("expected an array"));
    return value.toArray();
}

QJsonArray JsonReader::optionalArray(QLatin1StringView name) const
{
    return isAbsent(name) ? QJsonArray() : requiredArray(name);
}

QString isoUtc(const QDateTime &dateTime)
{
    return dateTime.toUTC().toString(Qt::ISODateWithMs);
}

} // namespace zeiko
