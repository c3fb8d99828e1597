#include "support/response_log.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMutex>
#include <QSet>

namespace zeiko::test::response_log {

namespace {

QMutex &mutex()
{
    static QMutex m;
    return m;
}

QSet<quint16> &ports()
{
    static QSet<quint16> set;
    return set;
}

void append(const QJsonObject &line)
{
    const QString path = qEnvironmentVariable("ZEIKO_RESPONSE_LOG");
    if (path.isEmpty())
        return;
    QMutexLocker lock(&mutex());
    QFile file(path);
    if (!file.open(QIODevice::Append | QIODevice::WriteOnly))
        qFatal("response_log: cannot append to %s", qPrintable(path));   // a silent gap would hide a failure
    file.write(QJsonDocument(line).toJson(QJsonDocument::Compact) + '\n');
}

QByteArray headerOf(const QList<QPair<QByteArray, QByteArray>> &headers, QByteArrayView name)
{
    for (const auto &[key, value] : headers)
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    return {};
}

} // namespace

void addServerPort(quint16 port)
{
    QMutexLocker lock(&mutex());
    ports().insert(port);
}

bool isServerPort(quint16 port)
{
    QMutexLocker lock(&mutex());
    return ports().contains(port);
}

void recordHttp(const QByteArray &method, const QUrl &url, int status,
                const QList<QPair<QByteArray, QByteArray>> &headers, const QByteArray &body)
{
    if (status == 0 || !isServerPort(quint16(url.port())))
        return;
    append({{QStringLiteral("kind"), QStringLiteral("http")},
            {QStringLiteral("method"), QString::fromLatin1(method)},
            {QStringLiteral("path"), url.path()},
            {QStringLiteral("status"), status},
            {QStringLiteral("contentType"), QString::fromLatin1(headerOf(headers, "Content-Type"))},
            {QStringLiteral("body"), QString::fromUtf8(body)}});
}

void recordStreamFrame(const QString &text)
{
    append({{QStringLiteral("kind"), QStringLiteral("frame")}, {QStringLiteral("body"), text}});
}

} // namespace zeiko::test::response_log
