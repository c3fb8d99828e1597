#pragma once
// The deterministic demo tenant: `demo` ("Demo Store"), five operators and
// N tickets over every status, priority and source, with threads holding
// every entry kind, markdown bodies (tables, code, links), email events,
// handoffs, Shopify orders and SLA states including breached. The same
// seed and anchor give the same data; times are relative to the anchor so
// SLA states look right when it is "now".

#include "domain/types.h"

namespace zeiko::store {
class Database;
}

namespace zeiko::demo {

inline constexpr char demoAccount[] = "demo";
inline constexpr char demoEmail[] = "alex@demo.zeiko.test";
inline constexpr char demoPassword[] = "demo-password";

struct DemoOptions {
    int tickets = 600;
    quint64 seed = 42;
    QDateTime anchor;          // default: now, truncated to the minute
    int batchSize = 2000;      // tickets per transaction
};

struct DemoSummary {
    int tickets = 0;
    int entries = 0;
    int handoffs = 0;
    Seq headSeq = 0;
};

// Creates the tenant; throws ServiceError 409 if `demo` already exists.
DemoSummary generateDemo(store::Database &database, const DemoOptions &options);

} // namespace zeiko::demo
