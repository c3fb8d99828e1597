#include "domain/codecs.h"

#include "domain/json_reader.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace zeiko {

namespace {

using namespace Qt::StringLiterals;

void putOptional(QJsonObject &object, const QString &key, const std::optional<QDateTime> &value)
{
    if (value)
        object.insert(key, isoUtc(*value));
}

void putNonEmpty(QJsonObject &object, const QString &key, const QString &value)
{
    if (!value.isEmpty())
        object.insert(key, value);
}

QString indexPath(const QString &path, QLatin1StringView name, qsizetype index)
{
    const QString base = path.isEmpty() ? QString(name) : path + u'.' + name;
    return base + u'[' + QString::number(index) + u']';
}

template<typename T>
QList<T> readList(const JsonReader &reader, const QJsonArray &array, QLatin1StringView name)
{
    QList<T> list;
    list.reserve(array.size());
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QString path = indexPath(reader.path(), name, i);
        if (!array.at(i).isObject())
            throw DecodeError(path, u"expected an object"_s);
        list.append(fromJson<T>(array.at(i).toObject(), path));
    }
    return list;
}

template<typename T>
std::optional<T> readOptionalObject(const JsonReader &reader, QLatin1StringView name)
{
    if (const auto object = reader.optionalObject(name))
        return fromJson<T>(*object, reader.fieldPath(name));
    return std::nullopt;
}

template<typename T>
T readObject(const JsonReader &reader, QLatin1StringView name)
{
    return fromJson<T>(reader.requiredObject(name), reader.fieldPath(name));
}

} // namespace

// ---- Customer, Actor, Assignee ------------------------------------------

QJsonObject toJson(const Customer &v)
{
    return {{u"id"_s, v.id},
            {u"name"_s, v.name},
            {u"email"_s, v.email},
            {u"emailProblem"_s, v.emailProblem.isEmpty() ? QJsonValue() : QJsonValue(v.emailProblem)},
            {u"emailVerified"_s, v.emailVerified}};
}

template<> Customer fromJson<Customer>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    return {r.requiredString("id"_L1), r.optionalString("name"_L1), r.optionalString("email"_L1),
            r.optionalString("emailProblem"_L1), r.optionalBool("emailVerified"_L1, true)};
}

QJsonObject toJson(const Actor &v)
{
    return {{u"kind"_s, toString(v.kind)}, {u"id"_s, v.id}, {u"name"_s, v.name}};
}

template<> Actor fromJson<Actor>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    return {r.requiredEnum<ActorKind>("kind"_L1), r.optionalString("id"_L1), r.optionalString("name"_L1)};
}

QJsonObject toJson(const Assignee &v)
{
    return {{u"kind"_s, toString(v.kind)}, {u"id"_s, v.id}, {u"name"_s, v.name}};
}

template<> Assignee fromJson<Assignee>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    Assignee v{r.requiredEnum<ActorKind>("kind"_L1), r.requiredString("id"_L1), r.optionalString("name"_L1)};
    if (v.kind != ActorKind::Agent && v.kind != ActorKind::Operator)
        r.fail("kind"_L1, u"an assignee is an agent or an operator"_s);
    return v;
}

// ---- SLA -----------------------------------------------------------------

QJsonObject toJson(const Sla &v)
{
    QJsonObject o{{u"state"_s, toString(v.state)}};
    putOptional(o, u"firstResponseDue"_s, v.firstResponseDue);
    putOptional(o, u"nextResponseDue"_s, v.nextResponseDue);
    putOptional(o, u"resolutionDue"_s, v.resolutionDue);
    putOptional(o, u"firstRespondedAt"_s, v.firstRespondedAt);
    return o;
}

