// zeiko-server: the reference ticket backend.
//   zeiko-server serve [--listen H:P] [--database URL] [--demo] ...
//   zeiko-server admin create-tenant|create-operator|create-agent-token|set-shopify ...
//   zeiko-server demo [--database URL] [--tickets N] [--seed S]
//   zeiko-server simulate [--url U] [--account S] [--rate N] [--duration s] [--seed S] ...
// Each subcommand documents itself with --help.

#include "app/commands.h"
#include "simulate/simulate_command.h"

#include <QCoreApplication>

#include <cstdio>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("zeiko-server"));
    QCoreApplication::setApplicationVersion(QStringLiteral(ZEIKO_SERVER_VERSION));
    qSetMessagePattern(QStringLiteral("%{time yyyy-MM-ddThh:mm:ss.zzz} %{category} %{type}: %{message}"));

    const QStringList arguments = QCoreApplication::arguments();
    const QString command = arguments.value(1);
    if (command == QLatin1String("serve"))
        return zeiko::app::runServe(arguments);
    if (command == QLatin1String("admin"))
        return zeiko::app::runAdmin(arguments);
    if (command == QLatin1String("demo"))
        return zeiko::app::runDemo(arguments);
    if (command == QLatin1String("simulate"))
        return zeiko::simulate::runSimulate(arguments);
    if (command == QLatin1String("--version")) {
        std::printf("zeiko-server %s\n", ZEIKO_SERVER_VERSION);
        return 0;
    }
    std::fprintf(command == QLatin1String("--help") || command == QLatin1String("-h") ? stdout : stderr,
                 "Usage: zeiko-server <command> [options]\n\n"
                 "Commands:\n"
                 "  serve    serve the HTTP/WebSocket API (serve --help for options and env vars)\n"
                 "  admin    tenants, operators, agent tokens, Shopify shops (admin --help)\n"
                 "  demo     generate the deterministic demo tenant (demo --help)\n"
                 "  simulate drive realistic traffic against a running server (simulate --help)\n");
    return command == QLatin1String("--help") || command == QLatin1String("-h") ? 0 : 2;
}
