#pragma once
// The HTTP API of docs/api.md: builds the router with every route and the
// WebSocket acceptor. Handlers run on the transport's worker threads.

#include "http/router.h"

#include <memory>

namespace zeiko::service {
class AuthService;
class TicketService;
class SyncService;
class EventHub;
}

namespace zeiko::api {

struct Services {
    service::AuthService &auth;
    service::TicketService &tickets;
    service::SyncService &sync;
    service::EventHub &hub;
};

std::shared_ptr<http::Router> buildRouter(Services services);

} // namespace zeiko::api
