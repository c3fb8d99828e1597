#include "service/sync_service.h"

#include "domain/codecs.h"
#include "service/sla_policy.h"
#include "store/database.h"
#include "store/event_log.h"
#include "store/sql.h"
#include "store/ticket_store.h"

namespace zeiko::service {

using namespace Qt::StringLiterals;

std::optional<QString> SyncService::databaseProblem()
{
    try {
        QSqlDatabase db = m_db.connection();
        // A real table, not "SELECT 1": SQLite answers that without its file.
        store::run(db, u"SELECT id FROM tenants LIMIT 1"_s).finish();
        return std::nullopt;
    } catch (const std::exception &e) {
        return QString::fromUtf8(e.what());
    }
}

namespace {

QString encodeSnapshotCursor(Seq seq, TicketId lastId)
{
    return QString::fromLatin1(("s" + QByteArray::number(seq) + ":" + QByteArray::number(lastId))
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

std::pair<Seq, TicketId> decodeSnapshotCursor(const QString &cursor)
{
    const auto decoded = QByteArray::fromBase64Encoding(cursor.toLatin1(), QByteArray::Base64UrlEncoding |
                                                                                QByteArray::AbortOnBase64DecodingErrors);
    if (decoded.decodingStatus == QByteArray::Base64DecodingStatus::Ok && decoded.decoded.startsWith('s')) {
        const QList<QByteArray> parts = decoded.decoded.mid(1).split(':');
        bool okSeq = false, okId = false;
        if (parts.size() == 2) {
            const Seq seq = parts[0].toLongLong(&okSeq);
            const TicketId id = parts[1].toLongLong(&okId);
            if (okSeq && okId && seq >= 0 && id >= 0)
                return {seq, id};
        }
    }
    throw errors::invalidField(u"cursor"_s, u"not a snapshot cursor this server issued"_s);
}

} // namespace

SyncService::SyncService(store::Database &database)
    : m_db(database)
{
}

SnapshotPage SyncService::snapshot(const Session &session, const QString &cursor, int limit)
{
    Seq seq = 0;
    TicketId afterId = 0;
    if (cursor.isEmpty()) {
        // Read the head BEFORE the tickets: whatever changes after it is an event after seq.
        seq = m_db.read([&](QSqlDatabase &db) { return store::headSeq(db, session.tenantId); });
    } else {
        std::tie(seq, afterId) = decodeSnapshotCursor(cursor);
    }
    SnapshotPage page;
    page.seq = seq;
    page.tickets = m_db.read([&](QSqlDatabase &db) { return store::ticketsAfterId(db, session.tenantId, afterId, limit + 1); });
    if (page.tickets.size() > limit) {
        page.tickets.resize(limit);
        page.nextCursor = encodeSnapshotCursor(seq, page.tickets.last().id);
    }
    const QDateTime now = m_now();
    for (Ticket &t : page.tickets)
        t.sla = effectiveSla(t, now);
    return page;
}

QByteArray SyncService::eventsJson(const Session &session, Seq after, int limit)
{
    if (after < 0)
        throw errors::invalidField(u"after"_s, u"must be 0 or a seq"_s);
    const auto [events, head] = m_db.read([&](QSqlDatabase &db) {
        store::RawEvents raw = store::eventsAfter(db, session.tenantId, after, limit);
        return std::make_pair(raw, store::headSeq(db, session.tenantId));   // head read after the page: head >= page
    });
    if (after > head) {
        ServiceError e(410, "cursor_expired",
                       u"The server's log does not reach seq %1 (head %2); fetch a new snapshot"_s.arg(after).arg(head));
        throw e;
    }
    QByteArray json = "{\"events\":[";
    for (qsizetype i = 0; i < events.payloads.size(); ++i) {
        if (i)
            json += ',';
        json += events.payloads[i];
    }
    const Seq last = events.payloads.isEmpty() ? after : events.lastSeq;
    json += "],\"head\":" + QByteArray::number(head) + ",\"hasMore\":" + (last < head ? "true" : "false") + "}";
    return json;
}

} // namespace zeiko::service
