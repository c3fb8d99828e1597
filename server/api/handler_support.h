#pragma once
// What every handler shares: the JSON error mapping, bearer-token
// authentication, query parsing and the one log line per request.

#include "http/http_types.h"
#include "service/service_error.h"

#include <QLoggingCategory>

#include <functional>

Q_DECLARE_LOGGING_CATEGORY(lcRequests)

namespace zeiko::service {
class AuthService;
}

namespace zeiko::api {

// One request in flight: the raw request plus the caller once authenticated.
struct Call {
    const http::Request &request;
    service::AuthService &auth;
    std::optional<service::Session> session;

    const service::Session &requireSession();   // 401 unless a live bearer token
    QByteArray bearerToken() const;
    int intQuery(const QString &name, int fallback, int min, int max) const;   // 400 invalid_field when bad
    qint64 int64Query(const QString &name, qint64 fallback) const;
    qint64 pathId(const QString &name) const;   // 404 when not a positive integer
};

using CallHandler = std::function<http::Response(Call &)>;

// Wraps a handler: maps DecodeError/ServiceError/StoreError to JSON errors
// (never a stack trace, never a 5xx for bad input) and logs
// "tenant METHOD pattern -> status (ms)" — no tokens, passwords or bodies.
http::Handler wrap(const QString &pattern, service::AuthService &auth, CallHandler handler);

http::Response errorJson(const service::ServiceError &error);
http::Response jsonResponse(int status, const QJsonObject &object);

} // namespace zeiko::api
