// The one mailbox rule (RFC 5321 Local-part "@" Domain, no control
// characters) used by every entry point of the server and at send time.

#include "domain/mailbox.h"

#include <QTest>

using namespace zeiko;
using namespace Qt::StringLiterals;

class MailboxTest : public QObject
{
    Q_OBJECT

private slots:
    void accepts_data()
    {
        QTest::addColumn<QString>("address");
        QTest::newRow("plain") << u"dana@example.com"_s;
        QTest::newRow("plus tag") << u"support+acme@in.zeiko.test"_s;
        QTest::newRow("atext") << u"o'brien!#$%&*=?^_`{|}~-x@example.co.uk"_s;
        QTest::newRow("utf-8 (RFC 6531)") << u"jürgen@müller.example"_s;
        QTest::newRow("ipv4 literal") << u"root@[192.0.2.1]"_s;
        QTest::newRow("ipv6 literal") << u"root@[IPv6:2001:db8::1]"_s;
        QTest::newRow("64-octet local part") << QString(64, u'a') + u"@example.com"_s;
    }
    void accepts()
    {
        QFETCH(QString, address);
        QVERIFY2(isDeliverableMailbox(address), qPrintable(mailboxProblem(address)));
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("why");
        QTest::newRow("CRLF smuggling an SMTP command") << u"a@b.test\r\nRCPT TO:<c@d.test>"_s << u"control character"_s;
        QTest::newRow("bare LF") << u"a@b.test\nX"_s << u"control character"_s;
        QTest::newRow("NUL") << u"a@b.test"_s + QChar(0) << u"control character"_s;
        QTest::newRow("C1 control") << u"a@b.test"_s + QChar(0x85) << u"control character"_s;
        QTest::newRow("line separator") << u"a@b.test"_s + QChar(0x2028) << u"control character"_s;
        QTest::newRow("space") << u"two words@b.test"_s << u"white space"_s;
        QTest::newRow("tab") << u"a@b\t.test"_s << u"control character"_s;
        QTest::newRow("printable form of a control") << u"a@b.test"_s + QChar(0xfffd) << u"unreadable"_s;
        QTest::newRow("empty") << QString() << u"empty"_s;
        QTest::newRow("no at") << u"no-at-sign"_s << u"no @"_s;
        QTest::newRow("empty local") << u"@b.test"_s << u"empty"_s;
        QTest::newRow("empty domain") << u"a@"_s << u"empty"_s;
        QTest::newRow("display name") << u"Dana <dana@example.com>"_s << u"white space"_s;
        QTest::newRow("angle brackets") << u"<dana@example.com>"_s << u"not allowed"_s;
        QTest::newRow("quoted local part") << u"\"a b\"@example.com"_s << u"white space"_s;
        QTest::newRow("quoted, no space") << u"\"ab\"@example.com"_s << u"quoted"_s;
        QTest::newRow("leading dot") << u".a@b.test"_s << u"dot"_s;
        QTest::newRow("double dot") << u"a..b@b.test"_s << u"dot"_s;
        QTest::newRow("comma list") << u"a@b.test,c@d.test"_s << u"not allowed"_s;
        QTest::newRow("hyphen label") << u"a@-b.test"_s << u"hyphen"_s;
        QTest::newRow("empty label") << u"a@b..test"_s << u"empty label"_s;
        QTest::newRow("underscore domain") << u"a@b_c.test"_s << u"host name"_s;
        QTest::newRow("65-octet local part") << QString(65, u'a') + u"@example.com"_s << u"64 octets"_s;
        QTest::newRow("255 octets") << u"a@"_s + QString(248, u'b') + u".test"_s << u"254 octets"_s;
        QTest::newRow("64-octet label") << u"a@"_s + QString(64, u'b') + u".test"_s << u"63 octets"_s;
        QTest::newRow("open literal") << u"a@[1.2.3.4"_s << u"not closed"_s;
        QTest::newRow("literal with letters") << u"a@[evil]"_s << u"IP address"_s;
    }
    void refuses()
    {
        QFETCH(QString, address);
        QFETCH(QString, why);
        const QString problem = mailboxProblem(address);
        QVERIFY2(problem.contains(why), qPrintable(u"%1 -> '%2'"_s.arg(printableAddress(address), problem)));
    }

    void printableFormCarriesNoControlCharacters()
    {
        const QString shown = printableAddress(u"a@b.test\r\nRCPT TO:<c@d.test>"_s);
        QVERIFY(!shown.contains(u'\r') && !shown.contains(u'\n'));
        QVERIFY(shown.contains(u"RCPT TO"_s));
        QVERIFY(!isDeliverableMailbox(shown));   // and it still cannot be mailed
        QCOMPARE(printableAddress(u"dana@example.com"_s), u"dana@example.com"_s);
    }
};

QTEST_GUILESS_MAIN(MailboxTest)
#include "test_mailbox.moc"
