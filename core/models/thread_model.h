#pragma once
// One ticket's thread: the cached entries in server order, followed by the
// operator's own commands still in the outbox: replies/notes as pending
// entries (EntryPendingRole), other actions (close, priority...) as pending
// action lines (EntryIsActionRole, body = labels::command), refused ones
// with EntryFailedRole and OutboxItemIdRole for Outbox::retry/edit/discard.
// A human reply carries its one label (ReplyLabelRole): how it reaches the
// customer (recorded by the server; for a pending one, where it will go).
// When a pending item is confirmed its row is removed and the confirmed
// entry inserted in the same update, never shown twice. Updates are
// row-level (insert/remove/dataChanged); only switching ticket or filter resets.

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
    // Only what the customer sees: public entries and the operator's pending
    // customer-visible replies (the live handoff conversation).
    void setCustomerVisibleOnly(bool on);
    bool customerVisibleOnly() const { return m_customerVisibleOnly; }
    // The whole thread is in the cache (fetched from the server at least
    // once). False for a ticket outside the prefetched working set that was
    // never opened online: the rows are then only what events brought and
    // the operator's own pending items, not the conversation.
    bool isThreadCached() const { return m_threadCached; }

Q_SIGNALS:
    void threadCachedChanged(bool cached);

public:
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
    bool readThreadCached() const;
    void sync();
    void onStoreChanged(const StoreChange &change);

    LocalStore &m_store;
    TicketId m_ticketId = 0;
    bool m_customerVisibleOnly = false;
    bool m_threadCached = false;
    QList<Row> m_rows;
};

} // namespace zeiko
