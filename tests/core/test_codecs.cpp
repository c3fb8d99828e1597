#include "domain/codecs.h"
#include "domain/json_reader.h"

#include <QTest>

using namespace zeiko;
using namespace Qt::StringLiterals;

namespace {

QDateTime at(int minute)
{
    return QDateTime(QDate(2026, 11, 26), QTime(10, minute, 0, 123), Qt::UTC);
}

Ticket fullTicket()
{
    Ticket t;
    t.id = 42;
    t.number = 1042;
    t.key = u"9f1c2d3e4b5a69788796a5b4c3d2e1f0"_s;
    t.subject = u"Order #1001 arrived broken — ünïcødé ✓"_s;
    t.customer = {u"c1"_s, u"Dana Customer"_s, u"dana@example.com"_s, u"flagged for the round trip"_s, false};
    t.source = Source::Shopify;
    t.status = TicketStatus::WaitingOnTeam;
    t.priority = Priority::Urgent;
    t.assignee = Assignee{ActorKind::Operator, u"op1"_s, u"Alex"_s};
    t.ownerMode = OwnerMode::Human;
    t.sla.state = SlaState::AtRisk;
    t.sla.firstResponseDue = at(5);
    t.sla.resolutionDue = at(50);
    t.sla.firstRespondedAt = at(3);
    t.createdAt = at(1);
    t.lastActivityAt = at(2);
    t.handoffId = u"h1"_s;
    ShopifyOrder order;
    order.orderId = u"gid://shopify/Order/1"_s;
    order.orderNumber = u"#1001"_s;
    order.financialStatus = u"paid"_s;
    order.fulfillmentStatus = u"fulfilled"_s;
    order.currency = u"EUR"_s;
    order.totalPrice = u"99.80"_s;
    order.lineItems = {{u"Mug"_s, u"MUG-1"_s, 2, u"49.90"_s}};
    order.trackingNumber = u"TRACK1"_s;
    order.trackingUrl = u"https://track.example/TRACK1"_s;
    order.createdAt = at(0);
    t.shopifyOrder = order;
    t.csat = 4;
    t.tags = {u"billing"_s, u"vip"_s};
    t.version = 7;
    return t;
}

ThreadEntry fullEntry()
{
    ThreadEntry e;
    e.id = 9;
    e.ticketId = 42;
    e.kind = EntryKind::InternalNote;
    e.author = {ActorKind::Operator, u"op1"_s, u"Alex"_s};
    e.visibility = Visibility::Internal;
    e.body = u"| a | b |\n|---|---|\n| 1 | 2 |"_s;
    e.createdAt = at(4);
    e.requestId = u"6a1f0000-0000-4000-8000-000000000001"_s;
    return e;
}

Handoff fullHandoff()
{
    return {u"h1"_s, 42, HandoffState::Active, Assignee{ActorKind::Operator, u"op1"_s, u"Alex"_s},
            u"agent-7"_s, u"conv-3"_s, at(1), at(2)};
}

template<typename T> T roundTrip(const T &value)
{
    return decode<T>(encode(value));
}

QJsonObject mutate(QJsonObject object, const QString &key, const QJsonValue &value)
{
    if (value.isUndefined())
        object.remove(key);
    else
        object.insert(key, value);
    return object;
}

} // namespace