template<> Sla fromJson<Sla>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    Sla v;
    v.state = r.requiredEnum<SlaState>("state"_L1);
    v.firstResponseDue = r.optionalDateTime("firstResponseDue"_L1);
    v.nextResponseDue = r.optionalDateTime("nextResponseDue"_L1);
    v.resolutionDue = r.optionalDateTime("resolutionDue"_L1);
    v.firstRespondedAt = r.optionalDateTime("firstRespondedAt"_L1);
    return v;
}

// ---- Shopify -------------------------------------------------------------

QJsonObject toJson(const ShopifyLineItem &v)
{
    return {{u"title"_s, v.title}, {u"sku"_s, v.sku}, {u"quantity"_s, v.quantity}, {u"price"_s, v.price}};
}

template<> ShopifyLineItem fromJson<ShopifyLineItem>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    ShopifyLineItem v;
    v.title = r.requiredString("title"_L1);
    v.sku = r.optionalString("sku"_L1);
    v.quantity = int(r.requiredInt("quantity"_L1));
    v.price = r.requiredString("price"_L1);
    return v;
}

QJsonObject toJson(const ShopifyOrder &v)
{
    QJsonObject o{{u"orderId"_s, v.orderId},
                  {u"orderNumber"_s, v.orderNumber},
                  {u"financialStatus"_s, v.financialStatus},
                  {u"fulfillmentStatus"_s, v.fulfillmentStatus},
                  {u"currency"_s, v.currency},
                  {u"totalPrice"_s, v.totalPrice},
                  {u"lineItems"_s, toJsonArray(v.lineItems)}};
    putNonEmpty(o, u"trackingNumber"_s, v.trackingNumber);
    putNonEmpty(o, u"trackingUrl"_s, v.trackingUrl);
    putOptional(o, u"createdAt"_s, v.createdAt);
    return o;
}

template<> ShopifyOrder fromJson<ShopifyOrder>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    ShopifyOrder v;
    v.orderId = r.requiredString("orderId"_L1);
    v.orderNumber = r.requiredString("orderNumber"_L1);
    v.financialStatus = r.optionalString("financialStatus"_L1);
    v.fulfillmentStatus = r.optionalString("fulfillmentStatus"_L1);
    v.currency = r.optionalString("currency"_L1);
    v.totalPrice = r.optionalString("totalPrice"_L1);
    v.lineItems = readList<ShopifyLineItem>(r, r.optionalArray("lineItems"_L1), "lineItems"_L1);
    v.trackingNumber = r.optionalString("trackingNumber"_L1);
    v.trackingUrl = r.optionalString("trackingUrl"_L1);
    v.createdAt = r.optionalDateTime("createdAt"_L1);
    return v;
}

// ---- Ticket --------------------------------------------------------------

QJsonObject toJson(const Ticket &v)
{
    QJsonObject o{{u"id"_s, v.id},
                  {u"number"_s, v.number},
                  {u"key"_s, v.key},
                  {u"subject"_s, v.subject},
                  {u"customer"_s, toJson(v.customer)},
                  {u"source"_s, toString(v.source)},
                  {u"status"_s, toString(v.status)},
                  {u"priority"_s, toString(v.priority)},
                  {u"ownerMode"_s, toString(v.ownerMode)},
                  {u"sla"_s, toJson(v.sla)},
                  {u"createdAt"_s, isoUtc(v.createdAt)},
                  {u"lastActivityAt"_s, isoUtc(v.lastActivityAt)},
                  {u"tags"_s, QJsonArray::fromStringList(v.tags)},
                  {u"version"_s, v.version}};
    o.insert(u"assignee"_s, v.assignee ? QJsonValue(toJson(*v.assignee)) : QJsonValue::Null);
    putNonEmpty(o, u"handoffId"_s, v.handoffId);
    if (v.shopifyOrder)
        o.insert(u"shopifyOrder"_s, toJson(*v.shopifyOrder));
    if (v.csat)
        o.insert(u"csat"_s, *v.csat);
    return o;
}

