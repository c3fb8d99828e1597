#include "command_line.h"

#include <QApplication>

ConsoleCommandLine::ConsoleCommandLine()
    : m_server(QStringLiteral("server"), QApplication::translate("main", "Ticket server address."), QStringLiteral("url"))
    , m_account(QStringLiteral("account"), QApplication::translate("main", "Account (tenant) name."),
                QStringLiteral("account"))
    , m_email(QStringLiteral("email"), QApplication::translate("main", "Your email address."), QStringLiteral("email"))
    , m_passwordEnv(QStringLiteral("password-env"),
                    QApplication::translate(
                        "main", "Sign in with the password held in this environment variable (never the password itself)."),
                    QStringLiteral("variable"))
    , m_dataDir(QStringLiteral("data-dir"),
                QApplication::translate("main", "Keep settings and the offline cache in this directory."),
                QStringLiteral("dir"))
    , m_screenshotDir(QStringLiteral("screenshot-dir"),
                      QApplication::translate("main", "Save documentation screenshots into this directory, then quit."),
                      QStringLiteral("dir"))
{
    m_parser.setApplicationDescription(
        QApplication::translate("main", "Triage AI-managed support tickets and human handoffs."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({m_server, m_account, m_email, m_passwordEnv, m_dataDir, m_screenshotDir});
}

bool ConsoleCommandLine::options(ConsoleOptions *options) const
{
    if (m_parser.isSet(m_server)) {
        options->server = QUrl::fromUserInput(m_parser.value(m_server));
        if (!options->server.isValid())
            return false;
    }
    options->account = m_parser.value(m_account);
    options->email = m_parser.value(m_email);
    options->passwordEnv = m_parser.value(m_passwordEnv);
    options->dataDir = m_parser.value(m_dataDir);
    return true;
}
