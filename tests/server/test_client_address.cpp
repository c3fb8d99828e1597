// The client address behind trusted proxies (server/http/client_address.h):
// the rightmost X-Forwarded-For entry that is not a trusted proxy; a peer
// outside the trusted ranges is the client whatever it claims.

#include "http/client_address.h"

#include <QTest>

#include <stdexcept>

using namespace zeiko::http;

class TestClientAddress : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void resolvesThroughTrustedHops_data()
    {
        QTest::addColumn<QString>("peer");
        QTest::addColumn<QByteArray>("forwardedFor");
        QTest::addColumn<QString>("client");
        QTest::addRow("untrusted peer: header ignored") << "192.0.2.1" << QByteArray("203.0.113.7") << "192.0.2.1";
        QTest::addRow("trusted peer, no header") << "10.0.0.5" << QByteArray() << "10.0.0.5";
        QTest::addRow("one hop") << "10.0.0.5" << QByteArray("203.0.113.7") << "203.0.113.7";
        QTest::addRow("forged left part") << "10.0.0.5" << QByteArray("1.1.1.1, 203.0.113.7") << "203.0.113.7";
        QTest::addRow("two trusted hops") << "10.0.0.5" << QByteArray("203.0.113.7, 10.9.9.9") << "203.0.113.7";
        QTest::addRow("all trusted: leftmost") << "10.0.0.5" << QByteArray("10.1.1.1, 10.2.2.2") << "10.1.1.1";
        QTest::addRow("with port") << "10.0.0.5" << QByteArray("203.0.113.7:4711") << "203.0.113.7";
        QTest::addRow("ipv6 bracketed") << "10.0.0.5" << QByteArray("[2001:db8::1]:443") << "2001:db8::1";
        QTest::addRow("ipv6 plain") << "10.0.0.5" << QByteArray("2001:db8::2") << "2001:db8::2";
        QTest::addRow("garbage: the proxy") << "10.0.0.5" << QByteArray("not-an-address") << "10.0.0.5";
        QTest::addRow("mapped ipv4 peer") << "::ffff:10.0.0.5" << QByteArray("203.0.113.7") << "203.0.113.7";
    }

    void resolvesThroughTrustedHops()
    {
        QFETCH(QString, peer);
        QFETCH(QByteArray, forwardedFor);
        QFETCH(QString, client);
        const auto trusted = parseAddressRanges({QStringLiteral("10.0.0.0/8")});
        QCOMPARE(resolveClientAddress(QHostAddress(peer), forwardedFor, trusted), QHostAddress(client));
    }

    void noTrustedProxiesMeansThePeer()
    {
        QCOMPARE(resolveClientAddress(QHostAddress(QStringLiteral("127.0.0.1")), "203.0.113.7", {}),
                 QHostAddress(QStringLiteral("127.0.0.1")));
    }

    void parsesRanges()
    {
        const auto ranges = parseAddressRanges({QStringLiteral("10.0.0.0/8, 192.168.1.5"), QStringLiteral("fd00::/8")});
        QCOMPARE(ranges.size(), 3);
        QCOMPARE(ranges[1].second, 32);   // a single address
        QCOMPARE(ranges[2].second, 8);
        QVERIFY(parseAddressRanges({QString()}).isEmpty());
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseAddressRanges({QStringLiteral("10.0.0.0/99")}));
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument, parseAddressRanges({QStringLiteral("example.com")}));
    }
};

QTEST_GUILESS_MAIN(TestClientAddress)
#include "test_client_address.moc"
