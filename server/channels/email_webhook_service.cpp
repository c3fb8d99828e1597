#include "channels/email_webhook_service.h"

#include "channels/curl_http.h"
#include "channels/html_to_text.h"
#include "channels/inbound_email.h"
#include "channels/svix_signature.h"
#include "channels/ticket_ops.h"
#include "domain/codecs.h"
#include "service/service_error.h"
#include "store/account_store.h"
#include "store/sql.h"
#include "store/ticket_store.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QUrl>

Q_LOGGING_CATEGORY(lcInbound, "zeiko.email.inbound")

namespace zeiko::channels {

using namespace Qt::StringLiterals;
using service::ServiceError;

namespace {

QStringList stringsOf(const QJsonValue &value)
{
    QStringList out;
    if (value.isString())
        out.append(value.toString());
    for (const QJsonValue &v : value.toArray())
        out.append(v.isObject() ? v.toObject().value(u"email"_s).toString() : v.toString());
    return out;
}

// Header lookup in the received email: "headers" as an object or a list of {name, value}.
QString headerOf(const QJsonObject &email, const QString &name)
{
    const QJsonValue headers = email.value(u"headers"_s);
    if (headers.isObject()) {
        const QJsonObject o = headers.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            if (it.key().compare(name, Qt::CaseInsensitive) == 0)
                return it.value().isArray() ? stringsOf(it.value()).join(u' ') : it.value().toString();
    }
    for (const QJsonValue &h : headers.toArray())
        if (h.toObject().value(u"name"_s).toString().compare(name, Qt::CaseInsensitive) == 0)
            return h.toObject().value(u"value"_s).toString();
    return {};
}

struct Target {
    qint64 tenantId = 0;
    std::optional<TicketId> ticketId;   // append here; nullopt: a new ticket
    QString how;                        // "alias", "support_alias", "references"
};

} // namespace

EmailWebhookService::EmailWebhookService(store::Database &database, CommitNotifier notify, const Clock &clock,
                                         MailSettings mail, ResendSettings resend)
    : m_db(database)
    , m_notify(std::move(notify))
    , m_clock(clock)
    , m_mail(std::move(mail))
    , m_resend(std::move(resend))
{
}

bool EmailWebhookService::alreadyHandled(const QByteArray &deliveryId)
{
    return m_db.read([&](QSqlDatabase &db) {
        return store::run(db, u"SELECT 1 FROM webhook_deliveries WHERE delivery_id = ?"_s, {QString::fromLatin1(deliveryId)})
            .next();
    });
}

void EmailWebhookService::recordDelivery(QSqlDatabase &db, const QByteArray &deliveryId, const QString &outcome)
{
    store::run(db,
               u"INSERT INTO webhook_deliveries (delivery_id, source, outcome, received_at) VALUES (?, 'resend', ?, ?) "
               "ON CONFLICT DO NOTHING"_s,
               {QString::fromLatin1(deliveryId), outcome, QDateTime::currentMSecsSinceEpoch()});
}

JsonResult EmailWebhookService::handle(const QHash<QByteArray, QByteArray> &headers, const QByteArray &rawBody)
{
    const SvixHeaders svix{headers.value("svix-id"), headers.value("svix-timestamp"), headers.value("svix-signature")};
    const QString why = verifySvix(svix, rawBody, m_resend.webhookSecret, QDateTime::currentSecsSinceEpoch());
    if (!why.isEmpty()) {
        qCWarning(lcInbound).noquote() << "rejected a Resend webhook:" << why;
        throw ServiceError(401, "invalid_signature", u"Webhook signature verification failed"_s);
    }
    if (svix.id.size() > 200)
        throw service::errors::badRequest(u"svix-id too long"_s);
    const QJsonObject event = parseJsonObject(rawBody);
    const QString type = event.value(u"type"_s).toString();
    const QJsonObject data = event.value(u"data"_s).toObject();
    if (alreadyHandled(svix.id)) {
        qCInfo(lcInbound).noquote() << "duplicate delivery" << svix.id;
        return {200, {{u"status"_s, u"duplicate"_s}}};
    }
    if (type == u"email.received"_s)
        return received(svix.id, data);
    if (type == u"email.bounced"_s || type == u"email.delivered"_s || type == u"email.complained"_s)
        return deliveryStatus(svix.id, type, data);
    return {200, {{u"status"_s, u"ignored"_s}, {u"reason"_s, u"unhandled_event_type"_s}}};
}

JsonResult EmailWebhookService::received(const QByteArray &deliveryId, const QJsonObject &data)
{
    const QString emailId = data.value(u"email_id"_s).toString();
    if (emailId.isEmpty() || emailId.size() > 200)
        throw service::errors::invalidField(u"data.email_id"_s, u"missing"_s);

    // The webhook carries metadata only: body and headers come from the API.
    const QString url = m_resend.apiBaseUrl + u"/emails/receiving/"_s +
                        QString::fromLatin1(QUrl::toPercentEncoding(emailId));
    const CurlResult fetched = channels::httpRequest(
        "GET", url, {{"Authorization", "Bearer " + m_resend.apiKey.toUtf8()}, {"Accept", "application/json"}}, {},
        m_resend.fetchTimeoutMs);
    if (!fetched.ok()) {
        qCWarning(lcInbound).noquote() << "cannot fetch received email" << emailId << ":" << fetched.status << fetched.error;
        throw ServiceError(502, "upstream_unavailable", u"Could not fetch the received email; retry later"_s);
    }
    const QJsonObject email = parseJsonObject(fetched.body);

    QStringList recipients = stringsOf(data.value(u"received_for"_s)) + stringsOf(email.value(u"received_for"_s));
    recipients += stringsOf(data.value(u"to"_s)) + stringsOf(email.value(u"to"_s));
    recipients += stringsOf(data.value(u"cc"_s)) + stringsOf(email.value(u"cc"_s));
    QString messageId = email.value(u"message_id"_s).toString();
    if (messageId.isEmpty())
        messageId = data.value(u"message_id"_s).toString();
    if (messageId.isEmpty())
        messageId = headerOf(email, u"Message-ID"_s);
    messageId = messageId.trimmed().left(500);
    const QStringList threadIds = messageIds(headerOf(email, u"In-Reply-To"_s)) + messageIds(headerOf(email, u"References"_s));

    const MailAddress from = parseAddress(email.value(u"from"_s).toString().isEmpty() ? data.value(u"from"_s).toString()
                                                                                      : email.value(u"from"_s).toString());

    // Where does it go?
    std::optional<Target> target;
    m_db.read([&](QSqlDatabase &db) {
        for (const QString &r : std::as_const(recipients)) {
            const auto alias = parseAlias(r, m_mail.inboundDomain);
            if (!alias)
                continue;
            if (alias->kind == Alias::Kind::Ticket) {
                QSqlQuery q = store::run(db, u"SELECT tenant_id, id FROM tickets WHERE ticket_key = ?"_s, {alias->value});
                if (q.next()) {
                    target = Target{q.value(0).toLongLong(), q.value(1).toLongLong(), u"alias"_s};
                    return;
                }
            } else if (const auto tenant = store::findTenantBySlug(db, alias->value)) {
                target = Target{tenant->id.toLongLong(), std::nullopt, u"support_alias"_s};
            }
        }
        // A reply that lost its ticket alias but reached the tenant's support
        // alias: thread it by a Message-ID this server sent for a ticket of
        // that tenant, and only when it comes from that ticket's customer.
        // Anything else is a new ticket of the tenant (a References header is
        // not a credential); mail naming no tenant is dropped below.
        if (!target || target->ticketId)
            return;
        for (const QString &id : threadIds) {
            QSqlQuery q = store::run(db,
                                     u"SELECT m.ticket_id FROM email_messages m JOIN tickets t ON t.id = m.ticket_id "
                                     "JOIN customers c ON c.id = t.customer_id WHERE m.tenant_id = ? AND t.tenant_id = ? "
                                     "AND m.message_id = ? AND m.direction = 'outbound' AND c.email = ?"_s,
                                     {target->tenantId, target->tenantId, id, from.email.toLower()});
            if (q.next()) {
                target = Target{target->tenantId, q.value(0).toLongLong(), u"references"_s};
                return;
            }
        }
    });
    if (!target) {
        qCWarning(lcInbound).noquote() << "received email" << emailId << "matches no alias or thread; ignored";
        m_db.write([&](QSqlDatabase &db) { recordDelivery(db, deliveryId, u"unknown_alias"_s); });
        return {200, {{u"status"_s, u"ignored"_s}, {u"reason"_s, u"unknown_alias"_s},
                      {u"message"_s, u"No support+{account}@ or ticket+{key}@ alias of this server"_s}}};
    }

    QString subject = email.value(u"subject"_s).toString().trimmed();
    if (subject.isEmpty())
        subject = data.value(u"subject"_s).toString().trimmed();
    const QString text = email.value(u"text"_s).toString();
    QString body = trimQuotedReply(text.trimmed().isEmpty() ? htmlToText(email.value(u"html"_s).toString()) : text);
    if (body.isEmpty())
        body = u"*(empty message)*"_s;
    QJsonArray attachments = email.value(u"attachments"_s).toArray();
    if (attachments.isEmpty())
        attachments = data.value(u"attachments"_s).toArray();
    if (!attachments.isEmpty()) {
        body += u"\n\n**Attachments**\n"_s;
        for (const QJsonValue &a : std::as_const(attachments)) {
            const QJsonObject o = a.toObject();
            body += u"\n- %1 (%2)"_s.arg(o.value(u"filename"_s).toString().left(200),
                                        o.value(u"content_type"_s).toString().left(100));
        }
    }

    const QDateTime now = m_clock.now();
    return tenantWrite(m_db, target->tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        if (!messageId.isEmpty() &&
            store::run(tx.db(), u"SELECT 1 FROM email_messages WHERE tenant_id = ? AND message_id = ?"_s,
                       {target->tenantId, messageId})
                .next())
            return {200, {{u"status"_s, u"duplicate"_s}}};
        ThreadEntry entry;
        entry.kind = EntryKind::CustomerMessage;
        entry.visibility = Visibility::Public;
        entry.body = body;
        entry.requestId = u"email:"_s + (messageId.isEmpty() ? QString::fromLatin1(deliveryId) : messageId);
        std::optional<Ticket> ticket;
        if (target->ticketId)
            ticket = store::findTicket(tx.db(), target->tenantId, *target->ticketId);
        TicketWithEntry result;
        QString status;
        if (ticket && ticket->status != TicketStatus::Closed) {
            result = appendCustomerMessage(tx, *ticket, entry, now);
            status = u"appended"_s;
        } else {
            NewTicket n;
            n.subject = subject.isEmpty() ? u"(no subject)"_s : subject.left(1000);
            if (ticket)   // a reply to a closed ticket opens a follow-up
                n.subject = u"Follow-up to #%1: %2"_s.arg(ticket->number).arg(ticket->subject).left(1000);
            n.customerEmail = from.email;
            n.customerName = from.name;
            n.source = Source::Email;
            n.tags = {u"email"_s};
            result = createTicket(tx, n, entry, now);
            status = u"created"_s;
        }
        if (!messageId.isEmpty())
            store::run(tx.db(),
                       u"INSERT INTO email_messages (tenant_id, message_id, ticket_id, direction, created_at) "
                       "VALUES (?, ?, ?, 'inbound', ?)"_s,
                       {target->tenantId, messageId, qlonglong(result.ticket.id), now.toMSecsSinceEpoch()});
        for (const QJsonValue &a : std::as_const(attachments)) {
            const QJsonObject o = a.toObject();
            store::run(tx.db(),
                       u"INSERT INTO entry_attachments (tenant_id, entry_id, filename, content_type, size_bytes, "
                       "provider_id) VALUES (?, ?, ?, ?, ?, ?)"_s,
                       {target->tenantId, qlonglong(result.entry.id), store::text(o.value(u"filename"_s).toString().left(500)),
                        store::text(o.value(u"content_type"_s).toString().left(200)),
                        o.contains(u"size"_s) ? QVariant(qlonglong(o.value(u"size"_s).toInteger())) : store::nullInt(),
                        store::textOrNull(o.value(u"id"_s).toString().left(200))});
        }
        recordDelivery(tx.db(), deliveryId, status);
        qCInfo(lcInbound).noquote() << u"email %1 -> ticket %2 (%3, by %4)"_s.arg(emailId).arg(result.ticket.id).arg(status, target->how);
        QJsonObject answer{{u"status"_s, status}, {u"ticketId"_s, QString::number(result.ticket.id)},
                           {u"ticketNumber"_s, result.ticket.number}};
        // Kept, but flagged: the sender is told why replies will not be mailed
        // (a 4xx would make the provider retry or disable the webhook).
        if (!result.ticket.customer.emailProblem.isEmpty())
            answer.insert(u"undeliverable"_s, result.ticket.customer.emailProblem);
        return {200, answer};
    });
}

