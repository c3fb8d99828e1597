// Outbound ticket email against the real server: an operator's email_reply
// is mailed through a real SMTP server (python3-aiosmtpd) with Reply-To
// alias, Message-ID/In-Reply-To/References, ticket header, HTML + plain
// text; the customer's answer threads back by In-Reply-To; the Resend HTTP
// transport (local stand-in) gets an idempotency key and retries after a
// failure; "sent" shows up in the thread.

#include "channels_test_support.h"
#include "support/resend_standin.h"

#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QString secret = u"whsec_"_s + QString::fromLatin1(QByteArray("zeiko-outbound-test-secret-32by").toBase64());
const QString domain = u"in.zeiko.test"_s;

// Header value of a raw RFC 5322 message (first occurrence, unfolded).
QString headerValue(const QByteArray &message, const QByteArray &name)
{
    const QByteArray head = message.left(message.indexOf("\r\n\r\n"));
    for (const QByteArray &line : head.split('\n'))
        if (line.toLower().startsWith(name.toLower() + ':'))
            return QString::fromUtf8(line.mid(name.size() + 1).trimmed());
    return {};
}
} // namespace

class OutboundEmailTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir smtpDir;
    QProcess smtp;
    int smtpPort = 0;
    ResendStandIn resend;
    SuiteDatabase database;
    ServerProcess server;
    AcmeTenant acme;

    HttpReply deliverInbound(const QStringList &to, const QString &text, const QJsonObject &headers,
                             const QString &from = u"Dana <dana@example.com>"_s)
    {
        static int n = 0;
        const QString emailId = u"out-em-%1"_s.arg(++n);
        const QString messageId = u"<%1@mail.example.com>"_s.arg(newId());
        resend.addReceivedEmail(emailId, {{u"from"_s, from},
                                          {u"to"_s, QJsonArray::fromStringList(to)},
                                          {u"subject"_s, u"Re: Lost parcel"_s},
                                          {u"text"_s, text},
                                          {u"message_id"_s, messageId},
                                          {u"headers"_s, headers}});
        const QByteArray body = jsonBytes({{u"type"_s, u"email.received"_s},
                                           {u"data"_s, QJsonObject{{u"email_id"_s, emailId},
                                                                  {u"to"_s, QJsonArray::fromStringList(to)},
                                                                  {u"message_id"_s, messageId},
                                                                  {u"subject"_s, u"Lost parcel"_s}}}});
        RequestOptions o;
        o.method = "POST";
        o.body = body;
        o.headers = svixHeaders(newId().toLatin1(), body, secret, QDateTime::currentSecsSinceEpoch());
        return server.request(u"/api/v1/webhooks/resend"_s, o);
    }
    QStringList capturedMails() const
    {
        return QDir(smtpDir.path()).entryList({u"*.eml"_s}, QDir::Files, QDir::Name);
    }
    QByteArray captured(const QString &name) const
    {
        QFile f(smtpDir.filePath(name));
        return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
    }
    QJsonArray entries(const QString &ticketId)
    {
        return server.get(u"/api/v1/tickets/"_s + ticketId, acme.adminToken).json().value(u"entries"_s).toArray();
    }
    bool hasEmailEvent(const QString &ticketId, const QString &status)
    {
        for (const QJsonValue &e : entries(ticketId))
            if (e.toObject().value(u"kind"_s).toString() == u"email_event"_s &&
                e.toObject().value(u"eventStatus"_s).toString() == status)
                return true;
        return false;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(smtpDir.isValid());
        smtp.setProgram(u"/usr/bin/python3"_s);
        smtp.setArguments({QFINDTESTDATA("../support/smtp_sink.py"), smtpDir.path()});
        smtp.start();
        QVERIFY(smtp.waitForStarted());
        QTRY_VERIFY_WITH_TIMEOUT(smtp.canReadLine() || smtp.state() == QProcess::NotRunning, 20000);
        const QByteArray line = smtp.readLine().trimmed();
        if (!line.startsWith("listening "))
            QSKIP(qPrintable(u"python3-aiosmtpd is not usable here: "_s + QString::fromUtf8(line + smtp.readAllStandardError())));
        smtpPort = line.mid(10).toInt();
        QVERIFY(resend.listen());
        ZEIKO_PREPARE_SUITE_DATABASE(database);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(
                     database.url(), {u"--smtp-url"_s, u"smtp://127.0.0.1:%1"_s.arg(smtpPort), u"--smtp-allow-plaintext"_s, u"--from-email"_s,
                          u"Acme Support <support@acme.test>"_s, u"--inbound-domain"_s, domain,
                          u"--resend-api-base-url"_s, resend.baseUrl()},
                     {{u"RESEND_WEBHOOK_SECRET"_s, secret}, {u"RESEND_API_KEY"_s, u"re_test"_s}})),
                 qPrintable(server.errorText()));
        acme = createAcme(server);
        QVERIFY2(acme.ok(), qPrintable(acme.error));
    }

    void aReplyIsMailedWithThreadingHeadersAndTheAnswerThreadsBack()
    {
        const HttpReply created = deliverInbound({u"support+acme@"_s + domain}, u"My parcel is lost"_s, {});
        QCOMPARE(created.json().value(u"status"_s).toString(), u"created"_s);
        const QString ticketId = created.json().value(u"ticketId"_s).toString();
        const QJsonObject detail = server.get(u"/api/v1/tickets/"_s + ticketId, acme.adminToken).json();
        const Ticket t = fromJson<Ticket>(detail.value(u"ticket"_s).toObject());

        const QString key = newId();
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Sorry! **Refund** issued:\n\n- 49.90 EUR"_s}}),
                             acme.adminToken, key)
                     .status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(capturedMails().size(), 1, 30000);
        const QByteArray mail = captured(capturedMails().first());
        QCOMPARE(headerValue(mail, "To"), u"dana@example.com"_s);
        QCOMPARE(headerValue(mail, "Reply-To"), u"ticket+%1@%2"_s.arg(t.key, domain));
        QVERIFY(headerValue(mail, "From").contains(u"support@acme.test"_s));
        QCOMPARE(headerValue(mail, "Subject"), u"Re: Lost parcel [#%1]"_s.arg(t.number));
        QCOMPARE(headerValue(mail, "X-Zeiko-Ticket"), u"#%1"_s.arg(t.number));
        const QString messageId = headerValue(mail, "Message-ID");
        QVERIFY2(QRegularExpression(u"^<reply\\.[0-9a-f]{32}@in\\.zeiko\\.test>$"_s).match(messageId).hasMatch(), qPrintable(messageId));
        const QString inReplyTo = headerValue(mail, "In-Reply-To");
        QVERIFY2(inReplyTo.endsWith(u"@mail.example.com>"_s), qPrintable(inReplyTo));   // the customer's Message-ID
        QVERIFY(headerValue(mail, "References").contains(inReplyTo));
        QVERIFY(mail.contains("multipart/alternative"));
        QVERIFY(mail.contains("Content-Type: text/plain; charset=utf-8"));
        QVERIFY(mail.contains("Content-Type: text/html; charset=utf-8"));
        const QByteArray html = QByteArray::fromBase64(mail.mid(mail.indexOf("text/html")).split('\n').mid(3).join());
        QVERIFY2(html.contains("<strong>Refund</strong>"), html.constData());
        QTRY_VERIFY_WITH_TIMEOUT(hasEmailEvent(ticketId, u"sent"_s), 20000);

        // The customer answers from a client that dropped the alias: threaded by In-Reply-To.
        const HttpReply answer = deliverInbound({u"support+acme@"_s + domain}, u"Thanks, got it!"_s,
                                                {{u"In-Reply-To"_s, messageId}, {u"References"_s, inReplyTo + u' ' + messageId}});
        QCOMPARE(answer.json().value(u"status"_s).toString(), u"appended"_s);
        QCOMPARE(answer.json().value(u"ticketId"_s).toString(), ticketId);

        // A repeat of the same command (same Idempotency-Key) mails nothing new.
        server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                    jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Sorry! **Refund** issued:\n\n- 49.90 EUR"_s}}),
                    acme.adminToken, key);
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                             jsonBytes({{u"type"_s, u"internal_note"_s}, {u"body"_s, u"marker"_s}}), acme.adminToken, newId())
                     .status,
                 200);
        QTest::qWait(0);
        QCOMPARE(capturedMails().size(), 1);
    }

    // Security review finding 2: a customer address went raw into the SMTP
    // envelope, and libcurl passes CR/LF through (command injection).
    void anAddressThatIsNotAMailboxIsKeptFlaggedAndNeverMailed()
    {
        const int mailsBefore = int(capturedMails().size());
        const HttpReply created = deliverInbound({u"support+acme@"_s + domain}, u"Hello"_s, {},
                                                 u"Eve <eve@example.com\r\nRCPT TO:<victim@evil.test>\r\nX: y>"_s);
        QCOMPARE(created.status, 200);   // the provider must not retry or disable the hook
        QCOMPARE(created.json().value(u"status"_s).toString(), u"created"_s);
        QVERIFY2(created.json().value(u"undeliverable"_s).toString().contains(u"control character"_s), created.body.constData());
        const QString ticketId = created.json().value(u"ticketId"_s).toString();
        const Ticket t = fromJson<Ticket>(
            server.get(u"/api/v1/tickets/"_s + ticketId, acme.adminToken).json().value(u"ticket"_s).toObject());
        QVERIFY(!t.customer.emailProblem.isEmpty());
        QVERIFY(!t.customer.email.contains(u'\r') && !t.customer.email.contains(u'\n'));

        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Hi Eve"_s}}), acme.adminToken, newId())
                     .status,
                 200);
        // The reply stays in the thread; the mail fails for good, with the reason, and nothing reaches SMTP.
        QTRY_VERIFY_WITH_TIMEOUT(hasEmailEvent(ticketId, u"failed"_s), 20000);
        bool reasonShown = false;
        for (const QJsonValue &e : entries(ticketId))
            reasonShown = reasonShown || e.toObject().value(u"body"_s).toString().contains(u"undeliverable"_s);
        QVERIFY(reasonShown);
        QCOMPARE(int(capturedMails().size()), mailsBefore);
    }

    void clientsCannotCreateTicketsForAddressesThatAreNotMailboxes()
    {
        for (const QString &email : {u"a@b.test\r\nRCPT TO:<c@d.test>"_s, u"two words@b.test"_s, u"no-at-sign"_s}) {
            const HttpReply rest = server.post(u"/api/v1/tickets"_s,
                                               jsonBytes({{u"subject"_s, u"x"_s},
                                                          {u"customer"_s, QJsonObject{{u"email"_s, email}}},
                                                          {u"source"_s, u"email"_s},
                                                          {u"body"_s, u"x"_s}}),
                                               acme.adminToken, newId());
            QCOMPARE(rest.status, 400);
            QCOMPARE(rest.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"invalid_field"_s);
            const HttpReply widget = server.post(
                u"/api/v1/widget/acme/conversations"_s,
                jsonBytes({{u"clientRequestId"_s, newId()}, {u"visitorToken"_s, newId()}, {u"agentId"_s, u"a"_s},
                           {u"visitor"_s, QJsonObject{{u"email"_s, email}}}, {u"body"_s, u"x"_s}}),
                QString(), QString());
            QCOMPARE(widget.status, 400);
            QCOMPARE(widget.json().value(u"error"_s).toObject().value(u"code"_s).toString(), u"invalid_field"_s);
        }
    }

    // Security review finding 14: the reply subject was built by chained
    // QString::arg, so a "%1" in the customer's subject ate the [#N] tag.
    void aPercentSignInTheSubjectKeepsTheTicketTag()
    {
        const int mailsBefore = int(capturedMails().size());
        const HttpReply created = server.post(u"/api/v1/tickets"_s,
                                              jsonBytes({{u"subject"_s, u"50%1 off, %2 %3"_s},
                                                         {u"customer"_s, QJsonObject{{u"email"_s, u"percy@example.com"_s}}},
                                                         {u"source"_s, u"email"_s},
                                                         {u"body"_s, u"Where is my discount?"_s}}),
                                              acme.adminToken, newId());
        QVERIFY2(created.status == 201 || created.status == 200, created.body.constData());
        const Ticket t = fromJson<Ticket>(created.json().value(u"ticket"_s).toObject());
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(t.id),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Here it is"_s}}), acme.adminToken, newId())
                     .status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(int(capturedMails().size()), mailsBefore + 1, 30000);
        QString subject;
        for (const QString &name : capturedMails())
            if (headerValue(captured(name), "To") == u"percy@example.com"_s)
                subject = headerValue(captured(name), "Subject");
        QCOMPARE(subject, u"Re: 50%1 off, %2 %3 [#"_s + QString::number(t.number) + u']');
    }

    // Security review finding 17: a reply without the ticket alias was
    // threaded by References across every tenant and whoever sent it.
    void threadingByReferencesNeedsTheTenantsAliasAndTheTicketsCustomer()
    {
        const QString greta = u"Greta <greta@example.com>"_s;
        const HttpReply created = deliverInbound({u"support+acme@"_s + domain}, u"Lid is cracked"_s, {}, greta);
        QCOMPARE(created.json().value(u"status"_s).toString(), u"created"_s);
        const QString ticketId = created.json().value(u"ticketId"_s).toString();
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Photo please"_s}}), acme.adminToken, newId())
                     .status,
                 200);
        QString ourMessageId;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&] {
                for (const QString &name : capturedMails())
                    if (headerValue(captured(name), "To") == u"greta@example.com"_s)
                        ourMessageId = headerValue(captured(name), "Message-ID");
                return !ourMessageId.isEmpty();
            }(),
            30000);
        const QJsonObject threaded{{u"In-Reply-To"_s, ourMessageId}, {u"References"_s, ourMessageId}};

        // Someone else quoting our Message-ID gets a ticket of their own.
        const HttpReply stranger = deliverInbound({u"support+acme@"_s + domain}, u"Let me in"_s, threaded,
                                                  u"Mallory <mallory@evil.test>"_s);
        QCOMPARE(stranger.json().value(u"status"_s).toString(), u"created"_s);
        QVERIFY(stranger.json().value(u"ticketId"_s).toString() != ticketId);
        // Mail that names no tenant (no alias of ours) is dropped, even from the customer.
        const HttpReply noAlias = deliverInbound({u"hello@"_s + domain}, u"Here it is"_s, threaded, greta);
        QCOMPARE(noAlias.json().value(u"status"_s).toString(), u"ignored"_s);
        // The customer answering through the tenant's support alias is threaded.
        const HttpReply answer = deliverInbound({u"support+acme@"_s + domain}, u"Photo attached"_s, threaded, greta);
        QCOMPARE(answer.json().value(u"status"_s).toString(), u"appended"_s);
        QCOMPARE(answer.json().value(u"ticketId"_s).toString(), ticketId);
    }

    // Security review finding 4: SMTP used CURLUSESSL_TRY, so an attacker who
    // stripped STARTTLS read the password. The sink offers no STARTTLS: without
    // the explicit plaintext opt-in nothing may be sent to it.
    void smtpWithoutStartTlsIsRefusedUnlessPlaintextToLoopbackWasChosen()
    {
        const int mailsBefore = int(capturedMails().size());
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(
                     server.databaseUrl(), {u"--smtp-url"_s, u"smtp://127.0.0.1:%1"_s.arg(smtpPort), u"--from-email"_s,
                                            u"support@acme.test"_s, u"--mail-max-attempts"_s, u"1"_s})),
                 qPrintable(server.errorText()));
        const HttpReply created = server.post(
            u"/api/v1/tickets"_s,
            jsonBytes({{u"subject"_s, u"TLS please"_s}, {u"customer"_s, QJsonObject{{u"email"_s, u"tess@example.com"_s}}},
                       {u"source"_s, u"email"_s}, {u"body"_s, u"Hello"_s}}),
            acme.adminToken, newId());
        QCOMPARE(created.status, 201);
        const QString ticketId = QString::number(decode<CommandResult>(created.body).ticket.id);
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Secret stuff"_s}}), acme.adminToken,
                             newId())
                     .status,
                 200);
        QTRY_VERIFY_WITH_TIMEOUT(hasEmailEvent(ticketId, u"failed"_s), 30000);
        QCOMPARE(int(capturedMails().size()), mailsBefore);

        // Plaintext is for a relay on this machine only: a remote host is refused at start.
        ServerProcess remote;
        QVERIFY(!remote.start(ServerProcess::Options::onDatabase(
            server.databaseUrl(), {u"--smtp-url"_s, u"smtp://mail.example.com:25"_s, u"--smtp-allow-plaintext"_s})));
        QVERIFY2(remote.errorText().contains(u"only to a relay on this machine"_s), qPrintable(remote.errorText()));
    }

    void resendTransportRetriesWithTheSameIdempotencyKey()
    {
        QCOMPARE(server.stop(), 0);
        QVERIFY2(server.start(ServerProcess::Options::onDatabase(
                     server.databaseUrl(), {u"--from-email"_s, u"support@acme.test"_s, u"--inbound-domain"_s, domain,
                                            u"--resend-api-base-url"_s, resend.baseUrl(), u"--mail-retry-base-ms"_s, u"50"_s},
                     {{u"RESEND_API_KEY"_s, u"re_test"_s}})),
                 qPrintable(server.errorText()));
        const HttpReply created = server.post(
            u"/api/v1/tickets"_s,
            jsonBytes({{u"subject"_s, u"Invoice please"_s}, {u"customer"_s, QJsonObject{{u"email"_s, u"erin@example.com"_s}}},
                       {u"source"_s, u"email"_s}, {u"body"_s, u"Need an invoice"_s}}),
            acme.adminToken, newId());
        QCOMPARE(created.status, 201);
        const QString ticketId = QString::number(decode<CommandResult>(created.body).ticket.id);
        resend.failNextSends(1);
        QCOMPARE(server.post(u"/api/v1/tickets/%1/commands"_s.arg(ticketId),
                             jsonBytes({{u"type"_s, u"email_reply"_s}, {u"body"_s, u"Attached."_s}}), acme.adminToken, newId())
                     .status,
                 200);
        QTRY_COMPARE_WITH_TIMEOUT(resend.sends().size(), 1, 30000);
        const RecordedRequest sent = resend.sends().first();
        QVERIFY(sent.headers.value("idempotency-key").startsWith("ticket-reply/"));
        QCOMPARE(sent.headers.value("authorization"), QByteArray("Bearer re_test"));
        const QJsonObject body = QJsonDocument::fromJson(sent.body).object();
        QCOMPARE(body.value(u"to"_s).toArray(), QJsonArray{u"erin@example.com"_s});
        QVERIFY(body.value(u"reply_to"_s).toString().startsWith(u"ticket+"_s));
        QVERIFY(body.value(u"html"_s).toString().contains(u"Attached."_s));
        QCOMPARE(body.value(u"text"_s).toString().trimmed(), u"Attached."_s);
        QVERIFY(body.value(u"headers"_s).toObject().value(u"Message-ID"_s).toString().startsWith(u"<reply."_s));
        QVERIFY(!body.value(u"tags"_s).toArray().isEmpty());
        QTRY_VERIFY_WITH_TIMEOUT(hasEmailEvent(ticketId, u"sent"_s), 20000);
        QCOMPARE(resend.sends().size(), 1);
    }

    void cleanupTestCase()
    {
        if (server.isRunning())
            QCOMPARE(server.stop(), 0);
        if (smtp.state() != QProcess::NotRunning) {
            smtp.closeWriteChannel();
            if (!smtp.waitForFinished(5000))
                smtp.kill();
        }
    }
};

QTEST_GUILESS_MAIN(OutboundEmailTest)
#include "test_outbound_email.moc"
