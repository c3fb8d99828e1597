#pragma once
// The outbound side of the durable mail queue, one thread per process:
//  1. queues an email for every customer-visible human reply (an
//     email_reply command's entry) on an email ticket — the thread entries
//     are the transactional outbox, so a reply committed just before a
//     crash is still mailed; the idempotency key and Message-ID derive from
//     the command's own Idempotency-Key, so it is queued and sent once;
//  2. sends due rows (claimed atomically, so several processes never send
//     one row twice concurrently), retrying with doubling delays; "sent"
//     and, after the last attempt, "failed" appear in the thread as email
//     events.

#include "channels/clock.h"
#include "channels/mail_transport.h"
#include "channels/tenant_tx.h"

#include <condition_variable>
#include <mutex>
#include <thread>

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
    void start();
    void stop();

    int queueReplies();   // returns how many were queued
    int sendDue();        // returns how many attempts were made

private:
    void run();
    void finish(qint64 rowId, qint64 tenantId, std::optional<qint64> ticketId, const QString &kind,
                const OutboundMail &mail, int attempts, const SendResult &result);

    store::Database &m_db;
    CommitNotifier m_notify;
    const Clock &m_clock;
    MailWorkerOptions m_options;
    EntryId m_scannedUpTo = 0;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_running = false;
    std::thread m_thread;
};

} // namespace zeiko::channels
