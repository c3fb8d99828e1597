// Crash-safe state files. Everything the console keeps between runs that is
// not in its SQLite cache goes through ConsoleSettings (QSettings: layout,
// view, shortcuts, notification switches, last account). QSettings saves
// atomically by default (atomicSyncRequired: a QSaveFile in the same
// directory renamed over the old file, under a QLockFile), so a crash while
// saving leaves the previous file. These tests hold Qt to that for our file:
//  - the file is replaced, never rewritten in place (a hard link to the old
//    file keeps the old bytes);
//  - a writer process SIGKILLed while saving over and over leaves a file that
//    is complete and consistent (never a torn mix or a truncated payload).
#include "ui/console_settings.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

#include <cstdio>
#ifndef Q_OS_WIN
#include <unistd.h>
#endif

using zeiko::ui::ConsoleSettings;

namespace {

constexpr int payloadSize = 256 * 1024;   // big enough that a write takes several syscalls
const char *const writerVariable = "ZEIKO_STATE_WRITER_DIR";

QByteArray payloadFor(int round)
{
    return QByteArray(payloadSize, char('a' + round % 26));
}

// The child: saves round after round until it is killed.
int runWriter(const QString &dir)
{
    ConsoleSettings settings(dir);
    for (int round = 1;; ++round) {
        settings.setWindowState(payloadFor(round));
        settings.setCurrentView(round);
        settings.sync();
        std::printf("saved %d\n", round);
        std::fflush(stdout);
    }
}

} // namespace

class TestUiStateFiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void settingsFileIsReplacedNotRewrittenInPlace()
    {
#ifdef Q_OS_WIN
        QSKIP("hard links: POSIX only here");
#else
        const QString dir = m_dir.filePath(QStringLiteral("replace"));
        QVERIFY(QDir().mkpath(dir));
        const QString file = QDir(dir).filePath(QStringLiteral("console.ini"));
        {
            ConsoleSettings settings(dir);
            settings.setWindowState(payloadFor(1));
            settings.sync();
            QCOMPARE(settings.raw().status(), QSettings::NoError);
        }
        QFile original(file);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        original.close();
        const QString link = QDir(dir).filePath(QStringLiteral("old.ini"));
        QCOMPARE(::link(QFile::encodeName(file).constData(), QFile::encodeName(link).constData()), 0);
        {
            ConsoleSettings settings(dir);
            settings.setWindowState(payloadFor(2));
            settings.sync();
            QCOMPARE(settings.raw().status(), QSettings::NoError);
        }
        QFile old(link);
        QVERIFY(old.open(QIODevice::ReadOnly));
        QCOMPARE(old.readAll(), before);   // written in place, this would hold the new state
        ConsoleSettings reread(dir);
        QCOMPARE(reread.windowState(), payloadFor(2));
#endif
    }

    void writerKilledWhileSavingLeavesACompleteFile()
    {
        const QString dir = m_dir.filePath(QStringLiteral("killed"));
        QVERIFY(QDir().mkpath(dir));
        QProcess writer;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QString::fromLatin1(writerVariable), dir);
        writer.setProcessEnvironment(env);
        writer.start(QCoreApplication::applicationFilePath(), {});
        QVERIFY(writer.waitForStarted(60000));
        // Let it save a good number of times, then kill it wherever it is.
        QByteArray output;
        QTRY_VERIFY_WITH_TIMEOUT((output += writer.readAllStandardOutput()).count("saved ") >= 25
                                     || writer.state() == QProcess::NotRunning,
                                 120000);
        QCOMPARE(writer.state(), QProcess::Running);
        writer.kill();
        QVERIFY(writer.waitForFinished(60000));
        output += writer.readAllStandardOutput();
        const int lastReported = output.count("saved ");

        ConsoleSettings settings(dir);
        QCOMPARE(settings.raw().status(), QSettings::NoError);
        const int round = settings.currentView();
        QVERIFY2(round >= lastReported, qPrintable(QStringLiteral("round %1, reported %2").arg(round).arg(lastReported)));
        QVERIFY(round <= lastReported + 1);   // at most the save it was killed after
        QCOMPARE(settings.windowState(), payloadFor(round));   // whole, and of the same save as the round
    }
};

int main(int argc, char *argv[])
{
    const QString writerDir = qEnvironmentVariable(writerVariable);
    if (!writerDir.isEmpty()) {
        QCoreApplication app(argc, argv);
        return runWriter(writerDir);
    }
    QCoreApplication app(argc, argv);
    TestUiStateFiles test;
    return QTest::qExec(&test, argc, argv);
}
#include "test_ui_state_files.moc"
