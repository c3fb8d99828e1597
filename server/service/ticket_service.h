#pragma once
// Tickets and their threads: list, read, create, and ticket commands. Every
// write goes through the CommandPipeline (one transaction: seq, key, change,
// exactly one event carrying the whole ticket and the request id, stored
// response); after commit, onCommitted(tenantId) wakes the live streams.

#include "service/command_pipeline.h"
#include "service/command_rules.h"
#include "service/service_error.h"

#include <QSqlDatabase>

#include <functional>

namespace zeiko::store {
class Database;
}

namespace zeiko::service {

struct TicketListQuery {
    std::optional<TicketStatus> status;
    QString assignee;   // "", "me", "none" or an operator id
    int limit = 50;
    QString cursor;
};

struct TicketListPage {
    QList<Ticket> tickets;
    QString nextCursor;   // empty on the last page
};

struct TicketDetail {
    Ticket ticket;
    QList<ThreadEntry> entries;
    std::optional<Handoff> handoff;
};

struct NewTicketRequest {
    QString subject;
    QString customerEmail;
    QString customerName;
    Source source = Source::Email;
    Priority priority = Priority::Normal;
    QString body;
    static NewTicketRequest decode(const QByteArray &json);   // throws DecodeError
};

class TicketService
{
public:
    TicketService(store::Database &database, std::function<void(qint64 tenantId)> onCommitted);
    // "Now" for SLA dates (default: the system clock). Set before serving.
    void setClock(std::function<QDateTime()> now) { m_now = std::move(now); }
    // Where take_over of an open handoff gets the claim rule's data (the
    // handoff team and capacity live with routing; the app wires it in, so
    // this layer does not depend on routing). Unset: no claim check.
    using ClaimLimitsLookup = std::function<ClaimLimits(QSqlDatabase &, qint64 tenantId, const Handoff &, const Operator &)>;
    void setClaimLimitsLookup(ClaimLimitsLookup lookup) { m_claimLimits = std::move(lookup); }

    TicketListPage list(const Session &session, const TicketListQuery &query);
    TicketDetail get(const Session &session, TicketId id);
    QList<ThreadEntry> entries(const Session &session, TicketId id, EntryId after, int limit);

    // `requestBytes` is the raw body (hashed for the idempotency check).
    WriteResponse create(const Session &session, const QString &idempotencyKey, const QByteArray &requestBytes);
    WriteResponse execute(const Session &session, TicketId id, const QString &idempotencyKey,
                          const QByteArray &requestBytes);

private:
    store::Database &m_db;
    CommandPipeline m_pipeline;
    std::function<QDateTime()> m_now = [] { return QDateTime::currentDateTimeUtc(); };
    ClaimLimitsLookup m_claimLimits;
};

} // namespace zeiko::service
