#pragma once
// Why a server call failed, in kinds the UI can explain and the outbox can
// act on (retry the transient ones, surface the rest).

#include "domain/types.h"

#include <QCoreApplication>
#include <QString>

namespace zeiko {

struct ApiFailure {
    Q_DECLARE_TR_FUNCTIONS(ApiFailure)
public:
    enum class Kind {
        Network,    // no connection: offline, refused, DNS failure, connection dropped mid-reply
        Timeout,    // nothing arrived within the transfer timeout
        Tls,        // certificate or handshake failure; never ignored
        Insecure,   // plain http/ws to a non-loopback host without allowInsecure: not even sent
        Http4xx,    // the server refused the request; `error` holds its code and message
        Http5xx,    // the server failed or is unavailable
        Malformed,  // the reply did not match the contract; `detail` names the field
    };

    Kind kind = Kind::Network;
    int httpStatus = 0;       // 0 when no HTTP response arrived
    ApiError error;           // the server's error body (4xx/5xx), when it sent one
    QString detail;           // Qt's network error text, or the DecodeError field path
    int retryAfterSeconds = 0;   // from Retry-After (429/503), 0 when absent

    // Worth sending again unchanged (same Idempotency-Key): network, timeout,
    // 5xx, 408 and 429. Everything else needs a human or a new request.
    bool isTransient() const;
    bool isUnauthorized() const { return httpStatus == 401; }
    // One translated sentence for the UI.
    QString message() const;
};

QString failureKindName(ApiFailure::Kind kind);   // stable, for logs and outbox error codes

} // namespace zeiko
