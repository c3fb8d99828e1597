#include "sla/sla_timer.h"

#include "channels/ticket_ops.h"
#include "service/sla_policy.h"
#include "store/sql.h"
#include "store/ticket_store.h"

#include <QLoggingCategory>

Q_LOGGING_CATEGORY(lcSla, "zeiko.sla")

namespace zeiko::sla {

using namespace Qt::StringLiterals;

namespace {

int rank(SlaState s)
{
    return s == SlaState::Breached ? 2 : s == SlaState::AtRisk ? 1 : 0;
}

SlaState notifiedFrom(const QVariant &v)
{
    return enumFromString<SlaState>(v.toString()).value_or(SlaState::OnTrack);
}

struct Candidate {
    qint64 tenantId = 0;
    Ticket ticket;   // the SLA-relevant fields only
    SlaState notified = SlaState::OnTrack;
    bool notifiedSet = false;
};

} // namespace

std::optional<qint64> nextSlaTransitionMs(const Ticket &t, qint64 nowMs)
{
    const service::SlaTargets targets = service::slaTargets(t.priority);
    struct Pending {
        std::optional<QDateTime> due;
        qint64 targetMs;
    };
    const Pending pending[] = {
        {t.sla.firstRespondedAt ? std::nullopt : t.sla.firstResponseDue, qint64(targets.firstResponse.count())},
        {t.sla.nextResponseDue, qint64(targets.firstResponse.count())},
        {t.sla.resolutionDue, qint64(targets.resolution.count())},
    };
    std::optional<qint64> next;
    for (const Pending &p : pending) {
        if (!p.due)
            continue;
        const qint64 due = p.due->toMSecsSinceEpoch();
        // at_risk once less than a quarter of the target is left (sla_policy's rule).
        for (const qint64 at : {due - p.targetMs / 4 + 1, due + 1})
            if (at > nowMs && (!next || at < *next))
                next = at;
    }
    return next;
}

SlaTimer::SlaTimer(store::Database &database, const channels::Clock &clock, channels::CommitNotifier notify,
                   std::chrono::milliseconds maxSleep)
    : m_db(database)
    , m_clock(clock)
    , m_notify(std::move(notify))
    , m_worker(QStringLiteral("SLA timer"), maxSleep, [this]() -> std::optional<std::chrono::milliseconds> {
        // Sleep until the earliest upcoming transition (the worker caps it).
        if (const auto next = scanOnce().nextDueMs)
            return std::chrono::milliseconds(*next - m_clock.nowMs());
        return std::nullopt;
    })
{
}

SlaTimer::~SlaTimer()
{
    stop();
}

SlaTimer::Pass SlaTimer::scanOnce()
{
    const qint64 nowMs = m_clock.nowMs();
    const QDateTime now = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC);
    QList<Candidate> candidates = m_db.read([&](QSqlDatabase &db) {
        QSqlQuery q = store::run(db,
                                 u"SELECT tenant_id, id, status, priority, first_response_due, next_response_due, "
                                 "resolution_due, first_responded_at, sla_notified FROM tickets "
                                 "WHERE status IN ('open', 'waiting_on_team')"_s);
        QList<Candidate> list;
        while (q.next()) {
            Candidate c;
            c.tenantId = q.value(0).toLongLong();
            c.ticket.id = q.value(1).toLongLong();
            c.ticket.status = enumFromString<TicketStatus>(q.value(2).toString()).value_or(TicketStatus::Open);
            c.ticket.priority = enumFromString<Priority>(q.value(3).toString()).value_or(Priority::Normal);
            c.ticket.sla.firstResponseDue = store::optionalTime(q.value(4));
            c.ticket.sla.nextResponseDue = store::optionalTime(q.value(5));
            c.ticket.sla.resolutionDue = store::optionalTime(q.value(6));
            c.ticket.sla.firstRespondedAt = store::optionalTime(q.value(7));
            c.notifiedSet = !q.value(8).isNull();
            c.notified = notifiedFrom(q.value(8));
            list.append(c);
        }
        return list;
    });

    Pass pass;
    for (const Candidate &c : std::as_const(candidates)) {
        const SlaState state = service::effectiveSla(c.ticket, now).state;
        if (const auto next = nextSlaTransitionMs(c.ticket, nowMs); next && (!pass.nextDueMs || *next < *pass.nextDueMs))
            pass.nextDueMs = next;
        if (rank(state) == rank(c.notified) && (c.notifiedSet || rank(state) == 0))
            continue;
        if (rank(state) == 0) {
            // A command moved the ticket back on track (reply, reopen, new
            // priority): forget the old announcement, silently — that
            // command's own event already carried the new state.
            m_db.write([&](QSqlDatabase &db) {
                store::run(db, u"UPDATE tickets SET sla_notified = NULL WHERE tenant_id = ? AND id = ?"_s,
                           {c.tenantId, qlonglong(c.ticket.id)});
            });
            continue;
        }
        if (rank(state) < rank(c.notified))
            continue;
        pass.transitions += channels::tenantWrite(m_db, c.tenantId, m_notify, [&](channels::TenantTx &tx) {
            // Re-read under the tenant's lock: another process may have announced it.
            const auto ticket = store::findTicket(tx.db(), c.tenantId, c.ticket.id);
            if (!ticket)
                return 0;
            QSqlQuery q = store::run(tx.db(), u"SELECT sla_notified FROM tickets WHERE tenant_id = ? AND id = ?"_s,
                                     {c.tenantId, qlonglong(c.ticket.id)});
            const SlaState notified = q.next() ? notifiedFrom(q.value(0)) : SlaState::OnTrack;
            q.finish();
            const SlaState current = service::effectiveSla(*ticket, now).state;
            if (rank(current) <= rank(notified))
                return 0;
            Ticket t = *ticket;
            t.sla.state = current;
            store::run(tx.db(), u"UPDATE tickets SET sla_notified = ?, sla_state = ? WHERE tenant_id = ? AND id = ?"_s,
                       {toString(current), toString(current), c.tenantId, qlonglong(t.id)});
            channels::emitTicketUpdate(tx, t, now);
            qCInfo(lcSla).noquote() << u"ticket %1 (tenant %2) SLA -> %3"_s.arg(t.id).arg(c.tenantId).arg(toString(current));
            return 1;
        });
    }
    return pass;
}

} // namespace zeiko::sla
