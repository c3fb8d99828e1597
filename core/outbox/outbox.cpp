#include "outbox/outbox.h"

#include "domain/command_targets.h"
#include "store/store_error.h"
#include "sync/logging.h"

#include <QScopeGuard>
#include <QUuid>

namespace zeiko {

using namespace Qt::StringLiterals;

namespace {

QString newRequestId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

// Error codes stored for items that failed without a server error code.
QString localCode(const ApiFailure &failure)
{
    return failure.error.code.isEmpty() ? u"local:"_s + failureKindName(failure.kind) : failure.error.code;
}

} // namespace

Outbox::Outbox(LocalStore &store, ApiClient &api, OutboxOptions options, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_api(api)
    , m_options(std::move(options))
    , m_clock(m_options.clock ? m_options.clock : &systemClock())
{
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(0);
    connect(&m_flushTimer, &QTimer::timeout, this, &Outbox::flush);
    m_retryTimer.setSingleShot(true);
    connect(&m_retryTimer, &QTimer::timeout, this, [this] {
        Q_EMIT backoffElapsed();
        flush();
    });
    m_holdTimer.setSingleShot(true);
    connect(&m_holdTimer, &QTimer::timeout, this, &Outbox::flush);
    connect(m_clock, &Clock::jumped, this, &Outbox::scheduleFlush);
    connect(&m_store, &LocalStore::changed, this, &Outbox::onStoreChanged);
}

std::optional<OutboxItem> Outbox::enqueue(Command command, QString *error)
{
    return enqueueHeld(std::move(command), std::chrono::milliseconds(0), error);
}

std::optional<OutboxItem> Outbox::enqueueHeld(Command command, std::chrono::milliseconds undoWindow, QString *error)
{
    if (command.requestId.isEmpty())
        command.requestId = newRequestId();
    const QDateTime notBefore = undoWindow.count() > 0 ? m_clock->now().addMSecs(undoWindow.count()) : QDateTime();
    try {
        OutboxItem item = m_store.insertOutboxItem(command, notBefore);
        if (notBefore.isValid())
            m_heldHere.insert(item.id);
        qCInfo(lcOutbox) << "queued" << toString(command.type) << "for" << lanesOf(command)
                         << (notBefore.isValid() ? "held for its undo window" : "");
        scheduleFlush();
        return item;
    } catch (const StoreError &storeError) {
        if (error)
            *error = tr("The action could not be queued: %1").arg(storeError.userMessage());
        return std::nullopt;
    }
}

std::optional<OutboxItem> Outbox::withdraw(qint64 itemId)
{
    try {
        const std::optional<OutboxItem> item = m_store.outboxItem(itemId);
        if (!item || !isHeld(*item, m_clock->now()) || m_inFlight.contains(item->command.requestId))
            return std::nullopt;   // sent, or on its way: too late to take back
        m_store.removeOutboxItem(itemId);
        qCInfo(lcOutbox) << "withdrawn in its undo window:" << toString(item->command.type) << "for"
                         << lanesOf(item->command);
        scheduleFlush();   // what queued behind it may go now
        return item;
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
        return std::nullopt;
    }
}

bool Outbox::release(qint64 itemId)
{
    try {
        std::optional<OutboxItem> item = m_store.outboxItem(itemId);
        if (!item || !item->notBefore.isValid())
            return false;
        item->notBefore = {};
        m_store.updateOutboxItem(*item);
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
        return false;
    }
    scheduleFlush();
    return true;
}

QHash<qint64, QueuePosition> Outbox::positions() const
{
    return queuePositions(m_store.outboxItems(), m_clock->now());
}

void Outbox::releaseHoldsFromEarlierRuns()
{
    for (OutboxItem item : m_store.outboxItems()) {
        if (item.notBefore.isValid() && !m_heldHere.contains(item.id)) {
            qCInfo(lcOutbox) << "releasing a send held when the console stopped:" << lanesOf(item.command);
            item.notBefore = {};
            m_store.updateOutboxItem(item);
        }
    }
}

void Outbox::start()
{
    if (m_running)
        return;
    m_running = true;
    // Items a crash left InFlight: we do not know whether the server got
    // them, so they go again with the same key and the server dedupes.
    try {
        for (OutboxItem item : m_store.outboxItems()) {
            if (item.state == OutboxState::InFlight) {
                item.state = OutboxState::Queued;
                item.nextAttemptAt = {};
                m_store.updateOutboxItem(item);
            }
        }
        releaseHoldsFromEarlierRuns();
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
    }
    scheduleFlush();
}

void Outbox::stop()
{
    m_running = false;
    m_flushTimer.stop();
    m_retryTimer.stop();
    m_holdTimer.stop();
    // Replies still arriving are applied (they are results the server
    // committed); nothing new is sent.
}

void Outbox::flushNow()
{
    m_ignoreBackoff = true;
    scheduleFlush();
}

void Outbox::scheduleFlush()
{
    if (m_running)
        m_flushTimer.start();
}

void Outbox::flush()
{
    if (!m_running)
        return;
    const bool ignoreBackoff = std::exchange(m_ignoreBackoff, false);
    QList<OutboxItem> items;
    try {
        items = m_store.outboxItems();
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
        return;
    }
    const QDateTime now = m_clock->now();
    QDateTime earliestWait;
    QDateTime earliestRelease;
    // Lanes with an earlier command not yet done: whatever else is on them waits.
    QSet<QString> busyLanes;
    for (const OutboxItem &item : std::as_const(items)) {
        const QStringList lanes = lanesOf(item.command);
        const bool headOfAllItsLanes =
            std::none_of(lanes.cbegin(), lanes.cend(), [&](const QString &lane) { return busyLanes.contains(lane); });
        for (const QString &lane : lanes)
            busyLanes.insert(lane);   // it holds its lanes until it is done, whether it goes now or waits
        if (!headOfAllItsLanes)
            continue;
        if (m_inFlight.contains(item.command.requestId) || item.state == OutboxState::Failed)
            continue;   // on its way, or blocked until the operator decides
        if (isHeld(item, now)) {
            // In its undo window: it and everything after it on its lanes wait, even on flushNow().
            if (!earliestRelease.isValid() || item.notBefore < earliestRelease)
                earliestRelease = item.notBefore;
            continue;
        }
        if (!ignoreBackoff && item.nextAttemptAt.isValid() && item.nextAttemptAt > now) {
            if (!earliestWait.isValid() || item.nextAttemptAt < earliestWait)
                earliestWait = item.nextAttemptAt;
            continue;
        }
        send(item);
    }
    if (earliestWait.isValid())
        m_retryTimer.start(std::max<qint64>(1, now.msecsTo(earliestWait)));
    if (earliestRelease.isValid())
        m_holdTimer.start(std::max<qint64>(1, now.msecsTo(earliestRelease)));
    if (items.isEmpty() && m_inFlight.isEmpty())
        Q_EMIT drained();
}

void Outbox::send(OutboxItem item)
{
    item.state = OutboxState::InFlight;
    item.notBefore = {};   // released: its undo window is over
    ++item.attempts;
    try {
        m_store.updateOutboxItem(item);   // durable before it leaves
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
        return;
    }
    const QString requestId = item.command.requestId;
    m_inFlight.insert(requestId, item.command.ticketId);
    qCDebug(lcOutbox) << "sending" << toString(item.command.type) << "for" << lanesOf(item.command) << "attempt"
                      << item.attempts;
    const qint64 id = item.id;
    if (isAboutOneTicket(item.command)) {
        m_api.sendCommand(item.command, this, [this, id, requestId](const ApiResult<CommandResult> &result) {
            onReply(id, requestId, result.ok() ? nullptr : &result.failure(),
                    [&] { m_store.confirmCommand(requestId, result.value()); });
        });
    } else {
        m_api.sendTargetedCommand(item.command, this, [this, id, requestId](const ApiResult<Seq> &result) {
            onReply(id, requestId, result.ok() ? nullptr : &result.failure(),
                    [&] { m_store.confirmCommand(requestId); });
        });
    }
}

void Outbox::onReply(qint64 itemId, const QString &requestId, const ApiFailure *failure,
                     const std::function<void()> &confirm)
{
    // Released when this reply is handled, whatever happens. Still held while
    // confirm() runs, so onStoreChanged() reports the confirmation once.
    const auto release = qScopeGuard([this, requestId] { m_inFlight.remove(requestId); });
    try {
        if (!failure) {
            confirm();   // a no-op when the echoed event confirmed it first
            scheduleFlush();
            return;
        }
        std::optional<OutboxItem> item = m_store.outboxItem(itemId);
        if (!item || item->command.requestId != requestId) {
            scheduleFlush();   // confirmed by its event meanwhile, or discarded/edited
            return;
        }
        const QStringList lanes = lanesOf(item->command);
        item->errorCode = localCode(*failure);
        item->errorMessage = failure->message();
        if (failure->isTransient() || failure->isUnauthorized()) {
            // Same key next time; the server answers a repeat with the stored result.
            item->state = OutboxState::Queued;
            auto delay = m_options.retry.delayFor(item->attempts);
            if (failure->retryAfterSeconds > 0)
                delay = std::max(delay, std::chrono::milliseconds(qint64(failure->retryAfterSeconds) * 1000));
            item->nextAttemptAt = m_clock->now().addMSecs(delay.count());
            qCInfo(lcOutbox) << "transient failure for" << lanes << failureKindName(failure->kind) << "retry in"
                             << delay.count() << "ms";
            m_store.updateOutboxItem(*item);
        } else {
            item->state = OutboxState::Failed;
            item->nextAttemptAt = {};
            qCInfo(lcOutbox) << "command refused for" << lanes << item->errorCode;
            m_store.updateOutboxItem(*item);
            Q_EMIT itemFailed(*item);
        }
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
    }
    scheduleFlush();
}

void Outbox::onStoreChanged(const StoreChange &change)
{
    if (change.confirmedRequestIds.isEmpty())
        return;
    for (const QString &requestId : change.confirmedRequestIds) {
        // Confirmed by the event before the reply: the next commands on its lanes may go.
        if (const auto it = m_inFlight.constFind(requestId); it != m_inFlight.cend()) {
            Q_EMIT itemConfirmed(requestId, it.value());
            m_inFlight.erase(it);
        }
    }
    scheduleFlush();
}

bool Outbox::isBusinessRejection(const QString &errorCode) const
{
    return !errorCode.isEmpty() && !errorCode.startsWith(u"local:"_s);
}

bool Outbox::retry(qint64 itemId)
{
    return requeueFailed(itemId, [this](OutboxItem &item) {
        // The server refused it, so it was not applied: a new key cannot duplicate.
        if (isBusinessRejection(item.errorCode))
            rekeyAgainstCurrentTicket(item.command);
        return true;
    });
}

bool Outbox::edit(qint64 itemId, const QString &newBody)
{
    if (newBody.trimmed().isEmpty())
        return false;
    return requeueFailed(itemId, [this, &newBody](OutboxItem &item) {
        if (!carriesBody(item.command.type))
            return false;
        item.command.body = newBody;
        rekeyAgainstCurrentTicket(item.command);   // a different body may never reuse a key (422)
        return true;
    });
}

void Outbox::rekeyAgainstCurrentTicket(Command &command) const
{
    command.requestId = newRequestId();
    if (command.baseVersion && command.ticketId != 0) {
        if (const auto ticket = m_store.ticket(command.ticketId))
            command.baseVersion = ticket->version;
    }
}

bool Outbox::requeueFailed(qint64 itemId, const std::function<bool(OutboxItem &)> &change)
{
    try {
        std::optional<OutboxItem> item = m_store.outboxItem(itemId);
        if (!item || item->state != OutboxState::Failed || !change(*item))
            return false;
        item->state = OutboxState::Queued;
        item->attempts = 0;
        item->errorCode.clear();
        item->errorMessage.clear();
        item->nextAttemptAt = {};
        m_store.updateOutboxItem(*item);
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
        return false;
    }
    scheduleFlush();
    return true;
}

bool Outbox::discard(qint64 itemId)
{
    try {
        const std::optional<OutboxItem> item = m_store.outboxItem(itemId);
        if (!item || item->state == OutboxState::InFlight)
            return false;   // in flight: its fate is the server's now
        m_store.removeOutboxItem(itemId);
    } catch (const StoreError &error) {
        Q_EMIT storeFailed(error.userMessage());
        return false;
    }
    scheduleFlush();
    return true;
}

} // namespace zeiko
