#include "store/ticket_store.h"

#include "domain/codecs.h"
#include "domain/mailbox.h"
#include "store/sql.h"

#include <QJsonArray>
#include <QRandomGenerator>

namespace zeiko::store {

namespace {

const QString ticketColumns = QStringLiteral(
    "t.id, t.number, t.ticket_key, t.subject, c.id, c.name, c.email, t.source, t.status, t.priority, "
    "t.assignee_kind, t.assignee_id, t.assignee_name, t.owner_mode, t.sla_state, t.first_response_due, "
    "t.next_response_due, t.resolution_due, t.first_responded_at, t.created_at, t.last_activity_at, "
    "t.handoff_id, t.shopify_order, t.csat, t.tags, t.version, c.email_problem, c.email_unverified");
const QString ticketFrom = QStringLiteral("FROM tickets t JOIN customers c ON c.id = t.customer_id ");

template<typename E> E enumOr(const QVariant &value, E fallback)
{
    return enumFromString<E>(value.toString()).value_or(fallback);
}

std::optional<Assignee> assigneeFrom(const QVariant &kind, const QVariant &id, const QVariant &name)
{
    if (kind.isNull() || id.isNull())
        return std::nullopt;
    return Assignee{enumOr(kind, ActorKind::Operator), id.toString(), name.toString()};
}

Ticket ticketFromRow(const QSqlQuery &q)
{
    Ticket t;
    t.id = q.value(0).toLongLong();
    t.number = q.value(1).toLongLong();
    t.key = q.value(2).toString();
    t.subject = q.value(3).toString();
    t.customer = {QString::number(q.value(4).toLongLong()), q.value(5).toString(), q.value(6).toString(), {}, true};
    t.source = enumOr(q.value(7), Source::Email);
    t.status = enumOr(q.value(8), TicketStatus::Open);
    t.priority = enumOr(q.value(9), Priority::Normal);
    t.assignee = assigneeFrom(q.value(10), q.value(11), q.value(12));
    t.ownerMode = enumOr(q.value(13), OwnerMode::Agent);
    t.sla.state = enumOr(q.value(14), SlaState::OnTrack);
    t.sla.firstResponseDue = optionalTime(q.value(15));
    t.sla.nextResponseDue = optionalTime(q.value(16));
    t.sla.resolutionDue = optionalTime(q.value(17));
    t.sla.firstRespondedAt = optionalTime(q.value(18));
    t.createdAt = fromMs(q.value(19).toLongLong());
    t.lastActivityAt = fromMs(q.value(20).toLongLong());
    t.handoffId = q.value(21).isNull() ? QString() : QString::number(q.value(21).toLongLong());
    if (!q.value(22).isNull()) {
        try {
            t.shopifyOrder = decode<ShopifyOrder>(q.value(22).toString().toUtf8());
        } catch (const DecodeError &) {
            // Stored by this server, so this cannot happen short of manual edits; show the ticket anyway.
        }
    }
    if (!q.value(23).isNull())
        t.csat = q.value(23).toInt();
    const QJsonArray tags = QJsonDocument::fromJson(q.value(24).toString().toUtf8()).array();
    for (const QJsonValue &tag : tags)
        t.tags.append(tag.toString());
    t.version = q.value(25).toLongLong();
    t.customer.emailProblem = q.value(26).toString();
    t.customer.emailVerified = q.value(27).toInt() == 0;
    return t;
}

QString tagsJson(const QStringList &tags)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(tags)).toJson(QJsonDocument::Compact));
}

QVariant shopifyJson(const std::optional<ShopifyOrder> &order)
{
    return order ? QVariant(QString::fromUtf8(encode(*order))) : nullText();
}

QVariant handoffIdValue(const QString &id)
{
    bool ok = false;
    const qint64 value = id.toLongLong(&ok);
    return ok ? QVariant(qlonglong(value)) : nullInt();
}

