#pragma once
// Translated, human labels for domain enums (queue cells, menus, filters).

#include "domain/enums.h"
#include "domain/reply_delivery.h"
#include "domain/types.h"

#include <QString>

namespace zeiko::labels {

QString status(TicketStatus value);
QString priority(Priority value);
QString slaState(SlaState value);
QString source(Source value);
QString ownerMode(OwnerMode value);
QString entryKind(EntryKind value);
// What a queued command will do, in words ("Close", "Set priority to High").
QString command(const Command &command);

// Where a human reply is in its life: in the outbox, refused, or confirmed.
enum class ReplyProgress { Pending, Failed, Confirmed };
// The one label of a human reply, for every view that shows one (the ticket
// thread and the handoff window): how it reaches the customer and whether it
// has ("Live reply · in the customer's chat"). nullopt: a reply stored
// before deliveries were recorded.
QString reply(std::optional<ReplyDelivery> delivery, ReplyProgress progress);

} // namespace zeiko::labels
