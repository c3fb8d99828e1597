// The tenant isolation matrix (issue 10, campaigns): every route the server's
// router serves (`zeiko-server serve --print-routes`, never a list typed here)
// is called with an intruder tenant's operator token, its AI-agent token, its
// widget visitor's conversation id and no token, with path parameters filled
// with the victim tenant's real ids and bodies replaying the victim's own
// idempotency keys and request ids. Asserted: no response carries any of the
// victim's planted markers (subjects, emails, entry bodies, names, conversation
// ids, tokens) that the intruder had not sent itself, every route that is not
// public by design or scoped to the caller's own tenant refuses, and the
// victim's event log head, snapshot, tickets, conversation and settings are
// unchanged afterwards. On SQLite and (the _postgres build) PostgreSQL.

#include "channels_test_support.h"
#include "support/raw_socket.h"
#include "support/response_log.h"

#include <QEventLoop>
#include <QMessageAuthenticationCode>
#include <QProcess>
#include <QSet>
#include <QTest>
#include <QTimer>
#include <QWebSocket>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

// Unique per run, so a marker can only come from the victim's data.
const QString runTag = u"zkvictim"_s + newId().remove(u'-').left(12);
QString marker(const QString &what)
{
    return runTag + u"-"_s + what;
}

const QString victim = u"victim"_s;
const QString intruder = u"intruder"_s;
const QString sharedEmail = u"shared@both.test"_s;   // an operator of both tenants (different passwords)
const QString victimPassword = u"victim-password-1"_s;
const QString intruderPassword = u"intruder-password-1"_s;
const QByteArray victimShopSecret = "shpss_victim-secret-000000001";
const QByteArray intruderShopSecret = "shpss_intruder-secret-0000002";
const QByteArray resendSecret = "whsec_" + QByteArray("isolation-resend-secret-32bytes!").toBase64();

enum class Scope {
    Refused,        // every foreign credential: 401/403/404
    CallerScoped,   // the intruder's operator token acts on its own tenant; other credentials 401/403/404
    Public,         // by design without a bearer token; see the route's own probes
};

struct Expectation {
    Scope scope;
    const char *reason;
};

// The routes that are not simply refused, each with why. Every other route
// the router prints must refuse every foreign credential.
const QMap<QString, Expectation> &notRefused()
{
    static const QMap<QString, Expectation> routes{
        {u"GET /healthz"_s, {Scope::Public, "liveness: no tenant data"}},
        {u"GET /readyz"_s, {Scope::Public, "readiness: no tenant data"}},
        {u"POST /api/v1/auth/sign-in"_s,
         {Scope::Public, "the body's credentials decide: the intruder's email and password on the victim's account are 401"}},
        {u"POST /api/v1/widget/{account}/conversations"_s,
         {Scope::Public, "any visitor may start a chat with any account: probed after the matrix, it is always a new conversation"}},
        {u"GET /api/v1/widget/conversations/{conversation}"_s,
         {Scope::Public, "the conversation id (128 random bits) is the visitor's capability: the victim's guessable ids are 404"}},
        {u"POST /api/v1/widget/conversations/{conversation}/messages"_s,
         {Scope::Public, "the conversation id is the capability: the victim's guessable ids are 404"}},
        {u"POST /api/v1/widget/conversations/{conversation}/csat"_s,
         {Scope::Public, "the conversation id is the capability: the victim's guessable ids are 404"}},
        {u"POST /api/v1/webhooks/resend"_s, {Scope::Public, "Svix-signed with the server's secret: anything else is 401"}},
        {u"POST /api/v1/webhooks/shopify/{account}"_s,
         {Scope::Public, "signed with the tenant's own secret: a delivery signed with the intruder's is 401"}},
        {u"GET /api/v1/me"_s, {Scope::CallerScoped, "the caller's own operator and tenant"}},
        {u"GET /api/v1/operators"_s, {Scope::CallerScoped, "the caller's tenant's operators"}},
        {u"GET /api/v1/tickets"_s, {Scope::CallerScoped, "the caller's tickets; a victim operator as ?assignee= finds none"}},
        {u"POST /api/v1/tickets"_s,
         {Scope::CallerScoped, "creates in the caller's tenant: the victim's customer email and Idempotency-Key reach nothing of the victim"}},
        {u"GET /api/v1/snapshot"_s, {Scope::CallerScoped, "the caller's tickets, also from a victim's cursor"}},
        {u"GET /api/v1/events"_s, {Scope::CallerScoped, "the caller's event log"}},
        {u"GET /api/v1/stream"_s, {Scope::CallerScoped, "the caller's event stream (WebSocket)"}},
        {u"GET /api/v1/handoff-settings"_s, {Scope::CallerScoped, "the caller's tenant's settings"}},
        {u"GET /api/v1/handoff-settings/{agent}"_s,
         {Scope::CallerScoped, "an agent id is a name inside the caller's tenant: the victim's answers the caller's defaults"}},
        {u"PUT /api/v1/handoff-settings/{agent}"_s,
         {Scope::CallerScoped, "writes the caller's tenant's settings for that name; the victim's stay as they were"}},
        {u"POST /api/v1/commands"_s,
         {Scope::CallerScoped, "a tenant command changes the caller's tenant: the victim's agent id and replayed "
                               "Idempotency-Key reach nothing of the victim (ticket targets: test_server_commands)"}},
        {u"POST /api/v1/auth/sign-out"_s, {Scope::CallerScoped, "revokes the caller's own token (a fresh one here)"}},
        {u"POST /api/v1/test/clock"_s,
         {Scope::CallerScoped, "tests only (--test-clock, never in production); called with advanceMs 0"}},
    };
    return routes;
}

