#pragma once
// The one console session: a signed-in account on one server with its
// offline store, REST client, live stream, sync engine, outbox, markdown
// renderer and the tenant's operators, wired together in the order they
// depend on each other. It also owns the rules that tie the parts together:
//  - the network came back (the sync engine leaves Offline): the outbox sends
//    at once instead of waiting out its backoff (up to a minute).
//  - the server no longer accepts the token (revoked, expired; the stream
//    closed with 4001 or a call got 401): sync and outbox stop, queued work
//    stays on disk, and signedOut() asks the application to sign in again;
//    the next session on the same cache sends it.
// No widgets here. The application (app/), the widgets (ui/) and every test
// that needs a session get theirs from openConsoleSession(), so the object
// the suites drive is the object the console ships.
//
//   QString error;
//   std::unique_ptr<ConsoleSession> session = openConsoleSession(identity, token, {}, &error);
//   if (!session) showToOperator(error);
//   TicketQueueModel queue(session->store());
//   session->start();

#include "domain/types.h"
#include "markdown/markdown_renderer.h"
#include "net/api_client.h"
#include "net/event_stream.h"
#include "outbox/outbox.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"

#include <QList>
#include <QObject>
#include <QUrl>

#include <memory>

namespace zeiko {

// Who is signed in where, as the sign-in (or the cached last account) found it.
struct SessionIdentity {
    QUrl server;
    QString account;
    QString email;
    Operator self;
    Tenant tenant;
    // Where the account's cache lives; empty: defaultStorePath(server, account, email).
    QString storePath;
};

struct SessionOptions {
    ApiClientOptions api;
    EventStreamOptions stream;
    SyncOptions sync;
    OutboxOptions outbox;
};

class ConsoleSession;

// Opens the account's cache (creating its folder) and builds the session
// with the token set; nothing is sent until start(). nullptr with `error`
// set to a message for the operator when the cache cannot be opened (newer
// schema, unreadable file, no space).
std::unique_ptr<ConsoleSession> openConsoleSession(const SessionIdentity &identity, const QString &token,
                                                   const SessionOptions &options = {}, QString *error = nullptr);

class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    ~ConsoleSession() override;

    // Start syncing and sending, and fetch the operators; stop() keeps
    // everything queued on disk.
    void start();
    void stop();

    const SessionIdentity &identity() const { return m_identity; }
    QString operatorId() const { return m_identity.self.id; }
    LocalStore &store() { return m_store; }
    ApiClient &api() { return m_api; }
    EventStream &stream() { return m_stream; }
    SyncEngine &sync() { return m_sync; }
    Outbox &outbox() { return m_outbox; }
    markdown::MarkdownRenderer &renderer() { return m_renderer; }

    // The tenant's operators (assignment menus); fetched at start(), then cached.
    const QList<Operator> &operators() const { return m_operators; }
    void refreshOperators();

Q_SIGNALS:
    void operatorsChanged();
    // The token is dead; everything has stopped, the outbox is kept.
    void signedOut();

private:
    friend std::unique_ptr<ConsoleSession> openConsoleSession(const SessionIdentity &, const QString &,
                                                              const SessionOptions &, QString *);
    ConsoleSession(const SessionIdentity &identity, const QString &token, const SessionOptions &options);
    bool openStore(QString *error);

    SessionIdentity m_identity;
    LocalStore m_store;
    ApiClient m_api;
    EventStream m_stream;
    SyncEngine m_sync;
    Outbox m_outbox;
    markdown::MarkdownRenderer m_renderer;
    QList<Operator> m_operators;
};

} // namespace zeiko

Q_DECLARE_METATYPE(zeiko::SessionIdentity)
