#include "widget/widget_service.h"

#include "channels/ticket_ops.h"
#include "domain/codecs.h"
#include "domain/mailbox.h"
#include "domain/json_reader.h"
#include "routing/handoff_flow.h"
#include "routing/handoff_settings.h"
#include "routing/handoff_settings_command.h"
#include "service/command_rules.h"
#include "service/service_error.h"
#include "service/sla_policy.h"
#include "store/account_store.h"
#include "store/agent_token_store.h"
#include "store/sql.h"
#include "store/ticket_store.h"

#include <QCryptographicHash>
#include <QJsonArray>
#include <QRandomGenerator>

namespace zeiko::widget {

using namespace Qt::StringLiterals;
using channels::TenantTx;
using service::ServiceError;

namespace {

constexpr qsizetype maxBodyChars = 100'000;

// The name an AI agent that sends none goes by: the one it gave before — the
// ticket's assignee while the agent holds it, else its latest named line in
// the thread — never its id where a name is known (the queue shows the name).
QString agentNameOf(QSqlDatabase &db, qint64 tenantId, const Ticket &t, const QString &agentId, const QString &given)
{
    if (!given.isEmpty())
        return given;
    if (t.assignee && t.assignee->kind == ActorKind::Agent && t.assignee->id == agentId && !t.assignee->name.isEmpty())
        return t.assignee->name;
    QString known;
    for (const ThreadEntry &e : store::listEntries(db, tenantId, t.id, 0, 500)) {
        if (e.author.kind == ActorKind::Agent && e.author.id == agentId && !e.author.name.isEmpty()
            && e.author.name != agentId)
            known = e.author.name;
    }
    return known.isEmpty() ? agentId : known;
}

QString randomId(const char *prefix)
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(prefix) +
           QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

QString requiredRequestId(const JsonReader &r)
{
    const QString id = r.requiredString("clientRequestId"_L1).trimmed();
    if (id.isEmpty() || id.size() > 200)
        r.fail("clientRequestId"_L1, u"expected 1 to 200 characters"_s);
    return id;
}

// The secret a visitor's client creates with its first start request and
// keeps (128 random bits or more, so at least 32 characters).
QString requiredVisitorToken(const JsonReader &r)
{
    const QString token = r.requiredString("visitorToken"_L1);
    if (token.size() < 32 || token.size() > 200)
        r.fail("visitorToken"_L1, u"expected 32 to 200 characters (a random secret the client keeps)"_s);
    return token;
}

// What a retried start is recognised by: the request id *of this visitor*.
// Scoping it by (a hash of) the visitor's secret means a stranger who learns
// or guesses a clientRequestId starts a conversation of their own instead of
// being handed the other visitor's conversation id and history.
QString startKey(const QString &visitorToken, const QString &requestId)
{
    return QString::fromLatin1(QCryptographicHash::hash(visitorToken.toUtf8(), QCryptographicHash::Sha256).toHex()) +
           u':' + requestId;
}

QString requiredBody(const JsonReader &r)
{
    const QString body = r.requiredString("body"_L1);
    if (body.trimmed().isEmpty())
        r.fail("body"_L1, u"must not be empty"_s);
    if (body.size() > maxBodyChars)
        r.fail("body"_L1, u"longer than %1 characters"_s.arg(maxBodyChars));
    return body;
}

QJsonObject messageJson(const ThreadEntry &e)
{
    QString role = u"visitor"_s;
    if (e.kind == EntryKind::AgentReply)
        role = u"agent"_s;
    else if (e.kind == EntryKind::HumanReply)
        role = u"human"_s;
    return {{u"id"_s, QString::number(e.id)},
            {u"role"_s, role},
            {u"authorName"_s, e.author.name},
            {u"body"_s, e.body},
            {u"createdAt"_s, e.createdAt.toString(Qt::ISODateWithMs)},
            {u"clientRequestId"_s, e.requestId.isEmpty() ? QJsonValue() : QJsonValue(e.requestId)}};
}

bool humanOwned(const Ticket &t, const std::optional<Handoff> &h)
{
    return t.ownerMode == OwnerMode::Human || service::isHandoffOpen(h);
}

QString conversationState(const Ticket &t, const std::optional<Handoff> &h)
{
    if (t.status == TicketStatus::Resolved || t.status == TicketStatus::Closed)
        return u"resolved"_s;
    if (h && h->state == HandoffState::Active)
        return u"human"_s;
    if (service::isHandoffOpen(h))
        return u"waiting_for_human"_s;
    return t.ownerMode == OwnerMode::Human ? u"human"_s : u"bot"_s;
}

Ticket requireTicket(QSqlDatabase &db, qint64 tenantId, TicketId id)
{
    const auto t = store::findTicket(db, tenantId, id);
    if (!t)
        throw service::errors::notFound(u"No such conversation"_s);
    return *t;
}

} // namespace

WidgetService::WidgetService(store::Database &database, channels::CommitNotifier notify, const channels::Clock &clock,
                             channels::MailSettings mail)
    : m_db(database)
    , m_notify(std::move(notify))
    , m_commands(database, m_notify)
    , m_clock(clock)
    , m_mail(std::move(mail))
{
}

WidgetService::ConversationRow WidgetService::findConversation(const QString &conversationId)
{
    if (conversationId.size() > 100)
        throw service::errors::notFound(u"No such conversation"_s);
    return m_db.read([&](QSqlDatabase &db) {
        QSqlQuery q = store::run(db,
                                 u"SELECT tenant_id, ticket_id, public_id, agent_id, csat_requested "
                                 "FROM widget_conversations WHERE public_id = ?"_s,
                                 {conversationId});
        if (!q.next())
            throw service::errors::notFound(u"No such conversation"_s);
        return ConversationRow{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                               q.value(3).toString(), q.value(4).toInt() != 0};
    });
}

WidgetService::ConversationRow WidgetService::findAgentConversation(qint64 agentTenantId, const QString &conversationId)
{
    const ConversationRow row = findConversation(conversationId);
    if (row.tenantId != agentTenantId)   // the same answer as an unknown id: nothing about other tenants leaks
        throw service::errors::notFound(u"No such conversation"_s);
    return row;
}

std::optional<qint64> WidgetService::agentTenant(const QByteArray &token)
{
    if (token.isEmpty())
        return std::nullopt;
    const QByteArray hash = QCryptographicHash::hash(token, QCryptographicHash::Sha256);
    return m_db.read([&](QSqlDatabase &db) { return store::tenantOfAgentToken(db, hash); });
}

QJsonObject WidgetService::conversationJson(QSqlDatabase &db, const ConversationRow &row)
{
    const Ticket t = requireTicket(db, row.tenantId, row.ticketId);
    const auto handoff = store::findHandoff(db, row.tenantId, t.handoffId);
    QJsonArray messages;
    EntryId after = 0;
    for (;;) {
        const QList<ThreadEntry> page = store::listEntries(db, row.tenantId, t.id, after, 500);
        for (const ThreadEntry &e : page) {
            // Customer-visible conversation only: never internal notes or system events.
            if (e.visibility == Visibility::Public &&
                (e.kind == EntryKind::CustomerMessage || e.kind == EntryKind::AgentReply || e.kind == EntryKind::HumanReply))
                messages.append(messageJson(e));
            after = e.id;
        }
        if (page.size() < 500)
            break;
    }
    QSqlQuery q = store::run(db, u"SELECT csat_requested FROM widget_conversations WHERE public_id = ?"_s, {row.publicId});
    const bool csatRequested = q.next() && q.value(0).toInt() != 0;
    return {{u"conversationId"_s, row.publicId},
            {u"ticketNumber"_s, t.number},
            {u"state"_s, conversationState(t, handoff)},
            {u"humanOwned"_s, humanOwned(t, handoff)},
            {u"csatRequested"_s, csatRequested},
            {u"csat"_s, t.csat ? QJsonValue(*t.csat) : QJsonValue()},
            {u"messages"_s, messages}};
}

JsonResult WidgetService::startConversation(const QString &accountSlug, const QByteArray &body, const QString &clientAddress)
{
    // Before any parsing or database work: the limit is what keeps a flood cheap.
    if (const auto retryAfter = m_startLimit->admit(clientAddress, m_clock.nowMs())) {
        ServiceError error(429, "too_many_requests", u"Too many new conversations from this address; retry later"_s);
        error.retryAfterSeconds = *retryAfter;
        throw error;
    }
    const JsonReader r(parseJsonObject(body));
    const QString requestId = requiredRequestId(r);
    const QString key = startKey(requiredVisitorToken(r), requestId);
    const QString text = requiredBody(r);
    const QString agentId = r.requiredString("agentId"_L1).trimmed();
    if (agentId.isEmpty() || agentId.size() > 100)
        r.fail("agentId"_L1, u"expected 1 to 100 characters"_s);
    const QString agentName = r.optionalString("agentName"_L1).left(200);
    const auto visitor = r.optionalObject("visitor"_L1);
    const JsonReader v(visitor.value_or(QJsonObject{}), r.fieldPath("visitor"_L1));
    const QString email = v.optionalString("email"_L1).trimmed().left(320);
    const QString name = v.optionalString("name"_L1).trimmed().left(200);
    if (!email.isEmpty())
        if (const QString problem = mailboxProblem(email); !problem.isEmpty())
            v.fail("email"_L1, problem);

    const auto tenant = m_db.read([&](QSqlDatabase &db) { return store::findTenantBySlug(db, accountSlug); });
    if (!tenant)
        throw service::errors::notFound(u"No such account"_s);
    const qint64 tenantId = tenant->id.toLongLong();
    const QDateTime now = m_clock.now();

    const ConversationRow row = channels::tenantWrite(m_db, tenantId, m_notify, [&](TenantTx &tx) {
        QSqlQuery q = store::run(tx.db(),
                                 u"SELECT tenant_id, ticket_id, public_id, agent_id, csat_requested FROM widget_conversations "
                                 "WHERE tenant_id = ? AND start_request_id = ?"_s,
                                 {tenantId, key});
        if (q.next())   // this visitor retried its start: the conversation it created
            return ConversationRow{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toString(),
                                   q.value(3).toString(), q.value(4).toInt() != 0};
        channels::NewTicket n;
        n.subject = text.simplified().left(80);
        n.customerEmail = email;
        n.customerEmailUnverified = true;   // typed into the widget: a claim, not an identity
        n.customerName = name.isEmpty() ? u"Website visitor"_s : name;
        n.source = Source::Widget;
        n.assignee = Assignee{ActorKind::Agent, agentId, agentName.isEmpty() ? agentId : agentName};
        n.tags = {u"widget"_s};
        ThreadEntry first;
        first.kind = EntryKind::CustomerMessage;
        first.visibility = Visibility::Public;
        first.body = text;
        first.requestId = requestId;
        const channels::TicketWithEntry created = channels::createTicket(tx, n, first, now);
        ConversationRow created_row{tenantId, created.ticket.id, randomId("wc_"), agentId, false};
        store::run(tx.db(),
                   u"INSERT INTO widget_conversations (tenant_id, public_id, agent_id, ticket_id, start_request_id, "
                   "csat_requested, created_at) VALUES (?, ?, ?, ?, ?, 0, ?)"_s,
                   {tenantId, created_row.publicId, agentId, qlonglong(created.ticket.id), key,
                    now.toMSecsSinceEpoch()});
        return created_row;
    });
    const QJsonObject json = m_db.read([&](QSqlDatabase &db) { return conversationJson(db, row); });
    return {201, json};
}

JsonResult WidgetService::visitorMessage(const QString &conversationId, const QByteArray &body)
{
    const JsonReader r(parseJsonObject(body));
    const QString requestId = requiredRequestId(r);
    const QString text = requiredBody(r);
    const ConversationRow row = findConversation(conversationId);
    const QDateTime now = m_clock.now();
    return channels::tenantWrite(m_db, row.tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        // Only the visitor's own messages: an internal note or an agent reply
        // with the same request id must never be handed to the visitor.
        if (const auto stored = channels::findOwnEntryByRequestId(tx.db(), row.tenantId, row.ticketId, requestId,
                                                                  EntryKind::CustomerMessage, ActorKind::Customer))
            return {200, {{u"message"_s, messageJson(*stored)}, {u"duplicate"_s, true}}};
        const Ticket t = requireTicket(tx.db(), row.tenantId, row.ticketId);
        if (t.status == TicketStatus::Closed)
            throw ServiceError(409, "conversation_closed", u"This conversation is closed; start a new one"_s);
        ThreadEntry entry;
        entry.body = text;
        entry.requestId = requestId;
        const channels::TicketWithEntry added = channels::appendCustomerMessage(tx, t, entry, now);
        return {201, {{u"message"_s, messageJson(added.entry)}, {u"duplicate"_s, false}}};
    });
}

