#include "ui/attention_watcher.h"

#include "store/store_error.h"

#include <QTimer>

namespace zeiko::ui {

AttentionWatcher::AttentionWatcher(LocalStore &store, TicketCache &tickets, const QString &operatorId, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_tickets(tickets)
    , m_operatorId(operatorId)
{
    connect(&m_store, &LocalStore::changed, this, &AttentionWatcher::onStoreChanged);
    // After the first paint: reading every row must not delay the window.
    QTimer::singleShot(0, this, &AttentionWatcher::prime);
}

AttentionWatcher::Seen AttentionWatcher::seenOf(const TicketRow &row, const QString &operatorId)
{
    Seen seen;
    seen.mine = row.assignee && row.assignee->kind == ActorKind::Operator && row.assignee->id == operatorId;
    seen.urgentSla = row.slaState == SlaState::AtRisk || row.slaState == SlaState::Breached;
    return seen;
}

void AttentionWatcher::prime()
{
    if (m_primed || !m_store.isOpen())
        return;
    try {
        for (const TicketRow &row : m_store.ticketRows()) {
            const Seen seen = seenOf(row, m_operatorId);
            if (seen.mine || seen.urgentSla)
                m_seen.insert(row.id, seen);
        }
        m_primed = true;
    } catch (const StoreError &error) {
        readFailed(error.userMessage());   // tried again at the next change
    }
}

void AttentionWatcher::readFailed(const QString &userMessage)
{
    if (m_readFailing)
        return;
    m_readFailing = true;
    Q_EMIT notificationRequested(tr("Notifications may be missed"),
                                 tr("The local cache could not be read: %1").arg(userMessage));
}

void AttentionWatcher::onStoreChanged(const StoreChange &change)
{
    if (change.insertedTickets.isEmpty() && change.updatedTickets.isEmpty())
        return;   // views, drafts, outbox: nothing to notify about
    if (!m_primed)
        prime();
    // While the snapshot loads, learn the state; notifying about it would flood.
    bool learnOnly = true;   // unknown: never notify about a guess
    bool readsWorked = m_primed;
    try {
        learnOnly = !m_store.bootstrapState().complete;
    } catch (const StoreError &error) {
        readFailed(error.userMessage());
        readsWorked = false;
    }
    QList<TicketId> ids = change.updatedTickets;
    ids += change.insertedTickets;
    for (TicketId id : std::as_const(ids)) {
        std::optional<TicketRow> row;
        try {
            row = m_store.ticketRow(id);
        } catch (const StoreError &error) {
            readFailed(error.userMessage());
            readsWorked = false;
        }
        if (!row)
            continue;
        const Seen before = m_seen.value(id);
        const Seen now = seenOf(*row, m_operatorId);
        if (now.mine || now.urgentSla)
            m_seen.insert(id, now);
        else
            m_seen.remove(id);
        if (learnOnly)
            continue;
        const QString title = tr("#%1 %2").arg(row->number).arg(row->subject);
        if (now.mine && !before.mine) {
            const Ticket *ticket = m_tickets.ticket(id);
            if (row->source == Source::Handoff || (ticket && !ticket->handoffId.isEmpty())) {
                Q_EMIT handoffAssignedToMe(id, title);
                if (!m_settings || m_settings->notifyHandoffAssigned())
                    Q_EMIT notificationRequested(tr("Handoff assigned to you"), title);
            }
        }
        const bool relevant = now.mine || !row->assignee;
        if (now.urgentSla && !before.urgentSla && relevant && row->status != TicketStatus::Closed) {
            Q_EMIT slaAtRisk(id, title);
            if (!m_settings || m_settings->notifySlaAtRisk())
                Q_EMIT notificationRequested(tr("SLA at risk"), title);
        }
    }
    if (readsWorked)
        m_readFailing = false;   // a later failure is said again
}

} // namespace zeiko::ui
