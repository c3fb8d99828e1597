#pragma once
// Per-priority SLA targets and the SLA state a ticket shows. Due dates are
// stored; on_track / at_risk / breached is derived at read time from the
// clock, so a ticket turns "breached" without any write. (The timer-driven
// SLA with business hours comes with its own issue.)

#include "domain/types.h"

#include <chrono>

namespace zeiko::service {

struct SlaTargets {
    std::chrono::milliseconds firstResponse;
    std::chrono::milliseconds resolution;
};

// urgent 1h/4h, high 4h/1d, normal 8h/2d, low 1d/5d (first response / resolution).
SlaTargets slaTargets(Priority priority);

// Due dates for a ticket opened (or reopened) at `start` with the ticket's priority.
void startSla(Ticket &ticket, const QDateTime &start);
// After a priority change: due dates from createdAt with the new targets.
void recomputeSlaDueDates(Ticket &ticket);
// The SLA as clients see it at `now`: met once resolved/closed; while
// waiting on the customer the clocks are stopped and the state is the stored
// one — met after a human reply, else paused; otherwise breached if a pending
// due date passed, at_risk if less than 25% of its target is left, else on_track.
Sla effectiveSla(const Ticket &ticket, const QDateTime &now);
Ticket withEffectiveSla(Ticket ticket, const QDateTime &now);

} // namespace zeiko::service
