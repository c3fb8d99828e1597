// zeiko-server benchmark (an executable, not a test): against the real
// binary over real sockets it measures
//   1. generating the demo tenant with N tickets (default 100,000),
//   2. fetching the whole snapshot (all pages, limit 1000),
//   3. events/s with 8 concurrent HTTP writers (internal notes),
// on SQLite, and on PostgreSQL too when ZEIKO_TEST_POSTGRES_URL is set.
// Usage: server_bench [tickets] [commands-per-writer]

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRandomGenerator>
#include <QRegularExpression>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QThread>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <atomic>
#include <csignal>
#include <cstdio>

namespace {

struct Reply {
    int status = 0;
    QByteArray body;
};

Reply send(QNetworkAccessManager &manager, const QUrl &url, const QByteArray &method, const QByteArray &body,
           const QString &token, const QString &key = {})
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + token.toUtf8());
    if (!key.isEmpty())
        request.setRawHeader("Idempotency-Key", key.toUtf8());
    QNetworkReply *reply = manager.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();
    Reply r{reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), reply->readAll()};
    reply->deleteLater();
    return r;
}

bool adminExec(const QString &adminUrl, const QString &sql)
{
    const QUrl url(adminUrl);
    bool ok = false;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), QStringLiteral("bench-admin"));
        db.setHostName(url.host());
        db.setPort(url.port(5432));
        db.setUserName(url.userName());
        db.setPassword(url.password());
        db.setDatabaseName(url.path().mid(1));
        ok = db.open() && QSqlQuery(db).exec(sql);
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("bench-admin"));
    return ok;
}

