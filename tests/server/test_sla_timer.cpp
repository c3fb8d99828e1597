// The SLA timer against the real server with a controllable clock
// (serve --test-clock): on_track -> at_risk -> breached are emitted as
// ticket_updated events by the server itself, once each, and a ticket
// waiting on the customer (paused) emits nothing.

#include "channels_test_support.h"

#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

class SlaTimerTest : public QObject
{
    Q_OBJECT

private:
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
    Seq head()
    {
        return server.get(u"/api/v1/events?after=0&limit=1"_s, acme.adminToken).json().value(u"head"_s).toInteger();
    }

private slots:
    void initTestCase()
    {
        QVERIFY2(server.start(ServerProcess::Options::onDatabase({}, {u"--test-clock"_s})), qPrintable(server.errorText()));
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
                 200);   // waiting on the customer: SLA paused
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
        QVERIFY(slaEvents(t.id, afterReply).isEmpty());   // waiting on the customer now: paused, quiet
    }

    void cleanupTestCase() { QCOMPARE(server.stop(), 0); }
};

QTEST_GUILESS_MAIN(SlaTimerTest)
#include "test_sla_timer.moc"