template<> Ticket fromJson<Ticket>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    Ticket v;
    v.id = r.requiredInt("id"_L1);
    v.number = r.requiredInt("number"_L1);
    v.key = r.optionalString("key"_L1);
    v.subject = r.requiredString("subject"_L1);
    v.customer = readObject<Customer>(r, "customer"_L1);
    v.source = r.requiredEnum<Source>("source"_L1);
    v.status = r.requiredEnum<TicketStatus>("status"_L1);
    v.priority = r.requiredEnum<Priority>("priority"_L1);
    v.assignee = readOptionalObject<Assignee>(r, "assignee"_L1);
    v.ownerMode = r.requiredEnum<OwnerMode>("ownerMode"_L1);
    v.sla = readObject<Sla>(r, "sla"_L1);
    v.createdAt = r.requiredDateTime("createdAt"_L1);
    v.lastActivityAt = r.requiredDateTime("lastActivityAt"_L1);
    v.handoffId = r.optionalString("handoffId"_L1);
    v.shopifyOrder = readOptionalObject<ShopifyOrder>(r, "shopifyOrder"_L1);
    if (const auto csat = r.optionalInt("csat"_L1)) {
        if (*csat < 1 || *csat > 5)
            r.fail("csat"_L1, u"expected a score from 1 to 5"_s);
        v.csat = int(*csat);
    }
    v.tags = r.optionalStringList("tags"_L1);
    v.version = r.requiredInt("version"_L1);
    return v;
}

// ---- ThreadEntry, Handoff -----------------------------------------------

QJsonObject toJson(const ThreadEntry &v)
{
    QJsonObject o{{u"id"_s, v.id},
                  {u"ticketId"_s, v.ticketId},
                  {u"kind"_s, toString(v.kind)},
                  {u"author"_s, toJson(v.author)},
                  {u"visibility"_s, toString(v.visibility)},
                  {u"body"_s, v.body},
                  {u"createdAt"_s, isoUtc(v.createdAt)}};
    putNonEmpty(o, u"requestId"_s, v.requestId);
    putNonEmpty(o, u"eventStatus"_s, v.eventStatus);
    return o;
}

template<> ThreadEntry fromJson<ThreadEntry>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    ThreadEntry v;
    v.id = r.requiredInt("id"_L1);
    v.ticketId = r.requiredInt("ticketId"_L1);
    v.kind = r.requiredEnum<EntryKind>("kind"_L1);
    v.author = readObject<Actor>(r, "author"_L1);
    v.visibility = r.requiredEnum<Visibility>("visibility"_L1);
    v.body = r.optionalString("body"_L1);
    v.createdAt = r.requiredDateTime("createdAt"_L1);
    v.requestId = r.optionalString("requestId"_L1);
    v.eventStatus = r.optionalString("eventStatus"_L1);
    if (v.kind == EntryKind::InternalNote && v.visibility != Visibility::Internal)
        r.fail("visibility"_L1, u"an internal note is never public"_s);
    return v;
}

QJsonObject toJson(const Handoff &v)
{
    QJsonObject o{{u"id"_s, v.id},
                  {u"ticketId"_s, v.ticketId},
                  {u"state"_s, toString(v.state)},
                  {u"agentId"_s, v.agentId},
                  {u"conversationId"_s, v.conversationId},
                  {u"requestedAt"_s, isoUtc(v.requestedAt)},
                  {u"updatedAt"_s, isoUtc(v.updatedAt)}};
    o.insert(u"assignee"_s, v.assignee ? QJsonValue(toJson(*v.assignee)) : QJsonValue::Null);
    return o;
}

template<> Handoff fromJson<Handoff>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    Handoff v;
    v.id = r.requiredString("id"_L1);
    v.ticketId = r.requiredInt("ticketId"_L1);
    v.state = r.requiredEnum<HandoffState>("state"_L1);
    v.assignee = readOptionalObject<Assignee>(r, "assignee"_L1);
    v.agentId = r.optionalString("agentId"_L1);
    v.conversationId = r.requiredString("conversationId"_L1);
    v.requestedAt = r.requiredDateTime("requestedAt"_L1);
    v.updatedAt = r.requiredDateTime("updatedAt"_L1);
    return v;
}

