#pragma once
// The ticket queue: one row per cached ticket, columns as the queue table
// shows them, roles from models/roles.h. Rows are in store order (newest
// activity first at load, new tickets appended); sort and filter with
// QueueFilterProxy. Updates are fine-grained: inserted tickets become
// beginInsertRows, changed ones dataChanged; never a reset per event.
// Queued commands are overlaid (status, priority, assignee, the live
// handoff) through the one rule set, with PendingRole.

#include "domain/ticket_rules.h"
#include "store/local_store.h"

#include <QAbstractTableModel>
#include <QHash>

namespace zeiko {

class TicketQueueModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        NumberColumn,
        CustomerColumn,
        SubjectColumn,
        StatusColumn,
        PriorityColumn,
        SlaColumn,
        SourceColumn,
        AssigneeColumn,
        LastActivityColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    explicit TicketQueueModel(LocalStore &store, QObject *parent = nullptr);

    // The signed-in operator (IsMineRole, the rules the overlay applies as).
    void setOperatorId(const QString &operatorId);
    QString operatorId() const { return m_operatorId; }
    // Re-read everything from the store (after sign-in or a store switch).
    void reload();

    int rowOf(TicketId id) const { return m_index.value(id, -1); }
    TicketId ticketIdAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

Q_SIGNALS:
    // Around each store change the rows follow (one burst of live events, a
    // catch-up page, a queued command): everything between the two is one
    // batch — the proxy re-sorts each touched ticket once, however many
    // events it got — and listeners that keep the operator's place
    // (QueueAnchor) compare before and after. `tickets`: every ticket whose
    // row may appear, change or move (sorted, no duplicates).
    void liveChangeAboutToBeApplied(const QList<zeiko::TicketId> &tickets);
    void liveChangeApplied();

private:
    void onStoreChanged(const StoreChange &change);
    void applyStoreChange(const StoreChange &change);
    void emitRowChanged(TicketId id);
    QVariant displayText(const TicketRow &row, int column) const;
    QVariant sortKey(const TicketRow &row, int column) const;
    // The ticket's live handoff as last synced (read lazily, cached until
    // the store says the ticket changed); a link not synced yet reads as requested.
    std::optional<rules::HandoffFacts> handoffOf(TicketId id) const;

    LocalStore &m_store;
    QString m_operatorId;
    QList<TicketRow> m_rows;
    QHash<TicketId, int> m_index;
    QHash<TicketId, QList<OutboxItem>> m_outbox;   // only tickets with queued commands
    QHash<TicketId, qint64> m_viewedAt;
    mutable QHash<TicketId, std::optional<rules::HandoffFacts>> m_handoffs;
};

// What the rules read of the ticket at `index` (TicketFactsRole; defaults
// when the index holds none).
rules::TicketFacts ticketFactsAt(const QModelIndex &index);

} // namespace zeiko
