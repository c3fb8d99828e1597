// The server's one constant-time comparison (service/constant_time.h), used
// by the Svix/Resend and Shopify webhook signatures and by password checks.

#include "service/constant_time.h"
#include "service/password_hasher.h"

#include <QTest>

using namespace zeiko::service;

class TestConstantTime : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void equalBytesAreEqual()
    {
        QVERIFY(constantTimeEquals("", ""));
        QVERIFY(constantTimeEquals("abc", "abc"));
        const QByteArray withNul("a\0b", 3);
        QVERIFY(constantTimeEquals(withNul, QByteArray("a\0b", 3)));
    }

    void anyDifferingByteIsSeen_data()
    {
        QTest::addColumn<int>("position");
        for (int position : {0, 15, 31})
            QTest::addRow("byte %d", position) << position;
    }

    void anyDifferingByteIsSeen()
    {
        QFETCH(int, position);
        const QByteArray mac(32, '\x42');
        QByteArray other = mac;
        other[position] = char(other[position] ^ 0x01);   // one bit
        QVERIFY(!constantTimeEquals(mac, other));
        QVERIFY(!constantTimeEquals(other, mac));
    }

    void unequalLengthsAreNotEqual()
    {
        QVERIFY(!constantTimeEquals("abc", "abcd"));
        QVERIFY(!constantTimeEquals("", "a"));
        // A prefix is not a match (a truncated signature must fail).
        QVERIFY(!constantTimeEquals(QByteArray(32, 'x'), QByteArray(31, 'x')));
    }

    // Legacy PBKDF2 hashes (Argon2id strings are compared by libsodium).
    void legacyPasswordChecksGoThroughIt()
    {
        const QByteArray salt(16, '\x11');
        const StoredPassword hash{{}, legacyPbkdf2(QStringLiteral("correct horse"), salt, 1000), salt, 1000};
        QVERIFY(verifyPassword(QStringLiteral("correct horse"), hash));
        QVERIFY(!verifyPassword(QStringLiteral("correct hors"), hash));
    }
};

QTEST_GUILESS_MAIN(TestConstantTime)
#include "test_constant_time.moc"
