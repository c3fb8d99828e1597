#include "outbox/queue_position.h"

#include "domain/command_targets.h"

namespace zeiko {

bool isHeld(const OutboxItem &item, const QDateTime &now)
{
    return item.state == OutboxState::Queued && item.notBefore.isValid() && item.notBefore > now;
}

QHash<qint64, QueuePosition> queuePositions(const QList<OutboxItem> &items, const QDateTime &now)
{
    // What one lane (a ticket, the tenant, the operator) holds so far. A
    // command with several lanes passes what blocks it on to all of them:
    // whatever waits behind it waits, transitively, for the same blocker.
    struct LaneSoFar {
        std::optional<OutboxItem> head;      // the first item: what the lane waits for
        std::optional<OutboxItem> refused;   // the first refused item, which blocks all after it
        std::optional<OutboxItem> held;      // the first send still in its undo window
        QSet<qint64> items;                  // every item on the lane so far
    };
    QHash<QString, LaneSoFar> lanes;
    QHash<qint64, QueuePosition> positions;
    positions.reserve(items.size());
    auto earlier = [](const std::optional<OutboxItem> &a, const std::optional<OutboxItem> &b) {
        return a && (!b || a->id < b->id);
    };
    for (const OutboxItem &item : items) {
        const QStringList itemLanes = lanesOf(item.command);
        std::optional<OutboxItem> refused, held, head;
        QSet<qint64> ahead;
        for (const QString &name : itemLanes) {
            const LaneSoFar &lane = lanes[name];
            if (earlier(lane.refused, refused))
                refused = lane.refused;
            if (earlier(lane.held, held))
                held = lane.held;
            if (earlier(lane.head, head))
                head = lane.head;
            ahead.unite(lane.items);
        }
        QueuePosition position;
        position.ahead = int(ahead.size());
        if (refused) {
            position.waiting = Waiting::BehindRefused;
            position.blocker = refused;
        } else if (held) {
            position.waiting = Waiting::BehindHeld;
            position.blocker = held;
        } else if (head && item.state != OutboxState::Failed) {
            // A refused item is where it is because of itself, never "behind" anything.
            position.waiting = Waiting::ForItsTurn;
            position.blocker = head;
        }
        if (!refused && item.state == OutboxState::Failed)
            refused = item;
        if (!held && isHeld(item, now))
            held = item;
        for (const QString &name : itemLanes) {
            LaneSoFar &lane = lanes[name];
            if (!lane.head)
                lane.head = item;
            if (!lane.refused)
                lane.refused = refused;
            if (!lane.held)
                lane.held = held;
            lane.items.insert(item.id);
        }
        positions.insert(item.id, position);
    }
    return positions;
}

} // namespace zeiko