// ---- Operator, Tenant ----------------------------------------------------

QJsonObject toJson(const Operator &v)
{
    return {{u"id"_s, v.id},
            {u"email"_s, v.email},
            {u"displayName"_s, v.displayName},
            {u"role"_s, toString(v.role)},
            {u"skills"_s, QJsonArray::fromStringList(v.skills)},
            {u"maxOpenAssignments"_s, v.maxOpenAssignments}};
}

template<> Operator fromJson<Operator>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    Operator v;
    v.id = r.requiredString("id"_L1);
    v.email = r.requiredString("email"_L1);
    v.displayName = r.requiredString("displayName"_L1);
    v.role = r.requiredEnum<OperatorRole>("role"_L1);
    v.skills = r.optionalStringList("skills"_L1);
    v.maxOpenAssignments = int(r.optionalInt("maxOpenAssignments"_L1).value_or(0));
    return v;
}

QJsonObject toJson(const Tenant &v)
{
    return {{u"id"_s, v.id}, {u"slug"_s, v.slug}, {u"name"_s, v.name}};
}

template<> Tenant fromJson<Tenant>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    return {r.requiredString("id"_L1), r.requiredString("slug"_L1), r.optionalString("name"_L1)};
}

// ---- Targets and events ----------------------------------------------------

QJsonObject toJson(const CommandTarget &v)
{
    QJsonObject o{{u"kind"_s, toString(v.kind)}};
    if (v.kind == TargetKind::Ticket)
        o.insert(u"ticketId"_s, v.ticketId);
    return o;
}

template<> CommandTarget fromJson<CommandTarget>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    CommandTarget v;
    v.kind = r.requiredEnum<TargetKind>("kind"_L1);
    if (v.kind == TargetKind::Ticket) {
        v.ticketId = r.requiredInt("ticketId"_L1);
        if (v.ticketId <= 0)
            r.fail("ticketId"_L1, u"expected a ticket id"_s);
    }
    return v;
}

QJsonObject toJson(const Event &v)
{
    QJsonObject o{{u"seq"_s, v.seq},
                  {u"type"_s, v.unknownType.isEmpty() ? toString(v.type) : v.unknownType},
                  {u"ticketId"_s, v.scope == TargetKind::Ticket ? QJsonValue(v.ticketId) : QJsonValue()},
                  {u"at"_s, isoUtc(v.at)}};
    if (v.scope != TargetKind::Ticket)   // absent: a ticket's (every event before tenant-level ones existed)
        o.insert(u"scope"_s, toString(v.scope));
    putNonEmpty(o, u"requestId"_s, v.requestId);
    if (v.ticket)
        o.insert(u"ticket"_s, toJson(*v.ticket));
    if (v.entry)
        o.insert(u"entry"_s, toJson(*v.entry));
    if (v.handoff)
        o.insert(u"handoff"_s, toJson(*v.handoff));
    if (v.type == EventType::HandoffSettingsUpdated && v.unknownType.isEmpty())
        o.insert(u"handoffSettings"_s, v.handoffSettings);
    return o;
}

