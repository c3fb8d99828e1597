#include "channels/mail_worker.h"

#include "channels/ticket_ops.h"
#include "domain/mailbox.h"
#include "store/sql.h"
#include "store/ticket_store.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcMail, "zeiko.email.outbound")

namespace zeiko::channels {

using namespace Qt::StringLiterals;

MailWorker::MailWorker(store::Database &database, CommitNotifier notify, const Clock &clock, MailWorkerOptions options)
    : m_db(database)
    , m_notify(std::move(notify))
    , m_clock(clock)
    , m_options(std::move(options))
    , m_worker(QStringLiteral("mail worker"), m_options.pollInterval, [this] {
        queueReplies();
        sendDue();
        return std::optional<std::chrono::milliseconds>();
    })
{
}

MailWorker::~MailWorker()
{
    stop();
}

int MailWorker::queueReplies()
{
    struct Reply {
        qint64 tenantId;
        EntryId entryId;
        TicketId ticketId;
        QString requestId;
        QString body;
    };
    const QList<Reply> replies = m_db.read([&](QSqlDatabase &db) {
        // Only replies written by a client command (they carry its key) that
        // go by email (their recorded delivery, domain/reply_delivery.h: a
        // widget visitor's follow-up too, never a live chat reply); a reply
        // stored before deliveries were recorded goes by email unless it is
        // on a widget chat (what was decided then). The NOT EXISTS makes the
        // scan restartable from 0 after a restart.
        QSqlQuery q = store::run(db,
                                 u"SELECT e.tenant_id, e.id, e.ticket_id, e.request_id, e.body FROM entries e "
                                 "WHERE e.kind = 'human_reply' AND e.id > ? AND e.request_id IS NOT NULL "
                                 "AND (e.event_status = 'email' OR (e.event_status IS NULL AND NOT EXISTS "
                                 "(SELECT 1 FROM widget_conversations w WHERE w.tenant_id = e.tenant_id "
                                 "AND w.ticket_id = e.ticket_id))) "
                                 "AND NOT EXISTS (SELECT 1 FROM mail_queue m WHERE m.entry_id = e.id) "
                                 "ORDER BY e.id LIMIT 200"_s,
                                 {qlonglong(m_scannedUpTo)});
        QList<Reply> list;
        while (q.next())
            list.append({q.value(0).toLongLong(), q.value(1).toLongLong(), q.value(2).toLongLong(), q.value(3).toString(),
                         q.value(4).toString()});
        return list;
    });
    int queued = 0;
    for (const Reply &r : replies) {
        m_db.write([&](QSqlDatabase &db) {
            const auto ticket = store::findTicket(db, r.tenantId, r.ticketId);
            if (!ticket || ticket->customer.email.isEmpty())
                return;
            const QByteArray digest = QCryptographicHash::hash(
                QString::number(r.tenantId).toUtf8() + ':' + r.requestId.toUtf8(), QCryptographicHash::Sha256).toHex();
            OutboundMail mail;
            mail.kind = u"reply"_s;
            mail.to = {ticket->customer.email};
            const QString subject = ticket->subject.trimmed().isEmpty() ? u"Your request"_s : ticket->subject.trimmed();
            const bool isReply = subject.startsWith(u"re:"_s, Qt::CaseInsensitive);
            // Concatenated, not chained arg(): a "%1" in the customer's subject
            // must not swallow the [#N] tag that threads the reply.
            mail.subject = (isReply ? QString() : u"Re: "_s) + subject + u" [#"_s + QString::number(ticket->number) + u']';
            mail.markdown = r.body;
            if (!m_options.mail.inboundDomain.isEmpty())
                mail.replyTo = m_options.mail.ticketAlias(ticket->key);
            mail.messageId = u"<reply.%1@%2>"_s.arg(QString::fromLatin1(digest.left(32)), m_options.mail.messageIdDomain());
            QSqlQuery ids = store::run(db,
                                       u"SELECT message_id, direction FROM email_messages WHERE tenant_id = ? AND "
                                       "ticket_id = ? ORDER BY created_at, message_id LIMIT 50"_s,
                                       {r.tenantId, qlonglong(r.ticketId)});
            while (ids.next()) {
                mail.references.append(ids.value(0).toString());
                if (ids.value(1).toString() == u"inbound"_s)
                    mail.inReplyTo = ids.value(0).toString();   // the customer's latest message
            }
            if (mail.inReplyTo.isEmpty() && !mail.references.isEmpty())
                mail.inReplyTo = mail.references.last();
            mail.headers = {{u"X-Zeiko-Ticket"_s, u"#%1"_s.arg(ticket->number)}};
            mail.tags = {{u"category"_s, u"ticket_reply"_s}, {u"ticket_number"_s, QString::number(ticket->number)}};
            mail.idempotencyKey = u"ticket-reply/"_s + QString::fromLatin1(digest.left(40));
            if (enqueueMail(db, r.tenantId, r.ticketId, r.entryId, mail, m_clock.nowMs())) {
                store::run(db,
                           u"INSERT INTO email_messages (tenant_id, message_id, ticket_id, direction, created_at) "
                           "VALUES (?, ?, ?, 'outbound', ?) ON CONFLICT DO NOTHING"_s,
                           {r.tenantId, mail.messageId, qlonglong(r.ticketId), m_clock.nowMs()});
                ++queued;
            }
        });
        m_scannedUpTo = std::max(m_scannedUpTo, r.entryId);
    }
    return queued;
}

int MailWorker::sendDue()
{
    if (m_options.transport.kind == TransportConfig::Kind::None)
        return 0;
    const qint64 now = m_clock.nowMs();
    struct Row {
        qint64 id, tenantId;
        std::optional<qint64> ticketId;
        QString kind;
        QString message;
        int attempts;
    };
    const QList<Row> due = m_db.read([&](QSqlDatabase &db) {
        QSqlQuery q = store::run(db,
                                 u"SELECT id, tenant_id, ticket_id, kind, message, attempts FROM mail_queue WHERE "
                                 "status = 'pending' AND next_attempt_at <= ? AND (claimed_until IS NULL OR "
                                 "claimed_until < ?) ORDER BY id LIMIT 20"_s,
                                 {now, now});
        QList<Row> list;
        while (q.next())
            list.append({q.value(0).toLongLong(), q.value(1).toLongLong(),
                         q.value(2).isNull() ? std::nullopt : std::optional<qint64>(q.value(2).toLongLong()),
                         q.value(3).toString(), q.value(4).toString(), q.value(5).toInt()});
        return list;
    });
    int attempts = 0;
    for (const Row &row : due) {
        const bool claimed = m_db.write([&](QSqlDatabase &db) {
            QSqlQuery q = store::run(db,
                                     u"UPDATE mail_queue SET claimed_until = ? WHERE id = ? AND status = 'pending' AND "
                                     "(claimed_until IS NULL OR claimed_until < ?)"_s,
                                     {now + 120'000, row.id, now});
            return q.numRowsAffected() == 1;
        });
        if (!claimed)
            continue;   // another process has it
        const OutboundMail mail = mailFromJson(QJsonDocument::fromJson(row.message.toUtf8()).object());
        const SendResult result = sendMail(m_options.transport, mail);
        ++attempts;
        finish(row.id, row.tenantId, row.ticketId, row.kind, mail, row.attempts + 1, result);
    }
    return attempts;
}

void MailWorker::finish(qint64 rowId, qint64 tenantId, std::optional<qint64> ticketId, const QString &kind,
                        const OutboundMail &mail, int attempts, const SendResult &result)
{
    const QDateTime now = m_clock.now();
    const bool failed = !result.ok && (result.permanent || attempts >= m_options.maxAttempts);
    const QString status = result.ok ? u"sent"_s : failed ? u"failed"_s : u"pending"_s;
    const qint64 delay = qint64(m_options.retryBase.count()) << std::min(attempts - 1, 16);
    if (!result.ok)
        qCWarning(lcMail).noquote() << u"send attempt %1 of mail %2 failed: %3"_s.arg(attempts).arg(rowId).arg(result.error);
    m_db.write([&](QSqlDatabase &db) {
        store::run(db,
                   u"UPDATE mail_queue SET status = ?, attempts = ?, next_attempt_at = ?, claimed_until = NULL, "
                   "provider_id = ?, last_error = ?, updated_at = ? WHERE id = ?"_s,
                   {status, attempts, now.toMSecsSinceEpoch() + delay, store::textOrNull(result.providerId),
                    store::textOrNull(result.error.left(1000)), now.toMSecsSinceEpoch(), rowId});
    });
    if (kind != u"reply"_s || !ticketId || status == u"pending"_s)
        return;   // notifications and retries leave no thread event
    tenantWrite(m_db, tenantId, m_notify, [&](TenantTx &tx) {
        const auto ticket = store::findTicket(tx.db(), tenantId, *ticketId);
        if (!ticket)
            return 0;
        const QString to = printableAddress(mail.to.join(u", "_s));
        const QString text = result.ok ? u"Email sent to %1 (%2)"_s.arg(to, transportName(m_options.transport.kind))
                                       : u"Email to %1 failed after %2 attempts: %3"_s.arg(to, QString::number(attempts),
                                                                                           result.error.left(300));
        appendEntry(tx, *ticket, systemEntry(ticket->id, EntryKind::EmailEvent, text, status, now), now, false);
        return 1;
    });
}

} // namespace zeiko::channels
