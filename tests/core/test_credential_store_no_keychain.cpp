// Tests core/credentials/credential_store.cpp where no keychain can be used: every
// operation must report NoKeychain with the explanatory message, and the token must
// not land in any file (no plaintext fallback). Built twice:
//  - test_credential_store_no_keychain: no session D-Bus at all (set up by main() below);
//  - test_credential_store_locked_keyring (ZEIKO_LOCKED_KEYRING): a session bus and a
//    keyring daemon, but nothing unlocked and no prompter (with-keyring.sh --locked).
#include "credentials/credential_store.h"

#include <QDirIterator>
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using zeiko::CredentialStore;
using Error = CredentialStore::Error;

class TestCredentialStoreNoKeychain : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(qgetenv("HOME").startsWith(QDir::tempPath().toUtf8()));
#ifdef ZEIKO_LOCKED_KEYRING
        if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"))
            QSKIP("Needs a session bus with a locked keyring: run through with-keyring.sh --locked");
#else
        QCOMPARE(qgetenv("DBUS_SESSION_BUS_ADDRESS"), QByteArray("unix:path=/nonexistent/zeiko-no-bus"));
#endif
    }

    void writeReportsNoKeychainAndLeavesNoFile()
    {
        const QString key = QStringLiteral("https://tickets.example.com|ana@example.com");
        const QString token = QStringLiteral("zk_secret_token_5f1d3c9e8b7a_%1").arg(QCoreApplication::applicationPid());

        CredentialStore store;
        QSignalSpy written(&store, &CredentialStore::tokenWritten);
        store.writeToken(key, token);
        QVERIFY(written.wait(20000));
        QCOMPARE(written.count(), 1);
        QCOMPARE(written.at(0).at(0).toString(), key);
        QCOMPARE(written.at(0).at(1).value<Error>(), Error::NoKeychain);
        const QString message = written.at(0).at(2).toString();
        QVERIFY2(message.startsWith(CredentialStore::errorMessage(Error::NoKeychain)), qPrintable(message));
        QVERIFY(message.contains(u"never written to disk"));
        QVERIFY(!message.contains(token));

        QSignalSpy read(&store, &CredentialStore::tokenRead);
        store.readToken(key);
        QVERIFY(read.wait(20000));
#ifdef ZEIKO_LOCKED_KEYRING
        // libsecret searches only unlocked items: a locked keyring reads as "nothing stored".
        QVERIFY(read.at(0).at(2).value<Error>() == Error::NoKeychain
                || read.at(0).at(2).value<Error>() == Error::NotFound);
#else
        QCOMPARE(read.at(0).at(2).value<Error>(), Error::NoKeychain); // not "NotFound"
#endif
        QVERIFY(read.at(0).at(1).toString().isEmpty());

        QSignalSpy deleted(&store, &CredentialStore::tokenDeleted);
        store.deleteToken(key);
        QVERIFY(deleted.wait(20000));
#ifdef ZEIKO_LOCKED_KEYRING
        // Deleting what cannot be there succeeds (delete is idempotent); answered once.
        QCOMPARE(deleted.count(), 1);
#else
        QCOMPARE(deleted.at(0).at(1).value<Error>(), Error::NoKeychain);
#endif
        QCOMPARE(store.pendingOperations(), 0);

        // No plaintext fallback anywhere under the (throwaway) home or runtime dir.
        const QByteArray needle = token.toUtf8();
        int filesScanned = 0;
        for (const QByteArray &root : {qgetenv("HOME"), qgetenv("XDG_RUNTIME_DIR")}) {
            QDirIterator it(QString::fromLocal8Bit(root), QDir::Files | QDir::Hidden | QDir::System,
                            QDirIterator::Subdirectories);
            while (it.hasNext()) {
                QFile file(it.next());
                ++filesScanned;
                if (file.open(QIODevice::ReadOnly))
                    QVERIFY2(!file.readAll().contains(needle), qPrintable(file.fileName()));
            }
        }
        qInfo("scanned %d files under HOME/XDG_RUNTIME_DIR", filesScanned);
    }
};

#ifdef ZEIKO_LOCKED_KEYRING
QTEST_GUILESS_MAIN(TestCredentialStoreNoKeychain)
#else
// The environment must be in place before Qt or libsecret read it, hence a custom main.
int main(int argc, char **argv)
{
    QTemporaryDir home;
    if (!home.isValid())
        return 2;
    QDir(home.path()).mkdir(QStringLiteral("run"));
    qputenv("HOME", home.path().toLocal8Bit());
    qputenv("XDG_RUNTIME_DIR", (home.path() + QStringLiteral("/run")).toLocal8Bit());
    qputenv("XDG_CONFIG_HOME", (home.path() + QStringLiteral("/.config")).toLocal8Bit());
    qputenv("XDG_DATA_HOME", (home.path() + QStringLiteral("/.local/share")).toLocal8Bit());
    qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/zeiko-no-bus");
    qunsetenv("DISPLAY"); // no X11 autolaunch of a bus either
    qunsetenv("WAYLAND_DISPLAY");
    int status = 0;
    {
        QCoreApplication app(argc, argv);
        TestCredentialStoreNoKeychain test;
        status = QTest::qExec(&test, argc, argv);
    }
    return status;
}
#endif
#include "test_credential_store_no_keychain.moc"
