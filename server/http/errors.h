#pragma once
// The one JSON error shape every failure uses, whether the transport (431,
// 413, 400...) or the application (404, 409...) produced it:
//   {"error":{"code":"not_found","message":"..."}}

#include "http/http_types.h"

namespace zeiko::http {

// Codes the transport itself uses; the application may add its own.
namespace errorcode {
inline constexpr char notFound[] = "not_found";
inline constexpr char methodNotAllowed[] = "method_not_allowed";
inline constexpr char badRequest[] = "bad_request";
inline constexpr char headerTooLarge[] = "header_too_large";
inline constexpr char payloadTooLarge[] = "payload_too_large";
inline constexpr char timeout[] = "timeout";
inline constexpr char serviceUnavailable[] = "service_unavailable";
inline constexpr char tooManyConnections[] = "too_many_connections";
inline constexpr char upgradeRequired[] = "upgrade_required";
inline constexpr char internalError[] = "internal_error";
} // namespace errorcode

Response errorResponse(int status, QByteArray code, QString message);

} // namespace zeiko::http
