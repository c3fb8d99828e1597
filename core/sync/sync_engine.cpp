#include "sync/sync_engine.h"

#include "store/store_error.h"
#include "sync/logging.h"

namespace zeiko {

using namespace Qt::StringLiterals;

SyncEngine::SyncEngine(LocalStore &store, ApiClient &api, EventStream &stream, SyncOptions options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_api(api)
    , m_stream(stream)
    , m_options(options)
{
    qRegisterMetaType<zeiko::ConnectionState>();
    m_pollTimer.setInterval(std::min(m_options.pollInterval, m_options.offlinePollCeiling));   // Offline until the server answers
    connect(&m_pollTimer, &QTimer::timeout, this, &SyncEngine::catchUp);
    connect(&m_stream, &EventStream::eventsReceived, this, &SyncEngine::applyStreamEvents);
    connect(&m_stream, &EventStream::gapDetected, this, [this](Seq) { catchUp(); });
    connect(&m_stream, &EventStream::stateChanged, this, &SyncEngine::onStreamStateChanged);
    connect(&m_stream, &EventStream::malformedFrame, this, [this](const QString &detail) {
        Q_EMIT syncError(tr("The live feed sent data this version does not understand (%1).").arg(detail));
    });
    connect(&m_stream, &EventStream::heartbeatReceived, this, [this](Seq head) {
        if (head <= m_store.cursor())
            Q_EMIT caughtUp(m_store.cursor());
    });
    connect(&m_stream, &EventStream::tokenRejected, this, &SyncEngine::onTokenDead);
    connect(&m_api, &ApiClient::unauthorized, this, &SyncEngine::onTokenDead);
    connect(&m_api, &ApiClient::serverUnreachable, this, &SyncEngine::onServerUnreachable);
}

void SyncEngine::onTokenDead()
{
    if (!m_running)
        return;
    qCInfo(lcSync) << "the server no longer accepts our token; stopping sync";
    stop();
    m_signedOut = true;
    Q_EMIT signedOut();
}

bool SyncEngine::isBootstrapped() const
{
    return m_store.bootstrapState().complete;
}

void SyncEngine::start()
{
    if (m_running)
        return;
    m_running = true;
    m_signedOut = false;
    ++m_generation;
    if (!m_store.bootstrapState().complete)
        fetchSnapshotPage(m_store.bootstrapState().nextPageCursor);
    else
        catchUp();
}

void SyncEngine::stop()
{
    m_running = false;
    ++m_generation;
    m_bootstrapping = false;
    m_snapshotInFlight = false;
    m_catchUpInFlight = false;
    m_catchUpAgain = false;
    m_pollTimer.stop();
    m_stream.stop();
    m_threadLoads.clear();
    m_prefetchQueue.clear();
    m_prefetchActive = 0;
    m_restReachable = false;
    m_streamConnected = false;
    updateConnectionState();
}

void SyncEngine::reportStoreError(const QString &message)
{
    qCWarning(lcSync) << "store write failed during sync";
    Q_EMIT syncError(message);
}

// ---- bootstrap -------------------------------------------------------------

void SyncEngine::fetchSnapshotPage(const QString &cursor)
{
    m_bootstrapping = true;
    if (m_snapshotInFlight)
        return;   // the page chain already running continues by itself
    m_snapshotInFlight = true;
    const int generation = m_generation;
    m_api.snapshot(cursor, m_options.snapshotPageSize, this, [this, generation, cursor](const ApiResult<SnapshotPage> &r) {
        if (generation != m_generation)
            return;
        m_snapshotInFlight = false;
        if (!r.ok()) {
            const ApiFailure &failure = r.failure();
            if (failure.kind == ApiFailure::Kind::Http4xx && !cursor.isEmpty() && failure.httpStatus != 401) {
                // A saved page cursor the server no longer accepts: start the snapshot over.
                qCInfo(lcSync) << "snapshot cursor refused; restarting the bootstrap";
                m_store.resetBootstrap();
                fetchSnapshotPage({});
                return;
            }
            onRestFailure(failure);
            // Retry the same page on the poll timer.
            return;
        }
        onRestSuccess();
        try {
            m_store.applySnapshotPage(r.value());
        } catch (const StoreError &error) {
            reportStoreError(error.userMessage());
            return;
        }
        Q_EMIT bootstrapProgress(int(m_store.ticketCount()));
        if (!r.value().nextCursor.isEmpty()) {
            fetchSnapshotPage(r.value().nextCursor);
            return;
        }
        m_bootstrapping = false;
        qCInfo(lcSync) << "bootstrap complete at seq" << m_store.cursor();
        Q_EMIT bootstrapFinished();
        catchUp();
        prefetchWorkingSet();
    });
}

void SyncEngine::rebootstrap()
{
    qCInfo(lcSync) << "cursor expired on the server; re-bootstrapping";
    ++m_generation;
    m_snapshotInFlight = false;
    m_catchUpInFlight = false;
    m_catchUpAgain = false;
    m_stream.stop();
    try {
        m_store.resetBootstrap();
    } catch (const StoreError &error) {
        reportStoreError(error.userMessage());
        return;
    }
    fetchSnapshotPage({});
}

// ---- catch-up --------------------------------------------------------------

void SyncEngine::catchUpNow()
{
    catchUp();
}

void SyncEngine::catchUp()
{
    if (!m_running)
        return;
    if (m_bootstrapping) {
        // Still (or again) bootstrapping: the poll timer retries the page.
        fetchSnapshotPage(m_store.bootstrapState().nextPageCursor);
        return;
    }
    if (m_catchUpInFlight) {
        m_catchUpAgain = true;
        return;
    }
    m_catchUpInFlight = true;
    const int generation = m_generation;
    m_api.events(m_store.cursor(), m_options.eventPageSize, this, [this, generation](const ApiResult<EventPage> &r) {
        if (generation != m_generation)
            return;
        m_catchUpInFlight = false;
        if (!r.ok()) {
            if (r.failure().httpStatus == 410) {
                rebootstrap();
                return;
            }
            onRestFailure(r.failure());
            return;
        }
        onRestSuccess();
        StoreChange change;
        try {
            change = m_store.applyEvents(r.value().events);
        } catch (const StoreError &error) {
            reportStoreError(error.userMessage());
            return;
        }
        if (change.stoppedAtGap) {
            Q_EMIT syncError(tr("The server sent events out of order; retrying."));
            return;
        }
        const bool more = r.value().hasMore && !r.value().events.isEmpty();
        if (more || m_catchUpAgain) {
            m_catchUpAgain = false;
            catchUp();
            return;
        }
        Q_EMIT caughtUp(m_store.cursor());
        startStream();
    });
}

void SyncEngine::startStream()
{
    if (m_stream.state() == EventStream::State::Stopped)
        m_stream.start(m_store.cursor());
    else
        m_stream.resume(m_store.cursor());
}

void SyncEngine::applyStreamEvents(const QList<Event> &events)
{
    StoreChange change;
    try {
        change = m_store.applyEvents(events);
    } catch (const StoreError &error) {
        reportStoreError(error.userMessage());
        catchUp();   // the events are still on the server
        return;
    }
    if (change.stoppedAtGap)
        catchUp();
    // Keep the stream's continuity check on the store's cursor.
    m_stream.resume(m_store.cursor());
}

// ---- connection state ------------------------------------------------------

void SyncEngine::onStreamStateChanged(EventStream::State state)
{
    const bool wasConnected = m_streamConnected;
    m_streamConnected = state == EventStream::State::Connected;
    if (m_streamConnected) {
        m_pollTimer.stop();
    } else if (m_running && !m_pollTimer.isActive()) {
        m_pollTimer.start();
    }
    if (wasConnected && !m_streamConnected && m_running) {
        // The socket closed: we do not know that REST still works (the server
        // may be gone). Offline now, and ask REST at once rather than at the
        // next poll: if it answers, Polling.
        m_restReachable = false;
        updateConnectionState();
        catchUp();
        return;
    }
    updateConnectionState();
}

void SyncEngine::onServerUnreachable()
{
    if (!m_running || !m_restReachable)
        return;
    m_restReachable = false;
    updateConnectionState();
}

void SyncEngine::onBackFromOffline()
{
    if (!m_running || m_bootstrapping || !isBootstrapped())
        return;
    // The server answers again: the socket need not wait out its backoff.
    if (m_stream.state() == EventStream::State::Reconnecting)
        m_stream.reconnectNow();
    // Opened while offline and not cached: load it now, without F5.
    if (m_openTicket != 0) {
        try {
            if (!m_store.isThreadLoaded(m_openTicket))
                loadThread(m_openTicket, false);
        } catch (const StoreError &error) {
            reportStoreError(error.userMessage());
        }
    }
    prefetchWorkingSet();
}

void SyncEngine::onRestSuccess()
{
    m_restReachable = true;
    updateConnectionState();
}

void SyncEngine::onRestFailure(const ApiFailure &failure)
{
    qCInfo(lcSync) << "sync request failed:" << failureKindName(failure.kind) << failure.httpStatus;
    if (failure.kind == ApiFailure::Kind::Malformed)
        Q_EMIT syncError(failure.message());
    else if (!failure.isTransient())
        Q_EMIT syncError(failure.message());
    if (failure.kind != ApiFailure::Kind::Malformed)
        m_restReachable = false;
    if (m_running && !m_pollTimer.isActive() && m_stream.state() != EventStream::State::Connected)
        m_pollTimer.start();
    updateConnectionState();
}

void SyncEngine::updateConnectionState()
{
    ConnectionState next = ConnectionState::Offline;
    if (m_running && m_stream.state() == EventStream::State::Connected)
        next = ConnectionState::Live;
    else if (m_running && m_restReachable)
        next = ConnectionState::Polling;
    if (next == m_connectionState)
        return;
    const bool backFromOffline = m_connectionState == ConnectionState::Offline;
    m_connectionState = next;
    const bool offline = next == ConnectionState::Offline;
    m_stream.setOffline(offline);
    // setInterval restarts a running timer: only when the cadence changes.
    const auto interval = offline ? std::min(m_options.pollInterval, m_options.offlinePollCeiling) : m_options.pollInterval;
    if (m_pollTimer.intervalAsDuration() != interval)
        m_pollTimer.setInterval(interval);
    qCInfo(lcSync) << "connection state" << int(next);
    Q_EMIT connectionStateChanged(next);
    if (backFromOffline)
        onBackFromOffline();
}

// ---- threads ---------------------------------------------------------------

void SyncEngine::openThread(TicketId ticketId)
{
    m_openTicket = ticketId;
    try {
        m_store.markViewed(ticketId);
    } catch (const StoreError &error) {
        reportStoreError(error.userMessage());
    }
    loadThread(ticketId, false);
}

void SyncEngine::loadThread(TicketId ticketId, bool prefetch)
{
    if (m_threadLoads.contains(ticketId)) {
        if (prefetch) {
            --m_prefetchActive;
            pumpPrefetch();
        }
        return;
    }
    m_threadLoads.insert(ticketId);
    const int generation = m_generation;
    m_api.ticket(ticketId, this, [this, ticketId, prefetch, generation](const ApiResult<TicketDetail> &r) {
        if (generation != m_generation)
            return;
        m_threadLoads.remove(ticketId);
        if (r.ok()) {
            try {
                m_store.storeThread(r.value().ticket, r.value().entries, r.value().handoff);
                if (prefetch)
                    ++m_prefetchLoaded;
                Q_EMIT threadLoaded(ticketId);
            } catch (const StoreError &error) {
                reportStoreError(error.userMessage());
            }
        } else {
            Q_EMIT threadLoadFailed(ticketId, r.failure().message());
        }
        if (prefetch) {
            --m_prefetchActive;
            pumpPrefetch();
        }
    });
}

void SyncEngine::prefetchWorkingSet()
{
    if (!m_prefetchQueue.isEmpty() || m_prefetchActive > 0)
        return;   // one pass at a time
    try {
        m_prefetchQueue = m_store.uncachedWorkingSet(m_operatorId, m_options.prefetchLimit);
    } catch (const StoreError &error) {
        reportStoreError(error.userMessage());
        return;
    }
    m_prefetchLoaded = 0;
    qCInfo(lcSync) << "prefetching" << m_prefetchQueue.size() << "threads";
    pumpPrefetch();
}

void SyncEngine::pumpPrefetch()
{
    while (m_running && m_prefetchActive < m_options.prefetchConcurrency && !m_prefetchQueue.isEmpty()) {
        ++m_prefetchActive;
        loadThread(m_prefetchQueue.takeFirst(), true);
    }
    if (m_prefetchActive == 0 && m_prefetchQueue.isEmpty())
        Q_EMIT prefetchFinished(m_prefetchLoaded);
}

} // namespace zeiko
