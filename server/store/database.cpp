#include "store/database.h"

#include "store/migrations.h"
#include "store/sql.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QSqlError>

#include <mutex>

Q_LOGGING_CATEGORY(lcStore, "zeiko.store")

namespace zeiko::store {

namespace {

std::atomic<quint64> nextInstance{1};
std::atomic<quint64> nextThreadKey{1};

// Every connection name opened through a Database, so whichever of the
// thread exit or the Database destructor comes first removes it once.
std::mutex registryMutex;
QSet<QString> &registry()
{
    static QSet<QString> names;
    return names;
}

void removeConnection(const QString &name)
{
    {
        std::lock_guard lock(registryMutex);
        if (!registry().remove(name))
            return;
    }
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isOpen())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

// Removes this thread's connections when the thread ends.
struct ThreadConnections {
    quint64 key = nextThreadKey.fetch_add(1);
    QHash<quint64, QString> byInstance;
    ~ThreadConnections()
    {
        for (const QString &name : std::as_const(byInstance))
            removeConnection(name);
    }
};
thread_local ThreadConnections threadConnections;

} // namespace

Database::Database(DatabaseConfig config)
    : m_config(std::move(config))
    , m_instance(nextInstance.fetch_add(1))
{
}

Database::~Database()
{
    threadConnections.byInstance.remove(m_instance);
    const QString prefix = QStringLiteral("zeiko-%1-").arg(m_instance);
    QStringList mine;
    {
        std::lock_guard lock(registryMutex);
        for (const QString &name : std::as_const(registry()))
            if (name.startsWith(prefix))
                mine.append(name);
    }
    for (const QString &name : std::as_const(mine))
        removeConnection(name);
}

QSqlDatabase Database::openDedicated(const QString &name) const
{
    QSqlDatabase db = QSqlDatabase::addDatabase(isSqlite() ? QStringLiteral("QSQLITE") : QStringLiteral("QPSQL"), name);
    if (isSqlite()) {
        db.setDatabaseName(m_config.sqlitePath);
    } else {
        db.setHostName(m_config.host);
        db.setPort(m_config.port);
        db.setUserName(m_config.user);
        db.setPassword(m_config.password);
        db.setDatabaseName(m_config.databaseName);
    }
    if (!db.open()) {
        const QString error = db.lastError().text();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        throw StoreError("cannot open database " + m_config.redacted().toStdString() + ": " + error.toStdString());
    }
    configure(db);
    return db;
}

QSqlDatabase Database::connection()
{
    const auto it = threadConnections.byInstance.constFind(m_instance);
    if (it != threadConnections.byInstance.cend()) {
        QSqlDatabase db = QSqlDatabase::database(*it, false);
        if (db.isOpen())
            return db;
        const QString stale = *it;
        threadConnections.byInstance.remove(m_instance);
        db = QSqlDatabase();
        removeConnection(stale);
    }
    const QString name = QStringLiteral("zeiko-%1-%2").arg(m_instance).arg(threadConnections.key);
    QSqlDatabase db = openDedicated(name);
    {
        std::lock_guard lock(registryMutex);
        registry().insert(name);
    }
    threadConnections.byInstance.insert(m_instance, name);
    return db;
}

void Database::configure(QSqlDatabase &db) const
{
    if (isSqlite()) {
        // WAL: readers never block the writer. busy_timeout: writers queue
        // instead of failing. NORMAL stays durable across process crashes in WAL.
        run(db, QStringLiteral("PRAGMA journal_mode=WAL"));
        run(db, QStringLiteral("PRAGMA busy_timeout=15000"));
        run(db, QStringLiteral("PRAGMA foreign_keys=ON"));
        run(db, QStringLiteral("PRAGMA synchronous=NORMAL"));
    } else {
        run(db, QStringLiteral("SET client_min_messages TO WARNING"));
    }
}

void Database::begin(QSqlDatabase &db)
{
    run(db, isSqlite() ? QStringLiteral("BEGIN IMMEDIATE") : QStringLiteral("BEGIN"));
}

void Database::commit(QSqlDatabase &db)
{
    run(db, QStringLiteral("COMMIT"));
}

void Database::rollback(QSqlDatabase &db) noexcept
{
    QSqlQuery query(db);
    if (!query.exec(QStringLiteral("ROLLBACK")))
        qCWarning(lcStore) << "rollback failed:" << query.lastError().text();
}

void Database::migrate()
{
    QSqlDatabase db = connection();
    runMigrations(*this, db);
}

} // namespace zeiko::store
