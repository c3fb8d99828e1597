#pragma once
// The live event feed: a WebSocket to /api/v1/stream?after=<cursor>.
//
// It hands out events strictly in order: each batch continues exactly at
// cursor + 1. Anything else (a seq jump, a heartbeat whose head is ahead of
// us, an unreadable frame) stops delivery and emits gapDetected(); the owner
// catches up over REST and calls resume() with its new cursor, after which
// held frames are replayed (those already covered are dropped).
// A socket silent for 2 x heartbeat interval is treated as dead. Lost
// connections are retried with capped, jittered backoff, resuming from the
// cursor: up to `reconnect.maximum` while the server answers (it refused or
// dropped us: spare it), at most `offlineCeiling` while the owner says
// nothing reaches the server (setOffline), so the stream is back within one
// ceiling of the server answering again. TLS errors are never ignored.
// Except one: a close with closeTokenRevoked (4001, docs/api.md) means the
// token was revoked or expired. Reconnecting with it is pointless, so the
// stream stops and emits tokenRejected(); the owner asks to sign in again.

#include "domain/types.h"
#include "net/backoff.h"

#include <QObject>
#include <QTimer>
#include <QWebSocket>

#include <chrono>

namespace zeiko {

class ApiClient;

// The server's WebSocket close code for "token revoked or expired".
inline constexpr int closeTokenRevoked = 4001;

struct EventStreamOptions {
    std::chrono::milliseconds heartbeatInterval{15000};   // the server's; we ping at the same pace
    Backoff reconnect{std::chrono::milliseconds(500), std::chrono::milliseconds(30000), 0.3, {}};
    // The longest wait between attempts while offline (issue 11, item 9).
    std::chrono::milliseconds offlineCeiling{5000};
};

// The wait before reconnect attempt `attempt` (1 = the first retry): the
// backoff, or while `offline` the backoff under offlineCeiling (never above it).
std::chrono::milliseconds reconnectDelay(const EventStreamOptions &options, int attempt, bool offline);

class EventStream : public QObject
{
    Q_OBJECT
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
public:
    enum class State {
        Stopped,       // start() not called, or stop() called
        Connecting,    // opening the socket (first time or after a reconnect delay)
        Connected,     // socket open, frames flowing
        Reconnecting,  // connection lost; waiting for the backoff delay
    };
    Q_ENUM(State)

    // URL, token and transport policy come from `api`, so they never disagree.
    explicit EventStream(ApiClient &api, EventStreamOptions options = {}, QObject *parent = nullptr);
    ~EventStream() override;

    void start(Seq cursor);
    void stop();
    // The owner's cursor moved (REST catch-up): continue from `cursor`.
    void resume(Seq cursor);
    // Nothing reaches the server (neither this socket nor REST): retry within
    // the offline ceiling; a wait already scheduled longer than that is shortened.
    void setOffline(bool offline);
    bool isOffline() const { return m_offline; }
    // The server answers again (REST got through): while waiting to
    // reconnect, try now instead of at the end of the backoff.
    void reconnectNow();

    State state() const { return m_state; }
    Seq cursor() const { return m_cursor; }
    int reconnectAttempts() const { return m_attempt; }
    // For tests: drop the socket as if the network failed.
    void abortConnection();

Q_SIGNALS:
    void stateChanged(zeiko::EventStream::State state);
    // Consecutive events: the first has seq == previous cursor + 1.
    void eventsReceived(const QList<zeiko::Event> &events);
    // Delivery paused at `cursor`; catch up over REST, then resume().
    void gapDetected(zeiko::Seq cursor);
    void heartbeatReceived(zeiko::Seq head);
    // A frame could not be read; `detail` names the field. Also a gap.
    void malformedFrame(const QString &detail);
    void connectionLost(const QString &reason);
    // The next attempt is due in `delayMs` (every time the wait is set or shortened).
    void reconnectScheduled(int attempt, qint64 delayMs);
    // The server closed with closeTokenRevoked; the stream is Stopped and
    // does not reconnect until start() is called again.
    void tokenRejected();

private:
    struct Frame {
        bool isHeartbeat = false;
        Seq head = 0;
        Event event;
    };
    void openSocket();
    void setState(State state);
    void onConnected();
    void onDisconnected();
    void onTextMessage(const QString &message);
    void onWatchdogTimeout();
    void scheduleReconnect(const QString &reason);
    void startReconnectTimer(std::chrono::milliseconds delay);
    void deliver();
    void enterGap();

    ApiClient &m_api;
    EventStreamOptions m_options;
    QWebSocket *m_socket = nullptr;
    QTimer m_watchdog;
    QTimer m_pingTimer;
    QTimer m_reconnectTimer;
    QTimer m_deliverTimer;
    State m_state = State::Stopped;
    Seq m_cursor = 0;
    int m_attempt = 0;
    bool m_awaitingResume = false;
    bool m_offline = false;
    QList<Frame> m_pending;
};

} // namespace zeiko