struct Route {
    QByteArray method;
    QString path;
    bool webSocket = false;
    QString key() const { return QString::fromLatin1(method) + u' ' + path; }
};

struct Credential {
    QString name;
    QString bearer;   // empty: none
};

QByteArray shopifyHmac(const QByteArray &body, const QByteArray &key)
{
    return QMessageAuthenticationCode::hash(body, key, QCryptographicHash::Sha256).toBase64();
}

bool isRefusal(int status)
{
    return status == 401 || status == 403 || status == 404;
}

} // namespace

class TenantIsolationTest : public QObject
{
    Q_OBJECT

private:
    SuiteDatabase database;
    ServerProcess server;
    QList<Route> routes;

    // The victim's data and ids.
    QString victimAdminToken;
    QString victimSharedToken;
    QString victimAgentToken;
    QString victimTicketId;
    QString victimConversationId;
    QString victimConversationTicketId;
    QString victimConversationTicketNumber;
    QString victimHandoffId;
    QString victimAgentId = marker(u"agent"_s);
    QString victimOperatorId;
    QString victimCustomerEmail = marker(u"customer"_s) + u"@example.com"_s;
    QString victimCreateKey = marker(u"create-key"_s);
    QString victimNoteKey = marker(u"note-key"_s);
    QString victimCommandKey = marker(u"command-key"_s);
    QString victimStartRequestId = marker(u"start-request"_s);
    QString victimMessageRequestId = marker(u"message-request"_s);
    QString victimReplyRequestId = marker(u"reply-request"_s);
    QString victimHandoffRequestId = marker(u"handoff-request"_s);
    QString victimSnapshotCursor;
    QStringList secrets;   // server-made values of the victim that carry no marker

    // The intruder's credentials.
    QString intruderToken;
    QString intruderAgentToken = newId() + newId();
    QString intruderConversationId;
    QString intruderTicketId;
    QString intruderVisitorToken = newId() + newId();

    // What the intruder has sent so far: a marker it sent itself is no leak when it comes back.
    QString sentByIntruder;
    int calls = 0;
    QStringList failures;

    QString createOperator(const QString &account, const QString &email, const QString &password, bool admin)
    {
        QStringList args{u"admin"_s, u"create-operator"_s, u"--account"_s, account, u"--email"_s, email, u"--name"_s,
                         marker(u"name-"_s) + email.section(u'@', 0, 0)};
        if (account == intruder)
            args[7] = u"Intruder"_s;
        if (admin)
            args << u"--role"_s << u"admin"_s;
        QByteArray out;
        if (server.runCommand(args, &out, {{u"ZEIKO_OPERATOR_PASSWORD"_s, password}}) != 0)
            return {};
        return server.signIn(account, email, password);
    }
    HttpReply send(const QString &path, QByteArray method, const QJsonObject &body, const QString &token,
                   const QString &key = {})
    {
        RequestOptions o = postJson(body, token);
        o.method = method;
        o.idempotencyKey = key;
        return server.request(path, o);
    }

    // Everything of the victim that a write would change.
    QByteArray victimState()
    {
        QByteArray state;
        state += server.get(u"/api/v1/events?after=0&limit=1000"_s, victimAdminToken).body;
        QString cursor;
        do {
            const HttpReply page =
                server.get(u"/api/v1/snapshot?limit=1"_s + (cursor.isEmpty() ? QString() : u"&cursor="_s + cursor),
                           victimAdminToken);
            state += page.body;
            cursor = page.json().value(u"nextCursor"_s).toString();
        } while (!cursor.isEmpty());
        for (const QString &id : {victimTicketId, victimConversationTicketId})
            state += server.get(u"/api/v1/tickets/"_s + id, victimAdminToken).body;
        state += server.get(u"/api/v1/handoff-settings"_s, victimAdminToken).body;
        state += server.get(u"/api/v1/widget/conversations/"_s + victimConversationId).body;
        state += server.get(u"/api/v1/operators"_s, victimAdminToken).body;
        return state;
    }
    qint64 victimHead()
    {
        return server.get(u"/api/v1/events?after=0&limit=1"_s, victimAdminToken).json().value(u"head"_s).toInteger();
    }

