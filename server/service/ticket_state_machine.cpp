#include "service/ticket_state_machine.h"

namespace zeiko::service {

namespace {
using S = TicketStatus;
using C = CommandType;
const QList<S> anyStatus{S::Open, S::WaitingOnCustomer, S::WaitingOnTeam, S::Resolved, S::Closed};
const QList<S> anyButClosed{S::Open, S::WaitingOnCustomer, S::WaitingOnTeam, S::Resolved};
} // namespace

const QList<Transition> &transitionTable()
{
    static const QList<Transition> table{
        {C::EmailReply, anyButClosed, S::WaitingOnCustomer},
        {C::InternalNote, anyStatus, std::nullopt},
        {C::TakeOver, anyButClosed, std::nullopt},
        {C::Reopen, {S::Resolved, S::Closed}, S::Open},
        {C::Close, anyButClosed, S::Closed},       // also refused while a handoff is open (command rules)
        {C::ForceClose, anyButClosed, S::Closed},  // resolves an open handoff
        {C::SetPriority, anyButClosed, std::nullopt},
        {C::Assign, anyButClosed, std::nullopt},
        {C::Unassign, anyButClosed, std::nullopt},
        {C::ChatReply, anyButClosed, S::WaitingOnCustomer},   // only while the sender owns the live handoff
    };
    return table;
}

bool isAllowed(CommandType command, TicketStatus from)
{
    for (const Transition &t : transitionTable())
        if (t.command == command)
            return t.allowedFrom.contains(from);
    return false;
}

TicketStatus statusAfter(CommandType command, TicketStatus from)
{
    for (const Transition &t : transitionTable())
        if (t.command == command)
            return t.to.value_or(from);
    return from;
}

} // namespace zeiko::service
