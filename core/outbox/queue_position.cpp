#include "outbox/queue_position.h"

namespace zeiko {

bool isHeld(const OutboxItem &item, const QDateTime &now)
{
    return item.state == OutboxState::Queued && item.notBefore.isValid() && item.notBefore > now;
}

QHash<qint64, QueuePosition> queuePositions(const QList<OutboxItem> &items, const QDateTime &now)
{
    struct TicketSoFar {
        std::optional<OutboxItem> head;      // the first item: what the queue waits for
        std::optional<OutboxItem> refused;   // the first refused item, which blocks all after it
        std::optional<OutboxItem> held;      // the first send still in its undo window
        int count = 0;
    };
    QHash<TicketId, TicketSoFar> tickets;
    QHash<qint64, QueuePosition> positions;
    positions.reserve(items.size());
    for (const OutboxItem &item : items) {
        TicketSoFar &ticket = tickets[item.command.ticketId];
        QueuePosition position;
        position.ahead = ticket.count;
        if (ticket.refused) {
            position.waiting = Waiting::BehindRefused;
            position.blocker = ticket.refused;
        } else if (ticket.held) {
            position.waiting = Waiting::BehindHeld;
            position.blocker = ticket.held;
        } else if (ticket.head && item.state != OutboxState::Failed) {
            // A refused item is where it is because of itself, never "behind" anything.
            position.waiting = Waiting::ForItsTurn;
            position.blocker = ticket.head;
        }
        if (!ticket.head)
            ticket.head = item;
        if (!ticket.refused && item.state == OutboxState::Failed)
            ticket.refused = item;
        if (!ticket.held && isHeld(item, now))
            ticket.held = item;
        ++ticket.count;
        positions.insert(item.id, position);
    }
    return positions;
}

} // namespace zeiko
