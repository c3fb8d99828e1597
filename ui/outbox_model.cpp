#include "ui/outbox_model.h"

#include "store/store_error.h"
#include "models/labels.h"

namespace zeiko::ui {

OutboxModel::OutboxModel(LocalStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(&m_store, &LocalStore::changed, this, [this](const StoreChange &change) {
        if (!change.outboxChanged.isEmpty() || !change.confirmedRequestIds.isEmpty())
            reload();
    });
    reload();
}

void OutboxModel::reload()
{
    beginResetModel();
    m_items.clear();
    if (m_store.isOpen()) {
        try {
            m_items = m_store.outboxItems();
            for (const OutboxItem &item : std::as_const(m_items)) {
                if (!m_numbers.contains(item.command.ticketId)) {
                    const auto row = m_store.ticketRow(item.command.ticketId);
                    m_numbers.insert(item.command.ticketId, row ? row->number : 0);
                }
            }
        } catch (const StoreError &) {
        }
    }
    endResetModel();
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

int OutboxModel::rowCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : int(m_items.size()); }
int OutboxModel::columnCount(const QModelIndex &parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant OutboxModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const OutboxItem &item = m_items.at(index.row());
    const bool isText = carriesBody(item.command.type);
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TicketColumn: {
            const qint64 number = m_numbers.value(item.command.ticketId);
            return number ? QStringLiteral("#%1").arg(number) : QString::number(item.command.ticketId);
        }
        case ActionColumn: {
            QString text = labels::command(item.command);
            if (isText)
                text += QStringLiteral(": ") + item.command.body.simplified().left(60);
            return text;
        }
        case StateColumn:
            switch (item.state) {
            case OutboxState::Queued: return item.attempts > 0 ? tr("Waiting to retry") : tr("Queued");
            case OutboxState::InFlight: return tr("Sending");
            case OutboxState::Failed: return tr("Failed");
            }
            return {};
        case AttemptsColumn: return item.attempts;
        case ErrorColumn: return item.errorMessage;
        }
        return {};
    case Qt::ToolTipRole: return item.errorMessage.isEmpty() ? QVariant() : item.errorMessage;
    case ItemIdRole: return item.id;
    case StateRole: return int(item.state);
    case IsTextRole: return isText;
    case BodyRole: return item.command.body;
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
