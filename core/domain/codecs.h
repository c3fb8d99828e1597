#pragma once
// JSON codecs for every domain type, shared by server and console.
// Decoding is strict: a missing required field or an unknown enum spelling
// throws DecodeError naming the field; nothing is silently defaulted.

#include "domain/decode_error.h"
#include "domain/types.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace zeiko {

QJsonObject toJson(const Customer &value);
QJsonObject toJson(const Actor &value);
QJsonObject toJson(const Assignee &value);
QJsonObject toJson(const Sla &value);
QJsonObject toJson(const ShopifyLineItem &value);
QJsonObject toJson(const ShopifyOrder &value);
QJsonObject toJson(const Ticket &value);
QJsonObject toJson(const ThreadEntry &value);
QJsonObject toJson(const Handoff &value);
QJsonObject toJson(const Operator &value);
QJsonObject toJson(const Tenant &value);
QJsonObject toJson(const CommandTarget &value);
QJsonObject toJson(const Event &value);
QJsonObject toJson(const Command &value);
QJsonObject toJson(const CommandResult &value);
QJsonObject toJson(const SnapshotPage &value);
QJsonObject toJson(const EventPage &value);
QJsonObject toJson(const ApiError &value);   // {"error": {...}}

// `path` prefixes field names in errors (e.g. "events[2]").
template<typename T> T fromJson(const QJsonObject &object, const QString &path = {});

template<> Customer fromJson<Customer>(const QJsonObject &, const QString &);
template<> Actor fromJson<Actor>(const QJsonObject &, const QString &);
template<> Assignee fromJson<Assignee>(const QJsonObject &, const QString &);
template<> Sla fromJson<Sla>(const QJsonObject &, const QString &);
template<> ShopifyLineItem fromJson<ShopifyLineItem>(const QJsonObject &, const QString &);
template<> ShopifyOrder fromJson<ShopifyOrder>(const QJsonObject &, const QString &);
template<> Ticket fromJson<Ticket>(const QJsonObject &, const QString &);
template<> ThreadEntry fromJson<ThreadEntry>(const QJsonObject &, const QString &);
template<> Handoff fromJson<Handoff>(const QJsonObject &, const QString &);
template<> Operator fromJson<Operator>(const QJsonObject &, const QString &);
template<> Tenant fromJson<Tenant>(const QJsonObject &, const QString &);
template<> CommandTarget fromJson<CommandTarget>(const QJsonObject &, const QString &);
template<> Event fromJson<Event>(const QJsonObject &, const QString &);
template<> Command fromJson<Command>(const QJsonObject &, const QString &);
template<> CommandResult fromJson<CommandResult>(const QJsonObject &, const QString &);
template<> SnapshotPage fromJson<SnapshotPage>(const QJsonObject &, const QString &);
template<> EventPage fromJson<EventPage>(const QJsonObject &, const QString &);
template<> ApiError fromJson<ApiError>(const QJsonObject &, const QString &);

// Parses bytes as a JSON object, then decodes it. Malformed JSON or a
// non-object top level is a DecodeError on field "$".
QJsonObject parseJsonObject(const QByteArray &bytes);
template<typename T> T decode(const QByteArray &bytes)
{
    return fromJson<T>(parseJsonObject(bytes));
}

// Compact UTF-8 JSON of any encodable value.
template<typename T> QByteArray encode(const T &value)
{
    return QJsonDocument(toJson(value)).toJson(QJsonDocument::Compact);
}

template<typename T> QJsonArray toJsonArray(const QList<T> &values)
{
    QJsonArray array;
    for (const T &value : values)
        array.append(toJson(value));
    return array;
}

} // namespace zeiko