void runOn(const QString &label, const QString &databaseUrl, int tickets, int perWriter)
{
    std::printf("== %s ==\n", qPrintable(label));
    QElapsedTimer timer;
    timer.start();
    // The URL by the environment: a PostgreSQL URL may hold a password,
    // which zeiko-server refuses on its command line.
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ZEIKO_DATABASE"), databaseUrl);
    QProcess demo;
    demo.setProcessEnvironment(environment);
    demo.start(QStringLiteral(ZEIKO_SERVER_BINARY),
               {QStringLiteral("demo"), QStringLiteral("--tickets"), QString::number(tickets)});
    demo.waitForFinished(-1);
    if (demo.exitCode() != 0) {
        std::printf("demo generation failed: %s\n", demo.readAllStandardError().constData());
        return;
    }
    std::printf("demo generation, %d tickets: %.1f s\n", tickets, timer.elapsed() / 1000.0);

    QProcess server;
    server.setStandardErrorFile(QProcess::nullDevice());   // nobody drains a pipe while the writers run
    server.setProcessEnvironment(environment);
    server.start(QStringLiteral(ZEIKO_SERVER_BINARY),
                 {QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")});
    server.waitForReadyRead(60000);
    const QString line = QString::fromUtf8(server.readLine()).trimmed();
    const auto match = QRegularExpression(QStringLiteral(":(\\d+)$")).match(line);
    if (!match.hasMatch()) {
        std::printf("server did not start: %s\n", qPrintable(line));
        return;
    }
    const QString base = QStringLiteral("http://127.0.0.1:") + match.captured(1);
    QNetworkAccessManager manager;
    const Reply signIn = send(manager, QUrl(base + QStringLiteral("/api/v1/auth/sign-in")), "POST",
                              R"({"account":"demo","email":"alex@demo.zeiko.test","password":"demo-password"})", {});
    const QString token = QJsonDocument::fromJson(signIn.body).object().value(QStringLiteral("token")).toString();

    // 2. The whole snapshot, page by page.
    for (int round = 0; round < 2; ++round) {
        timer.restart();
        QString cursor;
        int count = 0, pages = 0;
        qint64 bytes = 0;
        do {
            const Reply page = send(manager,
                                    QUrl(base + QStringLiteral("/api/v1/snapshot?limit=1000") +
                                         (cursor.isEmpty() ? QString() : QStringLiteral("&cursor=") + cursor)),
                                    "GET", {}, token);
            const QJsonObject object = QJsonDocument::fromJson(page.body).object();
            count += int(object.value(QStringLiteral("tickets")).toArray().size());
            bytes += page.body.size();
            cursor = object.value(QStringLiteral("nextCursor")).toString();
            ++pages;
        } while (!cursor.isEmpty());
        std::printf("snapshot%s: %d tickets in %d pages, %.1f MB, %lld ms (%.0f tickets/s)\n",
                    round ? " (warm)" : "", count, pages, bytes / 1e6, timer.elapsed(),
                    count * 1000.0 / std::max<qint64>(1, timer.elapsed()));
    }

    // 3. Eight concurrent writers.
    std::atomic<int> failures{0};
    timer.restart();
    QList<QThread *> threads;
    for (int w = 0; w < 8; ++w) {
        threads.append(QThread::create([&, w] {
            QNetworkAccessManager local;
            for (int i = 0; i < perWriter; ++i) {
                const int ticket = 1 + (w * 1000 + i) % std::max(1, tickets);
                const Reply r = send(local, QUrl(base + QStringLiteral("/api/v1/tickets/%1/commands").arg(ticket)), "POST",
                                     R"({"type":"internal_note","body":"bench note"})", token,
                                     QUuid::createUuid().toString(QUuid::WithoutBraces));
                if (r.status != 200)
                    ++failures;
            }
        }));
        threads.last()->start();
    }
    for (QThread *t : threads) {
        t->wait();
        delete t;
    }
    const qint64 ms = timer.elapsed();
    std::printf("8 writers x %d commands: %lld ms, %.0f events/s, %d failures\n", perWriter, ms,
                8.0 * perWriter * 1000.0 / std::max<qint64>(1, ms), int(failures));

    // Gapless check of the tail the writers produced.
    const Reply tail = send(manager, QUrl(base + QStringLiteral("/api/v1/events?after=%1&limit=1000").arg(tickets)), "GET", {}, token);
    const QJsonArray events = QJsonDocument::fromJson(tail.body).object().value(QStringLiteral("events")).toArray();
    bool gapless = true;
    for (qsizetype i = 0; i < events.size(); ++i)
        gapless = gapless && events[i].toObject().value(QStringLiteral("seq")).toInteger() == tickets + 1 + i;
    std::printf("log after the writers: %s\n", gapless ? "gapless" : "GAP FOUND");

    ::kill(pid_t(server.processId()), SIGTERM);
    server.waitForFinished(20000);
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    std::setvbuf(stdout, nullptr, _IOLBF, 0);   // figures appear as they are measured
    const int tickets = argc > 1 ? QByteArray(argv[1]).toInt() : 100000;
    const int perWriter = argc > 2 ? QByteArray(argv[2]).toInt() : 250;
    QTemporaryDir dir;
    runOn(QStringLiteral("SQLite"), QStringLiteral("sqlite:") + dir.filePath(QStringLiteral("bench.db")), tickets, perWriter);

    const QString pg = qEnvironmentVariable("ZEIKO_TEST_POSTGRES_URL");
    if (!pg.isEmpty()) {
        const QString name = QStringLiteral("zb_%1").arg(QRandomGenerator::global()->generate(), 8, 16, QLatin1Char('0'));
        if (adminExec(pg, QStringLiteral("CREATE DATABASE ") + name)) {
            QUrl url(pg);
            url.setPath(QLatin1Char('/') + name);
            runOn(QStringLiteral("PostgreSQL"), url.toString(), tickets, perWriter);
            adminExec(pg, QStringLiteral("DROP DATABASE IF EXISTS %1 WITH (FORCE)").arg(name));
        } else {
            std::printf("PostgreSQL: cannot create a database at ZEIKO_TEST_POSTGRES_URL\n");
        }
    }
    return 0;
}
