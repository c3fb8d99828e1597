#pragma once
// Keeps the local store in step with the server (DESIGN.md, sync contract):
// paged bootstrap, REST catch-up, live events, polling while the socket is
// down, a clean re-bootstrap on 410 cursor_expired, lazy thread loads and a
// prefetch of the operator's working set for offline reading.
//
// Connection state (what the status bar says) follows the first sign: the
// live socket closing or any request getting no answer says Offline at once
// (REST is then probed right away, so a working REST path says Polling a
// moment later). Coming back from Offline, the ticket the operator has open
// loads if its thread is not cached (it was outside the prefetched working
// set) and the working set is prefetched again; no F5 needed.
//
// Data only enters through the store; models follow the store's changed()
// signal. The engine itself holds no ticket data.
//
// A dead token (the stream closed with "token revoked or expired", or any
// REST call answered 401) stops the engine: no reconnect or poll loop with
// that token. It emits signedOut() once; a new session signs in again.

#include "net/api_client.h"
#include "net/event_stream.h"
#include "store/local_store.h"
#include "sync/connection_state.h"

#include <QObject>
#include <QSet>
#include <QTimer>

namespace zeiko {

struct SyncOptions {
    int snapshotPageSize = 500;
    int eventPageSize = 1000;                      // the server's maximum
    std::chrono::milliseconds pollInterval{10000}; // catch-up cadence while the socket is down
    // While offline catch-up is tried at least this often, so the console
    // notices the server's return within this long (issue 11, item 9).
    std::chrono::milliseconds offlinePollCeiling{5000};
    // Threads fetched for offline reading. Generous: an operator's whole queue
    // must read on a flight (the demo operator alone has ~90 open tickets).
    int prefetchLimit = 500;
    int prefetchConcurrency = 2;
};

class SyncEngine : public QObject
{
    Q_OBJECT
    Q_PROPERTY(zeiko::ConnectionState connectionState READ connectionState NOTIFY connectionStateChanged)
    Q_PROPERTY(bool bootstrapped READ isBootstrapped NOTIFY bootstrapFinished)
public:
    SyncEngine(LocalStore &store, ApiClient &api, EventStream &stream, SyncOptions options = {},
               QObject *parent = nullptr);

    // Begin syncing (bootstrap if needed, then catch up and go live).
    void start();
    void stop();
    // The signed-in operator: "assigned to me" in the prefetched working set.
    void setOperatorId(const QString &operatorId) { m_operatorId = operatorId; }

    ConnectionState connectionState() const { return m_connectionState; }
    bool isBootstrapped() const;
    bool isRunning() const { return m_running; }
    // The server no longer accepts our token (see signedOut()).
    bool isSignedOut() const { return m_signedOut; }

    // The operator opened a ticket: remember it, show the cached thread at
    // once (it is in the store) and refresh it from the server.
    void openThread(TicketId ticketId);
    // Fetch threads of the working set that are not cached yet.
    void prefetchWorkingSet();
    // Catch up over REST now (e.g. the user pressed refresh).
    void catchUpNow();

Q_SIGNALS:
    void connectionStateChanged(zeiko::ConnectionState state);
    void bootstrapProgress(int ticketsStored);
    void bootstrapFinished();
    // The store is at the server's head as of the last REST page or heartbeat.
    void caughtUp(zeiko::Seq cursor);
    void threadLoaded(zeiko::TicketId ticketId);
    void threadLoadFailed(zeiko::TicketId ticketId, const QString &message);
    void prefetchFinished(int threadsLoaded);
    // Something the operator should know (malformed data, store failure...).
    void syncError(const QString &message);
    // The token was revoked or expired; the engine has stopped.
    void signedOut();

private:
    void fetchSnapshotPage(const QString &cursor);
    void catchUp();
    void startStream();
    void applyStreamEvents(const QList<Event> &events);
    void onStreamStateChanged(EventStream::State state);
    void onRestSuccess();
    void onRestFailure(const ApiFailure &failure);
    void onServerUnreachable();
    void onBackFromOffline();
    void rebootstrap();
    void updateConnectionState();
    void loadThread(TicketId ticketId, bool prefetch);
    void pumpPrefetch();
    void reportStoreError(const QString &message);
    void onTokenDead();

    LocalStore &m_store;
    ApiClient &m_api;
    EventStream &m_stream;
    SyncOptions m_options;
    QString m_operatorId;
    QTimer m_pollTimer;
    ConnectionState m_connectionState = ConnectionState::Offline;
    bool m_running = false;
    bool m_bootstrapping = false;
    bool m_snapshotInFlight = false;
    bool m_catchUpInFlight = false;
    bool m_catchUpAgain = false;
    bool m_restReachable = false;
    bool m_streamConnected = false;   // the stream's last state was Connected
    TicketId m_openTicket = 0;        // the ticket the operator has open (openThread)
    bool m_signedOut = false;
    int m_generation = 0;   // bumps on stop/rebootstrap; stale replies are dropped
    QSet<TicketId> m_threadLoads;
    QList<TicketId> m_prefetchQueue;
    int m_prefetchActive = 0;
    int m_prefetchLoaded = 0;
};

} // namespace zeiko
