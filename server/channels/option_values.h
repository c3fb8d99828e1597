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

} // namespace zeiko::options
