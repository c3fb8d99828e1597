#include "models/ticket_queue_model.h"

#include "models/labels.h"
#include "models/roles.h"
#include "outbox/pending_overlay.h"
#include "store/store_error.h"
#include "sync/logging.h"

#include <algorithm>

namespace zeiko {

TicketQueueModel::TicketQueueModel(LocalStore &store, QObject *parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    connect(&m_store, &LocalStore::changed, this, &TicketQueueModel::onStoreChanged);
    reload();
}

void TicketQueueModel::setOperatorId(const QString &operatorId)
{
    if (m_operatorId == operatorId)
        return;
    m_operatorId = operatorId;
    if (!m_rows.isEmpty())
        Q_EMIT dataChanged(index(0, 0), index(int(m_rows.size()) - 1, ColumnCount - 1));
}

void TicketQueueModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_index.clear();
    m_outbox.clear();
    m_viewedAt.clear();
    m_handoffs.clear();
    if (m_store.isOpen()) {
        try {
            m_rows = m_store.ticketRows();
            for (const OutboxItem &item : m_store.outboxItems())
                m_outbox[item.command.ticketId].append(item);
            m_viewedAt = m_store.viewedAtMs();
        } catch (const StoreError &error) {
            qCWarning(lcStore) << "queue could not read the cache:" << error.userMessage();
        }
    }
    m_index.reserve(m_rows.size());
    for (int i = 0; i < m_rows.size(); ++i)
        m_index.insert(m_rows.at(i).id, i);
    endResetModel();
}

TicketId TicketQueueModel::ticketIdAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row).id : 0;
}

int TicketQueueModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int TicketQueueModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

