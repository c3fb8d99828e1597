#pragma once
// One signed-in console: the store, REST client, live stream, sync engine
// and outbox of one account on one server, wired together the one right
// way. The UI creates one per sign-in and reaches the parts through it.
//
//   ConsoleSession session(serverUrl);
//   if (!session.openStore(defaultStorePath(serverUrl, account, email))) show(session.errorString());
//   session.setCredentials(token, operatorId);
//   session.start();
//   TicketQueueModel queue(session.store());

#include "net/api_client.h"
#include "net/event_stream.h"
#include "outbox/outbox.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"

#include <QObject>

namespace zeiko {

struct SessionOptions {
    ApiClientOptions api;
    EventStreamOptions stream;
    SyncOptions sync;
    OutboxOptions outbox;
};

class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleSession(const QUrl &serverUrl, SessionOptions options = {}, QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Opens the account's cache; false with errorString() (newer schema, unreadable file).
    bool openStore(const QString &path);
    QString errorString() const { return m_store.errorString(); }

    void setCredentials(const QString &token, const QString &operatorId);
    // Start syncing and sending; stop() keeps everything queued on disk.
    void start();
    void stop();

    LocalStore &store() { return m_store; }
    ApiClient &api() { return m_api; }
    EventStream &stream() { return m_stream; }
    SyncEngine &sync() { return m_sync; }
    Outbox &outbox() { return m_outbox; }

private:
    LocalStore m_store;
    ApiClient m_api;
    EventStream m_stream;
    SyncEngine m_sync;
    Outbox m_outbox;
};

} // namespace zeiko
