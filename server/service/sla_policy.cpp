#include "service/sla_policy.h"

namespace zeiko::service {

using namespace std::chrono_literals;

SlaTargets slaTargets(Priority priority)
{
    switch (priority) {
    case Priority::Urgent:
        return {1h, 4h};
    case Priority::High:
        return {4h, 24h};
    case Priority::Normal:
        return {8h, 48h};
    case Priority::Low:
        return {24h, 120h};
    }
    return {8h, 48h};
}

void startSla(Ticket &ticket, const QDateTime &start)
{
    const SlaTargets targets = slaTargets(ticket.priority);
    if (!ticket.sla.firstRespondedAt)
        ticket.sla.firstResponseDue = start.addMSecs(targets.firstResponse.count());
    else
        ticket.sla.nextResponseDue = start.addMSecs(targets.firstResponse.count());
    ticket.sla.resolutionDue = start.addMSecs(targets.resolution.count());
    ticket.sla.state = SlaState::OnTrack;
}

void recomputeSlaDueDates(Ticket &ticket)
{
    const SlaTargets targets = slaTargets(ticket.priority);
    if (!ticket.sla.firstRespondedAt)
        ticket.sla.firstResponseDue = ticket.createdAt.addMSecs(targets.firstResponse.count());
    if (ticket.sla.resolutionDue)
        ticket.sla.resolutionDue = ticket.createdAt.addMSecs(targets.resolution.count());
}

Sla effectiveSla(const Ticket &ticket, const QDateTime &now)
{
    Sla sla = ticket.sla;
    if (ticket.status == TicketStatus::Resolved || ticket.status == TicketStatus::Closed) {
        sla.state = SlaState::Met;
        return sla;
    }
    if (ticket.status == TicketStatus::WaitingOnCustomer) {
        // The clock is stopped either way; `met` says a human answered.
        sla.state = ticket.sla.state == SlaState::Met ? SlaState::Met : SlaState::Paused;
        return sla;
    }
    const SlaTargets targets = slaTargets(ticket.priority);
    struct Pending {
        std::optional<QDateTime> due;
        std::chrono::milliseconds target;
    };
    const Pending pending[] = {
        {sla.firstRespondedAt ? std::nullopt : sla.firstResponseDue, targets.firstResponse},
        {sla.nextResponseDue, targets.firstResponse},
        {sla.resolutionDue, targets.resolution},
    };
    SlaState state = SlaState::OnTrack;
    for (const Pending &p : pending) {
        if (!p.due)
            continue;
        const qint64 left = now.msecsTo(*p.due);
        if (left < 0)
            state = SlaState::Breached;
        else if (left * 4 < p.target.count() && state != SlaState::Breached)
            state = SlaState::AtRisk;
    }
    sla.state = state;
    return sla;
}

Ticket withEffectiveSla(Ticket ticket, const QDateTime &now)
{
    ticket.sla = effectiveSla(ticket, now);
    return ticket;
}

} // namespace zeiko::service
