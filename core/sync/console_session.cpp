#include "sync/console_session.h"

namespace zeiko {

ConsoleSession::ConsoleSession(const QUrl &serverUrl, SessionOptions options, QObject *parent)
    : QObject(parent)
    , m_api(serverUrl, options.api)
    , m_stream(m_api, options.stream)
    , m_sync(m_store, m_api, m_stream, options.sync)
    , m_outbox(m_store, m_api, options.outbox)
{
    // The network came back: do not make queued work wait out its backoff.
    connect(&m_sync, &SyncEngine::connectionStateChanged, this, [this](ConnectionState state) {
        if (state != ConnectionState::Offline)
            m_outbox.flushNow();
    });
}

ConsoleSession::~ConsoleSession()
{
    stop();
}

bool ConsoleSession::openStore(const QString &path)
{
    return m_store.open(path);
}

void ConsoleSession::setCredentials(const QString &token, const QString &operatorId)
{
    m_api.setToken(token);
    m_sync.setOperatorId(operatorId);
}

void ConsoleSession::start()
{
    m_sync.start();
    m_outbox.start();
}

void ConsoleSession::stop()
{
    m_outbox.stop();
    m_sync.stop();
}

} // namespace zeiko