JsonResult EmailWebhookService::deliveryStatus(const QByteArray &deliveryId, const QString &type, const QJsonObject &data)
{
    const QString providerId = data.value(u"email_id"_s).toString();
    struct Row {
        qint64 tenantId = 0;
        qint64 ticketId = 0;
        qint64 id = 0;
    };
    const std::optional<Row> row = m_db.read([&](QSqlDatabase &db) -> std::optional<Row> {
        QSqlQuery q = store::run(db, u"SELECT tenant_id, ticket_id, id FROM mail_queue WHERE provider_id = ?"_s, {providerId});
        if (!q.next() || q.value(1).isNull())
            return std::nullopt;
        return Row{q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong()};
    });
    if (providerId.isEmpty() || !row)
        return {200, {{u"status"_s, u"ignored"_s}, {u"reason"_s, u"unknown_email"_s}}};
    const QString state = type.mid(6);   // delivered / bounced / complained
    const QDateTime now = m_clock.now();
    return tenantWrite(m_db, row->tenantId, m_notify, [&](TenantTx &tx) -> JsonResult {
        const auto ticket = store::findTicket(tx.db(), row->tenantId, row->ticketId);
        if (!ticket)
            return {200, {{u"status"_s, u"ignored"_s}}};
        if (state != u"delivered"_s)
            store::run(tx.db(), u"UPDATE mail_queue SET status = ?, updated_at = ? WHERE id = ?"_s,
                       {state, now.toMSecsSinceEpoch(), row->id});
        QString text = state == u"bounced"_s ? u"Email to %1 bounced"_s : u"Email to %1 %2"_s;
        text = state == u"bounced"_s ? text.arg(ticket->customer.email) : text.arg(ticket->customer.email, state);
        const QString reason = data.value(u"bounce"_s).toObject().value(u"message"_s).toString().left(500);
        if (!reason.isEmpty())
            text += u": "_s + reason;
        appendEntry(tx, *ticket, systemEntry(ticket->id, EntryKind::EmailEvent, text, state, now), now, false);
        recordDelivery(tx.db(), deliveryId, state);
        return {200, {{u"status"_s, u"recorded"_s}}};
    });
}

} // namespace zeiko::channels
