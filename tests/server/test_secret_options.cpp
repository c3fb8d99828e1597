// Security review finding 16 (issue 10): secrets on a command line are
// visible to every local user (ps, /proc/PID/cmdline). The server, its admin
// command and the simulator refuse them there and read them from the
// environment or a `--...-file` instead; a database URL with a password is
// refused on the command line too. Over real sockets against the real binary.

#include "channels_test_support.h"
#include "support/resend_standin.h"

#include <QDateTime>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

using namespace zeiko;
using namespace zeiko::test;
using namespace Qt::StringLiterals;

namespace {
const QString webhookSecret = u"whsec_"_s + QString::fromLatin1(QByteArray("zeiko-secret-options-test-32byte").toBase64());

struct Run {
    int exitCode = -1;
    QByteArray output;
};

Run runServer(const QStringList &arguments, const QMap<QString, QString> &environment = {})
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        env.insert(it.key(), it.value());
    process.setProcessEnvironment(env);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start(ServerProcess::binaryPath(), arguments);
    if (!process.waitForFinished(60000))
        return {};
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAll()};
}
} // namespace

class SecretOptionsTest : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir dir;

    QString writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(dir.filePath(name));
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            return {};
        return file.fileName();
    }
    // The server accepted this secret as the Resend webhook secret: a
    // delivery signed with it is not refused as unsigned (401).
    int signedWebhookStatus(ServerProcess &server)
    {
        const QByteArray body = R"({"type":"email.delivered","data":{"email_id":"nobody"}})";
        RequestOptions o;
        o.method = "POST";
        o.body = body;
        o.headers = svixHeaders("msg_" + newId().toLatin1(), body, webhookSecret, QDateTime::currentSecsSinceEpoch());
        return server.request(u"/api/v1/webhooks/resend"_s, o).status;
    }

private slots:
    void initTestCase() { QVERIFY(dir.isValid()); }

    void aWebhookSecretOnTheCommandLineIsRefused()
    {
        for (const QString &option : {u"--resend-webhook-secret"_s, u"--resend-api-key"_s}) {
            ServerProcess server;
            QVERIFY2(!server.start(ServerProcess::Options::onDatabase({}, {option, webhookSecret})),
                     qPrintable(option + u" was accepted on the command line"_s));
            QVERIFY2(server.errorText().contains(u"not accepted on the command line"_s) &&
                         server.errorText().contains(option + u"-file"_s),
                     qPrintable(server.errorText()));
        }
    }

    void aWebhookSecretFromAFileOrTheEnvironmentIsUsed()
    {
        ServerProcess fromFile;
        const QString file = writeFile(u"resend-secret"_s, webhookSecret.toUtf8() + "\n");
        QVERIFY(!file.isEmpty());
        QVERIFY2(fromFile.start(ServerProcess::Options::onDatabase({}, {u"--resend-webhook-secret-file"_s, file})),
                 qPrintable(fromFile.errorText()));
        QCOMPARE(signedWebhookStatus(fromFile), 200);
        QCOMPARE(fromFile.stop(), 0);

        ServerProcess fromEnvironment;
        QVERIFY2(fromEnvironment.start(ServerProcess::Options::onDatabase({}, {}, {{u"RESEND_WEBHOOK_SECRET"_s, webhookSecret}})),
                 qPrintable(fromEnvironment.errorText()));
        QCOMPARE(signedWebhookStatus(fromEnvironment), 200);
        QCOMPARE(fromEnvironment.stop(), 0);
    }

    void anOperatorPasswordOnTheCommandLineIsRefused()
    {
        ServerProcess server;
        QVERIFY2(server.start(), qPrintable(server.errorText()));
        QByteArray out;
        QCOMPARE(server.runCommand({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"acme"_s}, &out), 0);
        const QStringList create{u"admin"_s, u"create-operator"_s, u"--account"_s, u"acme"_s, u"--email"_s};

        QVERIFY(server.runCommand(create + QStringList{u"argv@acme.test"_s, u"--password"_s, u"argv-password"_s}, &out) != 0);
        QVERIFY2(out.contains("ZEIKO_OPERATOR_PASSWORD") && out.contains("--password-file"), out.constData());
        QVERIFY(server.signIn(u"acme"_s, u"argv@acme.test"_s, u"argv-password"_s).isEmpty());   // not created

        const QString file = writeFile(u"password"_s, "file-password\n");
        QCOMPARE(server.runCommand(create + QStringList{u"file@acme.test"_s, u"--password-file"_s, file}, &out), 0);
        QVERIFY(!server.signIn(u"acme"_s, u"file@acme.test"_s, u"file-password"_s).isEmpty());

        QCOMPARE(server.runCommand(create + QStringList{u"env@acme.test"_s}, &out,
                                   {{u"ZEIKO_OPERATOR_PASSWORD"_s, u"env-password"_s}}),
                 0);
        QVERIFY(!server.signIn(u"acme"_s, u"env@acme.test"_s, u"env-password"_s).isEmpty());
        QCOMPARE(server.stop(), 0);
    }

    void aDatabaseUrlWithAPasswordIsRefusedOnTheCommandLine()
    {
        // Refused before any connection is tried (nothing listens on port 9).
        const Run serve = runServer({u"serve"_s, u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s,
                                     u"postgresql://zeiko:hunter2hunter2@127.0.0.1:9/zeiko"_s});
        QCOMPARE(serve.exitCode, 1);
        QVERIFY2(serve.output.contains("ZEIKO_DATABASE") && serve.output.contains("--database-file"), serve.output.constData());
        QVERIFY2(!serve.output.contains("hunter2"), serve.output.constData());
        const Run admin = runServer({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"x"_s, u"--database"_s,
                                     u"postgresql://zeiko:hunter2hunter2@127.0.0.1:9/zeiko"_s});
        QCOMPARE(admin.exitCode, 1);
        QVERIFY2(admin.output.contains("--database-file"), admin.output.constData());

        // The same URL from a file is read (and a URL without a password still works on the command line).
        const QString db = u"sqlite:"_s + dir.filePath(u"from-file.db"_s);
        const QString file = writeFile(u"database-url"_s, db.toUtf8() + "\n");
        const Run fromFile = runServer({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"fromfile"_s, u"--database-file"_s, file});
        QVERIFY2(fromFile.exitCode == 0, fromFile.output.constData());
        const Run again = runServer({u"admin"_s, u"create-tenant"_s, u"--slug"_s, u"fromfile"_s, u"--database"_s, db});
        QVERIFY2(again.exitCode != 0 && again.output.contains("fromfile"), again.output.constData());   // same database: taken
    }

    void helpSaysWhereSecretsComeFrom()
    {
        const Run help = runServer({u"serve"_s, u"--help"_s});
        QCOMPARE(help.exitCode, 0);
        QVERIFY2(help.output.contains("never the command line"), help.output.constData());
        QVERIFY(help.output.contains("--resend-webhook-secret-file"));
        QVERIFY(help.output.contains("--resend-api-key-file"));
        QVERIFY(help.output.contains("--database-file"));
        QVERIFY(!help.output.contains("--resend-webhook-secret <"));
        QVERIFY(!help.output.contains("--shopify-webhook-secret"));
    }
};

QTEST_GUILESS_MAIN(SecretOptionsTest)
#include "test_secret_options.moc"
