// zeiko-console: the Zeiko Handoff Console.
//   zeiko-console [--server URL --account A --email E [--password-env VAR]] [--data-dir DIR]
// Without --password-env the token saved in the OS keychain is used, or the
// sign-in dialog asks. A password is never taken on the command line.
// One console per profile (--data-dir, else the platform's data location): a
// second launch hands its arguments to the running one, which comes to the
// front, and exits 0.

#include "command_line.h"
#include "console_app.h"
#include "screenshot_driver.h"
#include "i18n/install_translations.h"
#include "ui/single_instance.h"

#include <QApplication>
#include <QIcon>
#include <QStandardPaths>

int main(int argc, char *argv[])
{
    // resources/zeiko.qrc lives in the static zeiko_ui: without a reference
    // the linker drops it and the window and tray lose their icon.
    Q_INIT_RESOURCE(zeiko);
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Zeiko"));
    QApplication::setApplicationName(QStringLiteral("zeiko-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Zeiko Handoff Console"));
    QApplication::setApplicationVersion(QStringLiteral(ZEIKO_CONSOLE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/zeiko/zeiko-console.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("com.zeiko.HandoffConsole"));
    zeiko::installTranslations(app);   // before any tr(): our catalogue + Qt's qtbase_<lang>

    ConsoleCommandLine commandLine;
    commandLine.parser().process(app);   // --help / --version exit here, before the profile is claimed
    ConsoleOptions options;
    if (!commandLine.options(&options)) {
        fprintf(stderr, "zeiko-console: not a server address: %s\n", qPrintable(commandLine.serverValue()));
        return 2;
    }

    const QString profile = options.dataDir.isEmpty()
        ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation)
        : options.dataDir;
    zeiko::ui::SingleInstance instance(zeiko::ui::SingleInstance::socketPathFor(profile));
    switch (instance.claim(QApplication::arguments(), 10000)) {
    case zeiko::ui::SingleInstance::Role::Secondary:
        return 0;   // the running console has our arguments and comes to the front
    case zeiko::ui::SingleInstance::Role::Unresponsive:
        fprintf(stderr, "zeiko-console: %s\n", qPrintable(instance.errorString()));
        return 1;
    case zeiko::ui::SingleInstance::Role::Primary:
        break;
    }

    ConsoleApp console(options);
    QObject::connect(&instance, &zeiko::ui::SingleInstance::activationRequested, &console,
                     [&console](const QStringList &arguments) {
                         ConsoleCommandLine received;
                         ConsoleOptions requested;
                         // Bad arguments of the second launch must not touch the running one.
                         if (received.parser().parse(arguments) && received.options(&requested))
                             console.activate(requested);
                         else
                             console.activate({});
                     });
    std::unique_ptr<ScreenshotDriver> driver;
    if (commandLine.screenshotsRequested())
        driver = std::make_unique<ScreenshotDriver>(console, commandLine.screenshotDir());
    console.start();
    return app.exec();
}