    // Records a leak: a victim marker in the answer that the intruder had not sent itself.
    void checkNoLeak(const QString &what, const QByteArray &answer)
    {
        const QString text = QString::fromUtf8(answer);
        qsizetype at = 0;
        while ((at = text.indexOf(runTag, at, Qt::CaseInsensitive)) >= 0) {
            qsizetype end = at + runTag.size();   // the whole marker, e.g. "zkvictim…-subject"
            while (end < text.size() && (text[end].isLetterOrNumber() || text[end] == u'-'))
                ++end;
            const QString found = text.mid(at, end - at);
            if (!sentByIntruder.contains(found, Qt::CaseInsensitive))
                failures << u"%1: LEAK of the victim's %2 in: %3"_s.arg(what, found, text.left(300));
            at = end;
        }
        for (const QString &secret : secrets)
            if (!secret.isEmpty() && text.contains(secret) && !sentByIntruder.contains(secret))
                failures << u"%1: LEAK of a victim's id or token in: %2"_s.arg(what, text.left(300));
    }

    QList<QString> fillings(const Route &route, const Credential &credential) const
    {
        const Expectation e = notRefused().value(route.key(), {Scope::Refused, ""});
        QList<QString> paths{route.path};
        auto fill = [&](const QString &param, const QStringList &values) {
            QList<QString> next;
            for (const QString &p : paths)
                for (const QString &v : values)
                    next.append(QString(p).replace(param, v));
            paths = next;
        };
        if (route.path.contains(u"{id}"_s)) {
            QStringList ids{route.path.startsWith(u"/api/v1/handoffs/"_s) ? victimHandoffId : victimTicketId};
            // Also the intruder's own ticket, where the victim's replayed Idempotency-Key must find nothing of the victim.
            if (credential.bearer == intruderToken && route.path.startsWith(u"/api/v1/tickets/"_s))
                ids << intruderTicketId;
            fill(u"{id}"_s, ids);
        }
        if (route.path.contains(u"{conversation}"_s)) {
            if (e.scope == Scope::Public) {
                // The victim's guessable ids in the capability's place, and the intruder's own capability.
                QStringList values{victimTicketId, victimConversationTicketId, victimConversationTicketNumber, victimHandoffId};
                if (credential.bearer == intruderConversationId)
                    values << intruderConversationId;
                values.removeDuplicates();
                fill(u"{conversation}"_s, values);
            } else {
                // Also the intruder's own conversation, where the victim's replayed request ids must find nothing.
                QStringList ids{victimConversationId};
                if (credential.bearer == intruderAgentToken)
                    ids << intruderConversationId;
                fill(u"{conversation}"_s, ids);
            }
        }
        fill(u"{account}"_s, {victim});
        fill(u"{agent}"_s, {victimAgentId});
        return paths;
    }

    // The route with ids that exist in no tenant.
    static QString ghostPath(const Route &route)
    {
        return QString(route.path)
            .replace(u"{id}"_s, u"987654321"_s)
            .replace(u"{conversation}"_s, newId().remove(u'-'))
            .replace(u"{account}"_s, u"no-such-account"_s)
            .replace(u"{agent}"_s, u"no-such-agent"_s);
    }

