#pragma once
// The console's command line, shared by main() and by the running instance
// that receives a second launch's arguments.

#include "console_app.h"

#include <QCommandLineOption>
#include <QCommandLineParser>

class ConsoleCommandLine
{
public:
    ConsoleCommandLine();

    QCommandLineParser &parser() { return m_parser; }
    // After parse()/process(): the options; false for an unusable --server.
    bool options(ConsoleOptions *options) const;
    QString serverValue() const { return m_parser.value(m_server); }
    bool screenshotsRequested() const { return m_parser.isSet(m_screenshotDir); }
    QString screenshotDir() const { return m_parser.value(m_screenshotDir); }

private:
    QCommandLineParser m_parser;
    const QCommandLineOption m_server;
    const QCommandLineOption m_account;
    const QCommandLineOption m_email;
    const QCommandLineOption m_passwordEnv;
    const QCommandLineOption m_dataDir;
    const QCommandLineOption m_screenshotDir;
};
