#pragma once
// Handoff settings of one AI agent (the Support Wizard's routing config):
// strategy, the team (assignee emails), max open assignments per person and
// the skill keywords that route a handoff to the operators with that skill.

#include "domain/types.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace zeiko::routing {

enum class Strategy { RoundRobin, FirstAvailable };

struct HandoffSettings {
    QString agentId;
    QString agentName;
    Strategy strategy = Strategy::RoundRobin;
    QStringList assigneeEmails;    // empty: every operator of the tenant
    int maxOpenAssignments = 0;    // per person; 0: each operator's own limit (0 there: unlimited)
    QStringList skillKeywords;     // lower-case; matched against the handoff topic and operator skills
    bool stored = false;           // false: defaults for an agent nobody configured yet
};

QJsonObject toJson(const HandoffSettings &settings);
// Throws DecodeError naming the field. agentId comes from the URL (or the command).
HandoffSettings settingsFromJson(const QByteArray &json, const QString &agentId);
// The same for the object inside a command; `path` prefixes field names ("settings").
HandoffSettings settingsFromJson(const QJsonObject &object, const QString &agentId, const QString &path);

HandoffSettings loadSettings(QSqlDatabase &db, qint64 tenantId, const QString &agentId);
QList<HandoffSettings> listSettings(QSqlDatabase &db, qint64 tenantId);
void saveSettings(QSqlDatabase &db, qint64 tenantId, const HandoffSettings &settings, qint64 nowMs);

// The persistent round-robin position (the operator assigned last).
qint64 roundRobinPosition(QSqlDatabase &db, qint64 tenantId, const QString &agentId);
void setRoundRobinPosition(QSqlDatabase &db, qint64 tenantId, const HandoffSettings &settings, qint64 operatorId,
                           qint64 nowMs);

} // namespace zeiko::routing
