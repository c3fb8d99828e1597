#pragma once
// The one write path of commands, whatever they are about (a ticket, the
// tenant, the operator; DESIGN.md, sync contract 1 and 5). One transaction
// (1) takes the tenant's next seq — first, so its row lock serialises the
// tenant's writers —, (2) claims the Idempotency-Key (a repeat gets the
// stored response, the same key for another request a 422), (3) runs the
// command, which appends its event(s), (4) stores the response under the
// key. After commit, onCommitted(tenantId) wakes the live streams.

#include "service/service_error.h"

#include <QByteArray>
#include <QSqlDatabase>

#include <functional>

namespace zeiko::store {
class Database;
}

namespace zeiko::service {

// The response of a write, as stored for Idempotency-Key repeats.
struct WriteResponse {
    int status = 200;
    QByteArray body;
    bool replayed = false;   // true when served from the idempotency store
};

class CommandPipeline
{
public:
    CommandPipeline(store::Database &database, std::function<void(qint64 tenantId)> onCommitted);

    // `seq` is the event's position; the command appends its event with it.
    using Step = std::function<WriteResponse(QSqlDatabase &db, Seq seq)>;
    // `key` empty: a route that predates keys (PUT handoff-settings); the
    // command runs and is evented, nothing is stored for repeats.
    WriteResponse run(const Session &session, const QString &key, const QByteArray &requestHash, qint64 nowMs,
                      const Step &step);

    // 400 when a command route gets no (or an oversized) Idempotency-Key.
    static void requireKey(const QString &key);
    // What a repeat must match: the route and the exact body.
    static QByteArray requestHash(const QByteArray &route, const QByteArray &body);

private:
    store::Database &m_db;
    std::function<void(qint64)> m_onCommitted;
};

} // namespace zeiko::service
