// Resend inbound email (email.received) against the real server and a
// local stand-in of Resend's received-emails API: Svix signatures, the
// support+/ticket+ aliases, duplicates, quote trimming, attachments.

#include "channels_test_support.h"
#include "support/resend_standin.h"

#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QString secret = u"whsec_"_s + QString::fromLatin1(QByteArray("zeiko-inbound-test-secret-32byte").toBase64());
const QString domain = u"in.zeiko.test"_s;
} // namespace

class InboundEmailTest : public QObject
{
    Q_OBJECT

private:
    ResendStandIn resend;
    SuiteDatabase database;
    ServerProcess server;
    AcmeTenant acme;
    int emails = 0;

    QByteArray webhookBody(const QString &emailId, const QStringList &to, const QString &messageId)
    {
        return jsonBytes({{u"type"_s, u"email.received"_s},
                          {u"created_at"_s, QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
                          {u"data"_s, QJsonObject{{u"email_id"_s, emailId},
                                                 {u"from"_s, u"Casey Customer <Casey@Example.com>"_s},
                                                 {u"to"_s, QJsonArray::fromStringList(to)},
                                                 {u"received_for"_s, QJsonArray::fromStringList(to)},
                                                 {u"message_id"_s, messageId},
                                                 {u"subject"_s, u"Broken kettle"_s}}}});
    }
    // Registers the email at the stand-in and delivers its webhook, signed.
    HttpReply deliver(const QStringList &to, const QString &text, const QString &messageId = {},
                      const QByteArray &svixId = {}, const QJsonArray &attachments = {}, const QJsonObject &headers = {})
    {
        const QString emailId = u"em-%1"_s.arg(++emails);
        const QString mid = messageId.isEmpty() ? u"<%1@mail.example.com>"_s.arg(newId()) : messageId;
        resend.addReceivedEmail(emailId, {{u"from"_s, u"Casey Customer <Casey@Example.com>"_s},
                                          {u"to"_s, QJsonArray::fromStringList(to)},
                                          {u"subject"_s, u"Broken kettle"_s},
                                          {u"text"_s, text},
                                          {u"html"_s, QJsonValue()},
                                          {u"message_id"_s, mid},
                                          {u"headers"_s, headers},
                                          {u"attachments"_s, attachments}});
        const QByteArray body = webhookBody(emailId, to, mid);
        return post(body, svixHeaders(svixId.isEmpty() ? newId().toLatin1() : svixId, body, secret,
                                      QDateTime::currentSecsSinceEpoch()));
    }
    HttpReply post(const QByteArray &body, const QList<QPair<QByteArray, QByteArray>> &headers)
    {
        RequestOptions o;
        o.method = "POST";
        o.body = body;
        o.headers = headers;
        o.headers.append(qMakePair(QByteArray("Content-Type"), QByteArray("application/json")));
        return server.request(u"/api/v1/webhooks/resend"_s, o);
    }
    qint64 head()
    {
        return server.get(u"/api/v1/events?after=0&limit=1"_s, acme.adminToken).json().value(u"head"_s).toInteger();
    }
    QJsonObject detail(const QString &ticketId)
    {
        return server.get(u"/api/v1/tickets/"_s + ticketId, acme.adminToken).json();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(resend.listen());
        ZEIKO_PREPARE_SUITE_DATABASE(database);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(
                     database.url(), {u"--resend-api-base-url"_s, resend.baseUrl(), u"--inbound-domain"_s, domain},
                     {{u"RESEND_WEBHOOK_SECRET"_s, secret}, {u"RESEND_API_KEY"_s, u"re_test_key"_s}})),
                 qPrintable(server.errorText()));
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
    }

    void badMissingOrStaleSignaturesAre401AndChangeNothing()
    {
        const qint64 before = head();
        const QByteArray body = webhookBody(u"em-x"_s, {u"support+acme@"_s + domain}, u"<x@y>"_s);
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        QCOMPARE(post(body, {}).status, 401);                                              // missing
        auto wrongKey = svixHeaders("msg_1", body, u"whsec_"_s + QString::fromLatin1(QByteArray("other").toBase64()), now);
        QCOMPARE(post(body, wrongKey).status, 401);                                        // other secret
        QCOMPARE(post(body, svixHeaders("msg_1", body, secret, now - 400)).status, 401);   // stale
        QCOMPARE(post(body, svixHeaders("msg_1", body, secret, now + 400)).status, 401);   // from the future
        auto tampered = svixHeaders("msg_1", body, secret, now);
        QCOMPARE(post(body + " ", tampered).status, 401);                                  // body changed
        tampered[0].second = "msg_2";
        QCOMPARE(post(body, tampered).status, 401);                                        // id changed
        QCOMPARE(head(), before);
        QCOMPARE(resend.fetchCount(), 0);   // nothing fetched for an unverified delivery

        // Several signatures (secret rotation): any valid v1 entry passes.
        auto rotated = svixHeaders("msg_rot", body, secret, now);
        rotated[2].second = "v1,AAAA " + wrongKey[2].second + " " + rotated[2].second;
        resend.addReceivedEmail(u"em-x"_s, {{u"from"_s, u"a@example.com"_s}, {u"text"_s, u"rotated"_s},
                                            {u"message_id"_s, u"<x@y>"_s}, {u"subject"_s, u"r"_s}});
        QCOMPARE(post(body, rotated).status, 200);
    }

    void supportAliasCreatesATicketWithTrimmedTextAndAttachments()
    {
        const QJsonArray attachments{QJsonObject{{u"id"_s, u"att-1"_s},
                                                 {u"filename"_s, u"receipt.pdf"_s},
                                                 {u"content_type"_s, u"application/pdf"_s},
                                                 {u"content_disposition"_s, u"attachment"_s}}};
        const HttpReply reply = deliver({u"Support+ACME@"_s + domain},
                                        u"My kettle stopped working.\n\nOn Mon, 1 Jan 2024, Shop <shop@x> wrote:\n> Thanks for your order\n> Bye\n"_s,
                                        {}, {}, attachments);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"status"_s).toString(), u"created"_s);
        const QJsonObject d = detail(reply.json().value(u"ticketId"_s).toString());
        const Ticket t = fromJson<Ticket>(d.value(u"ticket"_s).toObject());
        QCOMPARE(toString(t.source), u"email"_s);
        QCOMPARE(t.subject, u"Broken kettle"_s);
        QCOMPARE(t.customer.email, u"casey@example.com"_s);
        QCOMPARE(t.customer.name, u"Casey Customer"_s);
        const QString body = d.value(u"entries"_s).toArray().first().toObject().value(u"body"_s).toString();
        QVERIFY2(body.startsWith(u"My kettle stopped working."_s), qPrintable(body));
        QVERIFY2(!body.contains(u"Thanks for your order"_s) && !body.contains(u"wrote:"_s), qPrintable(body));
        QVERIFY2(body.contains(u"receipt.pdf (application/pdf)"_s), qPrintable(body));
    }

    void theSameDeliveryTwiceMakesOneEntry()
    {
        const QString messageId = u"<dup-%1@mail.example.com>"_s.arg(newId());
        const QByteArray svixId = "msg_dup_" + newId().toLatin1();
        const HttpReply first = deliver({u"support+acme@"_s + domain}, u"once"_s, messageId, svixId);
        QCOMPARE(first.json().value(u"status"_s).toString(), u"created"_s);
        const qint64 after = head();
        const HttpReply sameDelivery = deliver({u"support+acme@"_s + domain}, u"once"_s, messageId, svixId);
        QCOMPARE(sameDelivery.status, 200);
        QCOMPARE(sameDelivery.json().value(u"status"_s).toString(), u"duplicate"_s);
        const HttpReply sameMessage = deliver({u"support+acme@"_s + domain}, u"once"_s, messageId);   // new svix-id
        QCOMPARE(sameMessage.json().value(u"status"_s).toString(), u"duplicate"_s);
        QCOMPARE(head(), after);
    }

    void ticketAliasAppendsTheReplyAndMovesTheStatus()
    {
        const HttpReply created = deliver({u"support+acme@"_s + domain}, u"Where is my refund?"_s);
        const QString id = created.json().value(u"ticketId"_s).toString();
        const Ticket t = fromJson<Ticket>(detail(id).value(u"ticket"_s).toObject());
        QCOMPARE(t.key.size(), 32);   // 128 bits
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(id),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Which order?"_s}}), acme.adminToken, newId())
                     .status,
                 200);
        QCOMPARE(toString(fromJson<Ticket>(detail(id).value(u"ticket"_s).toObject()).status), toString(TicketStatus::WaitingOnCustomer));

        const HttpReply reply = deliver({u"ticket+%1@%2"_s.arg(t.key, domain)}, u"Order 1001.\n\n> Which order?\n"_s);
        QCOMPARE(reply.json().value(u"status"_s).toString(), u"appended"_s);
        QCOMPARE(reply.json().value(u"ticketId"_s).toString(), id);
        const QJsonObject d = detail(id);
        QCOMPARE(toString(fromJson<Ticket>(d.value(u"ticket"_s).toObject()).status), toString(TicketStatus::WaitingOnTeam));
        // The newest customer message (the mail worker's "sent" event for our reply may land after it).
        QString lastCustomerMessage;
        for (const QJsonValue &entry : d.value(u"entries"_s).toArray()) {
            if (entry.toObject().value(u"kind"_s).toString() == toString(EntryKind::CustomerMessage))
                lastCustomerMessage = entry.toObject().value(u"body"_s).toString();
        }
        QCOMPARE(lastCustomerMessage, u"Order 1001."_s);

        // Resolved -> a customer reply reopens it.
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(id), jsonBytes({{u"type"_s, u"close"_s}}), acme.adminToken, newId()).status, 200);
        const HttpReply afterClose = deliver({u"ticket+%1@%2"_s.arg(t.key, domain)}, u"Still broken"_s);
        QCOMPARE(afterClose.json().value(u"status"_s).toString(), u"created"_s);   // closed: a follow-up ticket
        QVERIFY(afterClose.json().value(u"ticketId"_s).toString() != id);
    }

    void unknownAliasesCreateNothing()
    {
        const qint64 before = head();
        for (const QString &to : {u"support+nobody@"_s + domain, u"ticket+0123456789abcdef0123456789abcdef@"_s + domain,
                                  u"support+acme@other.example"_s, u"hello@"_s + domain}) {
            const HttpReply reply = deliver({to}, u"hi"_s);
            QCOMPARE(reply.status, 200);
            QCOMPARE(reply.json().value(u"status"_s).toString(), u"ignored"_s);
            QCOMPARE(reply.json().value(u"reason"_s).toString(), u"unknown_alias"_s);
        }
        // (The outbound worker may still add the "sent" event of an earlier reply: look at what changed.)
        for (const Event &e : eventsAfter(server, acme.adminToken, before)) {
            QVERIFY(e.type != EventType::TicketCreated);
            QVERIFY(!e.entry || e.entry->kind != EntryKind::CustomerMessage);
        }
        QVERIFY(server.standardError().contains("matches no alias"));
    }

    // Tickets come to be in one place (service::insertNewTicket): one made by
    // an inbound email and one made by POST /tickets emit ticket_created events
    // of the same shape, each with the SLA as clients read it (the same as a
    // GET of the ticket at that time), and the API's answer is that ticket.
    void everyEntryEmitsTheSameTicketCreatedShape()
    {
        const qint64 before = head();
        const HttpReply mailed = deliver({u"support+acme@"_s + domain}, u"Is my order on its way?"_s);
        QCOMPARE(mailed.status, 200);
        const QString byMail = mailed.json().value(u"ticketId"_s).toString();
        const HttpReply posted = server.post(
            u"/api/v1/tickets"_s,
            jsonBytes({{u"subject"_s, u"Broken kettle"_s},
                       {u"customer"_s, QJsonObject{{u"email"_s, u"casey@example.com"_s}, {u"name"_s, u"Casey Customer"_s}}},
                       {u"source"_s, u"email"_s},
                       {u"body"_s, u"Is my order on its way?"_s}}),
            acme.adminToken, newId());
        QCOMPARE(posted.status, 201);
        const QJsonObject answered = posted.json().value(u"ticket"_s).toObject();
        const QString byApi = QString::number(answered.value(u"id"_s).toInteger());

        const QMap<QString, QJsonObject> created = ticketCreatedEvents(server, acme.adminToken, before);
        QVERIFY(created.contains(byMail));
        QVERIFY(created.contains(byApi));
        const QString mismatch = createdShapeMismatch(server, acme.adminToken, created[byApi], created[byMail]);
        QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        QCOMPARE(answered, created[byApi].value(u"ticket"_s).toObject());   // the API answers with the ticket its event carries
    }

    void cleanupTestCase()
    {
        if (server.isRunning())   // not started when the suite was skipped (no PostgreSQL)
            QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(InboundEmailTest)
#include "test_inbound_email.moc"
