// ui/single_instance: one console per profile, with real processes — the
// hand-over of a second launch's arguments, a socket left by a crashed
// instance, simultaneous launches, a running instance that never answers,
// and the real zeiko-console launched twice on one --data-dir.
#include "ui/single_instance.h"

#include <QFileInfo>
#include <QLocalServer>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>
#include <memory>

using zeiko::ui::SingleInstance;

namespace {

// A peer process and everything it printed so far.
class Peer
{
public:
    Peer(const QString &socketPath, int timeoutMs, const QStringList &arguments)
    {
        m_process.setProgram(QStringLiteral(ZEIKO_SINGLE_INSTANCE_PEER));
        m_process.setArguments(QStringList{socketPath, QString::number(timeoutMs)} + arguments);
        m_process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        m_process.start();
    }
    ~Peer()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(10000);
        }
    }
    QString output()
    {
        m_output += QString::fromUtf8(m_process.readAllStandardOutput());
        return m_output;
    }
    QProcess &process() { return m_process; }

private:
    QProcess m_process;
    QString m_output;
};

constexpr int generous = 60000;   // ASan, 2 shared cores

} // namespace

class TestUiSingleInstance : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    int m_counter = 0;
    QString m_socket;

private Q_SLOTS:
    void init()
    {
        // A fresh profile per test: its own socket name.
        m_socket = SingleInstance::socketPathFor(m_dir.filePath(QStringLiteral("profile%1").arg(++m_counter)));
    }

    void socketIsPerProfile()
    {
        const QString a = SingleInstance::socketPathFor(m_dir.filePath(QStringLiteral("a")));
        QCOMPARE(SingleInstance::socketPathFor(m_dir.filePath(QStringLiteral("x/../a"))), a);
        QVERIFY(SingleInstance::socketPathFor(m_dir.filePath(QStringLiteral("b"))) != a);
    }

    void secondLaunchHandsOverItsArgumentsAndExits()
    {
        Peer first(m_socket, generous, {});
        QTRY_VERIFY_WITH_TIMEOUT(first.output().contains(QLatin1String("primary\n")), generous);

        Peer second(m_socket, generous, {QStringLiteral("--server"), QStringLiteral("http://example.test"),
                                         QStringLiteral("with space")});
        QVERIFY(second.process().waitForFinished(generous));
        QCOMPARE(second.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(second.process().exitCode(), 0);
        QCOMPARE(second.output(), QStringLiteral("secondary\n"));
        QTRY_VERIFY_WITH_TIMEOUT(first.output().contains(
                                     QLatin1String("received: --server|http://example.test|with space\n")),
                                 generous);
        QCOMPARE(first.process().state(), QProcess::Running);

        Peer third(m_socket, generous, {QStringLiteral("--quit")});
        QVERIFY(third.process().waitForFinished(generous));
        QCOMPARE(third.process().exitCode(), 0);
        QVERIFY(first.process().waitForFinished(generous));   // the first got "--quit" and ended
        QCOMPARE(first.process().exitCode(), 0);
    }

    void staleSocketOfACrashedInstanceDoesNotBlock()
    {
        {
            Peer crashed(m_socket, generous, {});
            QTRY_VERIFY_WITH_TIMEOUT(crashed.output().contains(QLatin1String("primary\n")), generous);
            crashed.process().kill();   // SIGKILL: no clean-up of the socket
            QVERIFY(crashed.process().waitForFinished(generous));
        }
#ifndef Q_OS_WIN
        QVERIFY2(QFileInfo::exists(m_socket), "the crashed instance left its socket behind");
#endif
        Peer next(m_socket, generous, {});
        QTRY_VERIFY_WITH_TIMEOUT(next.output().contains(QLatin1String("primary\n")), generous);
        Peer later(m_socket, generous, {QStringLiteral("hello")});
        QVERIFY(later.process().waitForFinished(generous));
        QCOMPARE(later.process().exitCode(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(next.output().contains(QLatin1String("received: hello\n")), generous);
    }

    void simultaneousLaunchesElectOnePrimary()
    {
        std::vector<std::unique_ptr<Peer>> peers;
        for (int i = 0; i < 3; ++i)
            peers.push_back(std::make_unique<Peer>(m_socket, generous, QStringList{QStringLiteral("peer%1").arg(i)}));
        // Every peer either ends as a secondary or announces itself primary.
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(peers.begin(), peers.end(),
                                             [](const auto &peer) {
                                                 return peer->output().contains(QLatin1String("primary\n"))
                                                     || peer->process().state() == QProcess::NotRunning;
                                             }),
                                 generous);
        int primaries = 0;
        Peer *primary = nullptr;
        for (const auto &peer : peers) {
            if (peer->output().startsWith(QLatin1String("primary\n"))) {
                ++primaries;
                primary = peer.get();
            } else {
                QVERIFY(peer->process().state() == QProcess::NotRunning || peer->process().waitForFinished(generous));
                QCOMPARE(peer->process().exitCode(), 0);
                QCOMPARE(peer->output(), QStringLiteral("secondary\n"));
            }
        }
        QCOMPARE(primaries, 1);
        QTRY_COMPARE_WITH_TIMEOUT(primary->output().count(QLatin1String("received: peer")), 2, generous);
    }

    void runningInstanceThatDoesNotAnswerIsReported()
    {
        // Listens, but this thread is blocked in waitForFinished: it never answers.
        QLocalServer silent;
        QVERIFY(silent.listen(m_socket));
        Peer peer(m_socket, 1500, {QStringLiteral("anything")});
        QVERIFY(peer.process().waitForFinished(generous));
        QCOMPARE(peer.process().exitCode(), 3);
        QCOMPARE(peer.output(), QStringLiteral("unresponsive\n"));
    }

    void realConsoleLaunchedTwiceOnOneProfile()
    {
#ifndef ZEIKO_CONSOLE_BINARY
        QSKIP("zeiko-console is not built in this tree");
#else
        const QString dataDir = m_dir.filePath(QStringLiteral("console-profile"));
        QProcess first;
        first.setProgram(QStringLiteral(ZEIKO_CONSOLE_BINARY));
        first.setArguments({QStringLiteral("--data-dir"), dataDir});
        first.start();
        QVERIFY(first.waitForStarted(generous));
        const QString socket = SingleInstance::socketPathFor(dataDir);
#ifndef Q_OS_WIN
        QTRY_VERIFY_WITH_TIMEOUT(QFileInfo::exists(socket) || first.state() == QProcess::NotRunning, generous);
#endif
        QCOMPARE(first.state(), QProcess::Running);

        // The first answers once its event loop runs; exit 1 means it was
        // still building its window when the second gave up: launch again.
        int exitCode = -1;
        for (int attempt = 0; attempt < 5 && exitCode != 0; ++attempt) {
            QProcess second;
            second.start(QStringLiteral(ZEIKO_CONSOLE_BINARY),
                         {QStringLiteral("--data-dir"), dataDir, QStringLiteral("--account"), QStringLiteral("acme")});
            QVERIFY(second.waitForFinished(generous));
            exitCode = second.exitCode();
            QVERIFY2(exitCode == 0 || exitCode == 1, second.readAllStandardError().constData());
        }
        QCOMPARE(exitCode, 0);
        QByteArray log;
        QTRY_VERIFY_WITH_TIMEOUT((log += first.readAllStandardError()).contains("activated by a second launch")
                                     || first.state() == QProcess::NotRunning,
                                 generous);
        QCOMPARE(first.state(), QProcess::Running);   // still the one console of this profile
        first.kill();
        QVERIFY(first.waitForFinished(generous));
#endif
    }
};

QTEST_GUILESS_MAIN(TestUiSingleInstance)
#include "test_ui_single_instance.moc"
