// Operators' passwords as the real server stores them (security review,
// issue 10, finding 13): new hashes are Argon2id strings at OWASP's cost,
// and an operator still holding a hash of the earlier PBKDF2 format signs
// in as before, after which the stored hash is Argon2id.

#include "support/server_process.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QPasswordDigestor>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTest>
#include <QUuid>

using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {

struct PasswordRow {
    QString hash;
    QString salt;
    int iterations = -1;
};

// The server's SQLite file, opened by the test beside the running server (WAL).
class DatabaseFile
{
public:
    explicit DatabaseFile(const QString &url) : m_name(QUuid::createUuid().toString())
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
        db.setDatabaseName(url.mid(url.indexOf(u':') + 1));
        db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=15000"_s);
        m_open = db.open();
    }
    ~DatabaseFile() { QSqlDatabase::removeDatabase(m_name); }
    bool isOpen() const { return m_open; }

    PasswordRow password(const QString &email) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(u"SELECT password_hash, password_salt, password_iterations FROM operators WHERE email = ?"_s);
        q.addBindValue(email);
        if (!q.exec() || !q.next())
            return {};
        return {q.value(0).toString(), q.value(1).toString(), q.value(2).toInt()};
    }

    bool setPassword(const QString &email, const PasswordRow &row) const
    {
        QSqlQuery q(QSqlDatabase::database(m_name));
        q.prepare(u"UPDATE operators SET password_hash = ?, password_salt = ?, password_iterations = ? WHERE email = ?"_s);
        q.addBindValue(row.hash);
        q.addBindValue(row.salt);
        q.addBindValue(row.iterations);
        q.addBindValue(email);
        return q.exec() && q.numRowsAffected() == 1;
    }

private:
    QString m_name;
    bool m_open = false;
};

QByteArray credentials(const QString &email, const QString &password)
{
    return QJsonDocument(QJsonObject{{u"account"_s, u"demo"_s}, {u"email"_s, email}, {u"password"_s, password}})
        .toJson(QJsonDocument::Compact);
}

const QString argon2idOwasp = u"$argon2id$v=19$m=19456,t=2,p=1$"_s;

} // namespace

class ServerPasswordsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void newOperatorsGetArgon2idHashes()
    {
        ServerProcess server;
        QVERIFY2(server.start(ServerProcess::Options::withDemo()), qPrintable(server.errorText()));
        // The password from the environment (never on a command line).
        qputenv("ZEIKO_OPERATOR_PASSWORD", "a new password");
        QCOMPARE(server.runCommand({u"admin"_s, u"create-operator"_s, u"--account"_s, u"demo"_s, u"--email"_s,
                                    u"new@demo.zeiko.test"_s}),
                 0);
        qunsetenv("ZEIKO_OPERATOR_PASSWORD");
        const DatabaseFile db(server.databaseUrl());
        QVERIFY(db.isOpen());
        for (const QString &email : {u"alex@demo.zeiko.test"_s, u"new@demo.zeiko.test"_s}) {
            const PasswordRow row = db.password(email);
            QVERIFY2(row.hash.startsWith(argon2idOwasp), qPrintable(email + u": "_s + row.hash));
            QCOMPARE(row.salt, QString());   // the encoded string carries its own salt
            QCOMPARE(row.iterations, 0);
        }
        QVERIFY(!server.signIn(u"demo"_s, u"new@demo.zeiko.test"_s, u"a new password"_s).isEmpty());
        QCOMPARE(server.post(u"/api/v1/auth/sign-in"_s, credentials(u"new@demo.zeiko.test"_s, u"a new passwor"_s)).status, 401);
        QCOMPARE(server.stop(), 0);
    }

    void legacyPbkdf2HashIsUpgradedOnSignIn()
    {
        ServerProcess server;
        QVERIFY2(server.start(ServerProcess::Options::withDemo()), qPrintable(server.errorText()));
        const DatabaseFile db(server.databaseUrl());
        QVERIFY(db.isOpen());

        // sam's hash as the server wrote it before Argon2id: PBKDF2-HMAC-SHA256,
        // 120,000 iterations, 16-byte salt, key and salt hex-encoded.
        const QString sam = u"sam@demo.zeiko.test"_s;
        const QByteArray salt = QByteArray::fromHex("5ad1e0c3a7b24f1e9c8d7b6a5f4e3d2c");
        const QByteArray key =
            QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, "demo-password", salt, 120'000, 32);
        QVERIFY(db.setPassword(sam, {QString::fromLatin1(key.toHex()), QString::fromLatin1(salt.toHex()), 120'000}));

        // A wrong password changes nothing.
        QCOMPARE(server.post(u"/api/v1/auth/sign-in"_s, credentials(sam, u"demo-passwor"_s)).status, 401);
        QCOMPARE(db.password(sam).iterations, 120'000);

        // The right one signs in, and the stored hash is now Argon2id.
        QVERIFY(!server.signIn(u"demo"_s, sam, u"demo-password"_s).isEmpty());
        const PasswordRow upgraded = db.password(sam);
        QVERIFY2(upgraded.hash.startsWith(argon2idOwasp), qPrintable(upgraded.hash));
        QCOMPARE(upgraded.salt, QString());
        QCOMPARE(upgraded.iterations, 0);
        QVERIFY(server.standardError().contains("upgraded to Argon2id"));

        // And it works: the same password signs in again, a wrong one does not,
        // and the hash is not replaced a second time.
        QVERIFY(!server.signIn(u"demo"_s, sam, u"demo-password"_s).isEmpty());
        QCOMPARE(server.post(u"/api/v1/auth/sign-in"_s, credentials(sam, u"demo-passwor"_s)).status, 401);
        QCOMPARE(db.password(sam).hash, upgraded.hash);
        QCOMPARE(server.stop(), 0);
    }
};

QTEST_GUILESS_MAIN(ServerPasswordsTest)
#include "test_server_passwords.moc"
