#include "api/api.h"

#include "api/handler_support.h"
#include "api/stream_session.h"
#include "domain/codecs.h"
#include "domain/json_reader.h"
#include "service/auth_service.h"
#include "service/sync_service.h"
#include "service/ticket_service.h"

namespace zeiko::api {

using namespace Qt::StringLiterals;
using http::Response;
using service::ServiceError;

namespace {

Response signIn(Call &call)
{
    const JsonReader r(parseJsonObject(call.request.body));
    const QString account = r.requiredString("account"_L1);
    const QString email = r.requiredString("email"_L1);
    const QString password = r.requiredString("password"_L1);
    if (account.size() > 200 || email.size() > 320 || password.size() > 1024)
        throw service::errors::badRequest(u"Credentials too long"_s);
    // Answered later: the password is checked on the hashing pool (after the
    // throttle's delay), never on this handler thread.
    auto pending = std::make_shared<http::PendingResponse>();
    call.auth.signIn({account, email, password, call.request.client.toString()},
                     [pending](const service::SignInOutcome &outcome) {
                         if (const auto *error = std::get_if<ServiceError>(&outcome))
                             return pending->complete(errorJson(*error));
                         const auto &result = std::get<service::SignInResult>(outcome);
                         pending->complete(jsonResponse(200, {{u"token"_s, result.token},
                                                              {u"operator"_s, toJson(result.op)},
                                                              {u"tenant"_s, toJson(result.tenant)}}));
                     });
    return Response::later(std::move(pending));
}

Response signOut(Call &call)
{
    call.requireSession();
    call.auth.signOut(call.bearerToken());
    Response response;
    response.status = 204;
    response.contentType.clear();
    return response;
}

Response me(Call &call)
{
    const auto &s = call.requireSession();
    return jsonResponse(200, {{u"operator"_s, toJson(s.op)}, {u"tenant"_s, toJson(s.tenant)}});
}

std::optional<TicketStatus> statusQuery(const Call &call)
{
    const QString text = call.request.query.queryItemValue(u"status"_s);
    if (text.isEmpty())
        return std::nullopt;
    if (const auto status = enumFromString<TicketStatus>(text))
        return status;
    throw service::errors::invalidField(u"status"_s, u"unknown value \"%1\""_s.arg(text.left(40)));
}

Response writeResponse(const service::WriteResponse &r)
{
    Response response = Response::json(r.status, r.body);
    if (r.replayed)
        response.headers.append(qMakePair(QByteArray("Idempotent-Replayed"), QByteArray("true")));
    return response;
}

QString idempotencyKey(const Call &call)
{
    return QString::fromUtf8(call.request.header("idempotency-key")).trimmed();
}

} // namespace

std::shared_ptr<http::Router> buildRouter(Services s)
{
    auto router = std::make_shared<http::Router>();
    auto add = [&](const QByteArray &method, const QString &pattern, CallHandler handler) {
        router->add(method, pattern, wrap(pattern, s.auth, std::move(handler)));
    };

    // Liveness: the process serves HTTP. It never touches the database, so a
    // slow or lost database does not get a working process restarted.
    add("GET", u"/healthz"_s, [](Call &) { return jsonResponse(200, {{u"status"_s, u"ok"_s}}); });
    // Readiness: the database answers a read now (take traffic or not).
    add("GET", u"/readyz"_s, [s](Call &) {
        if (const auto problem = s.sync.databaseProblem()) {
            qCWarning(lcRequests).noquote() << u"GET /readyz -> 503: %1"_s.arg(*problem);
            return jsonResponse(503, {{u"status"_s, u"unavailable"_s}, {u"reason"_s, u"database"_s}});
        }
        return jsonResponse(200, {{u"status"_s, u"ready"_s}});
    });

    add("POST", u"/api/v1/auth/sign-in"_s, signIn);
    add("POST", u"/api/v1/auth/sign-out"_s, signOut);
    add("GET", u"/api/v1/me"_s, me);
    add("GET", u"/api/v1/operators"_s, [s](Call &call) {
        return jsonResponse(200, {{u"operators"_s, toJsonArray(s.auth.operators(call.requireSession()))}});
    });

    add("GET", u"/api/v1/tickets"_s, [s](Call &call) {
        const auto &session = call.requireSession();
        service::TicketListQuery query;
        query.status = statusQuery(call);
        query.assignee = call.request.query.queryItemValue(u"assignee"_s);
        query.limit = call.intQuery(u"limit"_s, 50, 1, 500);
        query.cursor = call.request.query.queryItemValue(u"cursor"_s);
        const service::TicketListPage page = s.tickets.list(session, query);
        return jsonResponse(200, {{u"tickets"_s, toJsonArray(page.tickets)},
                                  {u"nextCursor"_s, page.nextCursor.isEmpty() ? QJsonValue() : QJsonValue(page.nextCursor)}});
    });
    add("POST", u"/api/v1/tickets"_s, [s](Call &call) {
        const auto &session = call.requireSession();
        return writeResponse(s.tickets.create(session, idempotencyKey(call), call.request.body));
    });
    add("GET", u"/api/v1/tickets/{id}"_s, [s](Call &call) {
        const auto &session = call.requireSession();
        const service::TicketDetail detail = s.tickets.get(session, call.pathId(u"id"_s));
        return jsonResponse(200, {{u"ticket"_s, toJson(detail.ticket)},
                                  {u"entries"_s, toJsonArray(detail.entries)},
                                  {u"handoff"_s, detail.handoff ? QJsonValue(toJson(*detail.handoff)) : QJsonValue()}});
    });
    add("GET", u"/api/v1/tickets/{id}/entries"_s, [s](Call &call) {
        const auto &session = call.requireSession();
        const auto entries = s.tickets.entries(session, call.pathId(u"id"_s), call.int64Query(u"after"_s, 0),
                                               call.intQuery(u"limit"_s, 200, 1, 1000));
        return jsonResponse(200, {{u"entries"_s, toJsonArray(entries)}});
    });
    add("POST", u"/api/v1/tickets/{id}/commands"_s, [s](Call &call) {
        const auto &session = call.requireSession();
        return writeResponse(s.tickets.execute(session, call.pathId(u"id"_s), idempotencyKey(call), call.request.body));
    });

    add("GET", u"/api/v1/snapshot"_s, [s](Call &call) {
        const auto &session = call.requireSession();
        const SnapshotPage page = s.sync.snapshot(session, call.request.query.queryItemValue(u"cursor"_s),
                                                  call.intQuery(u"limit"_s, 500, 1, service::maxSnapshotPage));
        return Response::json(200, encode(page));
    });
    add("GET", u"/api/v1/events"_s, [s](Call &call) {
        const auto &session = call.requireSession();
        return Response::json(200, s.sync.eventsJson(session, call.int64Query(u"after"_s, 0),
                                                     call.intQuery(u"limit"_s, 500, 1, service::maxEventPage)));
    });

    router->addWebSocket(u"/api/v1/stream"_s, [s](const http::Request &request)
                             -> std::variant<Response, std::shared_ptr<http::WebSocketSession>> {
        Call call{request, s.auth, std::nullopt};
        try {
            const auto &session = call.requireSession();
            const Seq after = call.int64Query(u"after"_s, 0);
            qCInfo(lcRequests).noquote() << u"tenant=%1 GET /api/v1/stream -> 101"_s.arg(session.tenant.slug);
            return std::make_shared<StreamSession>(s.hub, session.tenantId,
                                                   service::AuthService::tokenHash(call.bearerToken()), after);
        } catch (const ServiceError &e) {
            qCInfo(lcRequests).noquote() << u"tenant=- GET /api/v1/stream -> %1"_s.arg(e.status);
            return errorJson(e);
        } catch (const std::exception &) {
            return errorJson(ServiceError(503, "service_unavailable", u"Try again"_s));
        }
    });
    return router;
}

} // namespace zeiko::api
