#pragma once
// Logging categories of the console core, in one place. Never log a token,
// a password or a message body through them.

#include <QLoggingCategory>

namespace zeiko {
Q_DECLARE_LOGGING_CATEGORY(lcStore)    // zeiko.store: local SQLite cache
Q_DECLARE_LOGGING_CATEGORY(lcNet)      // zeiko.net: REST client
Q_DECLARE_LOGGING_CATEGORY(lcStream)   // zeiko.stream: WebSocket event stream
Q_DECLARE_LOGGING_CATEGORY(lcSync)     // zeiko.sync: bootstrap, catch-up, prefetch
Q_DECLARE_LOGGING_CATEGORY(lcOutbox)   // zeiko.outbox: queued commands
} // namespace zeiko
