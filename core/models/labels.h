#pragma once
// Translated, human labels for domain enums (queue cells, menus, filters).

#include "domain/enums.h"
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

} // namespace zeiko::labels
