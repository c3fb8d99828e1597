#pragma once
// Bootstrap and catch-up: the paged snapshot and the event log pages.

#include "service/service_error.h"

#include <functional>
#include <optional>

namespace zeiko::store {
class Database;
}

namespace zeiko::service {

inline constexpr int maxEventPage = 1000;
inline constexpr int maxSnapshotPage = 1000;

class SyncService
{
public:
    explicit SyncService(store::Database &database);
    // "Now" for the SLA state of snapshot tickets (default: the system clock).
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }

    // The first page (empty cursor) records the log head; later pages carry
    // it (and the last ticket id) in the cursor.
    SnapshotPage snapshot(const Session &session, const QString &cursor, int limit);
    // JSON of an EventPage built from the stored payloads (no re-encoding).
    QByteArray eventsJson(const Session &session, Seq after, int limit);
    // Readiness (GET /readyz): a read of the schema works on this thread's
    // connection now. nullopt when it does, else the driver's reason (for the
    // log, never for the unauthenticated caller).
    std::optional<QString> databaseProblem();

private:
    store::Database &m_db;
    std::function<QDateTime()> m_now = [] { return QDateTime::currentDateTimeUtc(); };
};

} // namespace zeiko::service
