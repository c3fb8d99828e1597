#include "ui/thread_model.h"

#include "models/labels.h"
#include "models/roles.h"
#include "store/store_error.h"

#include <QCoreApplication>
#include <QLoggingCategory>

namespace zeiko::ui {

Q_LOGGING_CATEGORY(lcThreadModel, "zeiko.ui.thread")

ThreadModel::ThreadModel(LocalStore &store, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(&m_store, &LocalStore::changed, this, &ThreadModel::onStoreChanged);
}

void ThreadModel::setTicket(TicketId ticketId)
{
    m_ticketId = ticketId;
    reload();
}

void ThreadModel::setPublicOnly(bool on)
{
    m_publicOnly = on;
    reload();
}

static bool isCustomerVisible(CommandType type)
{
    return type == CommandType::EmailReply || type == CommandType::ChatReply;
}

void ThreadModel::reload()
{
    beginResetModel();
    m_items.clear();
    if (m_ticketId != 0 && m_store.isOpen()) {
        try {
            for (const ThreadEntry &entry : m_store.entries(m_ticketId)) {
                if (!m_publicOnly || entry.visibility == Visibility::Public)
                    m_items.append(Item{false, entry, {}});
            }
            for (const OutboxItem &item : m_store.outboxItems(m_ticketId)) {
                if (!m_publicOnly || isCustomerVisible(item.command.type))
                    m_items.append(Item{true, {}, item});
            }
        } catch (const StoreError &error) {
            qCWarning(lcThreadModel) << "thread could not be read:" << error.userMessage();
        }
    }
    endResetModel();
}

void ThreadModel::onStoreChanged(const StoreChange &change)
{
    if (m_ticketId == 0)
        return;
    if (change.threadsChanged.contains(m_ticketId) || change.outboxChanged.contains(m_ticketId)
        || change.updatedTickets.contains(m_ticketId))
        reload();
}

int ThreadModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

static bool isText(CommandType type)
{
    return carriesBody(type);
}

QVariant ThreadModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Item &item = m_items.at(index.row());
    if (item.fromOutbox) {
        const Command &command = item.outbox.command;
        const bool failed = item.outbox.state == OutboxState::Failed;
        switch (role) {
        case Qt::DisplayRole:
            return isText(command.type) ? command.body : describeCommand(command);
        case EntryIdRole: return qint64(0);
        case EntryKindRole:
            return int(entryKindFor(command.type));
        case AuthorNameRole: return QCoreApplication::translate("zeiko::ui::ThreadModel", "You");
        case AuthorKindRole: return int(ActorKind::Operator);
        case VisibilityRole:
            return int(isCustomerVisible(command.type) ? Visibility::Public : Visibility::Internal);
        case BodyRole: return isText(command.type) ? command.body : describeCommand(command);
        case CreatedAtRole: return item.outbox.createdAt;
        case RequestIdRole: return command.requestId;
        case EntryPendingRole: return true;
        case EntryFailedRole: return failed;
        case EntryErrorRole: return item.outbox.errorMessage;
        case OutboxItemIdRole: return item.outbox.id;
        case CommandTypeRole: return int(command.type);
        case IsActionRole: return !isText(command.type);
        }
        return {};
    }
    const ThreadEntry &e = item.entry;
    switch (role) {
    case Qt::DisplayRole: return e.body;
    case EntryIdRole: return e.id;
    case EntryKindRole: return int(e.kind);
    case AuthorNameRole: return e.author.name;
    case AuthorKindRole: return int(e.author.kind);
    case VisibilityRole: return int(e.visibility);
    case BodyRole: return e.body;
    case CreatedAtRole: return e.createdAt;
    case EventStatusRole: return e.eventStatus;
    case RequestIdRole: return e.requestId;
    case EntryPendingRole: return false;
    case EntryFailedRole: return false;
    case EntryErrorRole: return QString();
    case OutboxItemIdRole: return qint64(0);
    case IsActionRole: return false;
    }
    return {};
}

QHash<int, QByteArray> ThreadModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(EntryIdRole, "entryId");
    names.insert(EntryKindRole, "kind");
    names.insert(AuthorNameRole, "authorName");
    names.insert(BodyRole, "body");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(EntryPendingRole, "pending");
    names.insert(EntryFailedRole, "failed");
    names.insert(EntryErrorRole, "error");
    names.insert(OutboxItemIdRole, "outboxItemId");
    return names;
}

QString describeCommand(const Command &command)
{
    auto tr = [](const char *text) { return QCoreApplication::translate("zeiko::ui::ThreadModel", text); };
    switch (command.type) {
    case CommandType::EmailReply: return tr("Email reply");
    case CommandType::ChatReply: return tr("Live chat reply");
    case CommandType::InternalNote: return tr("Internal note");
    case CommandType::TakeOver: return tr("Take over from the AI agent");
    case CommandType::Reopen: return tr("Reopen");
    case CommandType::Close: return tr("Close");
    case CommandType::ForceClose:
        return command.reason.isEmpty() ? tr("Force close") : tr("Force close: %1").arg(command.reason);
    case CommandType::SetPriority:
        return tr("Set priority to %1").arg(command.priority ? labels::priority(*command.priority) : QString());
    case CommandType::Assign: return tr("Assign");
    case CommandType::Unassign: return tr("Unassign");
    }
    return {};
}

} // namespace zeiko::ui
