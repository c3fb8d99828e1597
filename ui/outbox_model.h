#pragma once
// The outbox as a table: every queued, in-flight or refused command with the
// ticket it belongs to and the server's reason. Follows the store's changes.

#include "store/local_store.h"

#include <QAbstractTableModel>

namespace zeiko::ui {

class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TicketColumn, ActionColumn, StateColumn, AttemptsColumn, ErrorColumn, ColumnCount };
    enum ExtraRole { ItemIdRole = Qt::UserRole + 300, StateRole, IsTextRole, BodyRole };

    explicit OutboxModel(LocalStore &store, QObject *parent = nullptr);
    void reload();

    int pendingCount() const;   // queued or in flight
    int failedCount() const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged(int pending, int failed);

private:
    LocalStore &m_store;
    QList<OutboxItem> m_items;
    QHash<TicketId, qint64> m_numbers;
};

} // namespace zeiko::ui