template<> Event fromJson<Event>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    Event v;
    v.seq = r.requiredInt("seq"_L1);
    if (v.seq <= 0)
        r.fail("seq"_L1, u"expected a positive sequence number"_s);
    v.at = r.requiredDateTime("at"_L1);
    v.requestId = r.optionalString("requestId"_L1);
    const QString type = r.requiredString("type"_L1);
    if (const auto known = enumFromString<EventType>(type)) {
        v.type = *known;
    } else {
        // A newer server's kind: kept by its seq (so the cursor moves past
        // it), its payload unread.
        v.unknownType = type;
        v.ticketId = r.optionalInt("ticketId"_L1).value_or(0);
        return v;
    }
    v.scope = r.optionalEnum<TargetKind>("scope"_L1).value_or(TargetKind::Ticket);
    if (v.scope == TargetKind::Ticket)
        v.ticketId = r.requiredInt("ticketId"_L1);
    else if (!r.isAbsent("ticketId"_L1))
        r.fail("ticketId"_L1, u"expected null for a %1-level event"_s.arg(toString(v.scope)));
    v.ticket = readOptionalObject<Ticket>(r, "ticket"_L1);
    v.entry = readOptionalObject<ThreadEntry>(r, "entry"_L1);
    v.handoff = readOptionalObject<Handoff>(r, "handoff"_L1);
    v.handoffSettings = r.optionalObject("handoffSettings"_L1).value_or(QJsonObject());
    // Each type promises its payload; a consumer can rely on it.
    switch (v.type) {
    case EventType::TicketCreated:
    case EventType::TicketUpdated:
    case EventType::EntryAdded:
        if (!v.ticket)
            r.fail("ticket"_L1, u"missing required field"_s);
        if (v.type == EventType::EntryAdded && !v.entry)
            r.fail("entry"_L1, u"missing required field"_s);
        break;
    case EventType::HandoffUpdated:
        if (!v.handoff)
            r.fail("handoff"_L1, u"missing required field"_s);
        break;
    case EventType::HandoffSettingsUpdated:
        if (v.scope != TargetKind::Tenant)
            r.fail("scope"_L1, u"expected \"tenant\""_s);
        if (v.handoffSettings.isEmpty())
            r.fail("handoffSettings"_L1, u"missing required field"_s);
        break;
    }
    return v;
}

// ---- Command -------------------------------------------------------------

QJsonObject toJson(const Command &v)
{
    QJsonObject o{{u"requestId"_s, v.requestId}, {u"type"_s, toString(v.type)}};
    if (v.ticketId != 0)
        o.insert(u"ticketId"_s, v.ticketId);
    if (!v.targets.isEmpty())
        o.insert(u"targets"_s, toJsonArray(v.targets));
    if (v.baseVersion)
        o.insert(u"baseVersion"_s, *v.baseVersion);
    putNonEmpty(o, u"body"_s, v.body);
    if (v.priority)
        o.insert(u"priority"_s, toString(*v.priority));
    putNonEmpty(o, u"assigneeId"_s, v.assigneeId);
    putNonEmpty(o, u"reason"_s, v.reason);
    putNonEmpty(o, u"agentId"_s, v.agentId);
    if (!v.settings.isEmpty())
        o.insert(u"settings"_s, v.settings);
    return o;
}

template<> Command fromJson<Command>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    Command v;
    v.requestId = r.optionalString("requestId"_L1);   // the header is authoritative on the wire
    v.type = r.requiredEnum<CommandType>("type"_L1);
    v.ticketId = r.optionalInt("ticketId"_L1).value_or(0);
    v.baseVersion = r.optionalInt("baseVersion"_L1);
    v.body = r.optionalString("body"_L1);
    v.priority = r.optionalEnum<Priority>("priority"_L1);
    v.assigneeId = r.optionalString("assigneeId"_L1);
    v.reason = r.optionalString("reason"_L1);
    v.targets = readList<CommandTarget>(r, r.optionalArray("targets"_L1), "targets"_L1);
    v.agentId = r.optionalString("agentId"_L1);
    v.settings = r.optionalObject("settings"_L1).value_or(QJsonObject());
    switch (v.type) {
    case CommandType::EmailReply:
    case CommandType::ChatReply:
    case CommandType::InternalNote:
        if (v.body.trimmed().isEmpty())
            r.fail("body"_L1, u"missing required field"_s);
        break;
    case CommandType::SetPriority:
        if (!v.priority)
            r.fail("priority"_L1, u"missing required field"_s);
        break;
    case CommandType::Assign:
        if (v.assigneeId.isEmpty())
            r.fail("assigneeId"_L1, u"missing required field"_s);
        break;
    case CommandType::ForceClose:
        if (v.reason.trimmed().isEmpty())
            r.fail("reason"_L1, u"missing required field"_s);
        break;
    case CommandType::TakeOver:
    case CommandType::Reopen:
    case CommandType::Close:
    case CommandType::Unassign:
    case CommandType::ResolveHandoff:
        break;
    case CommandType::UpdateHandoffSettings:   // its targets: the server checks them against the tenant
        if (v.agentId.trimmed().isEmpty())
            r.fail("agentId"_L1, u"missing required field"_s);
        if (v.settings.isEmpty())
            r.fail("settings"_L1, u"missing required field"_s);
        break;
    }
    return v;
}

