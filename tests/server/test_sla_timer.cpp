// The SLA timer against the real server with a controllable clock
// (serve --test-clock): on_track -> at_risk -> breached are emitted as
// ticket_updated events by the server itself, once each; a human reply
// meets the response target (met, quiet while waiting on the customer) and
// the customer's answer starts the next-response target. Built twice:
// SQLite (label server) and PostgreSQL (test_sla_timer_postgres).

#include "channels_test_support.h"

#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

class SlaTimerTest : public QObject
{
    Q_OBJECT

private:
    SuiteDatabase database;
    ServerProcess server;
    AcmeTenant acme;

    Ticket createTicket(Priority priority)
    {
        const HttpReply reply = server.post(
            u"/api/v1/tickets"_s,
            jsonBytes({{u"subject"_s, u"SLA check"_s},
                       {u"customer"_s, QJsonObject{{u"email"_s, u"sla@example.com"_s}}},
                       {u"source"_s, u"email"_s},
                       {u"priority"_s, toString(priority)},
                       {u"body"_s, u"Please help"_s}}),
            acme.adminToken, newId());
        return decode<CommandResult>(reply.body).ticket;
    }
    void advance(qint64 minutes)
    {
        const HttpReply reply = server.request(u"/api/v1/test/clock"_s,
                                               postJson({{u"advanceMs"_s, minutes * 60 * 1000}}, acme.adminToken));
        QCOMPARE(reply.status, 200);
    }
    // SLA states the server announced for `ticket` in events after `after`.
    QStringList slaEvents(TicketId ticket, Seq after)
    {
        QStringList states;
        for (const Event &e : eventsAfter(server, acme.adminToken, after))
            if (e.ticketId == ticket && e.type == EventType::TicketUpdated && e.ticket && e.requestId.isEmpty())
                states.append(toString(e.ticket->sla.state));
        return states;
    }
    HttpReply command(TicketId id, const QJsonObject &body)
    {
        return server.post(u"/api/v1/tickets/%1/commands"_s.arg(id), jsonBytes(body), acme.adminToken, newId());
    }
    Ticket ticket(TicketId id)
    {
        return fromJson<Ticket>(server.get(u"/api/v1/tickets/%1"_s.arg(id), acme.adminToken).json().value(u"ticket"_s).toObject());
    }
    // A website-widget chat (its visitor's messages are customer answers); its ticket.
    std::pair<QString, Ticket> startChat()
    {
        const HttpReply started = server.request(u"/api/v1/widget/acme/conversations"_s,
                                                 postJson({{u"clientRequestId"_s, newId()},
                                                           {u"visitorToken"_s, newId()},
                                                           {u"agentId"_s, u"agent-sla"_s},
                                                           {u"body"_s, u"Where is my parcel?"_s}}));
        const QJsonObject conversation = started.json();
        const qint64 number = conversation.value(u"ticketNumber"_s).toInteger();
        for (const Event &e : eventsAfter(server, acme.adminToken, 0))
            if (e.type == EventType::TicketCreated && e.ticket && e.ticket->number == number)
                return {conversation.value(u"conversationId"_s).toString(), *e.ticket};
        return {};
    }
    Seq head()
    {
        return server.get(u"/api/v1/events?after=0&limit=1"_s, acme.adminToken).json().value(u"head"_s).toInteger();
    }

private slots:
    void initTestCase()
    {
        ZEIKO_PREPARE_SUITE_DATABASE(database);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(database.url(), {u"--test-clock"_s})),
                 qPrintable(server.errorText()));
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
    }

    void theClockEndpointNeedsTheFlagAndASession()
    {
        QCOMPARE(server.request(u"/api/v1/test/clock"_s, postJson({{u"advanceMs"_s, 1}})).status, 401);
        ServerProcess plain;
        QVERIFY2(plain.start(ServerProcess::Options::onDatabase(server.databaseUrl())), qPrintable(plain.errorText()));
        QCOMPARE(plain.request(u"/api/v1/test/clock"_s, postJson({{u"advanceMs"_s, 1}}, acme.adminToken)).status, 404);
        QCOMPARE(plain.stop(), 0);
    }

    void transitionsAreEmittedOnceWhenTheyHappen()
    {
        const Seq start = head();
        const Ticket urgent = createTicket(Priority::Urgent);   // first response due in 1 h
        const Ticket paused = createTicket(Priority::Urgent);
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(paused.id),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Can you send a photo?"_s}}),
                             acme.adminToken, newId())
                     .status,
                 200);   // answered, waiting on the customer: SLA met, clock stopped
        QVERIFY(slaEvents(urgent.id, start).isEmpty());

        advance(44);   // 16 min left of 60: still on track
        advance(2);    // 14 min left: less than a quarter -> at_risk
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(urgent.id, start), QStringList{u"at_risk"_s}, 20000);

        advance(15);   // due date passed -> breached
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(urgent.id, start), (QStringList{u"at_risk"_s, u"breached"_s}), 20000);

        // More time changes nothing more; the paused ticket never fired.
        advance(600);
        // A sentinel that breaches after that: once its event is out, the
        // timer has passed over the others at least once since.
        const Ticket sentinel = createTicket(Priority::Urgent);
        advance(61);
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(sentinel.id, start), QStringList{u"breached"_s}, 20000);
        QCOMPARE(slaEvents(urgent.id, start), (QStringList{u"at_risk"_s, u"breached"_s}));
        QVERIFY(slaEvents(paused.id, start).isEmpty());
    }

    void aBreachedTicketTheTeamAnsweredIsQuiet()
    {
        const Seq start = head();
        const Ticket t = createTicket(Priority::Urgent);
        advance(61);
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(t.id, start), QStringList{u"breached"_s}, 20000);
        // at_risk was skipped because time jumped past it: one event, the state it is in now.
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(t.id),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"On it"_s}}), acme.adminToken, newId())
                     .status,
                 200);
        const Seq afterReply = head();
        const Ticket sentinel = createTicket(Priority::Urgent);
        advance(61);
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(sentinel.id, afterReply), QStringList{u"breached"_s}, 20000);
        QVERIFY(slaEvents(t.id, afterReply).isEmpty());   // answered, waiting on the customer: quiet
        QCOMPARE(toString(ticket(t.id).sla.state), toString(SlaState::Met));
    }

    void aHumanReplyMeetsTheTargetUntilTheCustomerAnswers()
    {
        const Seq start = head();
        const auto [conversation, created] = startChat();   // normal priority: 8 h to respond, 48 h to resolve
        QVERIFY(created.id > 0);
        QCOMPARE(toString(created.sla.state), toString(SlaState::OnTrack));

        // The reply meets the first response: `met`, recorded, nothing owed.
        const HttpReply replied = command(created.id, {{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Let me look."_s}});
        QCOMPARE(replied.status, 200);
        const Ticket answered = decode<CommandResult>(replied.body).ticket;
        QCOMPARE(toString(answered.status), toString(TicketStatus::WaitingOnCustomer));
        QCOMPARE(toString(answered.sla.state), toString(SlaState::Met));
        QVERIFY(answered.sla.firstRespondedAt);
        QVERIFY(!answered.sla.nextResponseDue);

        // However long the customer takes, nothing is announced and the state stays met
        // (the resolution clock is stopped: 50 h is past its 48 h).
        advance(50 * 60);
        const Ticket sentinel = createTicket(Priority::Urgent);
        advance(61);
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(sentinel.id, start), QStringList{u"breached"_s}, 20000);
        QVERIFY(slaEvents(created.id, start).isEmpty());
        QCOMPARE(toString(ticket(created.id).sla.state), toString(SlaState::Met));

        // The customer answers: a next response is owed (8 h from now), the
        // resolution target moved by the time we waited, and it is on track.
        const Seq beforeAnswer = head();
        QCOMPARE(server.request(u"/api/v1/widget/conversations/%1/messages"_s.arg(conversation),
                                postJson({{u"clientRequestId"_s, newId()}, {u"body"_s, u"Still nothing"_s}}))
                     .status,
                 201);
        const Ticket reopened = ticket(created.id);
        QCOMPARE(toString(reopened.status), toString(TicketStatus::WaitingOnTeam));
        QCOMPARE(toString(reopened.sla.state), toString(SlaState::OnTrack));
        QVERIFY(reopened.sla.nextResponseDue);
        QCOMPARE(reopened.sla.firstRespondedAt, answered.sla.firstRespondedAt);
        QVERIFY(*reopened.sla.resolutionDue >= answered.sla.resolutionDue->addSecs(51 * 3600));
        QVERIFY(slaEvents(created.id, beforeAnswer).isEmpty());   // the answer's own event is not a timer event

        // The timer takes the next-response target through at_risk and breached.
        advance(6 * 60 + 1);   // 1 h 59 min of 8 h left: under a quarter
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(created.id, beforeAnswer), QStringList{u"at_risk"_s}, 20000);
        advance(120);
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(created.id, beforeAnswer), (QStringList{u"at_risk"_s, u"breached"_s}), 20000);

        // The next reply meets it again, and the timer is quiet once more.
        const HttpReply second = command(created.id, {{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Found it."_s}});
        QCOMPARE(toString(decode<CommandResult>(second.body).ticket.sla.state), toString(SlaState::Met));
        const Seq afterSecond = head();
        const Ticket lastSentinel = createTicket(Priority::Urgent);
        advance(61);
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(lastSentinel.id, afterSecond), QStringList{u"breached"_s}, 20000);
        QVERIFY(slaEvents(created.id, afterSecond).isEmpty());

        // A second round: the customer answers again, and at_risk is news again.
        const Seq beforeSecondAnswer = head();
        QCOMPARE(server.request(u"/api/v1/widget/conversations/%1/messages"_s.arg(conversation),
                                postJson({{u"clientRequestId"_s, newId()}, {u"body"_s, u"Thanks, one more"_s}}))
                     .status,
                 201);
        advance(6 * 60 + 1);
        QTRY_COMPARE_WITH_TIMEOUT(slaEvents(created.id, beforeSecondAnswer), QStringList{u"at_risk"_s}, 20000);
    }

    void cleanupTestCase()
    {
        if (server.isRunning())   // not started when the suite was skipped (no PostgreSQL)
            QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(SlaTimerTest)
#include "test_sla_timer.moc"
