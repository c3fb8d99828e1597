#include "net/api_types.h"

#include "domain/codecs.h"
#include "domain/json_reader.h"

namespace zeiko {

using namespace Qt::StringLiterals;

namespace {

template<typename T> QList<T> readArray(const JsonReader &reader, QLatin1StringView name)
{
    const QJsonArray array = reader.requiredArray(name);
    QList<T> list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = reader.fieldPath(name) + u'[' + QString::number(i) + u']';
        if (!array.at(i).isObject())
            throw DecodeError(path, u"expected an object"_s);
        list.append(fromJson<T>(array.at(i).toObject(), path));
    }
    return list;
}

} // namespace

Session decodeSession(const QJsonObject &object)
{
    const JsonReader r(object);
    return {fromJson<Operator>(r.requiredObject("operator"_L1), u"operator"_s),
            fromJson<Tenant>(r.requiredObject("tenant"_L1), u"tenant"_s)};
}

SignInResult decodeSignIn(const QJsonObject &object)
{
    const JsonReader r(object);
    return {r.requiredString("token"_L1), decodeSession(object)};
}

TicketDetail decodeTicketDetail(const QJsonObject &object)
{
    const JsonReader r(object);
    TicketDetail detail;
    detail.ticket = fromJson<Ticket>(r.requiredObject("ticket"_L1), u"ticket"_s);
    detail.entries = readArray<ThreadEntry>(r, "entries"_L1);
    if (const auto handoff = r.optionalObject("handoff"_L1))
        detail.handoff = fromJson<Handoff>(*handoff, u"handoff"_s);
    return detail;
}

TicketListPage decodeTicketList(const QJsonObject &object)
{
    const JsonReader r(object);
    return {readArray<Ticket>(r, "tickets"_L1), r.optionalString("nextCursor"_L1)};
}

QList<Operator> decodeOperators(const QJsonObject &object)
{
    return readArray<Operator>(JsonReader(object), "operators"_L1);
}

QJsonObject toJson(const NewTicket &v)
{
    QJsonObject o{{u"subject"_s, v.subject},
                  {u"customer"_s, QJsonObject{{u"email"_s, v.customer.email}, {u"name"_s, v.customer.name}}},
                  {u"source"_s, toString(v.source)},
                  {u"body"_s, v.body}};
    if (v.priority)
        o.insert(u"priority"_s, toString(*v.priority));
    return o;
}

} // namespace zeiko
