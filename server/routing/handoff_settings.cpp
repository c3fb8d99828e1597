#include "routing/handoff_settings.h"

#include "domain/codecs.h"
#include "domain/json_reader.h"
#include "store/sql.h"

#include <QJsonArray>

namespace zeiko::routing {

using namespace Qt::StringLiterals;

namespace {

QString strategyName(Strategy s)
{
    return s == Strategy::FirstAvailable ? u"first_available"_s : u"round_robin"_s;
}

QString listJson(const QStringList &list)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray::fromStringList(list)).toJson(QJsonDocument::Compact));
}

QStringList listFrom(const QVariant &value)
{
    QStringList out;
    for (const QJsonValue &v : QJsonDocument::fromJson(value.toString().toUtf8()).array())
        out.append(v.toString());
    return out;
}

QStringList normalised(const QStringList &items)
{
    QStringList out;
    for (const QString &item : items) {
        const QString t = item.trimmed().toLower();
        if (!t.isEmpty() && !out.contains(t))
            out.append(t);
    }
    return out;
}

HandoffSettings fromRow(const QSqlQuery &q)
{
    HandoffSettings s;
    s.agentId = q.value(0).toString();
    s.agentName = q.value(1).toString();
    s.strategy = q.value(2).toString() == u"first_available"_s ? Strategy::FirstAvailable : Strategy::RoundRobin;
    s.assigneeEmails = listFrom(q.value(3));
    s.maxOpenAssignments = q.value(4).toInt();
    s.skillKeywords = listFrom(q.value(5));
    s.stored = true;
    return s;
}

const QString columns = u"agent_id, agent_name, strategy, assignee_emails, max_open, skill_keywords"_s;

} // namespace

QJsonObject toJson(const HandoffSettings &s)
{
    return {{u"agentId"_s, s.agentId},
            {u"agentName"_s, s.agentName},
            {u"strategy"_s, strategyName(s.strategy)},
            {u"assigneeEmails"_s, QJsonArray::fromStringList(s.assigneeEmails)},
            {u"maxOpenAssignments"_s, s.maxOpenAssignments},
            {u"skillKeywords"_s, QJsonArray::fromStringList(s.skillKeywords)},
            {u"configured"_s, s.stored}};
}

HandoffSettings settingsFromJson(const QByteArray &json, const QString &agentId)
{
    return settingsFromJson(parseJsonObject(json), agentId, QString());
}

HandoffSettings settingsFromJson(const QJsonObject &object, const QString &agentId, const QString &path)
{
    const JsonReader r(object, path);
    HandoffSettings s;
    s.agentId = agentId;
    s.agentName = r.optionalString("agentName"_L1);
    const QString strategy = r.requiredString("strategy"_L1);
    if (strategy == u"round_robin"_s)
        s.strategy = Strategy::RoundRobin;
    else if (strategy == u"first_available"_s)
        s.strategy = Strategy::FirstAvailable;
    else
        r.fail("strategy"_L1, u"expected \"round_robin\" or \"first_available\""_s);
    s.assigneeEmails = normalised(r.optionalStringList("assigneeEmails"_L1));
    for (const QString &email : std::as_const(s.assigneeEmails))
        if (!email.contains(u'@') || email.size() > 320)
            r.fail("assigneeEmails"_L1, u"not an email address: %1"_s.arg(email.left(60)));
    const qint64 maxOpen = r.optionalInt("maxOpenAssignments"_L1).value_or(0);
    if (maxOpen < 0 || maxOpen > 10000)
        r.fail("maxOpenAssignments"_L1, u"expected 0 (no limit) to 10000"_s);
    s.maxOpenAssignments = int(maxOpen);
    s.skillKeywords = normalised(r.optionalStringList("skillKeywords"_L1));
    if (s.skillKeywords.size() > 100 || s.assigneeEmails.size() > 500)
        r.fail("skillKeywords"_L1, u"too many entries"_s);
    return s;
}

HandoffSettings loadSettings(QSqlDatabase &db, qint64 tenantId, const QString &agentId)
{
    QSqlQuery q = store::run(db, u"SELECT %1 FROM handoff_settings WHERE tenant_id = ? AND agent_id = ?"_s.arg(columns),
                             {tenantId, agentId});
    if (q.next())
        return fromRow(q);
    HandoffSettings defaults;
    defaults.agentId = agentId;
    return defaults;
}

QList<HandoffSettings> listSettings(QSqlDatabase &db, qint64 tenantId)
{
    QSqlQuery q = store::run(db, u"SELECT %1 FROM handoff_settings WHERE tenant_id = ? ORDER BY agent_id"_s.arg(columns),
                             {tenantId});
    QList<HandoffSettings> out;
    while (q.next())
        out.append(fromRow(q));
    return out;
}

void saveSettings(QSqlDatabase &db, qint64 tenantId, const HandoffSettings &s, qint64 nowMs)
{
    store::run(db,
               u"INSERT INTO handoff_settings (tenant_id, agent_id, agent_name, strategy, assignee_emails, max_open, "
               "skill_keywords, rr_last_operator, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?) "
               "ON CONFLICT (tenant_id, agent_id) DO UPDATE SET agent_name = excluded.agent_name, "
               "strategy = excluded.strategy, assignee_emails = excluded.assignee_emails, max_open = excluded.max_open, "
               "skill_keywords = excluded.skill_keywords, updated_at = excluded.updated_at"_s,
               {tenantId, s.agentId, store::text(s.agentName), strategyName(s.strategy), listJson(s.assigneeEmails),
                s.maxOpenAssignments, listJson(s.skillKeywords), nowMs});
}

qint64 roundRobinPosition(QSqlDatabase &db, qint64 tenantId, const QString &agentId)
{
    QSqlQuery q = store::run(db, u"SELECT rr_last_operator FROM handoff_settings WHERE tenant_id = ? AND agent_id = ?"_s,
                             {tenantId, agentId});
    return q.next() ? q.value(0).toLongLong() : 0;
}

void setRoundRobinPosition(QSqlDatabase &db, qint64 tenantId, const HandoffSettings &s, qint64 operatorId, qint64 nowMs)
{
    if (!s.stored)
        saveSettings(db, tenantId, s, nowMs);   // defaults get a row so the position persists
    store::run(db, u"UPDATE handoff_settings SET rr_last_operator = ? WHERE tenant_id = ? AND agent_id = ?"_s,
               {operatorId, tenantId, s.agentId});
}

} // namespace zeiko::routing
