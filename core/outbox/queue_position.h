#pragma once
// Why a queued command is not going out yet, in words the outbox panel can
// show on the waiting item itself (DESIGN.md, sync contract 6: the commands
// waiting behind a refused one say so; nothing is blocked silently).
//
// Each lane's commands (a ticket's, the tenant's, the operator's; see
// domain/command_targets.h) go strictly in creation order, one at a time; a
// command with several lanes waits for all of them. So a command waits for
// exactly one of:
//  - nothing: it is the head of all its lanes (sending, or waiting for the
//    network or a retry time of its own), or it is the refused one itself;
//  - BehindRefused: an earlier command on one of its lanes was refused and
//    waits for the operator (retry, edit or discard) — the blocker is that
//    one, the first refused item ahead, even when others wait in between
//    (also across a multi-target command that waits behind it);
//  - BehindHeld: an earlier send is still in its undo window (the first
//    such one);
//  - ForItsTurn: an earlier command is queued or in flight.
// Pure functions of the items and the time, so this is tested headless.

#include "store/store_types.h"

#include <QHash>

namespace zeiko {

enum class Waiting { NotWaiting, ForItsTurn, BehindHeld, BehindRefused };

struct QueuePosition {
    Waiting waiting = Waiting::NotWaiting;
    std::optional<OutboxItem> blocker;   // the command it waits behind (none when NotWaiting)
    int ahead = 0;                       // earlier commands on any of its lanes
};

// Held in its undo window at `now` (see OutboxItem::notBefore).
bool isHeld(const OutboxItem &item, const QDateTime &now);

// `items`: outbox items in creation order (several tickets may be mixed).
// Keyed by OutboxItem::id.
QHash<qint64, QueuePosition> queuePositions(const QList<OutboxItem> &items, const QDateTime &now);

} // namespace zeiko
