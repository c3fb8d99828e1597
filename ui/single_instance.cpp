#include "ui/single_instance.h"

#include <QCryptographicHash>
#include <QDataStream>
#include <QDeadlineTimer>
#include <QDir>
#include <QFileInfo>
#include <QLocalServer>
#include <QLocalSocket>
#include <QLockFile>
#include <QLoggingCategory>
#include <QStandardPaths>

Q_LOGGING_CATEGORY(lcSingleInstance, "zeiko.ui.single_instance")

namespace zeiko::ui {

namespace {
// "ZSI1": guards against something else listening on our name.
constexpr quint32 requestMagic = 0x5a534931;
constexpr char acknowledgement = 'A';
constexpr auto streamVersion = QDataStream::Qt_6_4;

QString lockPathFor(const QString &socketPath)
{
#ifdef Q_OS_WIN
    // A pipe name is not a file path.
    return QDir::temp().filePath(socketPath + QStringLiteral(".lock"));
#else
    return socketPath + QStringLiteral(".lock");
#endif
}
} // namespace

SingleInstance::SingleInstance(const QString &socketPath, QObject *parent)
    : QObject(parent)
    , m_socketPath(socketPath)
{
}

SingleInstance::~SingleInstance() = default;

QString SingleInstance::socketPathFor(const QString &profileDir)
{
    QFileInfo info(profileDir);
    const QString canonical = info.exists() ? info.canonicalFilePath() : QDir::cleanPath(info.absoluteFilePath());
    QByteArray key = canonical.toUtf8();
#ifdef Q_OS_WIN
    key += '\n' + qEnvironmentVariable("USERNAME").toUtf8();   // pipes are machine-wide
#endif
    const QString name = QStringLiteral("zeiko-console-")
        + QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha256).toHex().left(16));
#ifdef Q_OS_WIN
    return name;
#else
    // The runtime directory is private to the user; /tmp would let another
    // user squat the name.
    QString dir = QStandardPaths::writableLocation(QStandardPaths::RuntimeLocation);
    if (dir.isEmpty())
        dir = QDir::tempPath();
    return QDir(dir).filePath(name);
#endif
}

SingleInstance::Role SingleInstance::claim(const QStringList &arguments, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    QLockFile lock(lockPathFor(m_socketPath));
    lock.setStaleLockTime(0);   // stale only when its process is gone, however long a claim takes
    if (!lock.tryLock(timeoutMs)) {
        // Another launch is claiming right now, or the lock cannot be made:
        // try the hand-over anyway; a listening instance is what counts.
        qCWarning(lcSingleInstance) << "could not lock" << lock.error();
    }
    bool connected = false;
    if (handOver(arguments, int(deadline.remainingTime()), &connected))
        return Role::Secondary;
    if (connected) {
        m_error = tr("Another Zeiko Handoff Console is running for this profile but does not answer.");
        return Role::Unresponsive;
    }
    if (!listen()) {
        // Still start: one console without the guard beats none.
        qCWarning(lcSingleInstance) << "cannot listen on" << m_socketPath << m_error;
    }
    return Role::Primary;
}

bool SingleInstance::handOver(const QStringList &arguments, int timeoutMs, bool *connected)
{
    const QDeadlineTimer deadline(qMax(timeoutMs, 1));
    QLocalSocket socket;
    socket.connectToServer(m_socketPath);
    // A socket file without a process refuses at once; nothing listening at all likewise.
    if (!socket.waitForConnected(int(deadline.remainingTime())))
        return false;
    *connected = true;

    QByteArray request;
    QDataStream out(&request, QIODevice::WriteOnly);
    out.setVersion(streamVersion);
    out << requestMagic << arguments;
    socket.write(request);
    while (socket.bytesToWrite() > 0) {
        if (!socket.waitForBytesWritten(int(deadline.remainingTime())))
            return false;
    }
    while (socket.bytesAvailable() < 1) {
        if (deadline.hasExpired() || !socket.waitForReadyRead(int(deadline.remainingTime())))
            return false;
    }
    char answer = 0;
    socket.getChar(&answer);
    return answer == acknowledgement;
}

bool SingleInstance::listen()
{
    m_server = new QLocalServer(this);
    m_server->setSocketOptions(QLocalServer::UserAccessOption);
    if (!m_server->listen(m_socketPath)) {
        // Left behind by a crashed instance (we hold the lock and nobody
        // answered on it): remove and take over.
        QLocalServer::removeServer(m_socketPath);
        if (!m_server->listen(m_socketPath)) {
            m_error = m_server->errorString();
            delete m_server;
            m_server = nullptr;
            return false;
        }
    }
    connect(m_server, &QLocalServer::newConnection, this, &SingleInstance::onNewConnection);
    return true;
}

void SingleInstance::onNewConnection()
{
    while (QLocalSocket *socket = m_server->nextPendingConnection()) {
        connect(socket, &QLocalSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QLocalSocket::readyRead, this, [this, socket] { readRequest(socket); });
        if (socket->bytesAvailable() > 0)
            readRequest(socket);
    }
}

void SingleInstance::readRequest(QLocalSocket *socket)
{
    QDataStream in(socket);
    in.setVersion(streamVersion);
    in.startTransaction();
    quint32 magic = 0;
    QStringList arguments;
    in >> magic >> arguments;
    if (!in.commitTransaction() && in.status() != QDataStream::ReadCorruptData)
        return;   // more to come
    if (in.status() != QDataStream::Ok || magic != requestMagic) {
        socket->abort();
        return;
    }
    qCInfo(lcSingleInstance) << "activated by a second launch";
    Q_EMIT activationRequested(arguments);
    socket->putChar(acknowledgement);
    socket->flush();
}

} // namespace zeiko::ui
