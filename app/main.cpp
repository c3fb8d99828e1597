// zeiko-console: the Zeiko Handoff Console.
//   zeiko-console [--server URL --account A --email E [--password-env VAR]] [--data-dir DIR]
// Without --password-env the token saved in the OS keychain is used, or the
// sign-in dialog asks. A password is never taken on the command line.

#include "console_app.h"
#include "screenshot_driver.h"
#include "i18n/install_translations.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Zeiko"));
    QApplication::setApplicationName(QStringLiteral("zeiko-console"));
    QApplication::setApplicationDisplayName(QStringLiteral("Zeiko Handoff Console"));
    QApplication::setApplicationVersion(QStringLiteral(ZEIKO_CONSOLE_VERSION));
    QApplication::setWindowIcon(QIcon(QStringLiteral(":/zeiko/zeiko-console.svg")));
    QGuiApplication::setDesktopFileName(QStringLiteral("com.zeiko.HandoffConsole"));
    zeiko::installTranslations(app);   // before any tr(): our catalogue + Qt's qtbase_<lang>

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Triage AI-managed support tickets and human handoffs."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption server(QStringLiteral("server"), QApplication::translate("main", "Ticket server address."),
                                    QStringLiteral("url"));
    const QCommandLineOption account(QStringLiteral("account"), QApplication::translate("main", "Account (tenant) name."),
                                     QStringLiteral("account"));
    const QCommandLineOption email(QStringLiteral("email"), QApplication::translate("main", "Your email address."),
                                   QStringLiteral("email"));
    const QCommandLineOption passwordEnv(
        QStringLiteral("password-env"),
        QApplication::translate("main", "Sign in with the password held in this environment variable (never the password itself)."),
        QStringLiteral("variable"));
    const QCommandLineOption dataDir(QStringLiteral("data-dir"),
                                     QApplication::translate("main", "Keep settings and the offline cache in this directory."),
                                     QStringLiteral("dir"));
    const QCommandLineOption screenshotDir(
        QStringLiteral("screenshot-dir"),
        QApplication::translate("main", "Save documentation screenshots into this directory, then quit."),
        QStringLiteral("dir"));
    parser.addOptions({server, account, email, passwordEnv, dataDir, screenshotDir});
    parser.process(app);

    ConsoleOptions options;
    if (parser.isSet(server)) {
        options.server = QUrl::fromUserInput(parser.value(server));
        if (!options.server.isValid()) {
            fprintf(stderr, "zeiko-console: not a server address: %s\n", qPrintable(parser.value(server)));
            return 2;
        }
    }
    options.account = parser.value(account);
    options.email = parser.value(email);
    options.passwordEnv = parser.value(passwordEnv);
    options.dataDir = parser.value(dataDir);

    ConsoleApp console(options);
    std::unique_ptr<ScreenshotDriver> driver;
    if (parser.isSet(screenshotDir))
        driver = std::make_unique<ScreenshotDriver>(console, parser.value(screenshotDir));
    console.start();
    return app.exec();
}
