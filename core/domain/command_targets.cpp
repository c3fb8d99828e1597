#include "domain/command_targets.h"

namespace zeiko {

using namespace Qt::StringLiterals;

QList<CommandTarget> targetsOf(const Command &command)
{
    if (!command.targets.isEmpty())
        return command.targets;
    return {CommandTarget::ticket(command.ticketId)};
}

QList<TicketId> ticketsOf(const Command &command)
{
    QList<TicketId> tickets;
    for (const CommandTarget &target : targetsOf(command)) {
        if (target.kind == TargetKind::Ticket && !tickets.contains(target.ticketId))
            tickets.append(target.ticketId);
    }
    return tickets;
}

bool isAboutOneTicket(const Command &command)
{
    const QList<CommandTarget> targets = targetsOf(command);
    return targets.size() == 1 && targets.constFirst().kind == TargetKind::Ticket;
}

QString laneOf(const CommandTarget &target)
{
    if (target.kind == TargetKind::Ticket)
        return u"ticket:"_s + QString::number(target.ticketId);
    return toString(target.kind);
}

QStringList lanesOf(const Command &command)
{
    QStringList lanes;
    for (const CommandTarget &target : targetsOf(command)) {
        const QString lane = laneOf(target);
        if (!lanes.contains(lane))
            lanes.append(lane);
    }
    return lanes;
}

} // namespace zeiko
