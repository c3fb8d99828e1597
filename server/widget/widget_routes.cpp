#include "widget/widget_routes.h"

#include "api/handler_support.h"
#include "channels/clock.h"
#include "domain/codecs.h"
#include "domain/json_reader.h"
#include "service/auth_service.h"
#include "widget/widget_service.h"

namespace zeiko::widget {

using namespace Qt::StringLiterals;
using api::Call;
using http::Response;

namespace {

Response answer(const channels::JsonResult &result)
{
    return api::jsonResponse(result.status, result.body);
}

Response answer(const service::WriteResponse &result)
{
    Response response = Response::json(result.status, result.body);
    if (result.replayed)
        response.headers.append(qMakePair(QByteArray("Idempotent-Replayed"), QByteArray("true")));
    return response;
}

QString idempotencyKey(const Call &call)
{
    return QString::fromUtf8(call.request.header("idempotency-key")).trimmed();
}

QString param(const Call &call, const QString &name)
{
    return call.request.pathParams.value(name);
}

} // namespace

void registerWidgetRoutes(http::Router &router, service::AuthService &auth, WidgetService &w, channels::Clock *testClock)
{
    auto add = [&](const QByteArray &method, const QString &pattern, api::CallHandler handler) {
        router.add(method, pattern, api::wrap(pattern, auth, std::move(handler)));
    };
    // The tenant of the presented agent token (looked up by its hash, so no
    // comparison of secrets happens here).
    auto requireAgent = [&w](const Call &call) -> qint64 {
        const auto tenant = w.agentTenant(call.bearerToken());
        if (!tenant)
            throw service::errors::unauthorized(u"A valid agent service token is required"_s);
        return *tenant;
    };

    // Visitor side: public; the conversation id is the capability.
    add("POST", u"/api/v1/widget/{account}/conversations"_s, [&w](Call &call) {
        return answer(w.startConversation(param(call, u"account"_s), call.request.body, call.request.client.toString()));
    });
    add("GET", u"/api/v1/widget/conversations/{conversation}"_s, [&w](Call &call) {
        return answer(w.conversation(param(call, u"conversation"_s)));
    });
    add("POST", u"/api/v1/widget/conversations/{conversation}/messages"_s, [&w](Call &call) {
        return answer(w.visitorMessage(param(call, u"conversation"_s), call.request.body));
    });
    add("POST", u"/api/v1/widget/conversations/{conversation}/csat"_s, [&w](Call &call) {
        return answer(w.rate(param(call, u"conversation"_s), call.request.body));
    });

    // AI agents: service token.
    add("POST", u"/api/v1/agent/conversations/{conversation}/replies"_s, [&w, requireAgent](Call &call) {
        const qint64 tenant = requireAgent(call);
        return answer(w.agentReply(tenant, param(call, u"conversation"_s), call.request.body));
    });
    add("POST", u"/api/v1/agent/conversations/{conversation}/handoff"_s, [&w, requireAgent](Call &call) {
        const qint64 tenant = requireAgent(call);
        return answer(w.agentHandoff(tenant, param(call, u"conversation"_s), call.request.body));
    });
    add("POST", u"/api/v1/agent/conversations/{conversation}/resolve"_s, [&w, requireAgent](Call &call) {
        const qint64 tenant = requireAgent(call);
        return answer(w.agentResolve(tenant, param(call, u"conversation"_s), call.request.body));
    });

    // Operators.
    add("POST", u"/api/v1/handoffs/{id}/claim"_s, [&w](Call &call) {
        const auto &session = call.requireSession();
        return answer(w.claimHandoff(session, QString::number(call.pathId(u"id"_s))));
    });
    add("POST", u"/api/v1/handoffs/{id}/resolve"_s, [&w](Call &call) {
        const auto &session = call.requireSession();
        return answer(w.resolveHandoff(session, QString::number(call.pathId(u"id"_s))));
    });
    add("GET", u"/api/v1/handoff-settings"_s, [&w](Call &call) {
        return answer(w.listSettings(call.requireSession()));
    });
    add("GET", u"/api/v1/handoff-settings/{agent}"_s, [&w](Call &call) {
        return answer(w.getSettings(call.requireSession(), param(call, u"agent"_s)));
    });
    add("PUT", u"/api/v1/handoff-settings/{agent}"_s, [&w](Call &call) {
        const auto &session = call.requireSession();
        return answer(w.putSettings(session, param(call, u"agent"_s), idempotencyKey(call), call.request.body));
    });
    // Commands that name their targets instead of one ticket (docs/api.md
    // "Commands and their targets"); the tenant's handoff settings today.
    add("POST", u"/api/v1/commands"_s, [&w](Call &call) {
        const auto &session = call.requireSession();
        return answer(w.executeCommand(session, idempotencyKey(call), call.request.body));
    });

    if (testClock) {
        add("POST", u"/api/v1/test/clock"_s, [testClock](Call &call) {
            call.requireSession();
            const JsonReader r(parseJsonObject(call.request.body));
            const qint64 ms = r.optionalInt("advanceMs"_L1).value_or(0);
            if (ms < 0 || ms > 365LL * 24 * 3600 * 1000)
                r.fail("advanceMs"_L1, u"expected 0 to one year in milliseconds"_s);
            testClock->advance(ms);
            return api::jsonResponse(200, {{u"now"_s, testClock->now().toString(Qt::ISODateWithMs)},
                                           {u"offsetMs"_s, testClock->offsetMs()}});
        });
    }
}

} // namespace zeiko::widget
