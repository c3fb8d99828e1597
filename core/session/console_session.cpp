#include "session/console_session.h"

#include "store/store_path.h"

#include <QDir>
#include <QFileInfo>

namespace zeiko {

std::unique_ptr<ConsoleSession> openConsoleSession(const SessionIdentity &identity, const QString &token,
                                                   const SessionOptions &options, QString *error)
{
    std::unique_ptr<ConsoleSession> session(new ConsoleSession(identity, token, options));
    if (!session->openStore(error))
        return nullptr;
    return session;
}

ConsoleSession::ConsoleSession(const SessionIdentity &identity, const QString &token, const SessionOptions &options)
    : m_identity(identity)
    , m_api(identity.server, options.api)
    , m_stream(m_api, options.stream)
    , m_sync(m_store, m_api, m_stream, options.sync)
    , m_outbox(m_store, m_api, options.outbox)
{
    if (m_identity.storePath.isEmpty())
        m_identity.storePath = defaultStorePath(m_identity.server, m_identity.account, m_identity.email);
    m_api.setToken(token);
    m_sync.setOperatorId(m_identity.self.id);
    // The network came back: queued work goes now, not when its backoff
    // (up to a minute) runs out.
    connect(&m_sync, &SyncEngine::connectionStateChanged, this, [this](ConnectionState state) {
        if (state != ConnectionState::Offline)
            m_outbox.flushNow();
    });
    // A dead token: no retry loop with it; queued commands wait on disk.
    connect(&m_sync, &SyncEngine::signedOut, this, [this] {
        m_outbox.stop();
        Q_EMIT signedOut();
    });
}

ConsoleSession::~ConsoleSession()
{
    stop();
}

bool ConsoleSession::openStore(QString *error)
{
    const QString &path = m_identity.storePath;
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (m_store.open(path))
        return true;
    if (error)
        *error = tr("The offline cache could not be opened (%1): %2").arg(path, m_store.errorString());
    return false;
}

void ConsoleSession::start()
{
    m_sync.start();
    m_outbox.start();
    refreshOperators();
}

void ConsoleSession::stop()
{
    m_outbox.stop();
    m_sync.stop();
}

void ConsoleSession::refreshOperators()
{
    m_api.operators(this, [this](const ApiResult<QList<Operator>> &result) {
        if (!result.ok())
            return;
        m_operators = result.value();
        Q_EMIT operatorsChanged();
    });
}

} // namespace zeiko
