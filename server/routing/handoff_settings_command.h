#pragma once
// The first command that is not about a ticket: changing one AI agent's
// handoff settings is the tenant's (target "tenant"). It goes through the
// same CommandPipeline as ticket commands — Idempotency-Key, one seq, one
// event in the tenant's log — so every console sees the change live as a
// tenant-level `handoff_settings_updated` event (ticketId null).

#include "routing/handoff_settings.h"
#include "service/command_pipeline.h"

namespace zeiko::routing {

// Admins only (403). `command.targets` must be exactly the tenant (400);
// ticket targets are looked up in the session's tenant first, so another
// tenant's ticket is a 404 like everywhere else. Answers {seq, handoffSettings}.
service::WriteResponse updateHandoffSettings(service::CommandPipeline &pipeline, const service::Session &session,
                                             const Command &command, const QByteArray &requestHash, const QDateTime &now);

// The same change for PUT /handoff-settings/{agent} (the route that predates
// commands; `key` may be empty there). Answers the settings as before.
service::WriteResponse putHandoffSettings(service::CommandPipeline &pipeline, const service::Session &session,
                                          const QString &agentId, const QString &key, const QByteArray &body,
                                          const QDateTime &now);

} // namespace zeiko::routing
