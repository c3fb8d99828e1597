#pragma once
// Everything of the channels issue that `zeiko-server serve` runs: its
// options (each also an environment variable), the widget/agent/handoff
// services, email in and out, Shopify webhooks, the SLA timer and the mail
// queue worker. serve_command.cpp only adds the options, builds this and
// registers its routes; threads start with start() and stop in the destructor.

#include "channels/clock.h"
#include "channels/tenant_tx.h"

#include <QCommandLineParser>

#include <memory>

namespace zeiko::http {
class Router;
}
namespace zeiko::service {
class AuthService;
}

namespace zeiko::channels {

void addChannelOptions(QCommandLineParser &parser);

class ChannelRuntime
{
public:
    // Throws std::invalid_argument for a bad option value.
    ChannelRuntime(const QCommandLineParser &parser, store::Database &database, CommitNotifier notify);
    ~ChannelRuntime();

    void registerRoutes(http::Router &router, service::AuthService &auth);
    // The channels' clock (movable with --test-clock): the ticket and sync
    // services read it too, so every SLA date of one ticket is on one clock.
    QDateTime now() const;
    // A commit made outside the channels (ticket commands): wakes live
    // streams and looks for waiting handoffs the change made routable.
    void committed(qint64 tenantId);
    void start();
    void stop();

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace zeiko::channels