QJsonObject toJson(const CommandResult &v)
{
    QJsonObject o{{u"ticket"_s, toJson(v.ticket)}, {u"seq"_s, v.seq}};
    if (v.entry)
        o.insert(u"entry"_s, toJson(*v.entry));
    return o;
}

template<> CommandResult fromJson<CommandResult>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    CommandResult v;
    v.ticket = readObject<Ticket>(r, "ticket"_L1);
    v.entry = readOptionalObject<ThreadEntry>(r, "entry"_L1);
    v.seq = r.requiredInt("seq"_L1);
    return v;
}

// ---- Pages and errors ----------------------------------------------------

QJsonObject toJson(const SnapshotPage &v)
{
    QJsonObject o{{u"seq"_s, v.seq}, {u"tickets"_s, toJsonArray(v.tickets)}};
    o.insert(u"nextCursor"_s, v.nextCursor.isEmpty() ? QJsonValue::Null : QJsonValue(v.nextCursor));
    return o;
}

template<> SnapshotPage fromJson<SnapshotPage>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    SnapshotPage v;
    v.seq = r.requiredInt("seq"_L1);
    v.tickets = readList<Ticket>(r, r.requiredArray("tickets"_L1), "tickets"_L1);
    v.nextCursor = r.optionalString("nextCursor"_L1);
    return v;
}

QJsonObject toJson(const EventPage &v)
{
    return {{u"events"_s, toJsonArray(v.events)}, {u"head"_s, v.head}, {u"hasMore"_s, v.hasMore}};
}

template<> EventPage fromJson<EventPage>(const QJsonObject &o, const QString &path)
{
    const JsonReader r(o, path);
    EventPage v;
    v.events = readList<Event>(r, r.requiredArray("events"_L1), "events"_L1);
    v.head = r.requiredInt("head"_L1);
    v.hasMore = r.optionalBool("hasMore"_L1, false);
    return v;
}

QJsonObject toJson(const ApiError &v)
{
    QJsonObject error{{u"code"_s, v.code}, {u"message"_s, v.message}};
    if (v.currentTicket)
        error.insert(u"currentTicket"_s, toJson(*v.currentTicket));
    return {{u"error"_s, error}};
}

template<> ApiError fromJson<ApiError>(const QJsonObject &o, const QString &path)
{
    const JsonReader outer(o, path);
    const QJsonObject error = outer.requiredObject("error"_L1);
    const JsonReader r(error, outer.fieldPath("error"_L1));
    ApiError v;
    v.code = r.requiredString("code"_L1);
    v.message = r.optionalString("message"_L1);
    v.currentTicket = readOptionalObject<Ticket>(r, "currentTicket"_L1);
    return v;
}

QJsonObject parseJsonObject(const QByteArray &bytes)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError)
        throw DecodeError(u"$"_s, u"malformed JSON at offset %1: %2"_s.arg(error.offset).arg(error.errorString()));
    if (!document.isObject())
        throw DecodeError(u"$"_s, u"expected a JSON object"_s);
    return document.object();
}

} // namespace zeiko
