#include "routing/handoff_router.h"

#include "store/account_store.h"
#include "store/sql.h"

#include <QRegularExpression>

#include <algorithm>

namespace zeiko::routing {

using namespace Qt::StringLiterals;

QHash<QString, int> openAssignments(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = store::run(db,
                             u"SELECT assignee_id, COUNT(*) FROM handoffs WHERE tenant_id = ? AND assignee_kind = 'operator' "
                             "AND state IN ('assigned', 'active') GROUP BY assignee_id"_s,
                             {tenantId});
    QHash<QString, int> counts;
    while (q.next())
        counts.insert(q.value(0).toString(), q.value(1).toInt());
    return counts;
}

int capacityOf(const Operator &op, const HandoffSettings &settings)
{
    return settings.maxOpenAssignments > 0 ? settings.maxOpenAssignments : op.maxOpenAssignments;
}

QStringList matchSkills(const QStringList &keywords, const QString &topic)
{
    QStringList matched;
    for (const QString &keyword : keywords) {
        const QRegularExpression word(u"\\b%1\\b"_s.arg(QRegularExpression::escape(keyword)),
                                      QRegularExpression::CaseInsensitiveOption | QRegularExpression::UseUnicodePropertiesOption);
        if (word.match(topic).hasMatch())
            matched.append(keyword);
    }
    return matched;
}

RoutingDecision routeHandoff(QSqlDatabase &db, qint64 tenantId, const HandoffSettings &settings, const QString &topic,
                             qint64 nowMs, bool dryRun)
{
    QList<Operator> team = store::listOperators(db, tenantId);
    if (!settings.assigneeEmails.isEmpty())
        team.removeIf([&](const Operator &op) { return !settings.assigneeEmails.contains(op.email.toLower()); });
    std::sort(team.begin(), team.end(), [](const Operator &a, const Operator &b) { return a.id.toLongLong() < b.id.toLongLong(); });

    RoutingDecision decision;
    decision.matchedSkills = matchSkills(settings.skillKeywords, topic);
    if (!decision.matchedSkills.isEmpty()) {
        for (const Operator &op : std::as_const(team)) {
            const bool skilled = std::any_of(op.skills.cbegin(), op.skills.cend(), [&](const QString &skill) {
                return decision.matchedSkills.contains(skill.trimmed().toLower());
            });
            if (skilled)
                decision.candidates.append(op);
        }
    }
    if (decision.candidates.isEmpty())
        decision.candidates = team;   // no skill match: everyone on the team

    const QHash<QString, int> open = openAssignments(db, tenantId);
    for (const Operator &op : std::as_const(decision.candidates)) {
        const int capacity = capacityOf(op, settings);
        if (capacity == 0 || open.value(op.id) < capacity)
            decision.available.append(op);
    }

    if (settings.strategy == Strategy::RoundRobin && !decision.available.isEmpty()) {
        // The first available operator after the one assigned last, cycling by id.
        const qint64 last = roundRobinPosition(db, tenantId, settings.agentId);
        auto next = std::find_if(decision.available.cbegin(), decision.available.cend(),
                                 [last](const Operator &op) { return op.id.toLongLong() > last; });
        decision.assignee = next != decision.available.cend() ? *next : decision.available.first();
        if (!dryRun)
            setRoundRobinPosition(db, tenantId, settings, decision.assignee->id.toLongLong(), nowMs);
    }
    decision.waitingForTeam = decision.available.isEmpty();
    return decision;
}

} // namespace zeiko::routing
