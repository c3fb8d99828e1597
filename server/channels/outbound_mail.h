#pragma once
// One outbound email as queued (before MIME/JSON encoding by a transport),
// and the durable mail queue it waits in. Queue rows are unique by
// idempotency key (and by thread entry for replies), so a reply is queued
// once however often the queuing runs, and every send attempt carries the
// same key and Message-ID.

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QStringList>

#include <optional>

namespace zeiko::channels {

struct MailSettings {
    QString fromAddress;      // RESEND_SUPPORT_FROM_EMAIL, else RESEND_FROM_EMAIL, else EMAIL_SENDER
    QString inboundDomain;    // RESEND_INBOUND_DOMAIN: support+slug@ / ticket+key@ aliases
    QString messageIdDomain() const;   // the inbound domain, else the From address's domain
    QString ticketAlias(const QString &ticketKey) const { return QStringLiteral("ticket+%1@%2").arg(ticketKey, inboundDomain); }
};

struct OutboundMail {
    QString kind;                 // "reply" (to a customer) or "notification" (to an operator)
    QStringList to;
    QString subject;
    QString markdown;             // body; sent as HTML + plain text
    QString replyTo;
    QString messageId;            // "<...@domain>"
    QString inReplyTo;
    QStringList references;
    QList<QPair<QString, QString>> headers;   // extra headers (ticket header)
    QList<QPair<QString, QString>> tags;      // Resend tags (name, value)
    QString idempotencyKey;
};

QJsonObject toJson(const OutboundMail &mail);
OutboundMail mailFromJson(const QJsonObject &object);

// Queues the mail unless one with the same idempotency key (or entry) is
// queued already; returns true when it queued a new row.
bool enqueueMail(QSqlDatabase &db, qint64 tenantId, std::optional<qint64> ticketId, std::optional<qint64> entryId,
                 const OutboundMail &mail, qint64 nowMs);

// A notification to operators about a handoff (one mail per address).
void enqueueNotifications(QSqlDatabase &db, qint64 tenantId, qint64 ticketId, const QStringList &emails,
                          const QString &subject, const QString &markdown, const QString &keyPrefix,
                          const MailSettings &settings, qint64 nowMs);

} // namespace zeiko::channels
