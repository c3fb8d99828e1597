#pragma once
// Routes handoffs that wait because everyone eligible was at capacity, as
// soon as capacity frees up: woken after every commit of this process (a
// handoff resolved, a ticket force-closed / unassigned / reassigned,
// settings saved) and, for changes made by other processes (another server,
// `zeiko-server admin create-operator`), at least every `maxSleep`. Each
// assignment happens inside the tenant's write transaction (see
// routeWaitingHandoffs), so it is atomic across threads and processes.

#include "channels/clock.h"
#include "channels/outbound_mail.h"
#include "channels/periodic_worker.h"
#include "channels/tenant_tx.h"

namespace zeiko::routing {

class HandoffDispatcher
{
public:
    HandoffDispatcher(store::Database &database, const channels::Clock &clock, channels::CommitNotifier notify,
                      channels::MailSettings mail, std::chrono::milliseconds maxSleep = std::chrono::seconds(5));

    void start() { m_worker.start(); }
    void stop() { m_worker.stop(); }
    void wake() { m_worker.wake(); }

    // One pass over every tenant with waiting handoffs; returns how many were assigned.
    int dispatchOnce();

private:
    store::Database &m_db;
    const channels::Clock &m_clock;
    channels::CommitNotifier m_notify;
    channels::MailSettings m_mail;
    channels::PeriodicWorker m_worker;
};

} // namespace zeiko::routing
