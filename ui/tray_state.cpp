#include "ui/tray_state.h"

#include "domain/enums.h"
#include "models/roles.h"

#include <QAbstractItemModel>

namespace zeiko::ui {

TrayState::TrayState(QAbstractItemModel *queue, QObject *parent)
    : QObject(parent)
    , m_queue(queue)
{
    connect(queue, &QAbstractItemModel::modelReset, this, &TrayState::recountAll);
    connect(queue, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    updateRows(first, last);
            });
    connect(queue, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (!parent.isValid())
                    forgetRows(first, last);
            });
    connect(queue, &QAbstractItemModel::dataChanged, this,
            [this](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                updateRows(topLeft.row(), bottomRight.row());
            });
    // Moves and re-sorts change no ticket's flags: counts are keyed by id.
    recountAll();
}

quint8 TrayState::flagsOfRow(int row) const
{
    const QModelIndex index = m_queue->index(row, 0);
    const auto status = TicketStatus(index.data(StatusRole).toInt());
    if (status == TicketStatus::Resolved || status == TicketStatus::Closed)
        return 0;
    const bool mine = index.data(IsMineRole).toBool();
    const bool unassigned = index.data(AssigneeIdRole).toString().isEmpty();
    if (!mine && !unassigned)
        return 0;   // someone else's ticket is not this operator's alarm
    quint8 flags = 0;
    if (index.data(UnreadRole).toBool())
        flags |= Unread;
    const auto sla = SlaState(index.data(SlaStateRole).toInt());
    if (sla == SlaState::AtRisk || sla == SlaState::Breached)
        flags |= AtRisk;
    if (sla == SlaState::Breached)
        flags |= Breached;
    return flags;
}

void TrayState::apply(quint8 before, quint8 after)
{
    m_counts.unread += int(bool(after & Unread)) - int(bool(before & Unread));
    m_counts.atRisk += int(bool(after & AtRisk)) - int(bool(before & AtRisk));
    m_counts.breached += int(bool(after & Breached)) - int(bool(before & Breached));
}

void TrayState::publish(const TrayCounts &before)
{
    if (!(m_counts == before))
        Q_EMIT countsChanged(m_counts);
}

void TrayState::recountAll()
{
    const TrayCounts before = m_counts;
    m_flags.clear();
    m_counts = {};
    if (m_queue) {
        const int rows = m_queue->rowCount();
        for (int row = 0; row < rows; ++row) {
            const quint8 flags = flagsOfRow(row);
            if (flags == 0)
                continue;
            m_flags.insert(m_queue->index(row, 0).data(TicketIdRole).value<TicketId>(), flags);
            apply(0, flags);
        }
    }
    publish(before);
}

void TrayState::updateRows(int first, int last)
{
    if (!m_queue || first < 0)
        return;
    const TrayCounts before = m_counts;
    for (int row = first; row <= last; ++row) {
        const TicketId id = m_queue->index(row, 0).data(TicketIdRole).value<TicketId>();
        const quint8 old = m_flags.value(id, 0);
        const quint8 now = flagsOfRow(row);
        if (now == old)
            continue;
        apply(old, now);
        if (now == 0)
            m_flags.remove(id);
        else
            m_flags.insert(id, now);
    }
    publish(before);
}

void TrayState::forgetRows(int first, int last)
{
    if (!m_queue)
        return;
    const TrayCounts before = m_counts;
    for (int row = first; row <= last; ++row) {
        const TicketId id = m_queue->index(row, 0).data(TicketIdRole).value<TicketId>();
        apply(m_flags.take(id), 0);
    }
    publish(before);
}

} // namespace zeiko::ui
