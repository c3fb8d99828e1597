#pragma once
// A refusal with an HTTP status and a stable error code from docs/api.md.
// Services throw it; the API layer turns it into {"error":{code,message}}.

#include "domain/types.h"

#include <QByteArray>
#include <QString>

#include <exception>
#include <optional>

namespace zeiko::service {

struct ServiceError : std::exception {
    ServiceError(int status, QByteArray code, QString message)
        : status(status), code(std::move(code)), message(std::move(message))
    {
    }
    const char *what() const noexcept override { return code.constData(); }

    int status;
    QByteArray code;
    QString message;
    std::optional<Ticket> currentTicket;   // 409s carry the ticket as it is now
    int retryAfterSeconds = 0;              // 429
};

namespace errors {
inline ServiceError unauthorized(const QString &message = QStringLiteral("Sign in first"))
{
    return {401, "unauthorized", message};
}
inline ServiceError notFound(const QString &message) { return {404, "not_found", message}; }
inline ServiceError invalidField(const QString &field, const QString &reason)
{
    return {400, "invalid_field", QStringLiteral("Field \"%1\": %2").arg(field, reason)};
}
inline ServiceError badRequest(const QString &message) { return {400, "bad_request", message}; }
// A ticket command on POST /commands, or a command that names its targets on a ticket's route.
inline ServiceError wrongCommandRoute(const QString &message) { return {400, "wrong_command_route", message}; }
inline ServiceError conflict(QByteArray code, const QString &message, const Ticket &current)
{
    ServiceError e(409, std::move(code), message);
    e.currentTicket = current;
    return e;
}
} // namespace errors

// Who is calling: resolved from the bearer token on every request.
struct Session {
    qint64 tenantId = 0;
    Tenant tenant;
    qint64 operatorId = 0;
    Operator op;
};

} // namespace zeiko::service
