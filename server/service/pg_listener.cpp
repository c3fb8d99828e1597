#include "service/pg_listener.h"

#include "service/event_hub.h"
#include "store/database.h"
#include "store/event_log.h"

#include <QLoggingCategory>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>
#include <QTimer>

Q_LOGGING_CATEGORY(lcListen, "zeiko.listen")

namespace zeiko::service {

namespace {

// Lives in the listener thread; owns the LISTEN connection.
class ListenWorker : public QObject
{
public:
    ListenWorker(store::Database &db, EventHub &hub, int watchdogMs)
        : m_db(db), m_hub(hub), m_name(QStringLiteral("zeiko-listen-%1").arg(quintptr(this), 0, 16))
    {
        m_watchdog.setInterval(watchdogMs);
        connect(&m_watchdog, &QTimer::timeout, this, &ListenWorker::check);
    }
    ~ListenWorker() override { disconnectDb(); }

    void begin()
    {
        connectDb();
        m_watchdog.start();
    }

private:
    void connectDb()
    {
        try {
            QSqlDatabase db = m_db.openDedicated(m_name);
            if (!db.driver()->subscribeToNotification(QString::fromLatin1(store::notificationChannel))) {
                qCWarning(lcListen) << "LISTEN failed:" << db.driver()->lastError().text();
                disconnectDb();
                return;
            }
            connect(db.driver(), &QSqlDriver::notification, this,
                    [this](const QString &, QSqlDriver::NotificationSource, const QVariant &payload) {
                        bool ok = false;
                        const QString text = payload.toString();
                        const QLatin1StringView revoked(store::revocationPayloadPrefix);
                        if (text.startsWith(revoked)) {
                            // A sign-out elsewhere: re-check that tenant's stream tokens now.
                            const qint64 tenant = text.mid(revoked.size()).toLongLong(&ok);
                            if (ok)
                                m_hub.recheckTokens(tenant);
                            return;
                        }
                        const qint64 tenant = text.toLongLong(&ok);
                        if (ok)
                            m_hub.notify(tenant);
                        else
                            m_hub.notifyAll();
                    });
            m_connected = true;
            m_hub.notifyAll();   // anything committed while we were not listening
        } catch (const std::exception &e) {
            qCWarning(lcListen) << "listener connection failed:" << e.what();
        }
    }

    void disconnectDb()
    {
        if (!QSqlDatabase::contains(m_name))
            return;
        {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            db.close();
        }
        QSqlDatabase::removeDatabase(m_name);
        m_connected = false;
    }

    void check()
    {
        bool healthy = false;
        if (m_connected) {
            QSqlDatabase db = QSqlDatabase::database(m_name, false);
            QSqlQuery q(db);
            healthy = db.isOpen() && q.exec(QStringLiteral("SELECT 1"));
        }
        if (!healthy) {
            qCInfo(lcListen) << "reconnecting the LISTEN connection";
            disconnectDb();
            connectDb();
        }
    }

    store::Database &m_db;
    EventHub &m_hub;
    QString m_name;
    QTimer m_watchdog;
    bool m_connected = false;
};

} // namespace

PgListener::PgListener(store::Database &database, EventHub &hub, int watchdogMs)
    : m_db(database)
    , m_hub(hub)
    , m_watchdogMs(watchdogMs)
{
    m_thread.setObjectName(QStringLiteral("pg-listener"));
}

PgListener::~PgListener()
{
    stop();
}

void PgListener::start()
{
    auto *worker = new ListenWorker(m_db, m_hub, m_watchdogMs);
    worker->moveToThread(&m_thread);
    QObject::connect(&m_thread, &QThread::started, worker, [worker] { worker->begin(); });
    QObject::connect(&m_thread, &QThread::finished, worker, &QObject::deleteLater);
    m_thread.start();
}

void PgListener::stop()
{
    if (!m_thread.isRunning())
        return;
    m_thread.quit();
    m_thread.wait();
}

} // namespace zeiko::service
