// Tests core/credentials/credential_store.cpp against a real Secret Service: run by
// CTest under tests/support/with-keyring.sh (private session bus + unlocked keyring).
#include "credentials/credential_store.h"

#include <QSignalSpy>
#include <QTest>

#include <memory>

using zeiko::CredentialStore;
using Error = CredentialStore::Error;

namespace {

struct Outcome
{
    Error error = Error::Other;
    QString message;
    QString token;
};

Outcome takeOutcome(QSignalSpy &spy, const QString &accountKey, bool hasToken)
{
    Outcome outcome;
    if (spy.isEmpty() && !spy.wait(20000))
        return outcome;
    const QList<QVariant> args = spy.takeFirst();
    if (args.at(0).toString() != accountKey)
        return outcome;
    int next = 1;
    if (hasToken)
        outcome.token = args.at(next++).toString();
    outcome.error = args.at(next++).value<Error>();
    outcome.message = args.at(next).toString();
    return outcome;
}

} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

    Outcome write(CredentialStore &store, const QString &key, const QString &token)
    {
        QSignalSpy spy(&store, &CredentialStore::tokenWritten);
        store.writeToken(key, token);
        return takeOutcome(spy, key, false);
    }
    Outcome read(CredentialStore &store, const QString &key)
    {
        QSignalSpy spy(&store, &CredentialStore::tokenRead);
        store.readToken(key);
        return takeOutcome(spy, key, true);
    }
    Outcome remove(CredentialStore &store, const QString &key)
    {
        QSignalSpy spy(&store, &CredentialStore::tokenDeleted);
        store.deleteToken(key);
        return takeOutcome(spy, key, false);
    }

private slots:
    void initTestCase()
    {
        CredentialStore store;
        const Outcome probe = write(store, QStringLiteral("probe|probe@zeiko.test"), QStringLiteral("probe"));
        if (probe.error == Error::NoKeychain)
            QSKIP("No unlocked keyring on a session bus: run through tests/support/with-keyring.sh");
        QCOMPARE(probe.error, Error::NoError);
        QCOMPARE(remove(store, QStringLiteral("probe|probe@zeiko.test")).error, Error::NoError);
    }

    void writeReadOverwriteDelete()
    {
        CredentialStore store;
        const QString key = QStringLiteral("https://tickets.example.com|ana@example.com");

        Outcome written = write(store, key, QStringLiteral("token-1"));
        QCOMPARE(written.error, Error::NoError);
        QVERIFY(written.message.isEmpty());

        Outcome readBack = read(store, key);
        QCOMPARE(readBack.error, Error::NoError);
        QCOMPARE(readBack.token, QStringLiteral("token-1"));

        QCOMPARE(write(store, key, QStringLiteral("token-2")).error, Error::NoError);
        readBack = read(store, key);
        QCOMPARE(readBack.error, Error::NoError);
        QCOMPARE(readBack.token, QStringLiteral("token-2"));

        QCOMPARE(remove(store, key).error, Error::NoError);
        readBack = read(store, key);
        QCOMPARE(readBack.error, Error::NotFound);
        QVERIFY(readBack.token.isEmpty());
        QVERIFY(!readBack.message.isEmpty());
        QCOMPARE(store.pendingOperations(), 0);
    }

    void unicodeKeyAndLargeToken()
    {
        CredentialStore store;
        const QString key = QStringLiteral("https://sérvice.example.jp|ánä.例え@example.com");
        QString token;
        const QString pattern = QStringLiteral("ey-Jhb€😀ğ_");
        while (token.toUtf8().size() < 4096)
            token += pattern;
        QVERIFY(token.toUtf8().size() >= 4096);

        QCOMPARE(write(store, key, token).error, Error::NoError);
        const Outcome readBack = read(store, key);
        QCOMPARE(readBack.error, Error::NoError);
        QCOMPARE(readBack.token, token);
        QCOMPARE(remove(store, key).error, Error::NoError);
    }

    void accountsAreSeparate()
    {
        CredentialStore store;
        const QString ana = QStringLiteral("https://a.example|ana@example.com");
        const QString bo = QStringLiteral("https://a.example|bo@example.com");
        const QString otherServer = QStringLiteral("https://b.example|ana@example.com");
        QCOMPARE(write(store, ana, QStringLiteral("A")).error, Error::NoError);
        QCOMPARE(write(store, bo, QStringLiteral("B")).error, Error::NoError);
        QCOMPARE(read(store, ana).token, QStringLiteral("A"));
        QCOMPARE(read(store, bo).token, QStringLiteral("B"));
        QCOMPARE(read(store, otherServer).error, Error::NotFound);
        QCOMPARE(remove(store, ana).error, Error::NoError);
        QCOMPARE(read(store, bo).token, QStringLiteral("B"));
        QCOMPARE(remove(store, bo).error, Error::NoError);
    }

    void concurrentRequestsEachAnsweredOnce()
    {
        CredentialStore store;
        QSignalSpy writes(&store, &CredentialStore::tokenWritten);
        QSignalSpy reads(&store, &CredentialStore::tokenRead);
        const QString key = QStringLiteral("https://c.example|cy@example.com");
        store.writeToken(key, QStringLiteral("first"));
        store.writeToken(key, QStringLiteral("second"));
        store.readToken(key);
        QCOMPARE(store.pendingOperations(), 3);
        QTRY_COMPARE_WITH_TIMEOUT(reads.count(), 1, 20000);
        QCOMPARE(writes.count(), 2);
        // QtKeychain runs jobs in submission order, so the read sees the last write.
        QCOMPARE(reads.at(0).at(1).toString(), QStringLiteral("second"));
        QCOMPARE(store.pendingOperations(), 0);
        QCOMPARE(remove(store, key).error, Error::NoError);
    }

    void storeDestroyedWhileJobRuns()
    {
        const QString key = QStringLiteral("https://d.example|di@example.com");
        {
            auto store = std::make_unique<CredentialStore>();
            store->writeToken(key, QStringLiteral("written-by-a-dead-store"));
        } // the job outlives its store, finishes and deletes itself (ASan checks leaks)
        CredentialStore survivor;
        const Outcome readBack = read(survivor, key);
        QCOMPARE(readBack.error, Error::NoError);
        QCOMPARE(readBack.token, QStringLiteral("written-by-a-dead-store"));
        QCOMPARE(remove(survivor, key).error, Error::NoError);
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "test_credential_store.moc"