class TestCodecs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyTypeRoundTrips()
    {
        const Ticket ticket = fullTicket();
        QCOMPARE(roundTrip(ticket), ticket);

        Ticket minimal;
        minimal.id = 1;
        minimal.number = 1;
        minimal.subject = QString();   // an email with no subject is legal
        minimal.customer.id = u"c"_s;
        minimal.createdAt = at(0);
        minimal.lastActivityAt = at(0);
        QCOMPARE(roundTrip(minimal), minimal);

        QCOMPARE(roundTrip(fullEntry()), fullEntry());
        QCOMPARE(roundTrip(fullHandoff()), fullHandoff());
        QCOMPARE(roundTrip(fullTicket().customer), fullTicket().customer);
        QCOMPARE(roundTrip(*fullTicket().shopifyOrder), *fullTicket().shopifyOrder);

        const Operator op{u"op1"_s, u"alex@demo.test"_s, u"Alex"_s, OperatorRole::Admin, {u"billing"_s}, 5};
        QCOMPARE(roundTrip(op), op);
        const Tenant tenant{u"t1"_s, u"demo"_s, u"Demo Store"_s};
        QCOMPARE(roundTrip(tenant), tenant);

        Event event;
        event.seq = 12;
        event.type = EventType::EntryAdded;
        event.ticketId = 42;
        event.at = at(9);
        event.requestId = u"req"_s;
        event.ticket = ticket;
        event.entry = fullEntry();
        QCOMPARE(roundTrip(event), event);

        Event handoffEvent;
        handoffEvent.seq = 13;
        handoffEvent.type = EventType::HandoffUpdated;
        handoffEvent.ticketId = 42;
        handoffEvent.at = at(9);
        handoffEvent.handoff = fullHandoff();
        QCOMPARE(roundTrip(handoffEvent), handoffEvent);

        Command reply{u"k1"_s, CommandType::EmailReply, 42, 7, u"Hello **there**"_s, std::nullopt, {}, {}, {}, {}, {}};
        QCOMPARE(roundTrip(reply), reply);
        Command priority{u"k2"_s, CommandType::SetPriority, 42, std::nullopt, {}, Priority::High, {}, {}, {}, {}, {}};
        QCOMPARE(roundTrip(priority), priority);
        Command forceClose{u"k3"_s, CommandType::ForceClose, 42, 3, {}, std::nullopt, {}, u"spam"_s, {}, {}, {}};
        QCOMPARE(roundTrip(forceClose), forceClose);

        const CommandResult result{ticket, fullEntry(), 99};
        QCOMPARE(roundTrip(result), result);
        const SnapshotPage page{5, {ticket, minimal}, u"cursor"_s};
        QCOMPARE(roundTrip(page), page);
        const EventPage events{{event, handoffEvent}, 20, true};
        QCOMPARE(roundTrip(events), events);
        const ApiError error{u"version_conflict"_s, u"Someone changed it"_s, ticket};
        QCOMPARE(roundTrip(error), error);
    }

    void missingRequiredFieldIsNamed_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expectedPath");
        QTest::newRow("status") << u"status"_s << u"status"_s;
        QTest::newRow("version") << u"version"_s << u"version"_s;
        QTest::newRow("customer") << u"customer"_s << u"customer"_s;
        QTest::newRow("createdAt") << u"createdAt"_s << u"createdAt"_s;
    }

    void missingRequiredFieldIsNamed()
    {
        QFETCH(QString, field);
        QFETCH(QString, expectedPath);
        const QJsonObject broken = mutate(toJson(fullTicket()), field, QJsonValue::Undefined);
        try {
            fromJson<Ticket>(broken);
            QFAIL("decoding must fail");
        } catch (const DecodeError &error) {
            QCOMPARE(error.field(), expectedPath);
            QVERIFY(error.reason().contains(u"missing"_s));
        }
    }

    void unknownEnumIsAnErrorNotADefault()
    {
        QJsonObject ticket = mutate(toJson(fullTicket()), u"priority"_s, u"critical"_s);
        try {
            fromJson<Ticket>(ticket);
            QFAIL("decoding must fail");
        } catch (const DecodeError &error) {
            QCOMPARE(error.field(), u"priority"_s);
            QVERIFY(error.reason().contains(u"critical"_s));
        }
    }

    void commandsNameTheirTargetsAndEventsTheirScope()
    {
        Command settings;
        settings.requestId = u"k4"_s;
        settings.type = CommandType::UpdateHandoffSettings;
        settings.targets = {CommandTarget::tenant()};
        settings.agentId = u"wizard"_s;
        settings.settings = QJsonObject{{u"strategy"_s, u"round_robin"_s}};
        QCOMPARE(roundTrip(settings), settings);
        QVERIFY(!toJson(settings).contains(u"ticketId"_s));   // about no ticket
        Command both{u"k5"_s, CommandType::InternalNote, 1, std::nullopt, u"about both"_s, std::nullopt, {}, {}, {}, {}, {}};
        both.targets = {CommandTarget::ticket(1), CommandTarget::ticket(2)};
        QCOMPARE(roundTrip(both), both);

        Event tenantEvent;
        tenantEvent.seq = 14;
        tenantEvent.type = EventType::HandoffSettingsUpdated;
        tenantEvent.scope = TargetKind::Tenant;
        tenantEvent.at = at(10);
        tenantEvent.requestId = u"k4"_s;
        tenantEvent.handoffSettings = settings.settings;
        const QJsonObject json = toJson(tenantEvent);
        QVERIFY(json.value(u"ticketId"_s).isNull());
        QCOMPARE(json.value(u"scope"_s).toString(), u"tenant"_s);
        QCOMPARE(roundTrip(tenantEvent), tenantEvent);
        // A ticket event stays as it was: no scope field.
        Event ticketEvent;
        ticketEvent.seq = 15;
        ticketEvent.ticketId = 42;
        ticketEvent.at = at(11);
        ticketEvent.ticket = fullTicket();
        QVERIFY(!toJson(ticketEvent).contains(u"scope"_s));
    }

    void anEventOfAKindNotKnownYetIsKeptByItsSeq()
    {
        const QJsonObject json{{u"seq"_s, 21}, {u"type"_s, u"macro_updated"_s}, {u"ticketId"_s, QJsonValue()},
                               {u"scope"_s, u"tenant"_s}, {u"at"_s, isoUtc(at(1))}, {u"macro"_s, QJsonObject{}}};
        const Event event = fromJson<Event>(json);
        QCOMPARE(event.seq, 21);
        QCOMPARE(event.unknownType, u"macro_updated"_s);
        QVERIFY(!event.ticket && !event.entry && !event.handoff);
        // A known kind with a payload it promises missing is still an error.
        try {
            fromJson<Event>(QJsonObject{{u"seq"_s, 22}, {u"type"_s, u"handoff_settings_updated"_s},
                                        {u"scope"_s, u"tenant"_s}, {u"at"_s, isoUtc(at(1))}});
            QFAIL("decoding must fail");
        } catch (const DecodeError &error) {
            QCOMPARE(error.field(), u"handoffSettings"_s);
        }
    }

    void nestedErrorsCarryTheirPath()
    {
        QJsonObject ticket = toJson(fullTicket());
        QJsonObject customer = ticket.value(u"customer"_s).toObject();
        customer.remove(u"id"_s);
        ticket.insert(u"customer"_s, customer);
        EventPage page;
        QJsonObject pageJson = toJson(page);
        QJsonObject event{{u"seq"_s, 1}, {u"type"_s, u"ticket_updated"_s}, {u"ticketId"_s, 42},
                          {u"at"_s, isoUtc(at(1))}, {u"ticket"_s, ticket}};
        pageJson.insert(u"events"_s, QJsonArray{event});
        try {
            fromJson<EventPage>(pageJson);
            QFAIL("decoding must fail");
        } catch (const DecodeError &error) {
            QCOMPARE(error.field(), u"events[0].ticket.customer.id"_s);
        }
    }

    void wrongTypesAreRejected_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QJsonValue>("value");
        QTest::newRow("id as string") << u"id"_s << QJsonValue(u"42"_s);
        QTest::newRow("fractional number") << u"number"_s << QJsonValue(1.5);
        QTest::newRow("subject as number") << u"subject"_s << QJsonValue(3);
        QTest::newRow("bad timestamp") << u"createdAt"_s << QJsonValue(u"yesterday"_s);
        QTest::newRow("tags not strings") << u"tags"_s << QJsonValue(QJsonArray{1, 2});
        QTest::newRow("csat out of range") << u"csat"_s << QJsonValue(9);
        QTest::newRow("huge integer") << u"version"_s << QJsonValue(1e300);
    }

    void wrongTypesAreRejected()
    {
        QFETCH(QString, field);
        QFETCH(QJsonValue, value);
        QVERIFY_THROWS_EXCEPTION(DecodeError, fromJson<Ticket>(mutate(toJson(fullTicket()), field, value)));
    }

    void commandsRequireWhatTheirTypeNeeds_data()
    {
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("missingField");
        QTest::newRow("reply body") << u"email_reply"_s << u"body"_s;
        QTest::newRow("note body") << u"internal_note"_s << u"body"_s;
        QTest::newRow("priority") << u"set_priority"_s << u"priority"_s;
        QTest::newRow("assignee") << u"assign"_s << u"assigneeId"_s;
        QTest::newRow("force close reason") << u"force_close"_s << u"reason"_s;
    }

    void commandsRequireWhatTheirTypeNeeds()
    {
        QFETCH(QString, type);
        QFETCH(QString, missingField);
        try {
            fromJson<Command>(QJsonObject{{u"type"_s, type}, {u"body"_s, u"   "_s}});
            QFAIL("decoding must fail");
        } catch (const DecodeError &error) {
            QCOMPARE(error.field(), missingField);
        }
    }

    void internalNoteCanNeverBePublic()
    {
        QJsonObject entry = mutate(toJson(fullEntry()), u"visibility"_s, u"public"_s);
        QVERIFY_THROWS_EXCEPTION(DecodeError, fromJson<ThreadEntry>(entry));
    }

    void eventPayloadMatchesItsType()
    {
        QJsonObject event{{u"seq"_s, 3}, {u"type"_s, u"entry_added"_s}, {u"ticketId"_s, 42},
                          {u"at"_s, isoUtc(at(1))}, {u"ticket"_s, toJson(fullTicket())}};
        try {
            fromJson<Event>(event);
            QFAIL("an entry_added event without entry must fail");
        } catch (const DecodeError &error) {
            QCOMPARE(error.field(), u"entry"_s);
        }
        event.insert(u"seq"_s, 0);
        QVERIFY_THROWS_EXCEPTION(DecodeError, fromJson<Event>(event));
    }

    void malformedJsonIsAClearError_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("truncated") << QByteArray(R"({"seq": 1, "type": )");
        QTest::newRow("array") << QByteArray("[1,2,3]");
        QTest::newRow("garbage") << QByteArray("\xff\xfe\x00garbage", 10);
        QTest::newRow("html error page") << QByteArray("<html>502 Bad Gateway</html>");
    }

    void malformedJsonIsAClearError()
    {
        QFETCH(QByteArray, bytes);
        try {
            decode<Event>(bytes);
            QFAIL("decoding must fail");
        } catch (const DecodeError &error) {
            QCOMPARE(error.field(), u"$"_s);
            QVERIFY(!error.message().isEmpty());
        }
    }

    void timestampsAreUtcWithMilliseconds()
    {
        const QJsonObject json = toJson(fullTicket());
        QCOMPARE(json.value(u"createdAt"_s).toString(), u"2026-11-26T10:01:00.123Z"_s);
        QJsonObject offset = mutate(json, u"createdAt"_s, u"2026-11-26T12:01:00.123+02:00"_s);
        QCOMPARE(fromJson<Ticket>(offset).createdAt, at(1));
    }
};

QTEST_GUILESS_MAIN(TestCodecs)
#include "test_codecs.moc"
