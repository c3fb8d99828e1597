#pragma once
// Bootstrap and catch-up: the paged snapshot and the event log pages.

#include "service/service_error.h"

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

    // The first page (empty cursor) records the log head; later pages carry
    // it (and the last ticket id) in the cursor.
    SnapshotPage snapshot(const Session &session, const QString &cursor, int limit);
    // JSON of an EventPage built from the stored payloads (no re-encoding).
    QByteArray eventsJson(const Session &session, Seq after, int limit);

private:
    store::Database &m_db;
};

} // namespace zeiko::service
