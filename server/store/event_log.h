#pragma once
// The per-tenant change log. nextSeq() must be the FIRST statement of a
// write transaction: incrementing the tenant's counter row takes the row
// lock (PostgreSQL) / the write lock (SQLite) that makes seq gapless and
// commit order equal seq order.

#include "domain/types.h"

#include <QSqlDatabase>

namespace zeiko::store {

Seq nextSeq(QSqlDatabase &db, qint64 tenantId, int count = 1);   // returns the last of `count` new seqs
Seq headSeq(QSqlDatabase &db, qint64 tenantId);
void appendEvent(QSqlDatabase &db, qint64 tenantId, const Event &event);

// Raw JSON payloads of events with seq > after, ascending, at most `limit`.
struct RawEvents {
    QList<QByteArray> payloads;
    Seq lastSeq = 0;
};
RawEvents eventsAfter(QSqlDatabase &db, qint64 tenantId, Seq after, int limit);

// Wakes other server processes after commit (PostgreSQL only; no-op on SQLite).
void notifyCommitted(QSqlDatabase &db, bool isPostgres, qint64 tenantId);

inline constexpr char notificationChannel[] = "zeiko_events";

// Tells other server processes that a token of this tenant was revoked, so
// they re-check that tenant's open streams now rather than at the next
// heartbeat. Same channel, payload "auth:<tenant id>" (PostgreSQL only;
// delivered at COMMIT).
void notifyTokensRevoked(QSqlDatabase &db, bool isPostgres, qint64 tenantId);
inline constexpr char revocationPayloadPrefix[] = "auth:";

} // namespace zeiko::store