JsonResult WidgetService::conversation(const QString &conversationId)
{
    const ConversationRow row = findConversation(conversationId);
    return {200, m_db.read([&](QSqlDatabase &db) { return conversationJson(db, row); })};
}

JsonResult WidgetService::rate(const QString &conversationId, const QByteArray &body)
{
    const JsonReader r(parseJsonObject(body));
    const qint64 score = r.optionalInt("score"_L1).value_or(0);
    if (score < 1 || score > 5)
        r.fail("score"_L1, u"expected an integer from 1 to 5"_s);
    const QString comment = r.optionalString("comment"_L1).trimmed().left(2000);
    const ConversationRow row = findConversation(conversationId);
    const QDateTime now = m_clock.now();
    return channels::tenantWrite(m_db, row.tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        Ticket t = requireTicket(tx.db(), row.tenantId, row.ticketId);
        QSqlQuery q = store::run(tx.db(), u"SELECT csat_requested FROM widget_conversations WHERE public_id = ?"_s,
                                 {row.publicId});
        const bool requested = q.next() && q.value(0).toInt() != 0;
        if (!requested)
            throw ServiceError(409, "csat_not_available", u"Ratings open once the conversation is resolved"_s);
        if (t.csat == int(score))
            return {200, {{u"csat"_s, int(score)}}};
        t.csat = int(score);
        t.version += 1;
        store::updateTicket(tx.db(), row.tenantId, t);
        QString text = u"Customer rated the conversation %1/5"_s.arg(score);
        if (!comment.isEmpty())
            text += u": “%1”"_s.arg(comment);
        ThreadEntry entry = channels::systemEntry(t.id, EntryKind::AuditEvent, text, QString(), now);
        entry.author = {ActorKind::Customer, t.customer.id, t.customer.name};
        entry = store::insertEntry(tx.db(), row.tenantId, entry);
        channels::emitTicketUpdate(tx, t, now, EventType::EntryAdded, entry);
        return {200, {{u"csat"_s, int(score)}}};
    });
}

