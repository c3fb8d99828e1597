#include "routing/handoff_settings_command.h"

#include "domain/codecs.h"
#include "domain/command_targets.h"
#include "store/event_log.h"
#include "store/ticket_store.h"

#include <QJsonDocument>

namespace zeiko::routing {

using namespace Qt::StringLiterals;
using service::ServiceError;
using service::WriteResponse;

namespace {

void requireAdmin(const service::Session &session)
{
    if (session.op.role != OperatorRole::Admin)
        throw ServiceError(403, "forbidden", u"Only admins change handoff settings"_s);
}

QString checkedAgentId(const QString &agentId)
{
    if (agentId.isEmpty() || agentId.size() > 100)
        throw service::errors::invalidField(u"agentId"_s, u"expected 1 to 100 characters"_s);
    return agentId;
}

// Saves and appends the tenant-level event; the settings as stored.
HandoffSettings saveEvented(QSqlDatabase &db, const service::Session &session, HandoffSettings settings, Seq seq,
                            const QString &requestId, const QDateTime &now)
{
    saveSettings(db, session.tenantId, settings, now.toMSecsSinceEpoch());
    settings.stored = true;
    Event event;
    event.seq = seq;
    event.type = EventType::HandoffSettingsUpdated;
    event.scope = TargetKind::Tenant;
    event.at = now;
    event.requestId = requestId;
    event.handoffSettings = toJson(settings);
    store::appendEvent(db, session.tenantId, event);
    return settings;
}

QByteArray compact(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

WriteResponse updateHandoffSettings(service::CommandPipeline &pipeline, const service::Session &session,
                                    const Command &command, const QByteArray &requestHash, const QDateTime &now)
{
    requireAdmin(session);
    const HandoffSettings settings = settingsFromJson(command.settings, checkedAgentId(command.agentId), u"settings"_s);
    if (command.targets.isEmpty())   // `ticketId` alone names no target here: the body's is ignored
        throw service::errors::invalidField(u"targets"_s, u"missing required field"_s);
    return pipeline.run(session, command.requestId, requestHash, now.toMSecsSinceEpoch(), [&](QSqlDatabase &db, Seq seq) {
        // Targets resolve in the caller's tenant: another tenant's ticket does not exist here.
        for (const TicketId ticket : ticketsOf(command)) {
            if (!store::findTicket(db, session.tenantId, ticket))
                throw service::errors::notFound(u"No such ticket"_s);
        }
        if (command.targets != QList<CommandTarget>{CommandTarget::tenant()})
            throw service::errors::invalidField(u"targets"_s, u"update_handoff_settings is the tenant's: [{\"kind\":\"tenant\"}]"_s);
        const HandoffSettings saved = saveEvented(db, session, settings, seq, command.requestId, now);
        return WriteResponse{200, compact({{u"seq"_s, seq}, {u"handoffSettings"_s, toJson(saved)}}), false};
    });
}

WriteResponse putHandoffSettings(service::CommandPipeline &pipeline, const service::Session &session,
                                 const QString &agentId, const QString &key, const QByteArray &body, const QDateTime &now)
{
    requireAdmin(session);
    const HandoffSettings settings = settingsFromJson(body, checkedAgentId(agentId));
    const QByteArray hash = service::CommandPipeline::requestHash("PUT /handoff-settings/" + agentId.toUtf8(), body);
    return pipeline.run(session, key, hash, now.toMSecsSinceEpoch(), [&](QSqlDatabase &db, Seq seq) {
        return WriteResponse{200, compact(toJson(saveEvented(db, session, settings, seq, key, now))), false};
    });
}

} // namespace zeiko::routing
