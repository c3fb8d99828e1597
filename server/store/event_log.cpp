#include "store/event_log.h"

#include "domain/codecs.h"
#include "store/sql.h"

namespace zeiko::store {

Seq nextSeq(QSqlDatabase &db, qint64 tenantId, int count)
{
    QSqlQuery q = runOne(db, QStringLiteral("UPDATE tenant_seq SET seq = seq + ? WHERE tenant_id = ? RETURNING seq"),
                         {count, tenantId});
    const Seq seq = q.value(0).toLongLong();
    q.finish();   // SQLite cannot commit while an UPDATE ... RETURNING is still open
    return seq;
}

Seq headSeq(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = run(db, QStringLiteral("SELECT seq FROM tenant_seq WHERE tenant_id = ?"), {tenantId});
    return q.next() ? q.value(0).toLongLong() : 0;
}

void appendEvent(QSqlDatabase &db, qint64 tenantId, const Event &event)
{
    run(db,
        QStringLiteral("INSERT INTO events (tenant_id, seq, type, ticket_id, payload, request_id, created_at) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)"),
        {tenantId, qlonglong(event.seq), toString(event.type),
         event.scope == TargetKind::Ticket ? QVariant(qlonglong(event.ticketId)) : QVariant(QMetaType::fromType<qlonglong>()),
         QString::fromUtf8(encode(event)), textOrNull(event.requestId), qlonglong(toMs(event.at))});
}

RawEvents eventsAfter(QSqlDatabase &db, qint64 tenantId, Seq after, int limit)
{
    QSqlQuery q = run(db,
                      QStringLiteral("SELECT seq, payload FROM events WHERE tenant_id = ? AND seq > ? "
                                     "ORDER BY seq LIMIT ?"),
                      {tenantId, qlonglong(after), limit});
    RawEvents result;
    while (q.next()) {
        result.lastSeq = q.value(0).toLongLong();
        result.payloads.append(q.value(1).toString().toUtf8());
    }
    return result;
}

void notifyCommitted(QSqlDatabase &db, bool isPostgres, qint64 tenantId)
{
    if (!isPostgres)
        return;
    // Delivered by PostgreSQL at COMMIT, never for a rolled-back transaction.
    QSqlQuery q = run(db, QStringLiteral("SELECT pg_notify(?, ?)"),
                      {QString::fromLatin1(notificationChannel), QString::number(tenantId)});
    q.finish();
}

void notifyTokensRevoked(QSqlDatabase &db, bool isPostgres, qint64 tenantId)
{
    if (!isPostgres)
        return;
    QSqlQuery q = run(db, QStringLiteral("SELECT pg_notify(?, ?)"),
                      {QString::fromLatin1(notificationChannel),
                       QString::fromLatin1(revocationPayloadPrefix) + QString::number(tenantId)});
    q.finish();
}

} // namespace zeiko::store
