#pragma once
// Strict reading of one JSON object: every accessor names its field in the
// DecodeError it throws, with the object's path as prefix.

#include "domain/decode_error.h"
#include "domain/enums.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>

namespace zeiko {

class JsonReader
{
public:
    explicit JsonReader(const QJsonObject &object, QString path = {});

    QString requiredString(QLatin1StringView name) const;
    QString optionalString(QLatin1StringView name) const;          // missing/null -> empty
    qint64 requiredInt(QLatin1StringView name) const;
    std::optional<qint64> optionalInt(QLatin1StringView name) const;
    bool optionalBool(QLatin1StringView name, bool fallback) const;
    QDateTime requiredDateTime(QLatin1StringView name) const;
    std::optional<QDateTime> optionalDateTime(QLatin1StringView name) const;
    QStringList optionalStringList(QLatin1StringView name) const;
    QJsonObject requiredObject(QLatin1StringView name) const;
    std::optional<QJsonObject> optionalObject(QLatin1StringView name) const;
    QJsonArray requiredArray(QLatin1StringView name) const;
    QJsonArray optionalArray(QLatin1StringView name) const;

    template<typename E> E requiredEnum(QLatin1StringView name) const
    {
        const QString text = requiredString(name);
        if (const auto value = enumFromString<E>(text))
            return *value;
        throw DecodeError(fieldPath(name), QStringLiteral("unknown value \"%1\"").arg(text));
    }
    template<typename E> std::optional<E> optionalEnum(QLatin1StringView name) const
    {
        if (isAbsent(name))
            return std::nullopt;
        return requiredEnum<E>(name);
    }

    QString fieldPath(QLatin1StringView name) const;
    QString path() const { return m_path; }
    bool isAbsent(QLatin1StringView name) const;   // missing or null
    [[noreturn]] void fail(QLatin1StringView name, const QString &reason) const;

private:
    QJsonValue require(QLatin1StringView name) const;

    QJsonObject m_object;
    QString m_path;
};

QString isoUtc(const QDateTime &dateTime);   // wire format of every timestamp

} // namespace zeiko