    RequestOptions requestFor(const Route &route, const Credential &credential)
    {
        RequestOptions o;
        o.method = route.method;
        o.token = credential.bearer;
        o.headers.append({QByteArray("Content-Type"), QByteArray("application/json")});
        QJsonObject body;
        const QString k = route.key();
        if (k == u"POST /api/v1/tickets"_s) {
            body = {{u"subject"_s, u"Intruder"_s},
                    {u"customer"_s, QJsonObject{{u"email"_s, victimCustomerEmail}}},
                    {u"source"_s, u"email"_s},
                    {u"body"_s, u"Who is this customer?"_s}};
            o.idempotencyKey = victimCreateKey;
        } else if (k == u"POST /api/v1/tickets/{id}/commands"_s) {
            body = {{u"type"_s, u"internal_note"_s}, {u"body"_s, u"intruder was here"_s}};
            o.idempotencyKey = victimNoteKey;
        } else if (k == u"POST /api/v1/auth/sign-in"_s) {
            body = {{u"account"_s, victim}, {u"email"_s, sharedEmail}, {u"password"_s, intruderPassword}};
        } else if (k.startsWith(u"POST /api/v1/agent/conversations/"_s)) {
            body = {{u"clientRequestId"_s, k.endsWith(u"handoff"_s) ? victimHandoffRequestId : victimReplyRequestId},
                    {u"body"_s, u"intruder reply"_s},
                    {u"reason"_s, u"intruder"_s}};
            if (k.endsWith(u"resolve"_s))
                body = {};
        } else if (k.endsWith(u"/messages"_s)) {
            body = {{u"clientRequestId"_s, victimMessageRequestId}, {u"body"_s, u"intruder message"_s}};
        } else if (k.endsWith(u"/csat"_s)) {
            body = {{u"score"_s, 1}};
        } else if (k == u"PUT /api/v1/handoff-settings/{agent}"_s) {
            body = {{u"strategy"_s, u"round_robin"_s}, {u"assigneeEmails"_s, QJsonArray{}}, {u"skillKeywords"_s, QJsonArray{}}};
        } else if (k == u"POST /api/v1/commands"_s) {
            body = {{u"type"_s, u"update_handoff_settings"_s},
                    {u"agentId"_s, victimAgentId},
                    {u"settings"_s, QJsonObject{{u"strategy"_s, u"round_robin"_s}, {u"assigneeEmails"_s, QJsonArray{}}}},
                    {u"targets"_s, QJsonArray{QJsonObject{{u"kind"_s, u"tenant"_s}}}}};
            o.idempotencyKey = victimCommandKey;
        } else if (k == u"POST /api/v1/test/clock"_s) {
            body = {{u"advanceMs"_s, 0}};
        } else if (k == u"POST /api/v1/webhooks/shopify/{account}"_s) {
            const QByteArray order = jsonBytes({{u"id"_s, 9001},
                                                {u"name"_s, u"#9001"_s},
                                                {u"email"_s, victimCustomerEmail},
                                                {u"updated_at"_s, u"2026-12-01T10:00:00Z"_s},
                                                {u"financial_status"_s, u"voided"_s},
                                                {u"line_items"_s, QJsonArray{}}});
            o.body = order;
            o.headers += {{"X-Shopify-Topic", "orders/create"},
                          // The victim's shop, or (without a bearer token) the intruder's own.
                          {"X-Shopify-Shop-Domain", credential.bearer.isEmpty() ? "intruder.myshopify.com" : "victim.myshopify.com"},
                          {"X-Shopify-Webhook-Id", newId().toLatin1()},
                          {"X-Shopify-Hmac-Sha256", shopifyHmac(order, intruderShopSecret)}};
            return o;
        } else if (k == u"POST /api/v1/webhooks/resend"_s) {
            const QByteArray event = jsonBytes(
                {{u"type"_s, u"email.received"_s},
                 {u"data"_s, QJsonObject{{u"email_id"_s, newId()}, {u"to"_s, QJsonArray{u"support+victim@inbound.test"_s}}}}});
            const QByteArray id = "msg_" + newId().toLatin1();
            const QByteArray timestamp = QByteArray::number(QDateTime::currentSecsSinceEpoch());
            // Signed with a secret of the intruder's making: the server's is not the intruder's to know.
            const QByteArray signature = QMessageAuthenticationCode::hash(id + '.' + timestamp + '.' + event,
                                                                          "intruder-made-secret", QCryptographicHash::Sha256)
                                             .toBase64();
            o.body = event;
            o.headers += {{"svix-id", id}, {"svix-timestamp", timestamp}, {"svix-signature", "v1," + signature}};
            return o;
        }
        if (route.method != "GET")
            o.body = jsonBytes(body);
        if (route.method == "POST" && o.idempotencyKey.isEmpty())
            o.idempotencyKey = newId();
        return o;
    }

