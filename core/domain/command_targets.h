#pragma once
// What a command is about, and the queue lanes that follows from it
// (DESIGN.md, sync contract 6). A lane is one target's ordered stream of
// commands: each ticket is a lane, the tenant is one, the signed-in operator
// is one. A command waits until every earlier command on any of its lanes is
// done, so a command with several targets (a merge) waits for all of them
// and holds all of them until it is done.

#include "domain/types.h"

namespace zeiko {

// The command's targets: `targets` when set, else the one ticket `ticketId`
// (every ticket command, and outbox rows stored before targets existed).
QList<CommandTarget> targetsOf(const Command &command);
// The ticket ids among them, in order, without repeats.
QList<TicketId> ticketsOf(const Command &command);
// Exactly one target, a ticket: it goes to POST /tickets/{id}/commands.
bool isAboutOneTicket(const Command &command);

// A stable name per lane ("ticket:42", "tenant", "operator").
QString laneOf(const CommandTarget &target);
QStringList lanesOf(const Command &command);

} // namespace zeiko
