#include "net/event_stream.h"

#include "domain/codecs.h"
#include "domain/json_reader.h"
#include "net/api_client.h"
#include "net/transport_policy.h"
#include "sync/logging.h"

#include <QJsonDocument>
#include <QNetworkRequest>

namespace zeiko {

using namespace Qt::StringLiterals;

std::chrono::milliseconds reconnectDelay(const EventStreamOptions &options, int attempt, bool offline)
{
    return offline ? options.reconnect.delayAtMost(attempt, options.offlineCeiling) : options.reconnect.delayFor(attempt);
}

EventStream::EventStream(ApiClient &api, EventStreamOptions options, QObject *parent)
    : QObject(parent)
    , m_api(api)
    , m_options(std::move(options))
{
    m_watchdog.setSingleShot(true);
    connect(&m_watchdog, &QTimer::timeout, this, &EventStream::onWatchdogTimeout);
    m_pingTimer.setInterval(m_options.heartbeatInterval);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
            m_socket->sendTextMessage(u"{\"type\":\"ping\"}"_s);
    });
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &EventStream::openSocket);
    m_deliverTimer.setSingleShot(true);
    m_deliverTimer.setInterval(0);   // batch every frame of one event-loop pass
    connect(&m_deliverTimer, &QTimer::timeout, this, &EventStream::deliver);
}

EventStream::~EventStream()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void EventStream::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void EventStream::start(Seq cursor)
{
    m_cursor = cursor;
    m_attempt = 0;
    m_awaitingResume = false;
    m_pending.clear();
    m_reconnectTimer.stop();
    openSocket();
}

void EventStream::stop()
{
    m_reconnectTimer.stop();
    m_watchdog.stop();
    m_pingTimer.stop();
    m_deliverTimer.stop();
    m_pending.clear();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    setState(State::Stopped);
}

void EventStream::resume(Seq cursor)
{
    if (cursor > m_cursor)
        m_cursor = cursor;
    m_awaitingResume = false;
    if (!m_pending.isEmpty())
        m_deliverTimer.start();
}

void EventStream::setOffline(bool offline)
{
    if (m_offline == offline)
        return;
    m_offline = offline;
    if (!offline || m_state != State::Reconnecting || !m_reconnectTimer.isActive())
        return;
    const auto capped = reconnectDelay(m_options, m_attempt, true);
    if (m_reconnectTimer.remainingTimeAsDuration() > capped)
        startReconnectTimer(capped);
}

void EventStream::reconnectNow()
{
    if (m_state != State::Reconnecting)
        return;
    qCInfo(lcStream) << "the server answers again; reconnecting now";
    m_reconnectTimer.stop();
    openSocket();
}

void EventStream::startReconnectTimer(std::chrono::milliseconds delay)
{
    qCInfo(lcStream) << "reconnect attempt" << m_attempt << "in" << delay.count() << "ms";
    m_reconnectTimer.start(delay);
    Q_EMIT reconnectScheduled(m_attempt, qint64(delay.count()));
}

void EventStream::abortConnection()
{
    if (m_socket)
        m_socket->abort();
}

void EventStream::openSocket()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    const QUrl url = m_api.streamUrl(m_cursor);
    if (!isTransportAllowed(url, m_api.allowInsecure())) {
        qCWarning(lcStream) << "refusing an unencrypted stream to" << url.host();
        Q_EMIT connectionLost(tr("Refusing an unencrypted connection to %1.").arg(url.host()));
        setState(State::Stopped);
        return;
    }
    setState(State::Connecting);
    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    connect(m_socket, &QWebSocket::connected, this, &EventStream::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &EventStream::onDisconnected);
    connect(m_socket, &QWebSocket::textMessageReceived, this, &EventStream::onTextMessage);
    // Refused, DNS, TLS, a non-101 answer (401): not always followed by disconnected().
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this](QAbstractSocket::SocketError) {
        scheduleReconnect(m_socket ? m_socket->errorString() : QString());
    });
    // No ignoreSslErrors() anywhere: a bad certificate fails the connection.
    QNetworkRequest request(url);
    if (!m_api.token().isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_api.token().toUtf8());
    // Opening must not hang forever either: the watchdog covers the handshake.
    m_watchdog.start(m_options.heartbeatInterval * 2);
    m_socket->open(request);
}

