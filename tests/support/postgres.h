#pragma once
// A throwaway PostgreSQL database for one test: created on the server named
// by ZEIKO_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:55432/postgres)
// as zt_<random>, dropped in the destructor. Tests QSKIP when the variable
// is unset:
//   if (!TemporaryPostgresDatabase::configured()) QSKIP("ZEIKO_TEST_POSTGRES_URL not set");
//   TemporaryPostgresDatabase pg;
//   QVERIFY2(pg.isValid(), qPrintable(pg.errorText()));
//   server.start({.databaseUrl = pg.url()});

#include <QString>

namespace zeiko::test {

class TemporaryPostgresDatabase
{
public:
    static bool configured();
    TemporaryPostgresDatabase();
    ~TemporaryPostgresDatabase();
    TemporaryPostgresDatabase(const TemporaryPostgresDatabase &) = delete;
    TemporaryPostgresDatabase &operator=(const TemporaryPostgresDatabase &) = delete;

    bool isValid() const { return !m_url.isEmpty(); }
    QString url() const { return m_url; }        // postgresql://.../zt_xxxx
    QString name() const { return m_name; }
    QString errorText() const { return m_error; }

private:
    bool adminExec(const QString &sql);
    QString m_name;
    QString m_url;
    QString m_error;
};

} // namespace zeiko::test