    // A WebSocket route: the upgrade's answer; once upgraded, the frames until the first heartbeat.
    HttpReply openStream(const QString &path, const QString &token)
    {
        HttpReply reply;
        {
            RawHttpConnection connection;
            if (!connection.connectTo(server.port()))
                return reply;
            const QByteArray auth = token.isEmpty() ? QByteArray() : "Authorization: Bearer " + token.toUtf8() + "\r\n";
            connection.send("GET " + path.toUtf8() + "?after=0 HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\n"
                            "Upgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                            "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n" + auth + "\r\n");
            const auto response = connection.readResponse(10000, false);
            if (!response)
                return reply;
            reply.status = response->status;
            if (reply.status != 101) {
                const auto withBody = response;
                reply.body = withBody->body + connection.pending();
                return reply;
            }
        }
        QWebSocket socket;
        QNetworkRequest request(server.wsUrl(path + u"?after=0"_s));
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
        QEventLoop loop;
        QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&](const QString &text) {
            response_log::recordStreamFrame(text);   // checked against openapi.yaml after the suite
            reply.body += text.toUtf8() + '\n';
            if (text.contains(u"\"heartbeat\""_s))
                loop.quit();
        });
        QObject::connect(&socket, &QWebSocket::disconnected, &loop, &QEventLoop::quit);
        QTimer::singleShot(30000, &loop, &QEventLoop::quit);
        socket.open(request);
        loop.exec();
        if (!reply.body.contains("heartbeat"))
            reply.status = 0;   // no heartbeat: counted as no answer
        socket.close();
        return reply;
    }

    void probe(const Route &route, const Credential &credential)
    {
        const Expectation e = notRefused().value(route.key(), {Scope::Refused, ""});
        for (QString path : fillings(route, credential)) {
            // Victim ids in the query too: they must select nothing of the victim.
            if (route.key() == u"GET /api/v1/tickets"_s)
                path += u"?assignee="_s + victimOperatorId;
            else if (route.key() == u"GET /api/v1/snapshot"_s)
                path += u"?cursor="_s + victimSnapshotCursor;
            const QString what = u"%1 %2 with %3"_s.arg(QString::fromLatin1(route.method), path, credential.name);
            if (path.contains(u'{')) {
                failures << u"%1: no victim value for this path parameter (add one to the matrix)"_s.arg(what);
                continue;
            }
            Credential used = credential;
            if (route.key() == u"POST /api/v1/auth/sign-out"_s && credential.bearer == intruderToken)
                used.bearer = server.signIn(intruder, sharedEmail, intruderPassword);   // keep the matrix's own token
            const RequestOptions options = requestFor(route, used);
            sentByIntruder += path + u'\n' + QString::fromUtf8(options.body) + u'\n' + options.idempotencyKey + u'\n';
            for (const auto &h : options.headers)
                sentByIntruder += QString::fromUtf8(h.second) + u'\n';
            const HttpReply reply = route.webSocket ? openStream(path, used.bearer) : server.request(path, options);
            ++calls;
            QByteArray answer = reply.body;
            for (const auto &h : reply.headers)
                answer += '\n' + h.first + ": " + h.second;
            checkNoLeak(what, answer);
            if (reply.status <= 0 || reply.status >= 500) {
                failures << u"%1: no answer or a server error (%2)"_s.arg(what).arg(reply.status);
                continue;
            }
            const bool operatorToken = !used.bearer.isEmpty() && credential.bearer == intruderToken;
            switch (e.scope) {
            case Scope::Refused:
                if (path.contains(intruderConversationId) || path.contains(u"/tickets/"_s + intruderTicketId + u"/"_s)
                    || path.endsWith(u"/tickets/"_s + intruderTicketId))
                    break;   // the intruder's own resource: its own business (the leak check above still holds)
                if (!isRefusal(reply.status)) {
                    failures << u"%1: answered %2 — neither refused (401/403/404) nor listed as public: %3"_s.arg(what)
                                    .arg(reply.status)
                                    .arg(QString::fromUtf8(reply.body.left(200)));
                } else if (route.path.contains(u'{')) {
                    // No existence oracle: the victim's resource is refused exactly like one that does not exist.
                    RequestOptions ghostOptions = options;
                    if (!ghostOptions.idempotencyKey.isEmpty())
                        ghostOptions.idempotencyKey = newId();
                    const HttpReply ghost = server.request(ghostPath(route), ghostOptions);
                    ++calls;
                    if (ghost.status != reply.status || ghost.errorCode() != reply.errorCode())
                        failures << u"%1: answered %2 %3, but %4 %5 for an id that does not exist (an existence oracle)"_s
                                        .arg(what)
                                        .arg(reply.status)
                                        .arg(reply.errorCode())
                                        .arg(ghost.status)
                                        .arg(ghost.errorCode());
                }
                break;
            case Scope::CallerScoped:
                if (!operatorToken && !isRefusal(reply.status))
                    failures << u"%1: answered %2 without an operator's token"_s.arg(what).arg(reply.status);
                break;
            case Scope::Public:
                checkPublic(route, path, reply, what);
                break;
            }
        }
    }

    void checkPublic(const Route &route, const QString &path, const HttpReply &reply, const QString &what)
    {
        const QString k = route.key();
        int expected = 0;
        if (k == u"GET /healthz"_s || k == u"GET /readyz"_s)
            expected = 200;
        else if (k.contains(u"/webhooks/"_s) || k == u"POST /api/v1/auth/sign-in"_s)
            expected = 401;
        else if (k.contains(u"{conversation}"_s) && !path.contains(intruderConversationId))
            expected = 404;
        else if (k.contains(u"{conversation}"_s))
            return;   // the intruder's own conversation: its own business
        else if (k == u"POST /api/v1/widget/{account}/conversations"_s)
            expected = 400;   // an empty body here; a start is a write by design, probed after the matrix
        else
            failures << u"%1: a public route without its own probe"_s.arg(what);
        if (expected && reply.status != expected)
            failures << u"%1: answered %2, expected %3 (%4)"_s.arg(what)
                            .arg(reply.status)
                            .arg(expected)
                            .arg(QString::fromUtf8(reply.body.left(200)));
    }

    QList<Credential> credentials() const
    {
        return {{u"the intruder's operator token"_s, intruderToken},
                {u"the intruder's AI-agent token"_s, intruderAgentToken},
                {u"the intruder's visitor conversation id"_s, intruderConversationId},
                {u"no token"_s, QString()}};
    }

