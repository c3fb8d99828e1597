#pragma once
// Who gets a handoff, by the agent's settings. Runs inside the tenant's
// write transaction (TenantTx), which serialises the tenant's writers: the
// open-assignment counts and the round-robin position it reads cannot
// change under it, even with several server processes.

#include "routing/handoff_settings.h"

namespace zeiko::routing {

struct RoutingDecision {
    std::optional<Operator> assignee;   // round robin: the next operator with capacity
    QList<Operator> candidates;         // eligible by team and skill (before capacity)
    QList<Operator> available;          // candidates with capacity left (first available: offered to these)
    QStringList matchedSkills;
    bool waitingForTeam = false;        // nobody could take it now: it waits unassigned
};

// Operators by id with their open (assigned/active) handoff counts.
QHash<QString, int> openAssignments(QSqlDatabase &db, qint64 tenantId);
int capacityOf(const Operator &op, const HandoffSettings &settings);   // 0: unlimited

// `dryRun`: decide without moving the round-robin position (a read-only look).
RoutingDecision routeHandoff(QSqlDatabase &db, qint64 tenantId, const HandoffSettings &settings, const QString &topic,
                             qint64 nowMs, bool dryRun = false);

// Keywords of `settings` found in `topic` as whole words, case-insensitive.
QStringList matchSkills(const QStringList &keywords, const QString &topic);

} // namespace zeiko::routing
