#pragma once
// Typed, asynchronous calls to the zeiko-server REST API (docs/api.md).
//
// Every call takes a `context` QObject and a handler; the handler runs once
// on the context's thread, never if the context died first. Replies are
// decoded with the shared domain codecs; any mismatch is a Malformed failure
// naming the field. Redirects are not followed (the Bearer token must never
// travel to another host) and TLS errors are never ignored.

#include "net/api_result.h"
#include "net/api_types.h"

#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QUrlQuery>

#include <chrono>

class QNetworkReply;

namespace zeiko {

struct ApiClientOptions {
    std::chrono::milliseconds transferTimeout{30000};
    bool allowInsecure = false;   // plain http to a non-loopback host (explicit user choice)
};

class ApiClient : public QObject
{
    Q_OBJECT
public:
    explicit ApiClient(const QUrl &baseUrl, ApiClientOptions options = {}, QObject *parent = nullptr);

    QUrl baseUrl() const { return m_baseUrl; }
    void setToken(const QString &token) { m_token = token; }
    QString token() const { return m_token; }
    bool allowInsecure() const { return m_options.allowInsecure; }
    // ws(s)://host/api/v1/stream?after=SEQ
    QUrl streamUrl(Seq after) const;

    void signIn(const QString &account, const QString &email, const QString &password, QObject *context,
                ApiHandler<SignInResult> handler);
    void signOut(QObject *context, ApiHandler<Done> handler);
    void me(QObject *context, ApiHandler<Session> handler);
    void operators(QObject *context, ApiHandler<QList<Operator>> handler);
    void tickets(const TicketQuery &query, QObject *context, ApiHandler<TicketListPage> handler);
    void ticket(TicketId id, QObject *context, ApiHandler<TicketDetail> handler);
    void snapshot(const QString &cursor, int limit, QObject *context, ApiHandler<SnapshotPage> handler);
    void events(Seq after, int limit, QObject *context, ApiHandler<EventPage> handler);
    // POST /tickets/{id}/commands with Idempotency-Key = command.requestId.
    void sendCommand(const Command &command, QObject *context, ApiHandler<CommandResult> handler);
    // POST /commands: a command that names its targets (the tenant, the
    // operator, several tickets). Answers with the seq of its last event.
    void sendTargetedCommand(const Command &command, QObject *context, ApiHandler<Seq> handler);
    void createTicket(const NewTicket &ticket, const QString &requestId, QObject *context,
                      ApiHandler<CommandResult> handler);

Q_SIGNALS:
    // Any call came back 401: the token is gone; the UI should ask to sign in.
    void unauthorized();
    // A call got no answer at all (refused, reset, DNS, timeout): the server
    // is out of reach, whichever part of the console asked.
    void serverUnreachable();

private:
    struct Request {
        QByteArray method;
        QString path;
        QUrlQuery query;
        QByteArray body;
        QString idempotencyKey;
    };
    // The raw path every call goes through: body on 2xx, failure otherwise.
    using RawHandler = std::function<void(const QByteArray &body, const ApiFailure *failure)>;
    void send(const Request &request, QObject *context, RawHandler handler);
    ApiFailure failureOf(QNetworkReply *reply, const QByteArray &body) const;

    template<typename T, typename Decode>
    void call(const Request &request, QObject *context, ApiHandler<T> handler, Decode decode);

    QNetworkAccessManager m_network;
    QUrl m_baseUrl;
    ApiClientOptions m_options;
    QString m_token;
};

} // namespace zeiko