JsonResult WidgetService::agentReply(qint64 agentTenantId, const QString &conversationId, const QByteArray &body)
{
    const JsonReader r(parseJsonObject(body));
    const QString requestId = requiredRequestId(r);
    const QString text = requiredBody(r);
    const QString agentName = r.optionalString("agentName"_L1).left(200);
    const ConversationRow row = findAgentConversation(agentTenantId, conversationId);
    const QDateTime now = m_clock.now();
    return channels::tenantWrite(m_db, row.tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        if (const auto stored = channels::findOwnEntryByRequestId(tx.db(), row.tenantId, row.ticketId, requestId,
                                                                  EntryKind::AgentReply, ActorKind::Agent))
            return {200, {{u"message"_s, messageJson(*stored)}, {u"duplicate"_s, true}}};
        const Ticket t = requireTicket(tx.db(), row.tenantId, row.ticketId);
        const auto handoff = store::findHandoff(tx.db(), row.tenantId, t.handoffId);
        if (humanOwned(t, handoff))
            throw ServiceError(409, "human_owned",
                               u"A human owns this conversation; the agent must not reply on top of it"_s);
        if (t.status == TicketStatus::Closed)
            throw ServiceError(409, "conversation_closed", u"This conversation is closed"_s);
        ThreadEntry entry;
        entry.kind = EntryKind::AgentReply;
        entry.author = {ActorKind::Agent, row.agentId, agentNameOf(tx.db(), row.tenantId, t, row.agentId, agentName)};
        entry.visibility = Visibility::Public;
        entry.body = text;
        entry.requestId = requestId;
        const channels::TicketWithEntry added = channels::appendEntry(tx, t, entry, now, true);
        return {201, {{u"message"_s, messageJson(added.entry)}, {u"duplicate"_s, false}}};
    });
}

