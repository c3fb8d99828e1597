// Website-widget conversations, the AI-agent service-token API, live
// handoffs and CSAT, against the real zeiko-server over real sockets.
// Built twice: SQLite (label server) and PostgreSQL (test_widget_postgres).

#include "channels_test_support.h"

#include <QDir>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QString agentToken = u"agent-service-token-for-tests"_s;
}

class WidgetTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir spool;   // outbound mail lands here as .eml files
    SuiteDatabase database;
    ServerProcess server;
    AcmeTenant acme;

    // Spooled mails that mention `text` (an address, a phrase).
    int spooledMailsMentioning(const QString &text) const
    {
        int n = 0;
        const QDir dir(spool.path());
        for (const QString &name : dir.entryList({u"*.eml"_s}, QDir::Files)) {
            QFile file(dir.filePath(name));
            if (file.open(QIODevice::ReadOnly) && file.readAll().contains(text.toUtf8()))
                ++n;
        }
        return n;
    }

    // The visitor's secret, as a widget client keeps it for its conversations.
    const QString visitorToken = newId();

    HttpReply start(const QString &requestId, const QString &body = u"Hi, my parcel never arrived"_s)
    {
        return startAs(visitorToken, requestId, body);
    }
    HttpReply startAs(const QString &token, const QString &requestId, const QString &body = u"Hi, my parcel never arrived"_s)
    {
        return server.request(u"/api/v1/widget/acme/conversations"_s,
                              postJson({{u"clientRequestId"_s, requestId},
                                        {u"visitorToken"_s, token},
                                        {u"agentId"_s, u"agent-orders"_s},
                                        {u"agentName"_s, u"Order Assistant"_s},
                                        {u"visitor"_s, QJsonObject{{u"name"_s, u"Vera"_s}, {u"email"_s, u"vera@example.com"_s}}},
                                        {u"body"_s, body}}));
    }
    QString startConversation()
    {
        const HttpReply reply = start(newId());
        return reply.json().value(u"conversationId"_s).toString();
    }
    HttpReply visitor(const QString &conversation, const QString &requestId, const QString &body)
    {
        return server.request(u"/api/v1/widget/conversations/%1/messages"_s.arg(conversation),
                              postJson({{u"clientRequestId"_s, requestId}, {u"body"_s, body}}));
    }
    HttpReply agent(const QString &conversation, const QString &action, const QJsonObject &body,
                    const QString &token = agentToken)
    {
        return server.request(u"/api/v1/agent/conversations/%1/%2"_s.arg(conversation, action), postJson(body, token));
    }
    QJsonObject conversation(const QString &id)
    {
        return server.get(u"/api/v1/widget/conversations/%1"_s.arg(id)).json();
    }
    Ticket ticketOf(const QString &conversationId)
    {
        const qint64 number = conversation(conversationId).value(u"ticketNumber"_s).toInteger();
        const QJsonArray tickets = server.get(u"/api/v1/tickets?limit=500"_s, acme.adminToken).json().value(u"tickets"_s).toArray();
        for (const QJsonValue &v : tickets)
            if (v.toObject().value(u"number"_s).toInteger() == number)
                return fromJson<Ticket>(v.toObject());
        return {};
    }

