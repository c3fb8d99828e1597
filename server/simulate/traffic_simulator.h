#pragma once
// Drives realistic support traffic against a running zeiko-server through
// its PUBLIC APIs only: widget chats (start, visitor messages), the AI
// agent's replies, handoff requests and resolves (service token), Shopify
// order webhooks (signed with the shop's secret) and Resend inbound emails
// (Svix-signed; bodies served by ReceivedEmailStandIn).
//
// One action per tick at `ratePerMinute`; which action, on which
// conversation and with which words comes from a QRandomGenerator seeded
// with `seed`, so a seed replays the same story. Widget request ids and
// visitor secrets are random (unguessable, as a real widget's are); order
// and email ids carry `runId` so a second run against the same database is
// new traffic, not a retry the server would deduplicate.

#include <QHash>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QRandomGenerator>
#include <QTimer>
#include <QUrl>

#include <functional>
#include <memory>

class QNetworkReply;

namespace zeiko::simulate {

class ReceivedEmailStandIn;

struct SimulatorConfig {
    QUrl baseUrl;                       // http://127.0.0.1:8080
    QString account = QStringLiteral("demo");
    double ratePerMinute = 6;
    int durationSeconds = 0;            // 0: until SIGINT/SIGTERM
    quint32 seed = 1;
    QString runId;                      // unique per run
    QByteArray agentToken;              // empty: no agent actions
    QString shopifySecret;              // empty: no Shopify webhooks
    QString resendSecret;               // empty (or no stand-in): no inbound email
    QString inboundDomain;              // support+{account}@{inboundDomain}
    ReceivedEmailStandIn *emailStandIn = nullptr;
    int maxInFlight = 32;
};

class TrafficSimulator : public QObject
{
    Q_OBJECT
public:
    explicit TrafficSimulator(SimulatorConfig config, QObject *parent = nullptr);

    void start();
    // Stops ticking, lets requests in flight finish (at most 10 s), then finished().
    void stop(const QString &why);
    int actions() const { return m_actions; }
    int failures() const { return m_failures; }

signals:
    void finished();

private:
    struct Conversation {
        QString id;
        QString visitorToken;   // the visitor's secret: a retried start is recognised by it
        QString customerName;
        QString customerEmail;
        QString topic;
        enum class State { Bot, Human, Resolved } state = State::Bot;
        int turns = 0;
        bool busy = false;   // one request per conversation at a time keeps its order
    };
    struct Order {
        QString id;
        QString number;
        QString customerName;
        QString customerEmail;
        bool cancelled = false;
    };
    struct EmailCustomer {
        QString customerName;
        QString customerEmail;
    };
    using Done = std::function<void(int status, const QJsonObject &body)>;

    void tick();
    void startChat();
    using ConversationPtr = std::shared_ptr<Conversation>;
    void visitorMessage(const ConversationPtr &c);
    void agentReply(const ConversationPtr &c);
    void requestHandoff(const ConversationPtr &c);
    void resolve(const ConversationPtr &c);
    void shopifyEvent();
    void inboundEmail();

    ConversationPtr pick(const std::function<bool(const Conversation &)> &eligible);
    QString requestId();
    static QString unguessableId();   // 128 random bits, hex
    void send(const QString &action, const QString &detail, const QString &path, const QByteArray &body,
              const QList<QPair<QByteArray, QByteArray>> &headers, Done done);
    void log(const QString &line);
    void maybeFinish();

    SimulatorConfig m_config;
    QRandomGenerator m_rng;
    QNetworkAccessManager m_network;
    QTimer m_tick;
    QTimer m_deadline;
    QTimer m_drainLimit;
    QList<ConversationPtr> m_conversations;
    QList<Order> m_orders;
    QHash<QNetworkReply *, QString> m_inFlight;
    QList<EmailCustomer> m_emailCustomers;   // who emailed: the customers orders belong to
    quint64 m_counter = 0;
    int m_actions = 0;
    int m_failures = 0;
    bool m_stopping = false;
    bool m_finished = false;
};

} // namespace zeiko::simulate
