#pragma once
// Decides what deserves a desktop notification: a handoff newly assigned to
// the signed-in operator, or an SLA (of my or unassigned tickets) turning at
// risk or breached. Compares each changed ticket with what it was before.

#include "ui/ticket_cache.h"

#include <QHash>
#include <QObject>

namespace zeiko::ui {

class AttentionWatcher : public QObject
{
    Q_OBJECT
public:
    AttentionWatcher(LocalStore &store, TicketCache &tickets, const QString &operatorId, QObject *parent = nullptr);

Q_SIGNALS:
    void handoffAssignedToMe(zeiko::TicketId id, const QString &title);
    void slaAtRisk(zeiko::TicketId id, const QString &title);

private:
    struct Seen {
        bool mine = false;
        bool urgentSla = false;
    };
    static Seen seenOf(const TicketRow &row, const QString &operatorId);
    void prime();
    void onStoreChanged(const StoreChange &change);

    LocalStore &m_store;
    TicketCache &m_tickets;
    QString m_operatorId;
    bool m_primed = false;
    QHash<TicketId, Seen> m_seen;   // only tickets that are mine or whose SLA is urgent
};

} // namespace zeiko::ui
