#include "net/transport_policy.h"

#include <QHostAddress>

namespace zeiko {

bool isLoopbackHost(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool isTransportAllowed(const QUrl &url, bool allowInsecure)
{
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https") || scheme == QLatin1String("wss"))
        return true;
    if (scheme == QLatin1String("http") || scheme == QLatin1String("ws"))
        return allowInsecure || isLoopbackHost(url.host());
    return false;
}

} // namespace zeiko
