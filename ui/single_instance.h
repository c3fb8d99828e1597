#pragma once
// One running console per user profile. The first process to claim a profile
// listens on a local socket named after it; a later launch for the same
// profile connects, hands over its arguments, waits for the first process to
// acknowledge them and then exits. A socket left behind by a crashed
// instance answers nobody and is replaced. Claims are serialised with a lock
// file so two simultaneous launches cannot both become the first.

#include <QObject>
#include <QString>
#include <QStringList>

class QLocalServer;
class QLocalSocket;

namespace zeiko::ui {

class SingleInstance : public QObject
{
    Q_OBJECT
public:
    enum class Role {
        Primary,        // this process owns the profile now
        Secondary,      // the running instance received the arguments: exit
        Unresponsive,   // an instance holds the profile but did not answer
    };

    // socketPath: where the local socket lives (see socketPathFor()).
    explicit SingleInstance(const QString &socketPath, QObject *parent = nullptr);
    ~SingleInstance() override;

    // The socket for a profile: named after a hash of the profile directory,
    // in the user's runtime directory (only the user can reach it).
    static QString socketPathFor(const QString &profileDir);

    // Blocking (run before the event loop). Waits up to timeoutMs for the
    // running instance to take the arguments.
    Role claim(const QStringList &arguments, int timeoutMs = 5000);

    QString socketPath() const { return m_socketPath; }
    QString errorString() const { return m_error; }

Q_SIGNALS:
    // In the primary: a later launch for the same profile, with its arguments.
    void activationRequested(const QStringList &arguments);

private:
    bool handOver(const QStringList &arguments, int timeoutMs, bool *connected);
    bool listen();
    void onNewConnection();
    void readRequest(QLocalSocket *socket);

    QString m_socketPath;
    QString m_error;
    QLocalServer *m_server = nullptr;
};

} // namespace zeiko::ui