JsonResult WidgetService::agentHandoff(qint64 agentTenantId, const QString &conversationId, const QByteArray &body)
{
    const JsonReader r(parseJsonObject(body));
    routing::HandoffRequest request;
    request.requestId = requiredRequestId(r);
    request.reason = r.optionalString("reason"_L1).left(4000);
    request.topic = r.optionalString("topic"_L1).left(4000);
    request.agentName = r.optionalString("agentName"_L1).left(200);
    const ConversationRow row = findAgentConversation(agentTenantId, conversationId);
    request.agentId = row.agentId;
    request.conversationId = row.publicId;
    const QDateTime now = m_clock.now();
    return channels::tenantWrite(m_db, row.tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        const Ticket t = requireTicket(tx.db(), row.tenantId, row.ticketId);
        request.agentName = agentNameOf(tx.db(), row.tenantId, t, row.agentId, request.agentName);
        if (request.topic.isEmpty()) {
            // Route on what the customer said when the agent gives no topic.
            for (const ThreadEntry &e : store::listEntries(tx.db(), row.tenantId, t.id, 0, 50))
                if (e.kind == EntryKind::CustomerMessage)
                    request.topic += e.body.left(2000) + u'\n';
        }
        const routing::HandoffOutcome out = routing::requestHandoff(tx, t, request, m_mail, now);
        return {out.created ? 201 : 200,
                {{u"handoff"_s, toJson(out.handoff)}, {u"ticket"_s, toJson(service::withEffectiveSla(out.ticket, now))}}};
    });
}

