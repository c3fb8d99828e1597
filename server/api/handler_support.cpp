#include "api/handler_support.h"

#include "domain/codecs.h"
#include "http/errors.h"
#include "service/auth_service.h"
#include "store/database.h"

#include <QElapsedTimer>

Q_LOGGING_CATEGORY(lcRequests, "zeiko.requests")

namespace zeiko::api {

using namespace Qt::StringLiterals;

const service::Session &Call::requireSession()
{
    if (!session)
        session = auth.authenticate(bearerToken());
    return *session;
}

QByteArray Call::bearerToken() const
{
    const QByteArray header = request.header("authorization").trimmed();
    if (header.size() > 7 && header.left(7).toLower() == "bearer ")
        return header.mid(7).trimmed();
    return {};
}

int Call::intQuery(const QString &name, int fallback, int min, int max) const
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const int value = request.query.queryItemValue(name).toInt(&ok);
    if (!ok || value < min || value > max)
        throw service::errors::invalidField(name, u"expected an integer from %1 to %2"_s.arg(min).arg(max));
    return value;
}

qint64 Call::int64Query(const QString &name, qint64 fallback) const
{
    if (!request.query.hasQueryItem(name))
        return fallback;
    bool ok = false;
    const qint64 value = request.query.queryItemValue(name).toLongLong(&ok);
    if (!ok || value < 0)
        throw service::errors::invalidField(name, u"expected a non-negative integer"_s);
    return value;
}

qint64 Call::pathId(const QString &name) const
{
    bool ok = false;
    const qint64 id = request.pathParams.value(name).toLongLong(&ok);
    if (!ok || id <= 0)
        throw service::errors::notFound(u"No such ticket"_s);
    return id;
}

http::Response jsonResponse(int status, const QJsonObject &object)
{
    return http::Response::json(status, QJsonDocument(object).toJson(QJsonDocument::Compact));
}

http::Response errorJson(const service::ServiceError &error)
{
    ApiError apiError{QString::fromLatin1(error.code), error.message, error.currentTicket};
    http::Response response = http::Response::json(error.status, encode(apiError));
    if (error.retryAfterSeconds > 0)
        response.headers.append(qMakePair(QByteArray("Retry-After"), QByteArray::number(error.retryAfterSeconds)));
    if (error.status == 401)
        response.headers.append(qMakePair(QByteArray("WWW-Authenticate"), QByteArray("Bearer")));
    return response;
}

http::Handler wrap(const QString &pattern, service::AuthService &auth, CallHandler handler)
{
    return [pattern, &auth, handler = std::move(handler)](const http::Request &request) {
        QElapsedTimer timer;
        timer.start();
        Call call{request, auth, std::nullopt};
        http::Response response;
        try {
            response = handler(call);
        } catch (const DecodeError &e) {
            const bool malformed = e.field() == u"$"_s;
            response = http::errorResponse(400, malformed ? "malformed_json" : "invalid_field", e.message());
        } catch (const service::ServiceError &e) {
            response = errorJson(e);
        } catch (const store::StoreError &e) {
            qCWarning(lcRequests) << "storage error on" << pattern << ":" << e.what();
            response = http::errorResponse(500, "internal_error", u"The server could not complete the request"_s);
        } catch (const std::exception &e) {
            qCWarning(lcRequests) << "unexpected error on" << pattern << ":" << e.what();
            response = http::errorResponse(500, "internal_error", u"The server could not complete the request"_s);
        }
        const QString tenant = call.session ? call.session->tenant.slug : u"-"_s;
        const QString method = QString::fromLatin1(request.method);
        const auto logLine = [tenant, method, pattern, timer](int status) {
            qCInfo(lcRequests).noquote()
                << u"tenant=%1 %2 %3 -> %4 (%5 ms)"_s.arg(tenant, method, pattern).arg(status).arg(timer.elapsed());
        };
        if (response.pending) {
            // Answered later (e.g. sign-in): log when the answer is there.
            auto logged = std::make_shared<http::PendingResponse>();
            response.pending->onComplete([logged, logLine](http::Response answer) {
                logLine(answer.status);
                logged->complete(std::move(answer));
            });
            return http::Response::later(std::move(logged));
        }
        logLine(response.status);
        return response;
    };
}

} // namespace zeiko::api
