#include "sync/logging.h"

namespace zeiko {
Q_LOGGING_CATEGORY(lcStore, "zeiko.store", QtInfoMsg)
Q_LOGGING_CATEGORY(lcNet, "zeiko.net", QtInfoMsg)
Q_LOGGING_CATEGORY(lcStream, "zeiko.stream", QtInfoMsg)
Q_LOGGING_CATEGORY(lcSync, "zeiko.sync", QtInfoMsg)
Q_LOGGING_CATEGORY(lcOutbox, "zeiko.outbox", QtInfoMsg)
} // namespace zeiko
