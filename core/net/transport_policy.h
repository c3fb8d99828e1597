#pragma once
#include <QUrl>

namespace zeiko {

// Plain http/ws is allowed only to this machine (the demo server, tests)
// unless the operator explicitly allowed it; anything else must be https/wss.
bool isLoopbackHost(const QString &host);
bool isTransportAllowed(const QUrl &url, bool allowInsecure);

} // namespace zeiko