// The mutable ticket columns in a fixed order, shared by INSERT and UPDATE.
QVariantList mutableValues(const Ticket &t)
{
    return {text(t.subject),
            toString(t.source),
            toString(t.status),
            toString(t.priority),
            t.assignee ? QVariant(toString(t.assignee->kind)) : nullText(),
            t.assignee ? QVariant(t.assignee->id) : nullText(),
            t.assignee ? QVariant(t.assignee->name) : nullText(),
            toString(t.ownerMode),
            toString(t.sla.state),
            msOrNull(t.sla.firstResponseDue),
            msOrNull(t.sla.nextResponseDue),
            msOrNull(t.sla.resolutionDue),
            msOrNull(t.sla.firstRespondedAt),
            qlonglong(toMs(t.lastActivityAt)),
            handoffIdValue(t.handoffId),
            shopifyJson(t.shopifyOrder),
            t.shopifyOrder && !t.shopifyOrder->orderId.isEmpty() ? QVariant(t.shopifyOrder->orderId) : nullText(),
            t.csat ? QVariant(*t.csat) : nullInt(),
            tagsJson(t.tags),
            qlonglong(t.version)};
}

QString randomKey()
{
    // 128 bits from the system CSPRNG: unguessable ticket+{key}@ aliases.
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    return QString::fromLatin1(QByteArray(reinterpret_cast<const char *>(words), sizeof(words)).toHex());
}

ThreadEntry entryFromRow(const QSqlQuery &q)
{
    ThreadEntry e;
    e.id = q.value(0).toLongLong();
    e.ticketId = q.value(1).toLongLong();
    e.kind = enumOr(q.value(2), EntryKind::CustomerMessage);
    e.author = {enumOr(q.value(3), ActorKind::System), q.value(4).toString(), q.value(5).toString()};
    e.visibility = enumOr(q.value(6), Visibility::Internal);
    e.body = q.value(7).toString();
    e.createdAt = fromMs(q.value(8).toLongLong());
    e.requestId = q.value(9).toString();
    e.eventStatus = q.value(10).toString();
    return e;
}

Handoff handoffFromRow(const QSqlQuery &q)
{
    Handoff h;
    h.id = QString::number(q.value(0).toLongLong());
    h.ticketId = q.value(1).toLongLong();
    h.state = enumOr(q.value(2), HandoffState::Requested);
    h.assignee = assigneeFrom(q.value(3), q.value(4), q.value(5));
    h.agentId = q.value(6).toString();
    h.conversationId = q.value(7).toString();
    h.requestedAt = fromMs(q.value(8).toLongLong());
    h.updatedAt = fromMs(q.value(9).toLongLong());
    return h;
}

} // namespace

Customer findOrCreateCustomer(QSqlDatabase &db, qint64 tenantId, const QString &email, const QString &name,
                              qint64 nowMs, EmailClaim claim)
{
    // An address that is not a mailbox is kept (a webhook's ticket must not
    // be lost over it) in a printable form, flagged so nothing is ever sent.
    const QString problem = email.isEmpty() ? QString() : mailboxProblem(email);
    const QString stored = problem.isEmpty() ? email.toLower() : printableAddress(email).toLower();
    // A claimed address is never matched: typing someone's address into the
    // widget must not make the chat theirs (their history, their orders).
    if (!stored.isEmpty() && claim == EmailClaim::Verified) {
        QSqlQuery q = run(db, QStringLiteral("SELECT id, name, email, email_problem FROM customers WHERE tenant_id = ? "
                                             "AND email = ? AND email_unverified = 0 ORDER BY id LIMIT 1"),
                          {tenantId, stored});
        if (q.next())
            return {QString::number(q.value(0).toLongLong()), q.value(1).toString(), q.value(2).toString(),
                    q.value(3).toString(), true};
    }
    const bool unverified = claim == EmailClaim::Unverified && !stored.isEmpty();
    QSqlQuery q = runOne(db, QStringLiteral("INSERT INTO customers (tenant_id, name, email, email_problem, email_unverified, "
                                            "created_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id"),
                         {tenantId, text(name), text(stored), textOrNull(problem), unverified ? 1 : 0, nowMs});
    return {QString::number(q.value(0).toLongLong()), name, stored, problem, !unverified};
}

