#include "ui/console_session.h"

#include "store/store_path.h"

#include <QDir>
#include <QFileInfo>

namespace zeiko::ui {

ConsoleSession::ConsoleSession(SessionIdentity identity, const QString &token, SessionOptions options,
                               QObject *parent)
    : QObject(parent)
    , m_identity(std::move(identity))
    , m_api(m_identity.server, options.api)
    , m_stream(m_api, options.stream)
    , m_sync(m_store, m_api, m_stream, options.sync)
    , m_outbox(m_store, m_api, options.outbox)
{
    m_api.setToken(token);
    m_sync.setOperatorId(m_identity.self.id);
}

ConsoleSession::~ConsoleSession()
{
    stop();
}

bool ConsoleSession::open(QString *error)
{
    QString path = m_identity.storePath;
    if (path.isEmpty())
        path = defaultStorePath(m_identity.server, m_identity.account, m_identity.email);
    QDir().mkpath(QFileInfo(path).absolutePath());
    if (!m_store.open(path)) {
        if (error)
            *error = tr("The offline cache could not be opened (%1): %2").arg(path, m_store.errorString());
        return false;
    }
    return true;
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

} // namespace zeiko::ui