void TicketQueueModel::emitRowChanged(TicketId id)
{
    const int row = m_index.value(id, -1);
    if (row >= 0)
        Q_EMIT dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

void TicketQueueModel::onStoreChanged(const StoreChange &change)
{
    // Every ticket whose row may appear, change or move in this change.
    QList<TicketId> tickets = change.insertedTickets + change.updatedTickets;
    for (const QSet<TicketId> *set : {&change.outboxChanged, &change.viewedTickets, &change.threadsChanged}) {
        for (TicketId id : *set)
            tickets.append(id);
    }
    std::sort(tickets.begin(), tickets.end());
    tickets.erase(std::unique(tickets.begin(), tickets.end()), tickets.end());
    if (tickets.isEmpty())
        return;
    Q_EMIT liveChangeAboutToBeApplied(tickets);
    applyStoreChange(change);
    Q_EMIT liveChangeApplied();
}

void TicketQueueModel::applyStoreChange(const StoreChange &change)
{
    try {
        for (TicketId id : change.outboxChanged) {
            QList<OutboxItem> items = m_store.outboxItems(id);
            if (items.isEmpty())
                m_outbox.remove(id);
            else
                m_outbox.insert(id, items);
        }
        for (TicketId id : change.viewedTickets) {
            const auto viewed = m_store.viewedAtMs();
            m_viewedAt.insert(id, viewed.value(id));
        }

        QList<TicketId> newIds;
        for (TicketId id : change.insertedTickets) {
            if (!m_index.contains(id))
                newIds.append(id);
        }
        if (!newIds.isEmpty()) {
            const QList<TicketRow> rows = m_store.ticketRows(newIds);
            if (!rows.isEmpty()) {
                const int first = int(m_rows.size());
                beginInsertRows({}, first, first + int(rows.size()) - 1);
                for (const TicketRow &row : rows) {
                    m_index.insert(row.id, int(m_rows.size()));
                    m_rows.append(row);
                }
                endInsertRows();
            }
        }
        QSet<TicketId> touched(change.outboxChanged);
        touched.unite(change.viewedTickets);
        // A thread load or an event may bring the handoff: read it again.
        for (TicketId id : change.threadsChanged) {
            if (m_handoffs.remove(id))
                touched.insert(id);
        }
        for (TicketId id : change.insertedTickets)
            m_handoffs.remove(id);
        for (TicketId id : change.updatedTickets) {
            const int row = m_index.value(id, -1);
            if (row < 0)
                continue;
            if (auto fresh = m_store.ticketRow(id))
                m_rows[row] = *fresh;
            m_handoffs.remove(id);
            touched.insert(id);
        }
        // A ticket updated as "inserted" in a batch where it already existed.
        for (TicketId id : change.insertedTickets) {
            if (!newIds.contains(id))
                touched.insert(id);
        }
        for (TicketId id : std::as_const(touched))
            emitRowChanged(id);
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "queue could not follow a change:" << error.userMessage();
    }
}

QVariant TicketQueueModel::displayText(const TicketRow &r, int column) const
{
    switch (column) {
    case NumberColumn: return QStringLiteral("#%1").arg(r.number);
    case CustomerColumn: return r.customerName.isEmpty() ? r.customerEmail : r.customerName;
    case SubjectColumn: return r.subject;
    case StatusColumn: return labels::status(r.status);
    case PriorityColumn: return labels::priority(r.priority);
    case SlaColumn: return labels::slaState(r.slaState);
    case SourceColumn: return labels::source(r.source);
    case AssigneeColumn:
        if (!r.assignee)
            return tr("Unassigned");
        return r.assignee->name.isEmpty() ? r.assignee->id : r.assignee->name;
    case LastActivityColumn:
        return QLocale().toString(QDateTime::fromMSecsSinceEpoch(r.lastActivityMs).toLocalTime(), QLocale::ShortFormat);
    }
    return {};
}

QVariant TicketQueueModel::sortKey(const TicketRow &r, int column) const
{
    switch (column) {
    case NumberColumn: return r.number;
    case CustomerColumn: return (r.customerName.isEmpty() ? r.customerEmail : r.customerName).toCaseFolded();
    case SubjectColumn: return r.subject.toCaseFolded();
    case StatusColumn: return int(r.status);
    case PriorityColumn: return int(r.priority);
    case SlaColumn: return int(r.slaState);
    case SourceColumn: return int(r.source);
    case AssigneeColumn: return r.assignee ? (r.assignee->name.isEmpty() ? r.assignee->id : r.assignee->name).toCaseFolded() : QString();
    case LastActivityColumn: return r.lastActivityMs;
    }
    return {};
}

std::optional<rules::HandoffFacts> TicketQueueModel::handoffOf(TicketId id) const
{
    const auto cached = m_handoffs.constFind(id);
    if (cached != m_handoffs.cend())
        return *cached;
    std::optional<rules::HandoffFacts> facts;
    try {
        const std::optional<Ticket> ticket = m_store.isOpen() ? m_store.ticket(id) : std::nullopt;
        if (ticket && !ticket->handoffId.isEmpty()) {
            const std::optional<Handoff> handoff = m_store.handoffForTicket(id);
            facts = handoff ? rules::handoffFacts(*handoff) : rules::HandoffFacts{};   // not synced yet: requested
        }
    } catch (const StoreError &error) {
        qCWarning(lcStore) << "queue could not read the handoff of" << id << error.userMessage();
        return std::nullopt;   // not cached: read again next time
    }
    m_handoffs.insert(id, facts);
    return facts;
}

rules::TicketFacts ticketFactsAt(const QModelIndex &index)
{
    return index.data(TicketFactsRole).value<rules::TicketFacts>();
}

static QVariant dueDate(qint64 ms)
{
    return ms != 0 ? QVariant(QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC)) : QVariant();
}