Ticket insertTicket(QSqlDatabase &db, qint64 tenantId, Ticket t)
{
    {
        QSqlQuery q = runOne(db, QStringLiteral("SELECT COALESCE(MAX(number), 0) + 1 FROM tickets WHERE tenant_id = ?"),
                             {tenantId});
        if (t.number == 0)
            t.number = q.value(0).toLongLong();
    }
    if (t.key.isEmpty())
        t.key = randomKey();
    QVariantList binds{tenantId, qlonglong(t.number), t.key, t.customer.id.toLongLong(), qlonglong(toMs(t.createdAt))};
    binds += mutableValues(t);
    QSqlQuery q = runOne(db,
                         QStringLiteral("INSERT INTO tickets (tenant_id, number, ticket_key, customer_id, created_at, "
                                        "subject, source, status, priority, assignee_kind, assignee_id, assignee_name, "
                                        "owner_mode, sla_state, first_response_due, next_response_due, resolution_due, "
                                        "first_responded_at, last_activity_at, handoff_id, shopify_order, "
                                        "shopify_order_id, csat, tags, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
                                        "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                         binds);
    t.id = q.value(0).toLongLong();
    return t;
}

void updateTicket(QSqlDatabase &db, qint64 tenantId, const Ticket &t)
{
    QVariantList binds = mutableValues(t);
    binds << tenantId << qlonglong(t.id);
    run(db,
        QStringLiteral("UPDATE tickets SET subject = ?, source = ?, status = ?, priority = ?, assignee_kind = ?, "
                       "assignee_id = ?, assignee_name = ?, owner_mode = ?, sla_state = ?, first_response_due = ?, "
                       "next_response_due = ?, resolution_due = ?, first_responded_at = ?, last_activity_at = ?, "
                       "handoff_id = ?, shopify_order = ?, shopify_order_id = ?, csat = ?, tags = ?, version = ? "
                       "WHERE tenant_id = ? AND id = ?"),
        binds);
}

std::optional<Ticket> findTicket(QSqlDatabase &db, qint64 tenantId, TicketId id)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT %1 %2 WHERE t.tenant_id = ? AND t.id = ?").arg(ticketColumns, ticketFrom),
                      {tenantId, qlonglong(id)});
    if (!q.next())
        return std::nullopt;
    return ticketFromRow(q);
}

QList<Ticket> listTickets(QSqlDatabase &db, qint64 tenantId, const TicketFilter &f)
{
    QString where = QStringLiteral("WHERE t.tenant_id = ?");
    QVariantList binds{tenantId};
    if (f.status) {
        where += QStringLiteral(" AND t.status = ?");
        binds << toString(*f.status);
    }
    if (f.assigneeMode == TicketFilter::AssigneeMode::None) {
        where += QStringLiteral(" AND t.assignee_id IS NULL");
    } else if (f.assigneeMode == TicketFilter::AssigneeMode::Operator) {
        where += QStringLiteral(" AND t.assignee_kind = 'operator' AND t.assignee_id = ?");
        binds << f.assigneeId;
    }
    if (f.afterActivityMs) {
        where += QStringLiteral(" AND (t.last_activity_at < ? OR (t.last_activity_at = ? AND t.id < ?))");
        binds << qlonglong(*f.afterActivityMs) << qlonglong(*f.afterActivityMs) << qlonglong(f.afterId);
    }
    binds << f.limit;
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT %1 %2 %3 ORDER BY t.last_activity_at DESC, t.id DESC LIMIT ?")
                          .arg(ticketColumns, ticketFrom, where),
                      binds);
    QList<Ticket> list;
    while (q.next())
        list.append(ticketFromRow(q));
    return list;
}

QList<Ticket> ticketsAfterId(QSqlDatabase &db, qint64 tenantId, TicketId afterId, int limit)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT %1 %2 WHERE t.tenant_id = ? AND t.id > ? ORDER BY t.id LIMIT ?")
                          .arg(ticketColumns, ticketFrom),
                      {tenantId, qlonglong(afterId), limit});
    QList<Ticket> list;
    list.reserve(limit);
    while (q.next())
        list.append(ticketFromRow(q));
    return list;
}

ThreadEntry insertEntry(QSqlDatabase &db, qint64 tenantId, ThreadEntry e)
{
    QSqlQuery q = runOne(db,
                         QStringLiteral("INSERT INTO entries (tenant_id, ticket_id, kind, author_kind, author_id, "
                                        "author_name, visibility, body, created_at, request_id, event_status) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                         {tenantId, qlonglong(e.ticketId), toString(e.kind), toString(e.author.kind), text(e.author.id),
                          text(e.author.name), toString(e.visibility), text(e.body), qlonglong(toMs(e.createdAt)),
                          textOrNull(e.requestId), textOrNull(e.eventStatus)});
    e.id = q.value(0).toLongLong();
    return e;
}

