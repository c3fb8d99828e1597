#include "support/postgres.h"

#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QUrl>

namespace zeiko::test {

bool TemporaryPostgresDatabase::configured()
{
    return !qEnvironmentVariable("ZEIKO_TEST_POSTGRES_URL").isEmpty();
}

bool TemporaryPostgresDatabase::adminExec(const QString &sql)
{
    const QUrl admin(qEnvironmentVariable("ZEIKO_TEST_POSTGRES_URL"));
    const QString connection = QStringLiteral("zeiko-test-admin-%1").arg(QRandomGenerator::global()->generate());
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), connection);
        db.setHostName(admin.host());
        db.setPort(admin.port(5432));
        db.setUserName(admin.userName());
        db.setPassword(admin.password());
        db.setDatabaseName(admin.path().mid(1).isEmpty() ? QStringLiteral("postgres") : admin.path().mid(1));
        if (!db.open()) {
            m_error = db.lastError().text();
        } else {
            QSqlQuery query(db);
            ok = query.exec(sql);
            if (!ok)
                m_error = query.lastError().text();
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(connection);
    return ok;
}

TemporaryPostgresDatabase::TemporaryPostgresDatabase()
{
    if (!configured()) {
        m_error = QStringLiteral("ZEIKO_TEST_POSTGRES_URL is not set");
        return;
    }
    m_name = QStringLiteral("zt_%1").arg(QRandomGenerator::global()->generate64(), 16, 16, QLatin1Char('0'));
    if (!adminExec(QStringLiteral("CREATE DATABASE %1").arg(m_name)))
        return;
    QUrl url(qEnvironmentVariable("ZEIKO_TEST_POSTGRES_URL"));
    url.setPath(QLatin1Char('/') + m_name);
    m_url = url.toString();
}

TemporaryPostgresDatabase::~TemporaryPostgresDatabase()
{
    if (m_url.isEmpty())
        return;
    // FORCE (PostgreSQL 13+) ends connections a killed server process may have left behind.
    if (!adminExec(QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(m_name)))
        qWarning("could not drop test database %s: %s", qPrintable(m_name), qPrintable(m_error));
}

} // namespace zeiko::test
