#include "channels/option_values.h"

#include <QFile>
#include <QUrl>

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

namespace {

QString firstEnvironmentVariable(std::initializer_list<const char *> envs)
{
    for (const char *env : envs) {
        const QString value = qEnvironmentVariable(env).trimmed();
        if (!value.isEmpty())
            return value;
    }
    return {};
}

QString variableNames(std::initializer_list<const char *> envs)
{
    QStringList names;
    for (const char *env : envs)
        names.append(QString::fromLatin1(env));
    return names.join(u" or "_s);
}

QString readSecretFile(const QString &option, const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        throw std::invalid_argument(u"--%1: cannot read %2: %3"_s.arg(option, path, file.errorString()).toStdString());
    return QString::fromUtf8(file.readAll().trimmed());
}

} // namespace

void addSecretOption(QCommandLineParser &parser, const QString &name, const QString &description)
{
    parser.addOption({name + u"-file"_s, description, u"file"_s});
    QCommandLineOption refused(name, {}, u"value"_s);
    refused.setFlags(QCommandLineOption::HiddenFromHelp);
    parser.addOption(refused);
}

QString secret(const QCommandLineParser &parser, const QString &name, std::initializer_list<const char *> envs)
{
    if (parser.isSet(name))
        throw std::invalid_argument(u"--%1 is not accepted on the command line, where every local user can read it "
                                    "(ps); set %2 or use --%1-file FILE"_s
                                        .arg(name, variableNames(envs))
                                        .toStdString());
    if (parser.isSet(name + u"-file"_s))
        return readSecretFile(name + u"-file"_s, parser.value(name + u"-file"_s));
    return firstEnvironmentVariable(envs);
}

void addUrlOption(QCommandLineParser &parser, const QString &name, const QString &description)
{
    parser.addOption({name, description, u"url"_s});
    parser.addOption({name + u"-file"_s, u"Read --%1 from this file (use it when the URL holds a password)."_s.arg(name),
                      u"file"_s});
}

QString url(const QCommandLineParser &parser, const QString &name, std::initializer_list<const char *> envs,
            const QString &fallback)
{
    if (parser.isSet(name)) {
        const QString value = parser.value(name);
        if (!QUrl(value).password().isEmpty())
            throw std::invalid_argument(u"--%1 holds a password, which every local user can read on the command line "
                                        "(ps); set %2 or use --%1-file FILE"_s
                                            .arg(name, variableNames(envs))
                                            .toStdString());
        return value;
    }
    if (parser.isSet(name + u"-file"_s))
        return readSecretFile(name + u"-file"_s, parser.value(name + u"-file"_s));
    const QString fromEnvironment = firstEnvironmentVariable(envs);
    return fromEnvironment.isEmpty() ? fallback : fromEnvironment;
}

} // namespace zeiko::options
