#include "ui/outbox_model.h"

#include "domain/command_targets.h"
#include "store/store_error.h"
#include "models/labels.h"

#include <QLocale>

namespace zeiko::ui {

OutboxModel::OutboxModel(LocalStore &store, QObject *parent)
    : OutboxModel(store, systemClock(), parent)
{
}

OutboxModel::OutboxModel(LocalStore &store, const Clock &clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
    , m_clock(clock)
{
    connect(&m_store, &LocalStore::changed, this, [this](const StoreChange &change) {
        if (change.outboxTouched || !change.confirmedRequestIds.isEmpty())
            reload();
    });
    // A hold ending changes nothing in the store until the item is sent;
    // a moved clock (tests) must still re-read who waits behind whom.
    connect(&m_clock, &Clock::jumped, this, &OutboxModel::reload);
    reload();
}

void OutboxModel::reload()
{
    QList<OutboxItem> items;
    QString error;
    const QDateTime now = m_clock.now();
    if (m_store.isOpen()) {
        try {
            items = m_store.outboxItems();
            for (const OutboxItem &item : std::as_const(items)) {
                if (item.command.ticketId != 0 && !m_numbers.contains(item.command.ticketId)) {
                    const auto row = m_store.ticketRow(item.command.ticketId);
                    m_numbers.insert(item.command.ticketId, row ? row->number : 0);
                }
            }
        } catch (const StoreError &storeError) {
            // Keep showing what was read last: an empty table would say
            // "nothing waiting" when it is not known.
            error = tr("Could not read the outbox: %1. The list below may be out of date.")
                        .arg(storeError.userMessage());
        }
    }
    beginResetModel();
    if (error.isEmpty())
        m_items = items;
    m_loadedAt = now;
    m_positions = queuePositions(m_items, m_loadedAt);
    endResetModel();
    if (error != m_loadError) {
        m_loadError = error;
        Q_EMIT loadErrorChanged(m_loadError);
    }
    Q_EMIT countsChanged(pendingCount(), failedCount());
}

int OutboxModel::pendingCount() const
{
    return int(std::count_if(m_items.cbegin(), m_items.cend(),
                             [](const OutboxItem &i) { return i.state != OutboxState::Failed; }));
}

int OutboxModel::failedCount() const
{
    return int(m_items.size()) - pendingCount();
}

int OutboxModel::rowOfItem(qint64 itemId) const
{
    for (int row = 0; row < m_items.size(); ++row) {
        if (m_items.at(row).id == itemId)
            return row;
    }
    return -1;
}

QString OutboxModel::stateText(const OutboxItem &item, const QueuePosition &position) const
{
    const QString blocker = position.blocker ? labels::command(position.blocker->command) : QString();
    switch (position.waiting) {
    case Waiting::BehindRefused:
        return tr("Waiting behind the refused “%1” — retry, edit or discard it").arg(blocker);
    case Waiting::BehindHeld:
        return tr("Waiting behind “%1”, still in its undo window").arg(blocker);
    case Waiting::ForItsTurn:
    case Waiting::NotWaiting:
        break;
    }
    switch (item.state) {
    case OutboxState::Queued:
        if (isHeld(item, m_loadedAt))
            return tr("Held — can be undone until %1").arg(QLocale().toString(item.notBefore.toLocalTime().time(),
                                                                               QLocale::LongFormat));
        if (position.waiting == Waiting::ForItsTurn)
            return tr("Queued — after “%1”").arg(blocker);
        return item.attempts > 0 ? tr("Waiting to retry") : tr("Queued");
    case OutboxState::InFlight: return tr("Sending");
    case OutboxState::Failed: return tr("Failed");
    }
    return {};
}

int OutboxModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_items.size()); }
int OutboxModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutboxItem &item = m_items.at(index.row());
    const QueuePosition position = m_positions.value(item.id);
    const bool isText = carriesBody(item.command.type);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TicketColumn: {
            if (item.command.ticketId == 0)   // about no ticket: the tenant's, or the operator's own
                return targetsOf(item.command).constFirst().kind == TargetKind::Operator ? tr("You") : tr("Account");
            const qint64 number = m_numbers.value(item.command.ticketId);
            return number ? QStringLiteral("#%1").arg(number) : QString::number(item.command.ticketId);
        }
        case ActionColumn: {
            QString text = labels::command(item.command);
            if (isText)
                text += QStringLiteral(": ") + item.command.body.simplified().left(60);
            return text;
        }
        case StateColumn: return stateText(item, position);
        case AttemptsColumn: return item.attempts;
        case ErrorColumn:
            // A waiting item's reason is its blocker's: why nothing moves.
            if (position.waiting == Waiting::BehindRefused && item.errorMessage.isEmpty())
                return position.blocker->errorMessage;
            return item.errorMessage;
        }
        return {};
    case Qt::ToolTipRole: {
        QString tip = stateText(item, position);
        if (position.waiting == Waiting::BehindRefused && !position.blocker->errorMessage.isEmpty())
            tip += QStringLiteral("\n") + position.blocker->errorMessage;
        else if (!item.errorMessage.isEmpty())
            tip += QStringLiteral("\n") + item.errorMessage;
        return tip;
    }
    case ItemIdRole: return item.id;
    case StateRole: return int(item.state);
    case IsTextRole: return isText;
    case BodyRole: return item.command.body;
    case WaitingRole: return int(position.waiting);
    case BlockerIdRole: return position.blocker ? position.blocker->id : qint64(0);
    case BlockerStateRole: return position.blocker ? QVariant(int(position.blocker->state)) : QVariant();
    case BlockerIsTextRole: return position.blocker && carriesBody(position.blocker->command.type);
    case BlockerLabelRole: return position.blocker ? labels::command(position.blocker->command) : QString();
    case HeldRole: return isHeld(item, m_loadedAt);
    }
    return {};
}

QVariant OutboxModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TicketColumn: return tr("Ticket");
    case ActionColumn: return tr("Action");
    case StateColumn: return tr("State");
    case AttemptsColumn: return tr("Attempts");
    case ErrorColumn: return tr("Reason");
    }
    return {};
}

} // namespace zeiko::ui
