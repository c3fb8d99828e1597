#pragma once
// SLA arithmetic for display: which due date matters next and how to say
// how far away it is. Pure functions, so the countdown text is testable.

#include "domain/types.h"

#include <QColor>
#include <QDateTime>
#include <QPalette>
#include <QString>

#include <optional>

namespace zeiko::ui {

// The due date the operator is racing now is core's nextSlaDue(TicketRow)
// (store/store_types.h), served by the queue model as SlaDueRole.

// "2d 4h", "3h 12m", "12m 05s", "45s"; negative spans get a leading minus.
QString formatCountdown(qint64 msecs);

// The colour of an SLA state, readable on the given palette's base.
QColor slaColour(SlaState state, const QPalette &palette);
QColor priorityColour(Priority priority, const QPalette &palette);

} // namespace zeiko::ui
