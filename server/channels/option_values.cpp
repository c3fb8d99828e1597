#include "channels/option_values.h"

#include <stdexcept>

namespace zeiko::options {

using namespace Qt::StringLiterals;

QString text(const QCommandLineParser &parser, const QString &name, std::initializer_list<const char *> envs,
             const QString &fallback)
{
    if (parser.isSet(name))
        return parser.value(name);
    for (const char *env : envs) {
        const QString value = qEnvironmentVariable(env).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return fallback;
}

int integer(const QCommandLineParser &parser, const QString &name, const char *env, int fallback, int min, int max)
{
    const QString value = text(parser, name, {env}, QString::number(fallback));
    bool ok = false;
    const int number = value.toInt(&ok);
    if (!ok || number < min || number > max)
        throw std::invalid_argument(u"--%1 (%2) must be an integer from %3 to %4"_s.arg(name, QString::fromLatin1(env))
                                        .arg(min)
                                        .arg(max)
                                        .toStdString());
    return number;
}

} // namespace zeiko::options
