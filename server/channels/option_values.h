#pragma once
// Values of `zeiko-server serve` options: the command line wins, then the
// first non-empty environment variable of the list, then the default. One
// helper for the serve command and the channel runtime, so both read and
// validate options the same way. (It lives with the channels because the
// serve command already depends on them, never the other way round.)

#include <QCommandLineParser>
#include <QString>

#include <initializer_list>

namespace zeiko::options {

QString text(const QCommandLineParser &parser, const QString &name, std::initializer_list<const char *> envs,
             const QString &fallback = {});

// Throws std::invalid_argument naming the option and its variable when the
// value is not an integer in [min, max].
int integer(const QCommandLineParser &parser, const QString &name, const char *env, int fallback, int min, int max);

// Secrets (keys, passwords, tokens) never come from the command line, where
// every local user sees them (ps, /proc/PID/cmdline): only from the
// environment or from a file. addSecretOption adds `--NAME-file PATH` (with
// `description`, which names the variable) and a hidden `--NAME` kept only to
// be refused with a pointer to both.
void addSecretOption(QCommandLineParser &parser, const QString &name, const QString &description);
// The secret from `--NAME-file` (its content, trimmed), else the first
// non-empty variable of `envs`, else empty. Throws std::invalid_argument when
// `--NAME VALUE` was given or the file cannot be read.
QString secret(const QCommandLineParser &parser, const QString &name, std::initializer_list<const char *> envs);
// A URL that may carry a password (database, SMTP): from `--NAME` only when
// it has none, else from `--NAME-file` or the environment, as secret().
// addUrlOption adds both; `description` names the variable.
void addUrlOption(QCommandLineParser &parser, const QString &name, const QString &description);
QString url(const QCommandLineParser &parser, const QString &name, std::initializer_list<const char *> envs,
            const QString &fallback = {});

} // namespace zeiko::options
