#include "net/api_failure.h"

namespace zeiko {

bool ApiFailure::isTransient() const
{
    switch (kind) {
    case Kind::Network:
    case Kind::Timeout:
    case Kind::Http5xx:
        return true;
    case Kind::Http4xx:
        return httpStatus == 408 || httpStatus == 429;
    case Kind::Tls:
    case Kind::Insecure:
    case Kind::Malformed:
        return false;
    }
    return false;
}

QString ApiFailure::message() const
{
    switch (kind) {
    case Kind::Network:
        return tr("The server cannot be reached. Check the network connection; queued work is kept and sent later.");
    case Kind::Timeout:
        return tr("The server did not answer in time. Queued work is kept and sent later.");
    case Kind::Tls:
        return tr("The server's identity could not be verified (TLS error: %1). Nothing was sent.").arg(detail);
    case Kind::Insecure:
        return tr("Refusing to talk to this server without encryption. Use https, or explicitly allow "
                  "insecure connections.");
    case Kind::Http4xx:
        if (httpStatus == 401)
            return tr("Your session has expired. Please sign in again.");
        if (!error.message.isEmpty())
            return error.message;
        return tr("The server refused the request (HTTP %1).").arg(httpStatus);
    case Kind::Http5xx:
        return tr("The server had a problem (HTTP %1). It will be retried.").arg(httpStatus);
    case Kind::Malformed:
        return tr("The server sent a reply this version does not understand (%1).").arg(detail);
    }
    return {};
}

QString failureKindName(ApiFailure::Kind kind)
{
    switch (kind) {
    case ApiFailure::Kind::Network: return QStringLiteral("network");
    case ApiFailure::Kind::Timeout: return QStringLiteral("timeout");
    case ApiFailure::Kind::Tls: return QStringLiteral("tls");
    case ApiFailure::Kind::Insecure: return QStringLiteral("insecure");
    case ApiFailure::Kind::Http4xx: return QStringLiteral("http_4xx");
    case ApiFailure::Kind::Http5xx: return QStringLiteral("http_5xx");
    case ApiFailure::Kind::Malformed: return QStringLiteral("malformed");
    }
    return {};
}

} // namespace zeiko
