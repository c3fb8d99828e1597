#pragma once
// The queue's standard views and local text search over TicketQueueModel.
// Search is answered by the store's FTS5 index (subject, customer, thread
// text), so it works offline and stays instant with 100,000 tickets.
// Sorted by SortRole; by default newest activity first.

#include "store/local_store.h"

#include <QSet>
#include <QSortFilterProxyModel>
#include <QTimer>

namespace zeiko {

class QueueFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
    Q_PROPERTY(View view READ view WRITE setView NOTIFY viewChanged)
    Q_PROPERTY(QString searchText READ searchText WRITE setSearchText NOTIFY searchTextChanged)
public:
    enum class View {
        All,                  // every cached ticket
        Mine,                 // assigned to the signed-in operator, not closed
        Unassigned,           // nobody assigned, not resolved/closed
        WaitingOnTeam,        // the customer is waiting for us
        SlaAtRiskOrBreached,  // SLA at risk or breached, not closed
    };
    Q_ENUM(View)

    explicit QueueFilterProxy(LocalStore &store, QObject *parent = nullptr);

    View view() const { return m_view; }
    void setView(View view);
    QString searchText() const { return m_searchText; }
    void setSearchText(const QString &text);
    void setOperatorId(const QString &operatorId);

    // How many source rows a view holds right now (the counts on the view tabs).
    int countFor(View view) const;

Q_SIGNALS:
    void viewChanged(zeiko::QueueFilterProxy::View view);
    void searchTextChanged(const QString &text);
    // A search is re-run because the store changed (live traffic, not the
    // operator): `tickets` gained or lost a hit. See QueueAnchor.
    void liveRefilterAboutToRun(const QList<zeiko::TicketId> &tickets);
    void liveRefilterDone();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    bool matchesView(View view, const QModelIndex &sourceIndex) const;
    void refreshSearch();

    LocalStore &m_store;
    View m_view = View::All;
    QString m_searchText;
    QString m_operatorId;
    QSet<TicketId> m_searchHits;
    QTimer m_researchTimer;   // re-run the search after the store changed
};

} // namespace zeiko
