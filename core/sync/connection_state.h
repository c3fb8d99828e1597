#pragma once
#include <QMetaType>

namespace zeiko {

// What the status bar shows about the link to the server.
enum class ConnectionState {
    Offline,  // neither the live socket nor REST reach the server; working from the cache
    Polling,  // the live socket is down but REST catch-up works (the fallback refresh)
    Live,     // the live socket is connected and events stream in
};

} // namespace zeiko

Q_DECLARE_METATYPE(zeiko::ConnectionState)
