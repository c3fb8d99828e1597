#pragma once
// The outbound side of the durable mail queue, one thread per process:
//  1. queues an email for every customer-visible human reply recorded as
//     going by email (an email_reply's entry: on an email ticket, or a
//     follow-up to the address a widget visitor left; domain/reply_delivery.h)
//     — the thread entries
//     are the transactional outbox, so a reply committed just before a
//     crash is still mailed; the idempotency key and Message-ID derive from
//     the command's own Idempotency-Key, so it is queued and sent once;
//  2. sends due rows (claimed atomically, so several processes never send
//     one row twice concurrently), retrying with doubling delays; "sent"
//     and, after the last attempt, "failed" appear in the thread as email
//     events.

#include "channels/clock.h"
#include "channels/mail_transport.h"
#include "channels/periodic_worker.h"
#include "channels/tenant_tx.h"

namespace zeiko::channels {

struct MailWorkerOptions {
    TransportConfig transport;
    MailSettings mail;
    std::chrono::milliseconds retryBase{5000};
    int maxAttempts = 6;
    std::chrono::milliseconds pollInterval{500};
};

class MailWorker
{
public:
    MailWorker(store::Database &database, CommitNotifier notify, const Clock &clock, MailWorkerOptions options);
    ~MailWorker();
    void start() { m_worker.start(); }
    void stop() { m_worker.stop(); }

    int queueReplies();   // returns how many were queued
    int sendDue();        // returns how many attempts were made

private:
    void finish(qint64 rowId, qint64 tenantId, std::optional<qint64> ticketId, const QString &kind,
                const OutboundMail &mail, int attempts, const SendResult &result);

    store::Database &m_db;
    CommitNotifier m_notify;
    const Clock &m_clock;
    MailWorkerOptions m_options;
    EntryId m_scannedUpTo = 0;
    PeriodicWorker m_worker;   // last: stopped before the members its passes use go away
};

} // namespace zeiko::channels
