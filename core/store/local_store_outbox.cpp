// LocalStore: the outbox and drafts tables (the operator's own unsent work).
#include "store/local_store.h"

#include "domain/codecs.h"
#include "domain/command_targets.h"
#include "store/store_error.h"
#include "sync/logging.h"

#include <QSqlQuery>

namespace zeiko {

using namespace Qt::StringLiterals;

namespace {

const QString selectOutboxColumns = u"SELECT id, request_id, state, command, attempts, error_code, error_message, "
                                    u"created_at, next_attempt_at, not_before FROM outbox"_s;

QVariant msOrNull(const QDateTime &at)
{
    return at.isValid() ? QVariant(at.toMSecsSinceEpoch()) : QVariant(QMetaType::fromType<qint64>());
}

std::optional<OutboxItem> readOutboxItem(const QSqlQuery &q)
{
    OutboxItem item;
    item.id = q.value(0).toLongLong();
    try {
        item.command = decode<Command>(q.value(3).toString().toUtf8());
    } catch (const DecodeError &error) {
        qCWarning(lcStore) << "unreadable outbox item" << item.id << error.field();
        return std::nullopt;
    }
    item.command.requestId = q.value(1).toString();
    const int state = q.value(2).toInt();
    item.state = state == int(OutboxState::InFlight) ? OutboxState::InFlight
        : state == int(OutboxState::Failed)           ? OutboxState::Failed
                                                      : OutboxState::Queued;
    item.attempts = q.value(4).toInt();
    item.errorCode = q.value(5).toString();
    item.errorMessage = q.value(6).toString();
    item.createdAt = QDateTime::fromMSecsSinceEpoch(q.value(7).toLongLong(), Qt::UTC);
    if (!q.value(8).isNull())
        item.nextAttemptAt = QDateTime::fromMSecsSinceEpoch(q.value(8).toLongLong(), Qt::UTC);
    if (!q.value(9).isNull())
        item.notBefore = QDateTime::fromMSecsSinceEpoch(q.value(9).toLongLong(), Qt::UTC);
    return item;
}

void noteTickets(const Command &command, StoreChange &change)
{
    change.outboxTouched = true;
    for (const TicketId ticket : ticketsOf(command))
        change.outboxChanged.insert(ticket);
}

QList<OutboxItem> readOutboxItems(QSqlQuery &q)
{
    QList<OutboxItem> items;
    while (q.next()) {
        if (auto item = readOutboxItem(q))
            items.append(*item);
    }
    q.finish();
    return items;
}

} // namespace

OutboxItem LocalStore::insertOutboxItem(const Command &command, const QDateTime &notBefore)
{
    Q_ASSERT(!command.requestId.isEmpty());
    OutboxItem item;
    item.command = command;
    item.state = OutboxState::Queued;
    item.createdAt = QDateTime::currentDateTimeUtc();
    item.notBefore = notBefore.isValid() ? notBefore.toUTC() : QDateTime();
    {
        sql::Transaction tx(m_database);
        auto &q = prepared(u"INSERT INTO outbox(request_id, ticket_id, state, command, created_at, not_before) "
                           u"VALUES(?, ?, ?, ?, ?, ?)"_s);
        sql::run(q, {command.requestId, command.ticketId, int(OutboxState::Queued), QString::fromUtf8(encode(command)),
                     item.createdAt.toMSecsSinceEpoch(), msOrNull(item.notBefore)});
        item.id = q.lastInsertId().toLongLong();
        auto &target = prepared(u"INSERT INTO outbox_targets(outbox_id, kind, ticket_id) VALUES(?, ?, ?)"_s);
        for (const CommandTarget &t : targetsOf(command)) {
            sql::run(target, {item.id, toString(t.kind),
                              t.kind == TargetKind::Ticket ? QVariant(t.ticketId) : QVariant(QMetaType::fromType<qint64>())});
        }
        tx.commit();   // synchronous=FULL: on disk when this returns
    }
    StoreChange change;
    noteTickets(command, change);
    change.cursor = cursor();
    notify(change);
    return item;
}

QList<OutboxItem> LocalStore::outboxItems() const
{
    auto &q = prepared(selectOutboxColumns + u" ORDER BY id"_s);
    sql::run(q);
    return readOutboxItems(q);
}

QList<OutboxItem> LocalStore::outboxItems(TicketId ticketId) const
{
    // Every command that touches the ticket, those with several targets included.
    auto &q = prepared(selectOutboxColumns
                       + u" WHERE id IN (SELECT outbox_id FROM outbox_targets WHERE ticket_id = ?) ORDER BY id"_s);
    sql::run(q, {ticketId});
    return readOutboxItems(q);
}

std::optional<OutboxItem> LocalStore::outboxItem(qint64 id) const
{
    auto &q = prepared(selectOutboxColumns + u" WHERE id = ?"_s);
    sql::run(q, {id});
    std::optional<OutboxItem> item;
    if (q.next())
        item = readOutboxItem(q);
    q.finish();
    return item;
}

void LocalStore::updateOutboxItem(const OutboxItem &item)
{
    {
        sql::Transaction tx(m_database);
        auto &q = prepared(u"UPDATE outbox SET request_id = ?, state = ?, command = ?, attempts = ?, error_code = ?, "
                           u"error_message = ?, next_attempt_at = ?, not_before = ? WHERE id = ?"_s);
        sql::run(q, {item.command.requestId, int(item.state), QString::fromUtf8(encode(item.command)), item.attempts,
                     item.errorCode, item.errorMessage, msOrNull(item.nextAttemptAt), msOrNull(item.notBefore),
                     item.id});
        tx.commit();
    }
    StoreChange change;
    noteTickets(item.command, change);
    change.cursor = cursor();
    notify(change);
}

void LocalStore::removeOutboxItem(qint64 id)
{
    const std::optional<OutboxItem> item = outboxItem(id);
    {
        sql::Transaction tx(m_database);
        deleteOutboxRow(id);
        tx.commit();
    }
    if (!item)
        return;
    StoreChange change;
    noteTickets(item->command, change);
    change.cursor = cursor();
    notify(change);
}

bool LocalStore::removeOutboxByRequestId(const QString &requestId, StoreChange &change)
{
    auto &find = prepared(u"SELECT id FROM outbox WHERE request_id = ?"_s);
    sql::run(find, {requestId});
    if (!find.next()) {
        find.finish();
        return false;
    }
    const qint64 id = find.value(0).toLongLong();
    find.finish();
    change.outboxTouched = true;
    auto &tickets = prepared(u"SELECT ticket_id FROM outbox_targets WHERE outbox_id = ? AND ticket_id IS NOT NULL"_s);
    sql::run(tickets, {id});
    while (tickets.next())
        change.outboxChanged.insert(tickets.value(0).toLongLong());
    tickets.finish();
    deleteOutboxRow(id);
    return true;
}

void LocalStore::deleteOutboxRow(qint64 id)
{
    auto &targets = prepared(u"DELETE FROM outbox_targets WHERE outbox_id = ?"_s);
    sql::run(targets, {id});
    auto &item = prepared(u"DELETE FROM outbox WHERE id = ?"_s);
    sql::run(item, {id});
}

StoreChange LocalStore::confirmCommand(const QString &requestId)
{
    StoreChange change;
    sql::Transaction tx(m_database);
    if (removeOutboxByRequestId(requestId, change))
        change.confirmedRequestIds.append(requestId);
    tx.commit();
    change.cursor = cursor();
    notify(change);
    return change;
}

StoreChange LocalStore::confirmCommand(const QString &requestId, const CommandResult &result)
{
    StoreChange change;
    sql::Transaction tx(m_database);
    upsertTicket(result.ticket, change);
    if (result.entry)
        insertEntry(*result.entry, change);
    if (removeOutboxByRequestId(requestId, change))
        change.confirmedRequestIds.append(requestId);
    tx.commit();
    change.cursor = cursor();
    notify(change);
    return change;
}

// ---- drafts ----------------------------------------------------------------

QString LocalStore::draft(TicketId ticketId, const QString &mode) const
{
    auto &q = prepared(u"SELECT body FROM drafts WHERE ticket_id = ? AND mode = ?"_s);
    sql::run(q, {ticketId, mode});
    const QString body = q.next() ? q.value(0).toString() : QString();
    q.finish();
    return body;
}

void LocalStore::saveDraft(TicketId ticketId, const QString &mode, const QString &body)
{
    if (body.isEmpty()) {
        auto &q = prepared(u"DELETE FROM drafts WHERE ticket_id = ? AND mode = ?"_s);
        sql::run(q, {ticketId, mode});
        return;
    }
    auto &q = prepared(u"INSERT INTO drafts(ticket_id, mode, body, updated_at) VALUES(?, ?, ?, ?) "
                       u"ON CONFLICT(ticket_id, mode) DO UPDATE SET body = excluded.body, updated_at = excluded.updated_at"_s);
    sql::run(q, {ticketId, mode, body, QDateTime::currentMSecsSinceEpoch()});
}

} // namespace zeiko
