#include "models/queue_anchor.h"

#include "models/queue_filter_proxy.h"
#include "models/ticket_queue_model.h"

namespace zeiko {

QueueAnchor::QueueAnchor(QueueFilterProxy &proxy, TicketQueueModel &model, QObject *parent)
    : QObject(parent)
    , m_proxy(proxy)
    , m_model(model)
{
    connect(&m_model, &TicketQueueModel::liveChangeAboutToBeApplied, this, &QueueAnchor::beforeLiveChange);
    connect(&m_model, &TicketQueueModel::liveChangeApplied, this, &QueueAnchor::afterLiveChange);
    connect(&m_proxy, &QueueFilterProxy::liveRefilterAboutToRun, this, &QueueAnchor::beforeLiveChange);
    connect(&m_proxy, &QueueFilterProxy::liveRefilterDone, this, &QueueAnchor::afterLiveChange);
    connect(&m_model, &QAbstractItemModel::modelReset, this, &QueueAnchor::clearArrivals);
    // The operator re-sorted, switched the view or searched: arrivals that
    // are no longer above stop counting. (Inside a live change the proxy's
    // per-row signals are left alone: the change is judged once, after.)
    const auto recountOutsideLiveChanges = [this] {
        if (!m_pending)
            recount();
    };
    connect(&m_proxy, &QAbstractItemModel::layoutChanged, this, recountOutsideLiveChanges);
    connect(&m_proxy, &QAbstractItemModel::rowsRemoved, this, recountOutsideLiveChanges);
    connect(&m_proxy, &QAbstractItemModel::rowsInserted, this, recountOutsideLiveChanges);
}

int QueueAnchor::proxyRowOf(TicketId id) const
{
    const int sourceRow = id ? m_model.rowOf(id) : -1;
    if (sourceRow < 0)
        return -1;
    return m_proxy.mapFromSource(m_model.index(sourceRow, 0)).row();
}

int QueueAnchor::anchorRow() const
{
    return proxyRowOf(m_anchor);
}

void QueueAnchor::setAnchor(TicketId id)
{
    if (m_anchor == id)
        return;
    m_anchor = id;
    recount();
}

void QueueAnchor::clearArrivals()
{
    setArrivals({});
}

void QueueAnchor::recount()
{
    if (m_arrivals.isEmpty())
        return;
    setArrivals(stillAbove(m_arrivals));
}

QSet<TicketId> QueueAnchor::stillAbove(const QSet<TicketId> &tickets) const
{
    const int anchor = anchorRow();
    QSet<TicketId> above;
    if (anchor < 0)
        return above;
    for (TicketId id : tickets) {
        const int row = proxyRowOf(id);
        if (row >= 0 && row < anchor)
            above.insert(id);
    }
    return above;
}

void QueueAnchor::setArrivals(QSet<TicketId> arrivals)
{
    if (arrivals == m_arrivals)
        return;
    m_arrivals = std::move(arrivals);
    Q_EMIT arrivalsAboveChanged(arrivalsAbove());
}

void QueueAnchor::beforeLiveChange(const QList<TicketId> &tickets)
{
    Pending pending;
    pending.anchor = m_anchor;
    pending.tickets = tickets;
    const int anchor = anchorRow();
    if (anchor >= 0) {
        for (TicketId id : tickets) {
            const int row = proxyRowOf(id);
            if (row >= 0 && row < anchor)
                pending.wereAbove.insert(id);
        }
    }
    m_pending = std::move(pending);
    Q_EMIT aboutToMove();
}

void QueueAnchor::afterLiveChange()
{
    if (!m_pending)
        return;
    const Pending pending = std::move(*m_pending);
    m_pending.reset();
    const int anchor = anchorRow();
    // The operator chose another ticket meanwhile, or theirs left the view:
    // nothing to compare against.
    if (pending.anchor != m_anchor || anchor < 0) {
        recount();
        Q_EMIT settled();
        return;
    }
    QSet<TicketId> arrivals = m_arrivals;
    for (TicketId id : pending.tickets) {
        const int row = proxyRowOf(id);
        const bool above = row >= 0 && row < anchor;
        if (above && !pending.wereAbove.contains(id))
            arrivals.insert(id);
        else if (!above)
            arrivals.remove(id);
    }
    // The anchor's own update may have re-sorted it: earlier arrivals can be
    // below it now.
    if (pending.tickets.contains(m_anchor))
        arrivals = stillAbove(arrivals);
    setArrivals(std::move(arrivals));
    Q_EMIT settled();
}

} // namespace zeiko
