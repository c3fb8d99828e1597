// Operators' password hashes (service/password_hasher.h): Argon2id strings
// at OWASP's cost for everything new; the earlier PBKDF2 format still
// verifies and is marked for replacement, as is a weaker Argon2id hash.

#include "service/password_hasher.h"

#include <QTest>

using namespace zeiko::service;

class TestPasswordHasher : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void newHashesAreArgon2idAtOwaspCost()
    {
        const QByteArray hash = hashPassword(QStringLiteral("correct horse"));
        // The standard encoded string: algorithm, version, m (KiB), t, p, salt, hash.
        QVERIFY2(hash.startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), hash.constData());
        QCOMPARE(hash.count('$'), 5);
        QVERIFY(hash != hashPassword(QStringLiteral("correct horse")));   // a new random salt each time

        const StoredPassword stored{hash, {}, {}, 0};
        QVERIFY(verifyPassword(QStringLiteral("correct horse"), stored));
        QVERIFY(!verifyPassword(QStringLiteral("correct hors"), stored));
        QVERIFY(!verifyPassword(QString(), stored));
        QVERIFY(!needsRehash(stored));
    }

    void nonAsciiPasswordsAreHashedAsUtf8()
    {
        const StoredPassword stored{hashPassword(QStringLiteral("pässwörd 🔑")), {}, {}, 0};
        QVERIFY(verifyPassword(QStringLiteral("pässwörd 🔑"), stored));
        QVERIFY(!verifyPassword(QStringLiteral("passwort 🔑"), stored));
    }

    void legacyPbkdf2HashesVerifyAndAreReplaced()
    {
        // The format every operator had before Argon2id: PBKDF2-HMAC-SHA256,
        // 16-byte salt, the iteration count kept with the hash.
        const QByteArray salt = QByteArray::fromHex("00112233445566778899aabbccddeeff");
        const StoredPassword legacy{{}, legacyPbkdf2(QStringLiteral("demo-password"), salt, 1000), salt, 1000};
        QVERIFY(legacy.isLegacy());
        QVERIFY(verifyPassword(QStringLiteral("demo-password"), legacy));
        QVERIFY(!verifyPassword(QStringLiteral("demo-passwor"), legacy));
        QVERIFY(needsRehash(legacy));
    }

    void weakerArgon2idHashesAreReplaced()
    {
        // libsodium's minimum cost (t=1, m=8 KiB): still verifies, but the
        // next successful sign-in stores one at the current cost.
        const StoredPassword weak{
            "$argon2id$v=19$m=8,t=1,p=1$ZC8qf0gAxcajqTCg9NAKZQ$QVkTvtM5uFJlqC8nureFRc/ioOHNWjUloCMSIxzhcuI", {}, {}, 0};
        QVERIFY(verifyPassword(QStringLiteral("demo-password"), weak));
        QVERIFY(needsRehash(weak));
    }

    void otherStringsNeverVerify()
    {
        for (const QByteArray &encoded : {QByteArray(), QByteArray("$argon2id$"), QByteArray("plaintext"),
                                          // Argon2i (not id) of the same password: not a format this server writes.
                                          QByteArray("$argon2i$v=19$m=8,t=1,p=1$ZC8qf0gAxcajqTCg9NAKZQ$QVkTvtM5uFJlqC8nureFRc/ioOHNWjUloCMSIxzhcuI")}) {
            const StoredPassword stored{encoded, {}, {}, 0};
            QVERIFY2(!verifyPassword(QStringLiteral("demo-password"), stored), encoded.constData());
            QVERIFY(needsRehash(stored));
        }
        burnPasswordCheck(QStringLiteral("anything"));   // the unknown-account path runs
    }
};

QTEST_GUILESS_MAIN(TestPasswordHasher)
#include "test_password_hasher.moc"