private slots:
    void initTestCase()
    {
        ZEIKO_PREPARE_SUITE_DATABASE(database);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(database.url(), {u"--test-clock"_s},
                                                                  {{u"RESEND_WEBHOOK_SECRET"_s, QString::fromLatin1(resendSecret)},
                                                                   {u"RESEND_INBOUND_DOMAIN"_s, u"inbound.test"_s}})),
                 qPrintable(server.errorText()));

        // The route list comes from the router itself.
        QByteArray out;
        QCOMPARE(server.runCommand({u"serve"_s, u"--print-routes"_s, u"--test-clock"_s}, &out), 0);
        for (const QByteArray &line : out.split('\n')) {
            const QJsonObject r = QJsonDocument::fromJson(line).object();
            if (r.contains(u"method"_s))
                routes.append({r.value(u"method"_s).toString().toLatin1(), r.value(u"path"_s).toString(),
                               r.value(u"webSocket"_s).toBool()});
        }
        QVERIFY2(routes.size() >= 20, out.constData());

        for (const QString &slug : {victim, intruder})
            QCOMPARE(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, slug, u"--name"_s,
                                        slug == victim ? marker(u"tenant-name"_s) : u"Intruder"_s}),
                     0);
        victimAdminToken = createOperator(victim, marker(u"boss"_s) + u"@victim.test"_s, victimPassword, true);
        victimSharedToken = createOperator(victim, sharedEmail, victimPassword, false);
        intruderToken = createOperator(intruder, sharedEmail, intruderPassword, true);
        QVERIFY(!victimAdminToken.isEmpty() && !victimSharedToken.isEmpty() && !intruderToken.isEmpty());
        victimOperatorId = server.get(u"/api/v1/me"_s, victimSharedToken).json().value(u"operator"_s).toObject().value(u"id"_s).toString();
        victimAgentToken = newId() + newId();
        QVERIFY2(server.addAgentToken(victim, victimAgentToken), qPrintable(server.errorText()));
        QVERIFY2(server.addAgentToken(intruder, intruderAgentToken), qPrintable(server.errorText()));
        QVERIFY2(server.setShopify(victim, u"victim.myshopify.com"_s, QString::fromLatin1(victimShopSecret)), qPrintable(server.errorText()));
        QVERIFY2(server.setShopify(intruder, u"intruder.myshopify.com"_s, QString::fromLatin1(intruderShopSecret)),
                 qPrintable(server.errorText()));

        // The victim's ticket with an internal note, its agent's settings and a live widget chat handed off.
        const HttpReply created = send(u"/api/v1/tickets"_s, "POST",
                                       {{u"subject"_s, marker(u"subject"_s)},
                                        {u"customer"_s, QJsonObject{{u"email"_s, victimCustomerEmail}, {u"name"_s, marker(u"customer-name"_s)}}},
                                        {u"source"_s, u"email"_s},
                                        {u"body"_s, marker(u"first-message"_s)}},
                                       victimAdminToken, victimCreateKey);
        QCOMPARE(created.status, 201);
        victimTicketId = QString::number(created.json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger());
        QCOMPARE(send(u"/api/v1/tickets/%1/commands"_s.arg(victimTicketId), "POST",
                      {{u"type"_s, u"internal_note"_s}, {u"body"_s, marker(u"internal-note"_s)}}, victimAdminToken, victimNoteKey)
                     .status,
                 200);
        QCOMPARE(send(u"/api/v1/handoff-settings/"_s + victimAgentId, "PUT",
                      {{u"strategy"_s, u"first_available"_s},
                       {u"agentName"_s, marker(u"agent-name"_s)},
                       {u"assigneeEmails"_s, QJsonArray{sharedEmail}},
                       {u"skillKeywords"_s, QJsonArray{marker(u"skill"_s)}}},
                      victimAdminToken)
                     .status,
                 200);
        // The same settings once more as a command: its stored answer (under a marker key) names the victim's agent.
        QCOMPARE(send(u"/api/v1/commands"_s, "POST",
                      {{u"type"_s, u"update_handoff_settings"_s},
                       {u"agentId"_s, victimAgentId},
                       {u"settings"_s, QJsonObject{{u"strategy"_s, u"first_available"_s},
                                                   {u"agentName"_s, marker(u"agent-name"_s)},
                                                   {u"assigneeEmails"_s, QJsonArray{sharedEmail}},
                                                   {u"skillKeywords"_s, QJsonArray{marker(u"skill"_s)}}}},
                       {u"targets"_s, QJsonArray{QJsonObject{{u"kind"_s, u"tenant"_s}}}}},
                      victimAdminToken, victimCommandKey)
                     .status,
                 200);
        const HttpReply started = send(u"/api/v1/widget/victim/conversations"_s, "POST",
                                       {{u"clientRequestId"_s, victimStartRequestId},
                                        {u"visitorToken"_s, marker(u"visitor-token-0123456789abcdef"_s)},
                                        {u"agentId"_s, victimAgentId},
                                        {u"visitor"_s, QJsonObject{{u"name"_s, marker(u"visitor-name"_s)},
                                                                   {u"email"_s, marker(u"visitor"_s) + u"@example.com"_s}}},
                                        {u"body"_s, marker(u"visitor-message"_s)}},
                                       {});
        QCOMPARE(started.status, 201);
        victimConversationId = started.json().value(u"conversationId"_s).toString();
        victimConversationTicketNumber = QString::number(started.json().value(u"ticketNumber"_s).toInteger());
        QCOMPARE(send(u"/api/v1/widget/conversations/%1/messages"_s.arg(victimConversationId), "POST",
                      {{u"clientRequestId"_s, victimMessageRequestId}, {u"body"_s, marker(u"visitor-second"_s)}}, {})
                     .status,
                 201);
        QCOMPARE(send(u"/api/v1/agent/conversations/%1/replies"_s.arg(victimConversationId), "POST",
                      {{u"clientRequestId"_s, victimReplyRequestId}, {u"body"_s, marker(u"agent-reply"_s)}}, victimAgentToken)
                     .status,
                 201);
        const HttpReply handoff = send(u"/api/v1/agent/conversations/%1/handoff"_s.arg(victimConversationId), "POST",
                                       {{u"clientRequestId"_s, victimHandoffRequestId}, {u"reason"_s, marker(u"handoff-reason"_s)}},
                                       victimAgentToken);
        QCOMPARE(handoff.status, 201);
        victimHandoffId = handoff.json().value(u"handoff"_s).toObject().value(u"id"_s).toString();
        victimConversationTicketId = QString::number(handoff.json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger());
        QVERIFY(!victimConversationId.isEmpty() && !victimHandoffId.isEmpty());
        victimSnapshotCursor = server.get(u"/api/v1/snapshot?limit=1"_s, victimAdminToken).json().value(u"nextCursor"_s).toString();
        secrets = {victimConversationId, victimAdminToken, victimSharedToken, victimAgentToken};

        // The intruder's own visitor.
        const HttpReply own = send(u"/api/v1/widget/intruder/conversations"_s, "POST",
                                   {{u"clientRequestId"_s, newId()},
                                    {u"visitorToken"_s, intruderVisitorToken},
                                    {u"agentId"_s, u"intruder-bot"_s},
                                    {u"body"_s, u"hello"_s}},
                                   {});
        QCOMPARE(own.status, 201);
        intruderConversationId = own.json().value(u"conversationId"_s).toString();
        const HttpReply ownTicket = send(u"/api/v1/tickets"_s, "POST",
                                         {{u"subject"_s, u"Intruder's own"_s},
                                          {u"customer"_s, QJsonObject{{u"email"_s, u"someone@intruder.test"_s}}},
                                          {u"source"_s, u"email"_s},
                                          {u"body"_s, u"hello"_s}},
                                         intruderToken, newId());
        QCOMPARE(ownTicket.status, 201);
        intruderTicketId = QString::number(ownTicket.json().value(u"ticket"_s).toObject().value(u"id"_s).toInteger());
    }

    void theRouterListIsTheOpenApiDocument()
    {
        QProcess python;
        python.start(u"/usr/bin/python3"_s,
                     {u"-c"_s,
                      u"import json, sys, yaml\n"
                      "doc = yaml.safe_load(open(sys.argv[1]))\n"
                      "print(json.dumps(sorted(m.upper() + ' ' + p for p, ops in doc['paths'].items() for m in ops\n"
                      "                        if m in ('get', 'put', 'post', 'delete', 'patch', 'head', 'options'))))"_s,
                      QStringLiteral(ZEIKO_OPENAPI_YAML)});
        QVERIFY(python.waitForFinished(60000));
        QCOMPARE(python.exitCode(), 0);
        QStringList documented;
        for (const QJsonValue &v : QJsonDocument::fromJson(python.readAllStandardOutput()).array())
            documented << v.toString();
        QStringList served;
        for (const Route &r : routes)
            served << r.key();
        served.sort();
        documented.sort();
        QCOMPARE(served, documented);
    }

    void everyRouteRefusesEveryForeignCredential()
    {
        failures.clear();
        const qint64 headBefore = victimHead();
        const QByteArray before = victimState();
        for (const Route &route : routes)
            for (const Credential &credential : credentials())
                probe(route, credential);
        qInfo("tenant isolation matrix: %d routes x %d credentials: %d calls, %lld failures", int(routes.size()),
              int(credentials().size()), calls, qlonglong(failures.size()));
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"\n"_s)));
        QCOMPARE(victimHead(), headBefore);
        QCOMPARE(victimState(), before);
        // The victim's sessions and agent survived every sign-out.
        QCOMPARE(server.get(u"/api/v1/me"_s, victimAdminToken).status, 200);
        QCOMPARE(server.get(u"/api/v1/me"_s, victimSharedToken).status, 200);
    }

    // The intruder's own shop, correctly signed, names the victim's customer:
    // only the intruder's tickets may change.
    void aDeliveryForTheIntrudersOwnShopTouchesNothingOfTheVictim()
    {
        const qint64 headBefore = victimHead();
        const QByteArray before = victimState();
        QCOMPARE(send(u"/api/v1/tickets"_s, "POST",
                      {{u"subject"_s, u"Order question"_s},
                       {u"customer"_s, QJsonObject{{u"email"_s, victimCustomerEmail}}},
                       {u"source"_s, u"email"_s},
                       {u"body"_s, u"Where is it?"_s}},
                      intruderToken, newId())
                     .status,
                 201);
        for (const QString &financial : {u"paid"_s, u"voided"_s}) {
            const QByteArray order = jsonBytes({{u"id"_s, 7001},
                                                {u"name"_s, u"#7001"_s},
                                                {u"email"_s, victimCustomerEmail},
                                                {u"updated_at"_s, financial == u"paid"_s ? u"2026-12-01T10:00:00Z"_s : u"2026-12-01T11:00:00Z"_s},
                                                {u"financial_status"_s, financial},
                                                {u"line_items"_s, QJsonArray{}}});
            RequestOptions o;
            o.method = "POST";
            o.body = order;
            o.headers = {{"Content-Type", "application/json"},
                         {"X-Shopify-Topic", financial == u"paid"_s ? "orders/create" : "orders/updated"},
                         {"X-Shopify-Shop-Domain", "intruder.myshopify.com"},
                         {"X-Shopify-Webhook-Id", newId().toLatin1()},
                         {"X-Shopify-Hmac-Sha256", shopifyHmac(order, intruderShopSecret)}};
            const HttpReply reply = server.request(u"/api/v1/webhooks/shopify/intruder"_s, o);
            QCOMPARE(reply.status, 200);
            // The intruder's own tickets of that customer (the matrix may have made one more).
            QVERIFY2(reply.json().value(u"ticketsUpdated"_s).toInt() >= 1, reply.body.constData());
            QVERIFY2(!reply.body.contains(runTag.toUtf8()), reply.body.constData());
        }
        QCOMPARE(victimHead(), headBefore);
        QCOMPARE(victimState(), before);
    }

    // A start is a write by design (any visitor may chat with any account):
    // with the intruder's credentials and the victim's own request id it is
    // always a new conversation that shows nothing of the victim.
    void aForeignVisitorStartingOnTheVictimsAccountGetsOnlyANewConversation()
    {
        failures.clear();
        const QByteArray before = server.get(u"/api/v1/tickets/"_s + victimConversationTicketId, victimAdminToken).body;
        for (const Credential &credential : credentials()) {
            RequestOptions o = postJson({{u"clientRequestId"_s, victimStartRequestId},
                                         {u"visitorToken"_s, intruderVisitorToken},
                                         {u"agentId"_s, victimAgentId},
                                         {u"body"_s, u"hello from the intruder"_s}},
                                        credential.bearer);
            sentByIntruder += QString::fromUtf8(o.body);
            const HttpReply reply = server.request(u"/api/v1/widget/victim/conversations"_s, o);
            ++calls;
            QVERIFY2(reply.status == 201 || reply.status == 200, reply.body.constData());
            QVERIFY(reply.json().value(u"conversationId"_s).toString() != victimConversationId);
            checkNoLeak(u"POST /api/v1/widget/victim/conversations with "_s + credential.name, reply.body);
        }
        QVERIFY2(failures.isEmpty(), qPrintable(failures.join(u"\n"_s)));
        QCOMPARE(server.get(u"/api/v1/tickets/"_s + victimConversationTicketId, victimAdminToken).body, before);
    }
};

QTEST_GUILESS_MAIN(TenantIsolationTest)
#include "test_tenant_isolation.moc"
