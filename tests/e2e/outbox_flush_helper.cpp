// Test helper (not a test): opens a console store and flushes its outbox to
// a server, then exits 0. test_e2e_crash SIGKILLs it at random moments.
// Usage: outbox_flush_helper <store path> <server url>; token in ZEIKO_TOKEN.
#include "net/api_client.h"
#include "outbox/outbox.h"
#include "store/local_store.h"

#include <QCoreApplication>

#include <cstdio>

using namespace zeiko;
using namespace std::chrono_literals;

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() != 3) {
        std::fprintf(stderr, "usage: outbox_flush_helper <store path> <server url>\n");
        return 64;
    }
    LocalStore store;
    if (!store.open(args.at(1))) {
        std::fprintf(stderr, "%s\n", qPrintable(store.errorString()));
        return 2;
    }
    ApiClient api(QUrl(args.at(2)));
    api.setToken(qEnvironmentVariable("ZEIKO_TOKEN"));
    OutboxOptions options;
    options.retry = Backoff{20ms, 200ms, 0.2, {}};
    Outbox outbox(store, api, options);
    QObject::connect(&outbox, &Outbox::drained, &app, &QCoreApplication::quit);
    // One line per confirmation, so the test can kill us in the middle of the work.
    QObject::connect(&outbox, &Outbox::itemConfirmed, &app, [] {
        std::fputs("confirmed\n", stdout);
        std::fflush(stdout);
    });
    QObject::connect(&outbox, &Outbox::itemFailed, &app, [](const OutboxItem &item) {
        std::fprintf(stderr, "refused: %s\n", qPrintable(item.errorCode));
        QCoreApplication::exit(3);
    });
    outbox.start();
    return app.exec();
}
