#pragma once
// One signed-in account on one server: the offline store, the REST client,
// the live stream, the sync engine, the outbox and the markdown renderer,
// wired together in the order they depend on each other. The widgets get
// everything from here; nothing here knows about widgets.

#include "markdown/markdown_renderer.h"
#include "net/api_client.h"
#include "net/event_stream.h"
#include "outbox/outbox.h"
#include "store/local_store.h"
#include "sync/sync_engine.h"

#include <QObject>
#include <QUrl>

namespace zeiko::ui {

struct SessionIdentity {
    QUrl server;
    QString account;
    QString email;
    Operator self;
    Tenant tenant;
    // Where the account's cache lives; empty: defaultStorePath().
    QString storePath;
};

struct SessionOptions {
    SyncOptions sync;
    OutboxOptions outbox;
    ApiClientOptions api;
    EventStreamOptions stream;
};

class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    ConsoleSession(SessionIdentity identity, const QString &token, SessionOptions options = {},
                   QObject *parent = nullptr);
    ~ConsoleSession() override;

    // Opens the store; false with a message for the operator when it cannot.
    bool open(QString *error);
    // Starts syncing and sending queued commands.
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

    // The tenant's operators (assignment menus); fetched once, then cached.
    const QList<Operator> &operators() const { return m_operators; }
    void refreshOperators();

Q_SIGNALS:
    void operatorsChanged();

private:
    SessionIdentity m_identity;
    LocalStore m_store;
    ApiClient m_api;
    EventStream m_stream;
    SyncEngine m_sync;
    Outbox m_outbox;
    markdown::MarkdownRenderer m_renderer;
    QList<Operator> m_operators;
};

} // namespace zeiko::ui

Q_DECLARE_METATYPE(zeiko::ui::SessionIdentity)