QList<ThreadEntry> listEntries(QSqlDatabase &db, qint64 tenantId, TicketId ticketId, EntryId afterId, int limit)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT id, ticket_id, kind, author_kind, author_id, author_name, visibility, body, "
                                     "created_at, request_id, event_status FROM entries "
                                     "WHERE tenant_id = ? AND ticket_id = ? AND id > ? ORDER BY id LIMIT ?"),
                      {tenantId, qlonglong(ticketId), qlonglong(afterId), limit});
    QList<ThreadEntry> list;
    while (q.next())
        list.append(entryFromRow(q));
    return list;
}

Handoff insertHandoff(QSqlDatabase &db, qint64 tenantId, Handoff h)
{
    QSqlQuery q = runOne(db,
                         QStringLiteral("INSERT INTO handoffs (tenant_id, ticket_id, state, assignee_kind, assignee_id, "
                                        "assignee_name, agent_id, conversation_id, requested_at, updated_at) "
                                        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id"),
                         {tenantId, qlonglong(h.ticketId), toString(h.state),
                          h.assignee ? QVariant(toString(h.assignee->kind)) : nullText(),
                          h.assignee ? QVariant(h.assignee->id) : nullText(),
                          h.assignee ? QVariant(h.assignee->name) : nullText(), text(h.agentId), text(h.conversationId),
                          qlonglong(toMs(h.requestedAt)), qlonglong(toMs(h.updatedAt))});
    h.id = QString::number(q.value(0).toLongLong());
    return h;
}

void updateHandoff(QSqlDatabase &db, qint64 tenantId, const Handoff &h)
{
    run(db,
        QStringLiteral("UPDATE handoffs SET state = ?, assignee_kind = ?, assignee_id = ?, assignee_name = ?, "
                       "updated_at = ? WHERE tenant_id = ? AND id = ?"),
        {toString(h.state), h.assignee ? QVariant(toString(h.assignee->kind)) : nullText(),
         h.assignee ? QVariant(h.assignee->id) : nullText(), h.assignee ? QVariant(h.assignee->name) : nullText(),
         qlonglong(toMs(h.updatedAt)), tenantId, h.id.toLongLong()});
}

std::optional<Handoff> findHandoff(QSqlDatabase &db, qint64 tenantId, const QString &handoffId)
{
    if (handoffId.isEmpty())
        return std::nullopt;
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT id, ticket_id, state, assignee_kind, assignee_id, assignee_name, agent_id, "
                                     "conversation_id, requested_at, updated_at FROM handoffs "
                                     "WHERE tenant_id = ? AND id = ?"),
                      {tenantId, handoffId.toLongLong()});
    if (!q.next())
        return std::nullopt;
    return handoffFromRow(q);
}

void markHandoffWaiting(QSqlDatabase &db, qint64 tenantId, const QString &handoffId, qint64 nowMs)
{
    run(db, QStringLiteral("UPDATE handoffs SET waiting_since = ? WHERE tenant_id = ? AND id = ?"),
        {nowMs, tenantId, handoffId.toLongLong()});
}

void requestCsat(QSqlDatabase &db, qint64 tenantId, TicketId id)
{
    run(db, QStringLiteral("UPDATE widget_conversations SET csat_requested = 1 WHERE tenant_id = ? AND ticket_id = ?"),
        {tenantId, qlonglong(id)});
}

std::optional<qint64> slaPausedAt(QSqlDatabase &db, qint64 tenantId, TicketId id)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT sla_paused_at FROM tickets WHERE tenant_id = ? AND id = ?"),
                      {tenantId, qlonglong(id)});
    if (!q.next() || q.value(0).isNull())
        return std::nullopt;
    return q.value(0).toLongLong();
}

void setSlaPausedAt(QSqlDatabase &db, qint64 tenantId, TicketId id, std::optional<qint64> ms)
{
    run(db, QStringLiteral("UPDATE tickets SET sla_paused_at = ? WHERE tenant_id = ? AND id = ?"),
        {intOrNull(ms), tenantId, qlonglong(id)});
}

void clearSlaAnnouncement(QSqlDatabase &db, qint64 tenantId, TicketId id)
{
    run(db, QStringLiteral("UPDATE tickets SET sla_notified = NULL WHERE tenant_id = ? AND id = ?"),
        {tenantId, qlonglong(id)});
}

} // namespace zeiko::store