QVariant TicketQueueModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TicketRow &stored = m_rows.at(index.row());
    // Sorting and filtering call data() millions of times: no copy unless commands are queued.
    const TicketRow *row = &stored;
    PendingOverlay overlay;
    const auto outbox = m_outbox.constFind(stored.id);
    const bool needsHandoff = role == HandoffWaitingRole || role == TicketFactsRole;
    if (outbox != m_outbox.constEnd()) {
        rules::ActorFacts self;
        self.id = m_operatorId;
        overlay = applyPending(stored, handoffOf(stored.id), *outbox, self);
        row = &overlay.row;
    } else if (needsHandoff) {
        overlay.handoff = handoffOf(stored.id);
    }
    const TicketRow &r = *row;

    switch (role) {
    case Qt::DisplayRole: return displayText(r, index.column());
    case Qt::ToolTipRole:
        if (overlay.hasFailed)
            return tr("An action was refused: %1").arg(overlay.failureMessage);
        if (overlay.hasPending)
            return tr("Changes waiting to be sent");
        return index.column() == SubjectColumn || index.column() == CustomerColumn ? displayText(r, index.column()) : QVariant();
    case TicketIdRole: return r.id;
    case TicketNumberRole: return r.number;
    case SubjectRole: return r.subject;
    case CustomerNameRole: return r.customerName;
    case CustomerEmailRole: return r.customerEmail;
    case StatusRole: return int(r.status);
    case PriorityRole: return int(r.priority);
    case SlaStateRole: return int(r.slaState);
    case SourceRole: return int(r.source);
    case AssigneeIdRole: return r.assignee ? r.assignee->id : QString();
    case AssigneeNameRole: return r.assignee ? r.assignee->name : QString();
    case AssigneeIsAgentRole: return r.assignee && r.assignee->kind == ActorKind::Agent;
    case OwnerModeRole: return int(r.ownerMode);
    case LastActivityRole: return QDateTime::fromMSecsSinceEpoch(r.lastActivityMs, Qt::UTC);
    case VersionRole: return r.version;
    case SortRole: return sortKey(r, index.column());
    case PendingRole: return overlay.hasPending;
    case FailedRole: return overlay.hasFailed;
    case FailureMessageRole: return overlay.failureMessage;
    case UnreadRole: return m_viewedAt.value(r.id, -1) < r.lastActivityMs;
    case IsMineRole: return !m_operatorId.isEmpty() && r.assignee && r.assignee->id == m_operatorId;
    case FirstResponseDueRole: return dueDate(r.firstResponseDueMs);
    case NextResponseDueRole: return dueDate(r.nextResponseDueMs);
    case ResolutionDueRole: return dueDate(r.resolutionDueMs);
    case SlaDueRole: {
        const auto due = nextSlaDue(r);
        return due ? QVariant(*due) : QVariant();
    }
    case HandoffWaitingRole: return rules::isHandoffWaiting(ticketFacts(r, overlay.handoff));
    case TicketFactsRole: return QVariant::fromValue(ticketFacts(r, overlay.handoff));
    }
    return {};
}

QVariant TicketQueueModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case NumberColumn: return tr("#");
    case CustomerColumn: return tr("Customer");
    case SubjectColumn: return tr("Subject");
    case StatusColumn: return tr("Status");
    case PriorityColumn: return tr("Priority");
    case SlaColumn: return tr("SLA");
    case SourceColumn: return tr("Source");
    case AssigneeColumn: return tr("Assignee");
    case LastActivityColumn: return tr("Last activity");
    }
    return {};
}

QHash<int, QByteArray> TicketQueueModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractTableModel::roleNames();
    names.insert(TicketIdRole, "ticketId");
    names.insert(TicketNumberRole, "number");
    names.insert(SubjectRole, "subject");
    names.insert(CustomerNameRole, "customerName");
    names.insert(CustomerEmailRole, "customerEmail");
    names.insert(StatusRole, "status");
    names.insert(PriorityRole, "priority");
    names.insert(SlaStateRole, "slaState");
    names.insert(SourceRole, "source");
    names.insert(AssigneeIdRole, "assigneeId");
    names.insert(AssigneeNameRole, "assigneeName");
    names.insert(OwnerModeRole, "ownerMode");
    names.insert(LastActivityRole, "lastActivity");
    names.insert(PendingRole, "pending");
    names.insert(FailedRole, "failed");
    names.insert(UnreadRole, "unread");
    names.insert(IsMineRole, "mine");
    names.insert(FirstResponseDueRole, "firstResponseDue");
    names.insert(NextResponseDueRole, "nextResponseDue");
    names.insert(ResolutionDueRole, "resolutionDue");
    names.insert(SlaDueRole, "slaDue");
    names.insert(HandoffWaitingRole, "handoffWaiting");
    return names;
}

} // namespace zeiko
