#pragma once
// The SLA timer: turns on_track -> at_risk -> breached into events at the
// moment each happens, without a client polling. One thread sleeps until
// the earliest upcoming transition of any open ticket (capped, so tickets
// created by other processes are seen soon), then emits a ticket_updated
// event for each ticket whose SLA state moved. The state announced last is
// stored per ticket (tickets.sla_notified) and re-checked inside the
// tenant's write transaction, so each transition is emitted exactly once
// even with several server processes. Times come from an injectable Clock.

#include "channels/clock.h"
#include "channels/periodic_worker.h"
#include "channels/tenant_tx.h"

#include <chrono>
#include <optional>

namespace zeiko::sla {

class SlaTimer
{
public:
    SlaTimer(store::Database &database, const channels::Clock &clock, channels::CommitNotifier notify,
             std::chrono::milliseconds maxSleep = std::chrono::seconds(5));
    ~SlaTimer();

    void start() { m_worker.start(); }
    void stop() { m_worker.stop(); }
    void wake() { m_worker.wake(); }   // re-plan now (the clock moved, or a test wants a pass)

    struct Pass {
        int transitions = 0;                  // events emitted
        std::optional<qint64> nextDueMs;      // the earliest upcoming transition
    };
    // One pass at the clock's now (public for tests and for the thread).
    Pass scanOnce();

private:
    store::Database &m_db;
    const channels::Clock &m_clock;
    channels::CommitNotifier m_notify;
    channels::PeriodicWorker m_worker;   // last: stopped before the members its passes use go away
};

// The upcoming at_risk/breach instants of a ticket's pending SLA targets after `nowMs`.
std::optional<qint64> nextSlaTransitionMs(const Ticket &ticket, qint64 nowMs);

} // namespace zeiko::sla
