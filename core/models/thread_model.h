#pragma once
// One ticket's thread: the cached entries in server order, followed by the
// operator's replies/notes still in the outbox (EntryPendingRole) and any
// refused command (EntryFailedRole, with OutboxItemIdRole for Outbox::retry/
// edit/discard). When a pending item is confirmed its row is removed and
// the confirmed entry inserted in the same update, never shown twice.
// Updates are row-level (insert/remove/dataChanged), never a reset.

#include "store/local_store.h"

#include <QAbstractListModel>

namespace zeiko {

class ThreadModel : public QAbstractListModel
{
    Q_OBJECT
public:
    explicit ThreadModel(LocalStore &store, TicketId ticketId = 0, QObject *parent = nullptr);

    TicketId ticketId() const { return m_ticketId; }
    // Show another ticket (a reset: it is a different thread).
    void setTicketId(TicketId ticketId);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Row {
        QString key;               // "e<id>" for entries, "o<id>" for outbox items
        ThreadEntry entry;         // for outbox items: a synthesized entry
        std::optional<OutboxItem> outbox;
        friend bool operator==(const Row &, const Row &) = default;
    };
    QList<Row> readRows() const;
    void sync();
    void onStoreChanged(const StoreChange &change);

    LocalStore &m_store;
    TicketId m_ticketId = 0;
    QList<Row> m_rows;
};

} // namespace zeiko