void EventStream::onConnected()
{
    qCInfo(lcStream) << "stream connected after" << m_cursor;
    setState(State::Connected);
    m_watchdog.start(m_options.heartbeatInterval * 2);
    m_pingTimer.start();
}

void EventStream::onDisconnected()
{
    if (m_socket && int(m_socket->closeCode()) == closeTokenRevoked) {
        qCInfo(lcStream) << "stream closed: token revoked or expired; not reconnecting";
        stop();
        Q_EMIT tokenRejected();
        return;
    }
    const QString reason = m_socket ? m_socket->errorString() : QString();
    scheduleReconnect(reason.isEmpty() ? tr("The live connection closed.") : reason);
}

void EventStream::onWatchdogTimeout()
{
    qCInfo(lcStream) << "no frame for" << (m_options.heartbeatInterval * 2).count() << "ms; reconnecting";
    scheduleReconnect(tr("The live connection went silent."));
}

void EventStream::scheduleReconnect(const QString &reason)
{
    if (m_state == State::Stopped || m_state == State::Reconnecting)
        return;
    m_watchdog.stop();
    m_pingTimer.stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    ++m_attempt;
    qCInfo(lcStream) << "stream lost:" << reason;
    // The wait is set before the state is announced: the owner may find
    // itself offline on that signal and shorten it (setOffline).
    startReconnectTimer(reconnectDelay(m_options, m_attempt, m_offline));
    setState(State::Reconnecting);
    Q_EMIT connectionLost(reason);
}

void EventStream::onTextMessage(const QString &message)
{
    m_watchdog.start(m_options.heartbeatInterval * 2);
    Frame frame;
    try {
        const QJsonObject object = parseJsonObject(message.toUtf8());
        const JsonReader reader(object);
        const QString type = reader.requiredString("type"_L1);
        if (type == u"event"_s) {
            frame.event = fromJson<Event>(reader.requiredObject("event"_L1), u"event"_s);
        } else if (type == u"heartbeat"_s || type == u"pong"_s) {
            frame.isHeartbeat = true;
            frame.head = reader.requiredInt("head"_L1);
        } else {
            return;   // a frame type from a newer server: ignore, stay compatible
        }
    } catch (const DecodeError &error) {
        qCWarning(lcStream) << "unreadable frame:" << error.field();
        Q_EMIT malformedFrame(error.field() + u": "_s + error.reason());
        // We cannot know which seq it carried: let REST decide.
        m_pending.clear();
        enterGap();
        return;
    }
    m_pending.append(std::move(frame));
    if (!m_awaitingResume)
        m_deliverTimer.start();
}

void EventStream::enterGap()
{
    if (m_awaitingResume)
        return;
    m_awaitingResume = true;
    Q_EMIT gapDetected(m_cursor);
}

void EventStream::deliver()
{
    QList<Event> batch;
    bool gap = false;
    qsizetype consumed = 0;
    for (; consumed < m_pending.size(); ++consumed) {
        const Frame &frame = m_pending.at(consumed);
        if (frame.isHeartbeat) {
            if (frame.head > m_cursor) {
                gap = true;   // the server is ahead and did not send us the events
                ++consumed;
                break;
            }
            m_attempt = 0;   // a healthy, caught-up session: reset the backoff
            Q_EMIT heartbeatReceived(frame.head);
            continue;
        }
        const Seq seq = frame.event.seq;
        if (seq <= m_cursor)
            continue;   // already have it (REST got there first)
        if (seq != m_cursor + 1) {
            gap = true;
            break;   // keep this frame: it may apply after the catch-up
        }
        batch.append(frame.event);
        m_cursor = seq;
    }
    m_pending.remove(0, consumed);
    if (!batch.isEmpty())
        Q_EMIT eventsReceived(batch);
    if (gap)
        enterGap();
}

} // namespace zeiko