JsonResult WidgetService::agentResolve(qint64 agentTenantId, const QString &conversationId, const QByteArray &body)
{
    const JsonReader r(parseJsonObject(body));
    const QString requestId = r.optionalString("clientRequestId"_L1).left(200);
    const QString agentName = r.optionalString("agentName"_L1).left(200);
    const ConversationRow row = findAgentConversation(agentTenantId, conversationId);
    const QDateTime now = m_clock.now();
    return channels::tenantWrite(m_db, row.tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        const Ticket t = requireTicket(tx.db(), row.tenantId, row.ticketId);
        const auto handoff = store::findHandoff(tx.db(), row.tenantId, t.handoffId);
        if (handoff && handoff->state == HandoffState::Active)
            throw ServiceError(409, "human_owned", u"A human owns this conversation; they resolve it"_s);
        const routing::HandoffOutcome out = routing::resolveHandoff(
            tx, t, {ActorKind::Agent, row.agentId, agentNameOf(tx.db(), row.tenantId, t, row.agentId, agentName)}, now,
            requestId);
        store::run(tx.db(), u"UPDATE widget_conversations SET csat_requested = 1 WHERE public_id = ?"_s, {row.publicId});
        return {200, {{u"ticket"_s, toJson(service::withEffectiveSla(out.ticket, now))}, {u"csatRequested"_s, true}}};
    });
}

JsonResult WidgetService::claimHandoff(const service::Session &session, const QString &handoffId)
{
    const QDateTime now = m_clock.now();
    return channels::tenantWrite(m_db, session.tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        const auto op = store::findOperator(tx.db(), session.tenantId, session.operatorId);
        const routing::HandoffOutcome out = routing::claimHandoff(tx, handoffId, op.value_or(session.op), now);
        return {200, {{u"handoff"_s, toJson(out.handoff)}, {u"ticket"_s, toJson(service::withEffectiveSla(out.ticket, now))}}};
    });
}

JsonResult WidgetService::resolveHandoff(const service::Session &session, const QString &handoffId)
{
    const QDateTime now = m_clock.now();
    return channels::tenantWrite(m_db, session.tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        const auto handoff = store::findHandoff(tx.db(), session.tenantId, handoffId);
        if (!handoff)
            throw service::errors::notFound(u"No such handoff"_s);
        const Ticket t = requireTicket(tx.db(), session.tenantId, handoff->ticketId);
        const routing::HandoffOutcome out = routing::resolveHandoff(
            tx, t, {ActorKind::Operator, session.op.id, session.op.displayName}, now, QString());
        store::requestCsat(tx.db(), session.tenantId, t.id);
        return {200, {{u"handoff"_s, toJson(out.handoff)}, {u"ticket"_s, toJson(service::withEffectiveSla(out.ticket, now))}}};
    });
}

JsonResult WidgetService::listSettings(const service::Session &session)
{
    QJsonArray list;
    for (const routing::HandoffSettings &s :
         m_db.read([&](QSqlDatabase &db) { return routing::listSettings(db, session.tenantId); }))
        list.append(routing::toJson(s));
    return {200, {{u"settings"_s, list}}};
}

JsonResult WidgetService::getSettings(const service::Session &session, const QString &agentId)
{
    return {200, routing::toJson(m_db.read([&](QSqlDatabase &db) {
                return routing::loadSettings(db, session.tenantId, agentId.left(100));
            }))};
}

service::WriteResponse WidgetService::putSettings(const service::Session &session, const QString &agentId,
                                                  const QString &idempotencyKey, const QByteArray &body)
{
    // After commit the pipeline wakes the streams and the dispatcher: a raised
    // cap or a wider team may make waiting handoffs routable.
    return routing::putHandoffSettings(m_commands, session, agentId.left(101), idempotencyKey, body, m_clock.now());
}

service::WriteResponse WidgetService::executeCommand(const service::Session &session, const QString &idempotencyKey,
                                                     const QByteArray &body)
{
    service::CommandPipeline::requireKey(idempotencyKey);
    Command command = decode<Command>(body);
    command.requestId = idempotencyKey;
    command.ticketId = 0;   // ignored on the wire: `targets` names what the command is about
    const QByteArray hash = service::CommandPipeline::requestHash("POST /commands", body);
    switch (command.type) {
    case CommandType::UpdateHandoffSettings:
        return routing::updateHandoffSettings(m_commands, session, command, hash, m_clock.now());
    default:
        throw service::errors::wrongCommandRoute(
            u"%1 is a ticket command: POST /api/v1/tickets/{id}/commands"_s.arg(toString(command.type)));
    }
}

} // namespace zeiko::widget
