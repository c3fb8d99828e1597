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

// The agent API takes a live agent token of the conversation's tenant
// (401 without one, 404 for another tenant's conversation).
// testClock non-null: POST /api/v1/test/clock moves the server's clock (tests only).
void registerWidgetRoutes(http::Router &router, service::AuthService &auth, WidgetService &widgets,
                          channels::Clock *testClock);

} // namespace zeiko::widget
