#include "models/thread_model.h"

#include "models/labels.h"
#include "models/roles.h"
#include "store/store_error.h"
#include "sync/logging.h"

#include <QSet>

namespace zeiko {

ThreadModel::ThreadModel(LocalStore &store, TicketId ticketId, QObject *parent)
    : QAbstractListModel(parent)
    , m_store(store)
{
    connect(&m_store, &LocalStore::changed, this, &ThreadModel::onStoreChanged);
    setTicketId(ticketId);
}

void ThreadModel::setTicketId(TicketId ticketId)
{
    beginResetModel();
    m_ticketId = ticketId;
    m_rows = readRows();
    m_threadCached = readThreadCached();
    endResetModel();
}

bool ThreadModel::readThreadCached() const
{
    if (m_ticketId == 0 || !m_store.isOpen())
        return false;
    try {
        return m_store.isThreadLoaded(m_ticketId);
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "thread could not read the cache:" << error.userMessage();
        return false;
    }
}

void ThreadModel::setCustomerVisibleOnly(bool on)
{
    if (on == m_customerVisibleOnly)
        return;
    beginResetModel();
    m_customerVisibleOnly = on;
    m_rows = readRows();
    endResetModel();
}

QList<ThreadModel::Row> ThreadModel::readRows() const
{
    QList<Row> rows;
    if (m_ticketId == 0 || !m_store.isOpen())
        return rows;
    try {
        QSet<QString> confirmedRequests;
        for (const ThreadEntry &entry : m_store.entries(m_ticketId)) {
            if (!entry.requestId.isEmpty())
                confirmedRequests.insert(entry.requestId);
            if (m_customerVisibleOnly && entry.visibility != Visibility::Public)
                continue;
            rows.append({QStringLiteral("e%1").arg(entry.id), entry, std::nullopt});
        }
        // Where a pending reply will go: decided as the server will decide it.
        const std::optional<Ticket> ticket = m_store.ticket(m_ticketId);
        for (const OutboxItem &item : m_store.outboxItems(m_ticketId)) {
            const Command &c = item.command;
            const bool writesEntry = carriesBody(c.type);
            if (confirmedRequests.contains(c.requestId))
                continue;   // belt and braces: confirmed and removed in one transaction anyway
            ThreadEntry e;
            e.ticketId = c.ticketId;
            e.kind = entryKindFor(c.type);
            e.visibility = e.kind == EntryKind::HumanReply ? Visibility::Public : Visibility::Internal;
            if (m_customerVisibleOnly && e.visibility != Visibility::Public)
                continue;
            e.author = Actor{ActorKind::Operator, {}, tr("You")};
            e.body = writesEntry ? c.body : labels::command(c);
            e.createdAt = item.createdAt;
            e.requestId = c.requestId;
            if (const auto delivery = ticket ? replyDelivery(c.type, *ticket) : std::nullopt)
                e.eventStatus = toString(*delivery);
            rows.append({QStringLiteral("o%1").arg(item.id), e, item});
        }
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "thread could not read the cache:" << error.userMessage();
    }
    return rows;
}

void ThreadModel::onStoreChanged(const StoreChange &change)
{
    if (m_ticketId != 0 && (change.threadsChanged.contains(m_ticketId) || change.outboxChanged.contains(m_ticketId)))
        sync();
    if (m_ticketId != 0 && change.threadsChanged.contains(m_ticketId)) {
        const bool cached = readThreadCached();
        if (cached != m_threadCached) {
            m_threadCached = cached;
            Q_EMIT threadCachedChanged(cached);
        }
    }
}

// Brings m_rows to the store's state with row-level signals. Both lists are
// ordered the same way (entries by id, then outbox items by id), so after
// removing vanished keys the old rows are a subsequence of the new ones.
void ThreadModel::sync()
{
    const QList<Row> fresh = readRows();
    QSet<QString> freshKeys;
    for (const Row &row : fresh)
        freshKeys.insert(row.key);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!freshKeys.contains(m_rows.at(i).key)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    int i = 0;
    for (const Row &row : fresh) {
        if (i < m_rows.size() && m_rows.at(i).key == row.key) {
            if (!(m_rows.at(i) == row)) {
                m_rows[i] = row;
                Q_EMIT dataChanged(index(i), index(i));
            }
        } else {
            beginInsertRows({}, i, i);
            m_rows.insert(i, row);
            endInsertRows();
        }
        ++i;
    }
}

int ThreadModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

QVariant ThreadModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows.at(index.row());
    const ThreadEntry &e = row.entry;
    const bool failed = row.outbox && row.outbox->state == OutboxState::Failed;
    switch (role) {
    case Qt::DisplayRole: return e.body;
    case Qt::ToolTipRole: return labels::entryKind(e.kind);
    case EntryIdRole: return e.id;
    case EntryKindRole: return int(e.kind);
    case AuthorNameRole: return e.author.name;
    case AuthorKindRole: return int(e.author.kind);
    case VisibilityRole: return int(e.visibility);
    case BodyRole: return e.body;
    case CreatedAtRole: return e.createdAt;
    case EventStatusRole: return e.eventStatus;
    case RequestIdRole: return e.requestId;
    case EntryPendingRole: return row.outbox.has_value() && !failed;
    case EntryFailedRole: return failed;
    case EntryErrorRole: return row.outbox ? row.outbox->errorMessage : QString();
    case OutboxItemIdRole: return row.outbox ? row.outbox->id : qint64(0);
    case EntryCommandTypeRole: return row.outbox ? QVariant(int(row.outbox->command.type)) : QVariant();
    case EntryIsActionRole: return row.outbox.has_value() && !carriesBody(row.outbox->command.type);
    case ReplyDeliveryRole: {
        const auto delivery = recordedDelivery(e);
        return delivery ? QVariant(int(*delivery)) : QVariant();
    }
    case ReplyLabelRole: {
        if (e.kind != EntryKind::HumanReply)
            return QString();
        const labels::ReplyProgress progress = failed ? labels::ReplyProgress::Failed
            : row.outbox                              ? labels::ReplyProgress::Pending
                                                      : labels::ReplyProgress::Confirmed;
        return labels::reply(recordedDelivery(e), progress);
    }
    }
    return {};
}

QHash<int, QByteArray> ThreadModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractListModel::roleNames();
    names.insert(EntryIdRole, "entryId");
    names.insert(EntryKindRole, "kind");
    names.insert(AuthorNameRole, "authorName");
    names.insert(AuthorKindRole, "authorKind");
    names.insert(VisibilityRole, "visibility");
    names.insert(BodyRole, "body");
    names.insert(CreatedAtRole, "createdAt");
    names.insert(EventStatusRole, "eventStatus");
    names.insert(EntryPendingRole, "pending");
    names.insert(EntryFailedRole, "failed");
    names.insert(EntryErrorRole, "error");
    names.insert(OutboxItemIdRole, "outboxItemId");
    names.insert(EntryCommandTypeRole, "commandType");
    names.insert(EntryIsActionRole, "isAction");
    names.insert(ReplyDeliveryRole, "replyDelivery");
    names.insert(ReplyLabelRole, "replyLabel");
    return names;
}

} // namespace zeiko
