#include "http/router.h"

#include "http/errors.h"

#include <QSet>

#include <algorithm>

namespace zeiko::http {

namespace {

QStringList splitPath(const QString &path)
{
    return path.split(QLatin1Char('/'), Qt::SkipEmptyParts);
}

bool isParameter(const QString &segment)
{
    return segment.size() >= 2 && segment.startsWith(QLatin1Char('{')) && segment.endsWith(QLatin1Char('}'));
}

// Number of literal segments matched, or -1 when the pattern does not match.
// More literals win, so "/tickets/search" beats "/tickets/{id}" whatever the
// registration order.
int matchScore(const QStringList &pattern, const QStringList &path)
{
    if (pattern.size() != path.size())
        return -1;
    int literals = 0;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (isParameter(pattern[i]))
            continue;
        if (pattern[i] != path[i])
            return -1;
        ++literals;
    }
    return literals;
}

} // namespace

void Router::add(const QByteArray &method, const QString &pattern, Handler handler)
{
    m_routes.append(Route{method.toUpper(), splitPath(pattern), std::move(handler)});
}

void Router::addWebSocket(const QString &path, WebSocketAcceptor acceptor)
{
    m_webSockets.insert(QLatin1Char('/') + splitPath(path).join(QLatin1Char('/')), std::move(acceptor));
}

Response Router::dispatch(Request &request) const
{
    const QStringList path = splitPath(request.path);
    const QByteArray method = request.method.toUpper();

    const Route *best = nullptr;
    const Route *bestGet = nullptr;   // HEAD falls back to GET
    int bestScore = -1;
    int bestGetScore = -1;
    QSet<QByteArray> allowed;
    for (const Route &route : m_routes) {
        const int score = matchScore(route.segments, path);
        if (score < 0)
            continue;
        allowed.insert(route.method);
        if (route.method == method && score > bestScore) {
            best = &route;
            bestScore = score;
        }
        if (route.method == "GET" && score > bestGetScore) {
            bestGet = &route;
            bestGetScore = score;
        }
    }
    if (!best && method == "HEAD")
        best = bestGet;

    if (best) {
        request.pathParams.clear();
        for (qsizetype i = 0; i < best->segments.size(); ++i) {
            const QString &segment = best->segments[i];
            if (isParameter(segment))
                request.pathParams.insert(segment.mid(1, segment.size() - 2), path[i]);
        }
        return best->handler(request);
    }

    if (allowed.isEmpty()) {
        if (m_webSockets.contains(QLatin1Char('/') + path.join(QLatin1Char('/'))))
            return errorResponse(426, errorcode::upgradeRequired,
                                 QStringLiteral("This path only accepts WebSocket upgrades"));
        return errorResponse(404, errorcode::notFound, QStringLiteral("No such resource: %1").arg(request.path));
    }

    if (allowed.contains("GET"))
        allowed.insert("HEAD");
    QList<QByteArray> methods(allowed.begin(), allowed.end());
    std::sort(methods.begin(), methods.end());
    Response response = errorResponse(
        405, errorcode::methodNotAllowed,
        QStringLiteral("Method %1 is not allowed here").arg(QString::fromLatin1(request.method)));
    response.headers.append({"Allow", methods.join(", ")});
    return response;
}

QList<Router::RouteInfo> Router::routes() const
{
    QList<RouteInfo> all;
    for (const Route &route : m_routes)
        all.append({route.method, QLatin1Char('/') + route.segments.join(QLatin1Char('/')), false});
    for (auto it = m_webSockets.cbegin(); it != m_webSockets.cend(); ++it)
        all.append({"GET", it.key(), true});
    std::sort(all.begin(), all.end(), [](const RouteInfo &a, const RouteInfo &b) {
        return a.pattern != b.pattern ? a.pattern < b.pattern : a.method < b.method;
    });
    return all;
}

const WebSocketAcceptor *Router::webSocketAcceptor(const QString &path) const
{
    const auto it = m_webSockets.constFind(QLatin1Char('/') + splitPath(path).join(QLatin1Char('/')));
    return it == m_webSockets.cend() ? nullptr : &it.value();
}

} // namespace zeiko::http
