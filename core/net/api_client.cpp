#include "net/api_client.h"

#include "domain/codecs.h"
#include "domain/json_reader.h"
#include "net/transport_policy.h"
#include "sync/logging.h"

#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QTimer>

namespace zeiko {

using namespace Qt::StringLiterals;

ApiClient::ApiClient(const QUrl &baseUrl, ApiClientOptions options, QObject *parent)
    : QObject(parent)
    , m_baseUrl(baseUrl.adjusted(QUrl::StripTrailingSlash))
    , m_options(options)
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

QUrl ApiClient::streamUrl(Seq after) const
{
    QUrl url = m_baseUrl;
    url.setScheme(m_baseUrl.scheme().compare(u"https"_s, Qt::CaseInsensitive) == 0 ? u"wss"_s : u"ws"_s);
    url.setPath(m_baseUrl.path() + u"/api/v1/stream"_s);
    url.setQuery(QUrlQuery{{u"after"_s, QString::number(after)}});
    return url;
}

void ApiClient::send(const Request &spec, QObject *context, RawHandler handler)
{
    QUrl url = m_baseUrl;
    url.setPath(m_baseUrl.path() + spec.path);
    if (!spec.query.isEmpty())
        url.setQuery(spec.query);

    if (!isTransportAllowed(url, m_options.allowInsecure)) {
        ApiFailure failure;
        failure.kind = ApiFailure::Kind::Insecure;
        failure.detail = url.host();
        QTimer::singleShot(0, context, [handler, failure] { handler({}, &failure); });
        return;
    }

    QNetworkRequest request(url);
    request.setTransferTimeout(int(m_options.transferTimeout.count()));
    request.setRawHeader("Accept", "application/json");
    if (!m_token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_token.toUtf8());
    if (!spec.idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", spec.idempotencyKey.toUtf8());
    if (!spec.body.isNull())
        request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/json"_s);

    QNetworkReply *reply = m_network.sendCustomRequest(request, spec.method, spec.body);
    qCDebug(lcNet) << spec.method << spec.path;
    // The context guards the handler; the reply always cleans itself up.
    QPointer<QObject> guard(context);
    connect(reply, &QNetworkReply::finished, this, [this, reply, guard, handler] {
        reply->deleteLater();
        const QByteArray body = reply->readAll();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const bool ok = status >= 200 && status < 300 && reply->error() == QNetworkReply::NoError;
        std::optional<ApiFailure> failure;
        if (!ok) {
            failure = failureOf(reply, body);
            qCInfo(lcNet) << "request failed:" << reply->request().url().path() << failureKindName(failure->kind)
                          << failure->httpStatus << failure->error.code;
            if (failure->isUnauthorized())
                Q_EMIT unauthorized();
            if (failure->kind == ApiFailure::Kind::Network || failure->kind == ApiFailure::Kind::Timeout)
                Q_EMIT serverUnreachable();
        }
        if (!guard)
            return;
        handler(body, failure ? &*failure : nullptr);
    });
}

ApiFailure ApiClient::failureOf(QNetworkReply *reply, const QByteArray &body) const
{
    ApiFailure failure;
    failure.httpStatus = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    failure.detail = reply->errorString();
    if (failure.httpStatus == 0) {
        switch (reply->error()) {
        case QNetworkReply::OperationCanceledError:   // setTransferTimeout aborts this way
        case QNetworkReply::TimeoutError:
            failure.kind = ApiFailure::Kind::Timeout;
            break;
        case QNetworkReply::SslHandshakeFailedError:
            failure.kind = ApiFailure::Kind::Tls;
            break;
        default:
            failure.kind = ApiFailure::Kind::Network;
            break;
        }
        return failure;
    }
    if (failure.httpStatus >= 500)
        failure.kind = ApiFailure::Kind::Http5xx;
    else if (failure.httpStatus >= 400)
        failure.kind = ApiFailure::Kind::Http4xx;
    else {
        failure.kind = ApiFailure::Kind::Malformed;
        failure.detail = u"unexpected HTTP status %1"_s.arg(failure.httpStatus);
        return failure;
    }
    if (reply->hasRawHeader("Retry-After"))
        failure.retryAfterSeconds = reply->rawHeader("Retry-After").toInt();
    try {
        failure.error = decode<ApiError>(body);
    } catch (const DecodeError &) {
        // A proxy's HTML error page: keep the status, no server message.
    }
    return failure;
}

template<typename T, typename Decode>
void ApiClient::call(const Request &request, QObject *context, ApiHandler<T> handler, Decode decodeBody)
{
    send(request, context, [handler = std::move(handler), decodeBody](const QByteArray &body, const ApiFailure *failure) {
        if (failure) {
            handler(ApiResult<T>(*failure));
            return;
        }
        std::optional<T> value;
        try {
            value = decodeBody(body);
        } catch (const DecodeError &error) {
            ApiFailure malformed;
            malformed.kind = ApiFailure::Kind::Malformed;
            malformed.httpStatus = 200;
            malformed.detail = error.field() + u": "_s + error.reason();
            qCWarning(lcNet) << "malformed reply:" << malformed.detail;
            handler(ApiResult<T>(malformed));
            return;
        }
        handler(ApiResult<T>(std::move(*value)));
    });
}

void ApiClient::signIn(const QString &account, const QString &email, const QString &password, QObject *context,
                       ApiHandler<SignInResult> handler)
{
    const QJsonObject body{{u"account"_s, account}, {u"email"_s, email}, {u"password"_s, password}};
    call<SignInResult>({"POST", u"/api/v1/auth/sign-in"_s, {}, QJsonDocument(body).toJson(QJsonDocument::Compact), {}},
                       context, std::move(handler),
                       [](const QByteArray &bytes) { return decodeSignIn(parseJsonObject(bytes)); });
}

void ApiClient::signOut(QObject *context, ApiHandler<Done> handler)
{
    call<Done>({"POST", u"/api/v1/auth/sign-out"_s, {}, QByteArray(""), {}}, context, std::move(handler),
               [](const QByteArray &) { return Done{}; });
}

void ApiClient::me(QObject *context, ApiHandler<Session> handler)
{
    call<Session>({"GET", u"/api/v1/me"_s, {}, {}, {}}, context, std::move(handler),
                  [](const QByteArray &bytes) { return decodeSession(parseJsonObject(bytes)); });
}

void ApiClient::operators(QObject *context, ApiHandler<QList<Operator>> handler)
{
    call<QList<Operator>>({"GET", u"/api/v1/operators"_s, {}, {}, {}}, context, std::move(handler),
                          [](const QByteArray &bytes) { return decodeOperators(parseJsonObject(bytes)); });
}

void ApiClient::tickets(const TicketQuery &q, QObject *context, ApiHandler<TicketListPage> handler)
{
    QUrlQuery query;
    if (!q.status.isEmpty())
        query.addQueryItem(u"status"_s, q.status);
    if (!q.assignee.isEmpty())
        query.addQueryItem(u"assignee"_s, q.assignee);
    if (q.limit > 0)
        query.addQueryItem(u"limit"_s, QString::number(q.limit));
    if (!q.cursor.isEmpty())
        query.addQueryItem(u"cursor"_s, q.cursor);
    call<TicketListPage>({"GET", u"/api/v1/tickets"_s, query, {}, {}}, context, std::move(handler),
                         [](const QByteArray &bytes) { return decodeTicketList(parseJsonObject(bytes)); });
}

void ApiClient::ticket(TicketId id, QObject *context, ApiHandler<TicketDetail> handler)
{
    call<TicketDetail>({"GET", u"/api/v1/tickets/%1"_s.arg(id), {}, {}, {}}, context, std::move(handler),
                       [](const QByteArray &bytes) { return decodeTicketDetail(parseJsonObject(bytes)); });
}

void ApiClient::snapshot(const QString &cursor, int limit, QObject *context, ApiHandler<SnapshotPage> handler)
{
    QUrlQuery query;
    if (!cursor.isEmpty())
        query.addQueryItem(u"cursor"_s, cursor);
    if (limit > 0)
        query.addQueryItem(u"limit"_s, QString::number(limit));
    call<SnapshotPage>({"GET", u"/api/v1/snapshot"_s, query, {}, {}}, context, std::move(handler),
                       [](const QByteArray &bytes) { return decode<SnapshotPage>(bytes); });
}

void ApiClient::events(Seq after, int limit, QObject *context, ApiHandler<EventPage> handler)
{
    QUrlQuery query{{u"after"_s, QString::number(after)}};
    if (limit > 0)
        query.addQueryItem(u"limit"_s, QString::number(limit));
    call<EventPage>({"GET", u"/api/v1/events"_s, query, {}, {}}, context, std::move(handler),
                    [](const QByteArray &bytes) { return decode<EventPage>(bytes); });
}

void ApiClient::sendCommand(const Command &command, QObject *context, ApiHandler<CommandResult> handler)
{
    call<CommandResult>({"POST", u"/api/v1/tickets/%1/commands"_s.arg(command.ticketId), {}, encode(command),
                         command.requestId},
                        context, std::move(handler), [](const QByteArray &bytes) { return decode<CommandResult>(bytes); });
}

void ApiClient::sendTargetedCommand(const Command &command, QObject *context, ApiHandler<Seq> handler)
{
    call<Seq>({"POST", u"/api/v1/commands"_s, {}, encode(command), command.requestId}, context, std::move(handler),
              [](const QByteArray &bytes) { return Seq(JsonReader(parseJsonObject(bytes)).requiredInt("seq"_L1)); });
}

void ApiClient::createTicket(const NewTicket &ticket, const QString &requestId, QObject *context,
                             ApiHandler<CommandResult> handler)
{
    call<CommandResult>({"POST", u"/api/v1/tickets"_s, {}, QJsonDocument(toJson(ticket)).toJson(QJsonDocument::Compact),
                         requestId},
                        context, std::move(handler), [](const QByteArray &bytes) { return decode<CommandResult>(bytes); });
}

} // namespace zeiko