private slots:
    void initTestCase()
    {
        QVERIFY(spool.isValid());
        ZEIKO_PREPARE_SUITE_DATABASE(database);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(
                     database.url(), {u"--mail-spool-dir"_s, spool.path(),
                          u"--mail-retry-base-ms"_s, u"50"_s})),
                 qPrintable(server.errorText()));
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
        QVERIFY2(server.addAgentToken(u"acme"_s, agentToken), qPrintable(server.errorText()));
    }

    void startingAConversationCreatesAWidgetTicketOnce()
    {
        const QString requestId = newId();
        const HttpReply first = start(requestId);
        QCOMPARE(first.status, 201);
        const QString id = first.json().value(u"conversationId"_s).toString();
        QVERIFY(id.startsWith(u"wc_"_s) && id.size() >= 35);   // 128 random bits
        const HttpReply retry = start(requestId);                  // the client retried its start
        QCOMPARE(retry.status, 201);
        QCOMPARE(retry.json().value(u"conversationId"_s).toString(), id);

        const Ticket t = ticketOf(id);
        QVERIFY(t.id > 0);
        QCOMPARE(toString(t.source), toString(Source::Widget));
        QVERIFY(t.assignee && t.assignee->kind == ActorKind::Agent);
        QCOMPARE(t.assignee->id, u"agent-orders"_s);
        const QJsonArray messages = conversation(id).value(u"messages"_s).toArray();
        QCOMPARE(messages.size(), 1);
        QCOMPARE(messages[0].toObject().value(u"role"_s).toString(), u"visitor"_s);
        QCOMPARE(messages[0].toObject().value(u"clientRequestId"_s).toString(), requestId);
    }

    // Security review finding 1: a start was deduplicated by clientRequestId
    // alone, so anyone replaying a used id got the other visitor's
    // conversation id (the visitor's credential) and history.
    void aReusedStartRequestIdNeverHandsOutAnotherVisitorsConversation()
    {
        const QString requestId = newId();
        const HttpReply victim = start(requestId, u"My address is 12 Elm Street"_s);
        QCOMPARE(victim.status, 201);
        const QString victimId = victim.json().value(u"conversationId"_s).toString();

        const HttpReply attacker = startAs(newId(), requestId, u"hello"_s);
        QCOMPARE(attacker.status, 201);
        const QString attackerId = attacker.json().value(u"conversationId"_s).toString();
        QVERIFY(!attackerId.isEmpty());
        QVERIFY2(attackerId != victimId, "a stranger's start with a used clientRequestId got the victim's conversation");
        QVERIFY(!attacker.body.contains("Elm Street"));
        QCOMPARE(attacker.json().value(u"ticketNumber"_s).toInteger() == victim.json().value(u"ticketNumber"_s).toInteger(),
                 false);

        // The real visitor's retry still finds its own conversation.
        QCOMPARE(start(requestId, u"My address is 12 Elm Street"_s).json().value(u"conversationId"_s).toString(), victimId);
    }

    // Security review finding 12: 40 tickets in 0.5 s from one address. Time
    // is the server's test clock, moved by the test (no wall-clock limits).
    void startsFromOneAddressAreRateLimited()
    {
        ServerProcess limited;
        QVERIFY2(limited.start(ServerProcess::Options::withDemo({u"--widget-starts-per-minute"_s, u"2"_s, u"--test-clock"_s})),
                 qPrintable(limited.errorText()));
        const auto startOne = [&] {
            return limited.request(u"/api/v1/widget/demo/conversations"_s,
                                   postJson({{u"clientRequestId"_s, newId()}, {u"visitorToken"_s, newId()},
                                             {u"agentId"_s, u"agent-orders"_s}, {u"body"_s, u"hi"_s}}));
        };
        QCOMPARE(startOne().status, 201);
        QCOMPARE(startOne().status, 201);
        const HttpReply refused = startOne();
        QCOMPARE(refused.status, 429);
        QCOMPARE(refused.errorCode(), u"too_many_requests"_s);
        const int retryAfter = refused.header("Retry-After").toInt();
        QVERIFY2(retryAfter >= 1 && retryAfter <= 60, refused.header("Retry-After").constData());

        const QString token = limited.signIn(u"demo"_s, u"alex@demo.zeiko.test"_s, u"demo-password"_s);
        QVERIFY(!token.isEmpty());
        QCOMPARE(limited.request(u"/api/v1/test/clock"_s, postJson({{u"advanceMs"_s, retryAfter * 1000}}, token)).status, 200);
        QCOMPARE(startOne().status, 201);   // the window moved past the first start
        // The second start may have left the window too (real seconds pass
        // between the requests): the limit holds again after at most one more.
        int more = 0;
        while (startOne().status == 201)
            QVERIFY2(++more <= 1, "more than two starts inside one window");
    }

    void startingNeedsAVisitorSecret()
    {
        QJsonObject body{{u"clientRequestId"_s, newId()}, {u"agentId"_s, u"agent-orders"_s}, {u"body"_s, u"x"_s}};
        HttpReply reply = server.request(u"/api/v1/widget/acme/conversations"_s, postJson(body));
        QCOMPARE(reply.status, 400);
        QCOMPARE(reply.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"invalid_field"_s);
        body.insert(u"visitorToken"_s, u"short"_s);   // not a secret worth the name
        reply = server.request(u"/api/v1/widget/acme/conversations"_s, postJson(body));
        QCOMPARE(reply.status, 400);
    }

    // Security review finding 6: a visitor message whose request id equalled
    // an internal note's was answered as a "duplicate" with the note's text.
    void aVisitorRetryNeverReturnsSomeoneElsesEntry()
    {
        const QString id = startConversation();
        const Ticket t = ticketOf(id);
        QVERIFY(t.id > 0);
        const QString noteRequestId = newId();
        RequestOptions note = postJson({{u"type"_s, u"internal_note"_s},
                                        {u"body"_s, u"Internal: customer is on the fraud watch list"_s}},
                                       acme.adminToken);
        note.idempotencyKey = noteRequestId;
        const HttpReply noted = server.request(u"/api/v1/tickets/%1/commands"_s.arg(t.id), note);
        QVERIFY2(noted.status == 200, noted.body.constData());

        const HttpReply probe = visitor(id, noteRequestId, u"hello"_s);
        QVERIFY(!probe.body.contains("fraud"));
        QCOMPARE(probe.status, 201);
        QCOMPARE(probe.json().value(u"duplicate"_s).toBool(), false);
        QCOMPARE(probe.json().value(u"message"_s).toObject().value(u"body"_s).toString(), u"hello"_s);
        QVERIFY(!server.get(u"/api/v1/widget/conversations/%1"_s.arg(id)).body.contains("fraud"));
        // And the agent's retry dedupe looks at agent replies only.
        const HttpReply agentProbe = agent(id, u"replies"_s, {{u"clientRequestId"_s, noteRequestId}, {u"body"_s, u"Hi!"_s}});
        QCOMPARE(agentProbe.status, 201);
        QVERIFY(!agentProbe.body.contains("fraud"));
    }

    void retriedVisitorMessagesAreStoredOnceAndInOrder()
    {
        const QString id = startConversation();
        const QString a = newId(), b = newId();
        QCOMPARE(visitor(id, a, u"first"_s).status, 201);
        const HttpReply again = visitor(id, a, u"first"_s);
        QCOMPARE(again.status, 200);
        QVERIFY(again.json().value(u"duplicate"_s).toBool());
        QCOMPARE(visitor(id, b, u"second"_s).status, 201);
        const QJsonArray messages = conversation(id).value(u"messages"_s).toArray();
        QCOMPARE(messages.size(), 3);
        QCOMPARE(messages[1].toObject().value(u"body"_s).toString(), u"first"_s);
        QCOMPARE(messages[2].toObject().value(u"body"_s).toString(), u"second"_s);
    }

    void parallelRetriesOfOneMessageStoreItOnce()
    {
        const QString id = startConversation();
        const QString requestId = newId();
        QList<ParallelRequest> requests;
        for (int i = 0; i < 6; ++i)
            requests.append({u"/api/v1/widget/conversations/%1/messages"_s.arg(id),
                             postJson({{u"clientRequestId"_s, requestId}, {u"body"_s, u"hello?"_s}})});
        const QList<HttpReply> replies = sendInParallel(server.baseUrl(), requests);
        int created = 0;
        for (const HttpReply &r : replies) {
            QVERIFY2(r.status == 201 || r.status == 200, r.body.constData());
            created += r.status == 201;
        }
        QCOMPARE(created, 1);
        QCOMPARE(conversation(id).value(u"messages"_s).toArray().size(), 2);
    }

    void agentApiNeedsTheServiceToken()
    {
        const QString id = startConversation();
        auto head = [&] { return server.get(u"/api/v1/events?after=0&limit=1"_s, acme.adminToken).json().value(u"head"_s).toInteger(); };
        const qint64 before = head();
        QCOMPARE(agent(id, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"x"_s}}, QString()).status, 401);
        QCOMPARE(agent(id, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"x"_s}}, u"wrong"_s).status, 401);
        QCOMPARE(agent(id, u"handoff"_s, {{u"clientRequestId"_s, newId()}}, u"wrong"_s).status, 401);
        QCOMPARE(head(), before);   // nothing changed
        const HttpReply ok = agent(id, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"Let me check."_s}});
        QCOMPARE(ok.status, 201);
        QCOMPARE(conversation(id).value(u"messages"_s).toArray().last().toObject().value(u"role"_s).toString(), u"agent"_s);
    }

    // Security review finding 8: one agent service token acted on every
    // tenant's conversations. Tokens are per tenant, several at once, revocable.
    void agentTokensArePerTenantRotatableAndRevocable()
    {
        QVERIFY(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"globex"_s, u"--name"_s, u"Globex"_s}) == 0);
        const QString globexToken = u"globex-agent-token-"_s + newId();
        QVERIFY2(server.addAgentToken(u"globex"_s, globexToken), qPrintable(server.errorText()));
        const QString acmeConversation = startConversation();

        // Another tenant's token: as if the conversation did not exist.
        const HttpReply foreign = agent(acmeConversation, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"x"_s}},
                                        globexToken);
        QCOMPARE(foreign.status, 404);
        QVERIFY(!foreign.body.contains("Vera"));

        // Rotation: a second acme token works beside the first; revoking it stops it at once.
        const QString rotated = u"acme-rotated-"_s + newId();
        QVERIFY2(server.addAgentToken(u"acme"_s, rotated, u"rotation"_s), qPrintable(server.errorText()));
        QCOMPARE(agent(acmeConversation, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"one"_s}}, rotated).status, 201);
        QCOMPARE(agent(acmeConversation, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"two"_s}}).status, 201);
        QByteArray out;
        QCOMPARE(server.runCommand({u"admin"_s, u"revoke-agent-token"_s, u"--account"_s, u"acme"_s, u"--label"_s, u"rotation"_s},
                                   &out),
                 0);
        QCOMPARE(agent(acmeConversation, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"three"_s}}, rotated).status, 401);
        QCOMPARE(agent(acmeConversation, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"four"_s}}).status, 201);
        QVERIFY(server.runCommand({u"admin"_s, u"list-agent-tokens"_s, u"--account"_s, u"acme"_s}, &out) == 0);
        QVERIFY2(out.contains("rotation") && out.contains("revoked") && out.contains("live"), out.constData());
        QVERIFY(!out.contains(rotated.toUtf8()));   // only hashes are kept

        // A generated token is printed once and works.
        QVERIFY(server.runCommand({u"admin"_s, u"create-agent-token"_s, u"--account"_s, u"globex"_s, u"--label"_s, u"gen"_s},
                                  &out) == 0);
        const QString generated = QString::fromLatin1(out.trimmed());
        QVERIFY(generated.size() >= 40);
        QCOMPARE(agent(acmeConversation, u"handoff"_s, {{u"clientRequestId"_s, newId()}}, generated).status, 404);
    }

    void handoffKeepsTheCustomerInTheSameThreadAndSilencesTheAgent()
    {
        const QString id = startConversation();
        const HttpReply handoff = agent(id, u"handoff"_s, {{u"clientRequestId"_s, newId()}, {u"reason"_s, u"Wants a refund"_s}});
        QCOMPARE(handoff.status, 201);
        const Handoff h = fromJson<Handoff>(handoff.json().value(u"handoff"_s).toObject());
        const Ticket t = fromJson<Ticket>(handoff.json().value(u"ticket"_s).toObject());
        QCOMPARE(t.handoffId, h.id);
        // The handoff names the live conversation (what the console opens), never the ticket's secret key.
        QCOMPARE(h.conversationId, id);
        QVERIFY(h.conversationId != t.key);
        // Asking again links to the same live handoff.
        const HttpReply again = agent(id, u"handoff"_s, {{u"clientRequestId"_s, newId()}});
        QCOMPARE(again.status, 200);
        QCOMPARE(again.json().value(u"handoff"_s).toObject().value(u"id"_s).toString(), h.id);

        // No automated reply on top of a thread waiting for / owned by a human.
        const HttpReply botReply = agent(id, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"All agents are busy"_s}});
        QCOMPARE(botReply.status, 409);
        QCOMPARE(botReply.errorCode(), u"human_owned"_s);

        // A human claims it (round robin may have assigned it already: claim by that person).
        QString claimer = u"ann@acme.test"_s;
        if (h.assignee)
            claimer = acme.operatorIds.key(h.assignee->id);
        const HttpReply claim = server.request(u"/api/v1/handoffs/%1/claim"_s.arg(h.id), postJson({}, acme.tokens.value(claimer)));
        QCOMPARE(claim.status, 200);
        QCOMPARE(claim.json().value(u"handoff"_s).toObject().value(u"state"_s).toString(), u"active"_s);
        QCOMPARE(conversation(id).value(u"state"_s).toString(), u"human"_s);

        // The customer keeps writing into the same thread.
        QCOMPARE(visitor(id, newId(), u"Still there?"_s).status, 201);
        const QJsonObject detail = server.get(u"/api/v1/tickets/%1"_s.arg(t.id), acme.adminToken).json();
        const QJsonArray entries = detail.value(u"entries"_s).toArray();
        QCOMPARE(entries.last().toObject().value(u"body"_s).toString(), u"Still there?"_s);
        QCOMPARE(entries.last().toObject().value(u"kind"_s).toString(), u"customer_message"_s);
        QCOMPARE(agent(id, u"replies"_s, {{u"clientRequestId"_s, newId()}, {u"body"_s, u"bot"_s}}).status, 409);
    }

    void chatReplyReachesTheVisitorLiveAndIsNeverMailed()
    {
        // A visitor with an email address: a reply could be mailed, and must not be.
        const QString visitorEmail = u"wendy.chat@example.com"_s;
        const HttpReply started = server.request(
            u"/api/v1/widget/acme/conversations"_s,
            postJson({{u"clientRequestId"_s, newId()},
                      {u"visitorToken"_s, newId()},
                      {u"agentId"_s, u"agent-live"_s},
                      {u"visitor"_s, QJsonObject{{u"name"_s, u"Wendy"_s}, {u"email"_s, visitorEmail}}},
                      {u"body"_s, u"My order arrived broken"_s}}));
        QCOMPARE(started.status, 201);
        const QString id = started.json().value(u"conversationId"_s).toString();

        // The AI agent hands off to its team (Ann, first available); Ann takes over the live conversation.
        RequestOptions settings = postJson({{u"strategy"_s, u"first_available"_s},
                                            {u"assigneeEmails"_s, QJsonArray{u"ann@acme.test"_s}}},
                                           acme.adminToken);
        settings.method = "PUT";
        QCOMPARE(server.request(u"/api/v1/handoff-settings/agent-live"_s, settings).status, 200);
        const HttpReply handoff = agent(id, u"handoff"_s, {{u"clientRequestId"_s, newId()}, {u"reason"_s, u"Damaged goods"_s}});
        QCOMPARE(handoff.status, 201);
        const TicketId ticketId = fromJson<Ticket>(handoff.json().value(u"ticket"_s).toObject()).id;
        const QString ann = acme.tokens.value(u"ann@acme.test"_s);
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId), jsonBytes({{u"type"_s, u"take_over"_s}}), ann,
                             newId())
                     .status,
                 200);
        QCOMPARE(conversation(id).value(u"state"_s).toString(), u"human"_s);

        // Ann replies in the chat.
        const QString key = newId();
        const QByteArray reply = jsonBytes({{u"type"_s, u"chat_reply"_s}, {u"body"_s, u"So sorry! A replacement is on its way."_s}});
        const HttpReply sent = server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId), reply, ann, key);
        QCOMPARE(sent.status, 200);
        const CommandResult result = decode<CommandResult>(sent.body);
        QCOMPARE(toString(result.entry->kind), toString(EntryKind::HumanReply));
        QCOMPARE(result.entry->eventStatus, u"live_chat"_s);   // how it reached the visitor, recorded
        QCOMPARE(toString(result.ticket.status), toString(TicketStatus::WaitingOnCustomer));
        QCOMPARE(toString(result.ticket.sla.state), toString(SlaState::Met));

        // The visitor sees it in the conversation, as the human's message.
        const QJsonArray messages = conversation(id).value(u"messages"_s).toArray();
        const QJsonObject last = messages.last().toObject();
        QCOMPARE(last.value(u"role"_s).toString(), u"human"_s);
        QCOMPARE(last.value(u"body"_s).toString(), u"So sorry! A replacement is on its way."_s);
        QCOMPARE(last.value(u"authorName"_s).toString(), u"Ann"_s);

        // Someone else cannot talk over Ann.
        const HttpReply bob = server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                                          jsonBytes({{u"type"_s, u"chat_reply"_s}, {u"body"_s, u"Hi, Bob here"_s}}),
                                          acme.tokens.value(u"bob@acme.test"_s), newId());
        QCOMPARE(bob.status, 409);
        QCOMPARE(bob.errorCode(), u"not_handoff_owner"_s);

        // A replay of Ann's command (same Idempotency-Key) answers the same and adds nothing.
        const HttpReply replay = server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId), reply, ann, key);
        QCOMPARE(replay.status, 200);
        QCOMPARE(decode<CommandResult>(replay.body).entry->id, result.entry->id);
        QCOMPARE(conversation(id).value(u"messages"_s).toArray().size(), messages.size());

        // Nothing was mailed: an email reply on an email ticket written AFTER the
        // chat reply is spooled, so the mail worker has passed over the chat
        // reply by then (it scans replies in entry order) — and skipped it.
        const HttpReply emailTicket = server.post(
            u"/api/v1/tickets"_s,
            jsonBytes({{u"subject"_s, u"Sentinel"_s},
                       {u"customer"_s, QJsonObject{{u"email"_s, u"sentinel.chat@example.com"_s}}},
                       {u"source"_s, u"email"_s},
                       {u"body"_s, u"Hello"_s}}),
            acme.adminToken, newId());
        QCOMPARE(emailTicket.status, 201);
        const TicketId sentinel = decode<CommandResult>(emailTicket.body).ticket.id;
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(sentinel),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Sentinel reply"_s}}), acme.adminToken,
                             newId())
                     .status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(spooledMailsMentioning(u"sentinel.chat@example.com"_s), 1, 30000);
        QCOMPARE(spooledMailsMentioning(visitorEmail), 0);
        QCOMPARE(spooledMailsMentioning(u"replacement is on its way"_s), 0);
    }

    // Issue 11, item 25: a reply on a widget ticket whose chat is not live
    // was never mailed though the console said "by email". It goes the way
    // the visitor can read it: a follow-up email to the address they left
    // (and the chat history), else the chat history only — recorded on the
    // entry, so every view can say which.
    void aWidgetReplyOutsideTheLiveChatIsAFollowUpEmail()
    {
        // A visitor who left no address: the chat history is all they can read.
        const HttpReply anonymous = server.request(
            u"/api/v1/widget/acme/conversations"_s,
            postJson({{u"clientRequestId"_s, newId()}, {u"visitorToken"_s, newId()}, {u"agentId"_s, u"agent-orders"_s},
                      {u"body"_s, u"Do you ship to Norway?"_s}}));
        QCOMPARE(anonymous.status, 201);
        const QString anonymousId = anonymous.json().value(u"conversationId"_s).toString();
        const HttpReply chatOnly = server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketOf(anonymousId).id),
                                               jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Yes, in 3 days."_s}}),
                                               acme.adminToken, newId());
        QCOMPARE(chatOnly.status, 200);
        QCOMPARE(decode<CommandResult>(chatOnly.body).entry->eventStatus, u"chat_only"_s);
        QCOMPARE(conversation(anonymousId).value(u"messages"_s).toArray().last().toObject().value(u"body"_s).toString(),
                 u"Yes, in 3 days."_s);

        // A visitor who left an address and is no longer in a live chat: a follow-up email.
        const QString visitorEmail = u"follow.up@example.com"_s;
        const HttpReply started = server.request(
            u"/api/v1/widget/acme/conversations"_s,
            postJson({{u"clientRequestId"_s, newId()}, {u"visitorToken"_s, newId()}, {u"agentId"_s, u"agent-orders"_s},
                      {u"visitor"_s, QJsonObject{{u"name"_s, u"Fay"_s}, {u"email"_s, visitorEmail}}},
                      {u"body"_s, u"Where is my refund?"_s}}));
        QCOMPARE(started.status, 201);
        const QString id = started.json().value(u"conversationId"_s).toString();
        const HttpReply followUp = server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketOf(id).id),
                                               jsonBytes({{u"type"_s, u"email_reply"_s},
                                                          {u"body"_s, u"Your refund left today."_s}}),
                                               acme.adminToken, newId());
        QCOMPARE(followUp.status, 200);
        QCOMPARE(decode<CommandResult>(followUp.body).entry->eventStatus, u"email"_s);
        QTRY_COMPARE_WITH_TIMEOUT(spooledMailsMentioning(visitorEmail), 1, 30000);
        QCOMPARE(spooledMailsMentioning(u"Subject: Re: Where is my refund?"_s), 1);
        // ...and in the chat, should they come back to it.
        QCOMPARE(conversation(id).value(u"messages"_s).toArray().last().toObject().value(u"body"_s).toString(),
                 u"Your refund left today."_s);
    }

    void csatOnlyAfterResolution()
    {
        const QString id = startConversation();
        const HttpReply early = server.request(u"/api/v1/widget/conversations/%1/csat"_s.arg(id), postJson({{u"score"_s, 5}}));
        QCOMPARE(early.status, 409);
        QCOMPARE(early.errorCode(), u"csat_not_available"_s);
        QVERIFY(!conversation(id).value(u"csatRequested"_s).toBool());

        const HttpReply handoff = agent(id, u"handoff"_s, {{u"clientRequestId"_s, newId()}});
        const QString handoffId = handoff.json().value(u"handoff"_s).toObject().value(u"id"_s).toString();
        const HttpReply resolved = server.request(u"/api/v1/handoffs/%1/resolve"_s.arg(handoffId), postJson({}, acme.adminToken));
        QCOMPARE(resolved.status, 200);
        QCOMPARE(resolved.json().value(u"handoff"_s).toObject().value(u"state"_s).toString(), u"resolved"_s);
        const QJsonObject conv = conversation(id);
        QVERIFY(conv.value(u"csatRequested"_s).toBool());
        QCOMPARE(conv.value(u"state"_s).toString(), u"resolved"_s);

        QCOMPARE(server.request(u"/api/v1/widget/conversations/%1/csat"_s.arg(id), postJson({{u"score"_s, 9}})).status, 400);
        QCOMPARE(server.request(u"/api/v1/widget/conversations/%1/csat"_s.arg(id), postJson({{u"score"_s, 4}})).status, 200);
        const Ticket t = ticketOf(id);
        QCOMPARE(t.csat, std::optional<int>(4));
        QCOMPARE(toString(t.status), toString(TicketStatus::Resolved));
    }

    // Issue 11, item 5: a live chat ends with a ticket command — through the
    // console's outbox like every other action — not with Force close.
    void resolveHandoffCommandEndsTheChatAndAsksForARating()
    {
        const QString id = startConversation();
        const HttpReply handoff = agent(id, u"handoff"_s, {{u"clientRequestId"_s, newId()}});
        QCOMPARE(handoff.status, 201);
        const Ticket before = ticketOf(id);
        const auto command = [&](const QString &key) {
            return server.post(u"/api/v1/tickets/%1/commands"_s.arg(before.id), R"({"type":"resolve_handoff"})",
                               acme.adminToken, key);
        };
        // A plain close is refused while the handoff is open; resolving is the way.
        const HttpReply close = server.post(u"/api/v1/tickets/%1/commands"_s.arg(before.id), R"({"type":"close"})",
                                            acme.adminToken, newId());
        QCOMPARE(close.errorCode(), u"handoff_open"_s);

        const QString key = newId();
        const HttpReply resolved = command(key);
        QVERIFY2(resolved.status == 200, resolved.body.constData());
        const CommandResult result = fromJson<CommandResult>(resolved.json());
        QCOMPARE(toString(result.ticket.status), toString(TicketStatus::Resolved));
        QCOMPARE(toString(result.ticket.sla.state), toString(SlaState::Met));
        QVERIFY(result.entry);
        QCOMPARE(toString(result.entry->kind), toString(EntryKind::HandoffEvent));
        QCOMPARE(result.entry->eventStatus, u"resolved"_s);
        const QJsonObject detail = server.get(u"/api/v1/tickets/%1"_s.arg(before.id), acme.adminToken).json();
        QCOMPARE(detail.value(u"handoff"_s).toObject().value(u"state"_s).toString(), u"resolved"_s);
        const QJsonObject conv = conversation(id);
        QVERIFY(conv.value(u"csatRequested"_s).toBool());
        QCOMPARE(conv.value(u"state"_s).toString(), u"resolved"_s);

        // A replay of the key answers the same; a new command finds nothing to resolve.
        const HttpReply replay = command(key);
        QCOMPARE(replay.status, 200);
        QCOMPARE(replay.header("Idempotent-Replayed"), QByteArray("true"));
        const HttpReply again = command(newId());
        QCOMPARE(again.status, 409);
        QCOMPARE(again.errorCode(), u"handoff_resolved"_s);
    }

    void agentResolveRequestsCsat()
    {
        const QString id = startConversation();
        QCOMPARE(agent(id, u"resolve"_s, {{u"clientRequestId"_s, newId()}}).status, 200);
        QVERIFY(conversation(id).value(u"csatRequested"_s).toBool());
        QCOMPARE(server.request(u"/api/v1/widget/conversations/%1/csat"_s.arg(id), postJson({{u"score"_s, 5}})).status, 200);
        // The customer comes back: the resolved ticket reopens.
        QCOMPARE(visitor(id, newId(), u"One more thing"_s).status, 201);
        QCOMPARE(toString(ticketOf(id).status), toString(TicketStatus::Open));
    }

    void unknownAccountsAndConversationsAre404()
    {
        QCOMPARE(server.request(u"/api/v1/widget/nope/conversations"_s,
                                postJson({{u"clientRequestId"_s, newId()}, {u"visitorToken"_s, newId()},
                                          {u"agentId"_s, u"a"_s}, {u"body"_s, u"x"_s}}))
                     .status,
                 404);
        QCOMPARE(visitor(u"wc_00000000000000000000000000000000"_s, newId(), u"x"_s).status, 404);
        QCOMPARE(server.get(u"/api/v1/widget/conversations/wc_guess"_s).status, 404);
        QCOMPARE(visitor(startConversation(), newId(), QString()).status, 400);   // empty body
    }

    // Tickets come to be in one place (service::insertNewTicket): one started
    // in the widget and one made by POST /tickets emit ticket_created events of
    // the same shape, each with the SLA as clients read it (the same as a GET
    // of the ticket at that time); the API answers with the ticket its event carries.
    void everyEntryEmitsTheSameTicketCreatedShape()
    {
        const qint64 before = server.get(u"/api/v1/events?after=0&limit=1"_s, acme.adminToken).json().value(u"head"_s).toInteger();
        const QString conversationId = startConversation();
        QVERIFY(!conversationId.isEmpty());
        const QString byWidget = QString::number(ticketOf(conversationId).id);
        const HttpReply posted = server.post(
            u"/api/v1/tickets"_s,
            jsonBytes({{u"subject"_s, u"Parcel never arrived"_s},
                       {u"customer"_s, QJsonObject{{u"email"_s, u"vera@example.com"_s}, {u"name"_s, u"Vera"_s}}},
                       {u"source"_s, u"widget"_s},
                       {u"body"_s, u"Hi, my parcel never arrived"_s}}),
            acme.adminToken, newId());
        QCOMPARE(posted.status, 201);
        const QJsonObject answered = posted.json().value(u"ticket"_s).toObject();
        const QString byApi = QString::number(answered.value(u"id"_s).toInteger());

        const QMap<QString, QJsonObject> created = ticketCreatedEvents(server, acme.adminToken, before);
        QVERIFY(created.contains(byWidget));
        QVERIFY(created.contains(byApi));
        const QString mismatch = createdShapeMismatch(server, acme.adminToken, created[byApi], created[byWidget]);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(answered, created[byApi].value(u"ticket"_s).toObject());
    }

    void cleanupTestCase()
    {
        if (server.isRunning())   // not started when the suite was skipped (no PostgreSQL)
            QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(WidgetTest)
#include "test_widget.moc"
