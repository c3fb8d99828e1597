#pragma once
// Routes of the widget, agent and handoff APIs (docs/api.md, "Widget,
// agents and handoffs").

#include "http/router.h"

namespace zeiko::service {
class AuthService;
}
namespace zeiko::channels {
class Clock;
}

namespace zeiko::widget {

class WidgetService;

// agentToken empty: the agent API answers 401 (no service token configured).
// testClock non-null: POST /api/v1/test/clock moves the server's clock (tests only).
void registerWidgetRoutes(http::Router &router, service::AuthService &auth, WidgetService &widgets,
                          const QByteArray &agentToken, channels::Clock *testClock);

// Constant-time comparison of a presented secret with the expected one.
bool secretsEqual(const QByteArray &presented, const QByteArray &expected);

} // namespace zeiko::widget
