#pragma once
// The outbox as a table: every queued, held, in-flight or refused command
// with the ticket it belongs to and the server's reason. A command that
// waits behind another one of its ticket says so (core's queuePositions():
// "waiting behind a refused close — retry, edit or discard it"), and names
// the blocker so the panel can act on it from the waiting row.
// Follows the store's changes. When the store cannot be read it keeps the
// last list it read (an outbox that looks empty would say "all sent") and
// says what failed in loadError() until a read works again.

#include "outbox/queue_position.h"
#include "store/local_store.h"
#include "sync/clock.h"

#include <QAbstractTableModel>

namespace zeiko::ui {

class OutboxModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TicketColumn, ActionColumn, StateColumn, AttemptsColumn, ErrorColumn, ColumnCount };
    enum ExtraRole {
        ItemIdRole = Qt::UserRole + 300,
        StateRole,
        IsTextRole,
        BodyRole,
        WaitingRole,         // int(zeiko::Waiting)
        BlockerIdRole,       // the item it waits behind; 0: none
        BlockerStateRole,    // int(OutboxState) of the blocker
        BlockerIsTextRole,   // the blocker carries a text (can be edited)
        BlockerLabelRole,    // the blocker in words ("Close")
        HeldRole,            // in its undo window
    };

    explicit OutboxModel(LocalStore &store, QObject *parent = nullptr);
    // `clock` decides which sends are still held (the outbox's clock).
    OutboxModel(LocalStore &store, const Clock &clock, QObject *parent = nullptr);
    void reload();

    int pendingCount() const;   // queued or in flight
    int failedCount() const;
    int rowOfItem(qint64 itemId) const;   // -1: not in the outbox
    // Why the list shown may be out of date ("" when the last read worked).
    QString loadError() const { return m_loadError; }

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

Q_SIGNALS:
    void countsChanged(int pending, int failed);
    // The last read failed (`error` for the operator) or worked again ("").
    void loadErrorChanged(const QString &error);

private:
    QString stateText(const OutboxItem &item, const QueuePosition &position) const;

    LocalStore &m_store;
    const Clock &m_clock;
    QList<OutboxItem> m_items;
    QHash<qint64, QueuePosition> m_positions;
    QDateTime m_loadedAt;
    QHash<TicketId, qint64> m_numbers;
    QString m_loadError;
};

} // namespace zeiko::ui
