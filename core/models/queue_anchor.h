#pragma once
// The operator's place in a live queue (issue 11, item 15). Traffic re-sorts
// the rows; the order stays live, but the operator's ticket (the anchor) is
// followed, and the tickets that arrived above it since the operator last
// looked at the top are counted ("3 new above").
//
// It reads the proxy the operator sees (sorted, filtered) over a
// TicketQueueModel and works per live change, never per row signal: the
// model announces each store change before and after it applies it
// (TicketQueueModel::liveChangeAboutToBeApplied / liveChangeApplied, and
// the proxy likewise when it re-runs a search for new traffic), and
// the anchor compares where the touched tickets stood against the anchor
// before and after. That is O(touched tickets) per burst of events, so it
// holds at thousands of agent events a second; what keeps the anchored row
// at the same height on screen is the widget's job (it listens to
// aboutToMove/settled here).
//
// An arrival is a ticket that was not above the anchor (not in the view, or
// below it) and is above it now: a new ticket sorting on top, a ticket whose
// update sorts it higher, one that entered the view. An arrival that falls
// below the anchor again, or leaves the view, no longer counts.

#include "store/store_types.h"

#include <QObject>
#include <QSet>

#include <optional>

namespace zeiko {

class QueueFilterProxy;
class TicketQueueModel;

class QueueAnchor : public QObject
{
    Q_OBJECT
public:
    // `proxy`: what the operator sees, with `model` as its source.
    QueueAnchor(QueueFilterProxy &proxy, TicketQueueModel &model, QObject *parent = nullptr);

    // The operator's ticket (the selected one; 0: none). Arrivals that are
    // not above the new anchor stop counting.
    void setAnchor(TicketId id);
    TicketId anchor() const { return m_anchor; }
    // The anchor's row in the proxy now (-1: none, or not in the view).
    int anchorRow() const;

    // Tickets that arrived above the anchor and are still above it.
    int arrivalsAbove() const { return int(m_arrivals.size()); }
    bool isArrival(TicketId id) const { return m_arrivals.contains(id); }
    // The operator looked at the top (scrolled there, or asked to go there).
    void clearArrivals();
    // Re-checks the counted arrivals against the rows now (after the
    // operator re-sorted, filtered or searched): O(arrivals).
    void recount();

Q_SIGNALS:
    // A live change is about to move rows: the widget notes where the
    // anchored row is on screen.
    void aboutToMove();
    // The live change is applied (rows may have moved, appeared or gone):
    // the widget puts the anchored row back where it was.
    void settled();
    void arrivalsAboveChanged(int count);

private:
    void beforeLiveChange(const QList<TicketId> &tickets);
    void afterLiveChange();
    // The ticket's row in the proxy (-1: not in the view).
    int proxyRowOf(TicketId id) const;
    // Those of `tickets` that are above the anchor now.
    QSet<TicketId> stillAbove(const QSet<TicketId> &tickets) const;
    void setArrivals(QSet<TicketId> arrivals);

    QueueFilterProxy &m_proxy;
    TicketQueueModel &m_model;
    TicketId m_anchor = 0;
    QSet<TicketId> m_arrivals;

    // During one live change: the anchor it started with, and the touched
    // tickets that were above that anchor before it.
    struct Pending
    {
        TicketId anchor = 0;
        QList<TicketId> tickets;
        QSet<TicketId> wereAbove;
    };
    std::optional<Pending> m_pending;
};

} // namespace zeiko
