#include "models/queue_filter_proxy.h"

#include "models/roles.h"
#include "models/ticket_queue_model.h"
#include "store/store_error.h"
#include "sync/logging.h"

namespace zeiko {

QueueFilterProxy::QueueFilterProxy(LocalStore &store, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_store(store)
{
    setSortRole(SortRole);
    setDynamicSortFilter(true);
    sort(TicketQueueModel::LastActivityColumn, Qt::DescendingOrder);
    m_researchTimer.setSingleShot(true);
    m_researchTimer.setInterval(0);
    connect(&m_researchTimer, &QTimer::timeout, this, [this] {
        // New hits appear among the rows like any other live traffic.
        const QSet<TicketId> before = m_searchHits;
        refreshSearch();
        QList<TicketId> changed;
        for (TicketId id : std::as_const(m_searchHits)) {
            if (!before.contains(id))
                changed.append(id);
        }
        for (TicketId id : before) {
            if (!m_searchHits.contains(id))
                changed.append(id);
        }
        Q_EMIT liveRefilterAboutToRun(changed);
        invalidateRowsFilter();
        Q_EMIT liveRefilterDone();
    });
    connect(&m_store, &LocalStore::changed, this, [this](const StoreChange &change) {
        if (!m_searchText.isEmpty()
            && (!change.insertedTickets.isEmpty() || !change.updatedTickets.isEmpty() || !change.threadsChanged.isEmpty()))
            m_researchTimer.start();
    });
}

void QueueFilterProxy::setView(View view)
{
    if (m_view == view)
        return;
    m_view = view;
    invalidateRowsFilter();
    Q_EMIT viewChanged(view);
}

void QueueFilterProxy::setSearchText(const QString &text)
{
    if (m_searchText == text)
        return;
    m_searchText = text;
    refreshSearch();
    invalidateRowsFilter();
    Q_EMIT searchTextChanged(text);
}

void QueueFilterProxy::setOperatorId(const QString &operatorId)
{
    m_operatorId = operatorId;
    invalidateRowsFilter();
}

void QueueFilterProxy::refreshSearch()
{
    m_searchHits.clear();
    if (m_searchText.trimmed().isEmpty())
        return;
    try {
        m_searchHits = m_store.search(m_searchText);
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "search failed:" << error.userMessage();
    }
}

bool QueueFilterProxy::matchesView(View view, const QModelIndex &i) const
{
    const auto status = TicketStatus(i.data(StatusRole).toInt());
    const bool closed = status == TicketStatus::Closed;
    switch (view) {
    case View::All:
        return true;
    case View::Mine:
        return !closed && !m_operatorId.isEmpty() && i.data(AssigneeIdRole).toString() == m_operatorId;
    case View::Unassigned:
        return !closed && status != TicketStatus::Resolved && i.data(AssigneeIdRole).toString().isEmpty();
    case View::WaitingOnTeam:
        return status == TicketStatus::WaitingOnTeam;
    case View::SlaAtRiskOrBreached: {
        const auto sla = SlaState(i.data(SlaStateRole).toInt());
        return !closed && (sla == SlaState::AtRisk || sla == SlaState::Breached);
    }
    }
    return false;
}

bool QueueFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    if (!matchesView(m_view, index))
        return false;
    if (m_searchText.trimmed().isEmpty())
        return true;
    return m_searchHits.contains(index.data(TicketIdRole).toLongLong());
}

bool QueueFilterProxy::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const QVariant a = left.data(SortRole);
    const QVariant b = right.data(SortRole);
    const QPartialOrdering order = QVariant::compare(a, b);
    if (order == QPartialOrdering::Equivalent || order == QPartialOrdering::Unordered)
        return left.data(TicketIdRole).toLongLong() < right.data(TicketIdRole).toLongLong();   // stable ties
    return order == QPartialOrdering::Less;
}

int QueueFilterProxy::countFor(View view) const
{
    if (!sourceModel())
        return 0;
    int count = 0;
    const int rows = sourceModel()->rowCount();
    for (int row = 0; row < rows; ++row) {
        if (matchesView(view, sourceModel()->index(row, 0)))
            ++count;
    }
    return count;
}

} // namespace zeiko
