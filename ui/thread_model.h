#pragma once
// One ticket's thread as a list: the stored entries in server order, then the
// operator's own queued commands for that ticket (replies and notes as
// pending entries, other actions as pending action lines), failed ones with
// the server's reason. Roles are those of models/roles.h (ThreadModel part).
// core/models has no thread model yet; this one lives in ui/ until it does.

#include "store/local_store.h"

#include <QAbstractListModel>

namespace zeiko::ui {

class ThreadModel : public QAbstractListModel
{
    Q_OBJECT
public:
    // Extra roles for pending actions that are not entries.
    enum ExtraRole {
        CommandTypeRole = Qt::UserRole + 200,   // zeiko::CommandType as int, outbox items only
        IsActionRole,                           // bool: a pending action line (not a reply/note)
    };

    explicit ThreadModel(LocalStore &store, QObject *parent = nullptr);

    void setTicket(TicketId ticketId);
    TicketId ticketId() const { return m_ticketId; }
    // Only what the customer sees (the live handoff conversation view).
    void setPublicOnly(bool on);
    void reload();

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

private:
    struct Item {
        bool fromOutbox = false;
        ThreadEntry entry;
        OutboxItem outbox;
    };
    void onStoreChanged(const StoreChange &change);

    LocalStore &m_store;
    TicketId m_ticketId = 0;
    bool m_publicOnly = false;
    QList<Item> m_items;
};

// What a pending command will do, in words ("Close", "Set priority to High").
QString describeCommand(const Command &command);

} // namespace zeiko::ui
