#include "channels/outbound_mail.h"

#include "store/sql.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QUuid>

namespace zeiko::channels {

using namespace Qt::StringLiterals;

namespace {

QJsonArray pairs(const QList<QPair<QString, QString>> &list)
{
    QJsonArray out;
    for (const auto &[name, value] : list)
        out.append(QJsonArray{name, value});
    return out;
}

QList<QPair<QString, QString>> pairsFrom(const QJsonArray &array)
{
    QList<QPair<QString, QString>> out;
    for (const QJsonValue &v : array)
        out.append({v.toArray().at(0).toString(), v.toArray().at(1).toString()});
    return out;
}

QStringList strings(const QJsonArray &array)
{
    QStringList out;
    for (const QJsonValue &v : array)
        out.append(v.toString());
    return out;
}

} // namespace

QString MailSettings::messageIdDomain() const
{
    if (!inboundDomain.isEmpty())
        return inboundDomain;
    const QString domain = fromAddress.section(u'@', 1).remove(u'>').trimmed();
    return domain.isEmpty() ? u"zeiko.localhost"_s : domain;
}

QJsonObject toJson(const OutboundMail &m)
{
    return {{u"kind"_s, m.kind},
            {u"to"_s, QJsonArray::fromStringList(m.to)},
            {u"subject"_s, m.subject},
            {u"markdown"_s, m.markdown},
            {u"replyTo"_s, m.replyTo},
            {u"messageId"_s, m.messageId},
            {u"inReplyTo"_s, m.inReplyTo},
            {u"references"_s, QJsonArray::fromStringList(m.references)},
            {u"headers"_s, pairs(m.headers)},
            {u"tags"_s, pairs(m.tags)},
            {u"idempotencyKey"_s, m.idempotencyKey}};
}

OutboundMail mailFromJson(const QJsonObject &o)
{
    OutboundMail m;
    m.kind = o.value(u"kind"_s).toString();
    m.to = strings(o.value(u"to"_s).toArray());
    m.subject = o.value(u"subject"_s).toString();
    m.markdown = o.value(u"markdown"_s).toString();
    m.replyTo = o.value(u"replyTo"_s).toString();
    m.messageId = o.value(u"messageId"_s).toString();
    m.inReplyTo = o.value(u"inReplyTo"_s).toString();
    m.references = strings(o.value(u"references"_s).toArray());
    m.headers = pairsFrom(o.value(u"headers"_s).toArray());
    m.tags = pairsFrom(o.value(u"tags"_s).toArray());
    m.idempotencyKey = o.value(u"idempotencyKey"_s).toString();
    return m;
}

bool enqueueMail(QSqlDatabase &db, qint64 tenantId, std::optional<qint64> ticketId, std::optional<qint64> entryId,
                 const OutboundMail &mail, qint64 nowMs)
{
    QSqlQuery q = store::run(
        db,
        u"INSERT INTO mail_queue (tenant_id, ticket_id, entry_id, kind, idempotency_key, message, status, attempts, "
        "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?, ?) "
        "ON CONFLICT DO NOTHING"_s,
        {tenantId, store::intOrNull(ticketId), store::intOrNull(entryId), mail.kind, mail.idempotencyKey,
         QString::fromUtf8(QJsonDocument(toJson(mail)).toJson(QJsonDocument::Compact)), nowMs, nowMs, nowMs});
    return q.numRowsAffected() > 0;
}

void enqueueNotifications(QSqlDatabase &db, qint64 tenantId, qint64 ticketId, const QStringList &emails,
                          const QString &subject, const QString &markdown, const QString &keyPrefix,
                          const MailSettings &settings, qint64 nowMs)
{
    for (const QString &email : emails) {
        if (email.isEmpty())
            continue;
        OutboundMail mail;
        mail.kind = u"notification"_s;
        mail.to = {email};
        mail.subject = subject;
        mail.markdown = markdown;
        mail.idempotencyKey = keyPrefix + u':' + email.toLower();
        mail.messageId = u"<notify.%1@%2>"_s.arg(QUuid::createUuid().toString(QUuid::WithoutBraces),
                                                  settings.messageIdDomain());
        mail.headers = {{u"X-Zeiko-Ticket-Id"_s, QString::number(ticketId)}};
        mail.tags = {{u"category"_s, u"handoff_notification"_s}};
        enqueueMail(db, tenantId, ticketId, std::nullopt, mail, nowMs);
    }
}

} // namespace zeiko::channels
