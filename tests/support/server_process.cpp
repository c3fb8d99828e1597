#include "support/server_process.h"

#include "support/response_log.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QRegularExpression>
#include <QTemporaryFile>
#include <QTimer>

#include <csignal>

namespace zeiko::test {

QJsonObject HttpReply::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QByteArray HttpReply::header(const QByteArray &name) const
{
    for (const auto &pair : headers)
        if (pair.first.compare(name, Qt::CaseInsensitive) == 0)
            return pair.second;
    return {};
}

QString HttpReply::errorCode() const
{
    return json().value(QStringLiteral("error")).toObject().value(QStringLiteral("code")).toString();
}

HttpReply httpRequest(QNetworkAccessManager &manager, const QUrl &url, const RequestOptions &options)
{
    QNetworkRequest request(url);
    request.setTransferTimeout(options.timeoutMs);
    if (!options.body.isEmpty() || options.method == "POST")
        request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    if (!options.token.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + options.token.toUtf8());
    if (!options.idempotencyKey.isEmpty())
        request.setRawHeader("Idempotency-Key", options.idempotencyKey.toUtf8());
    for (const auto &header : options.headers)
        request.setRawHeader(header.first, header.second);

    QNetworkReply *reply = manager.sendCustomRequest(request, options.method, options.body);
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(options.timeoutMs + 1000, &loop, &QEventLoop::quit);
    if (!reply->isFinished())
        loop.exec();

    HttpReply result;
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    result.body = reply->readAll();
    result.headers = reply->rawHeaderPairs();
    if (reply->error() != QNetworkReply::NoError && result.status == 0)
        result.networkError = reply->errorString();
    if (!reply->isFinished())
        reply->abort();
    reply->deleteLater();
    response_log::recordHttp(options.method, url, result.status, result.headers, result.body);
    return result;
}

ServerProcess::ServerProcess() = default;

ServerProcess::~ServerProcess()
{
    if (isRunning())
        stop();
}

QString ServerProcess::binaryPath()
{
#ifdef ZEIKO_SERVER_BINARY
    return QStringLiteral(ZEIKO_SERVER_BINARY);
#else
    return qEnvironmentVariable("ZEIKO_SERVER_BINARY");
#endif
}

bool ServerProcess::start(const Options &options)
{
    m_error.clear();
    m_stderr.clear();
    m_databaseUrl = options.databaseUrl;
    // Keep the directory across restarts: a restart on the same database
    // (databaseUrl() of the previous run) must find the file still there.
    if (!m_dir)
        m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid()) {
        m_error = QStringLiteral("cannot create a temporary directory");
        return false;
    }
    // stderr goes to a file: a pipe nobody drains (the test thread blocked
    // in QThread::wait) would fill up and stall the server.
    m_logPath = m_dir->filePath(QStringLiteral("server.log"));
    if (m_databaseUrl.isEmpty()) {
        m_databaseUrl = QStringLiteral("sqlite:") + m_dir->filePath(QStringLiteral("db.sqlite"));
    }
    // The database URL by the environment: a PostgreSQL URL may hold a
    // password, which the server refuses on its command line.
    QStringList arguments{QStringLiteral("serve"), QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0")};
    if (options.demo)
        arguments << QStringLiteral("--demo");
    // Suites start many conversations and connections from 127.0.0.1: no
    // per-address limits unless a suite sets its own (a later option wins).
    arguments << QStringLiteral("--widget-starts-per-minute") << QStringLiteral("0");
    arguments << QStringLiteral("--max-connections-per-peer") << QStringLiteral("0");
    arguments += options.extraArguments;

    m_process = std::make_unique<QProcess>();
    m_process->setProgram(binaryPath());
    m_process->setArguments(arguments);
    m_process->setStandardErrorFile(m_logPath);
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.insert(QStringLiteral("ZEIKO_DATABASE"), m_databaseUrl);
    for (auto it = options.environment.cbegin(); it != options.environment.cend(); ++it)
        environment.insert(it.key(), it.value());
    m_process->setProcessEnvironment(environment);
    m_process->start();
    if (!m_process->waitForStarted(10000)) {
        m_error = QStringLiteral("cannot start %1: %2").arg(binaryPath(), m_process->errorString());
        return false;
    }
    static const QRegularExpression listening(QStringLiteral("^zeiko-server listening on http://127\\.0\\.0\\.1:(\\d+)$"));
    QByteArray stdoutBuffer;
    QDeadlineTimer deadline(options.startTimeoutMs);
    while (!deadline.hasExpired()) {
        if (m_process->canReadLine() || m_process->waitForReadyRead(int(std::min<qint64>(200, deadline.remainingTime())))) {
            stdoutBuffer += m_process->readAllStandardOutput();
            const qsizetype newline = stdoutBuffer.indexOf('\n');
            if (newline >= 0) {
                const auto match = listening.match(QString::fromUtf8(stdoutBuffer.left(newline)));
                if (!match.hasMatch()) {
                    m_error = QStringLiteral("unexpected first line: ") + QString::fromUtf8(stdoutBuffer.left(newline));
                    return false;
                }
                m_port = quint16(match.captured(1).toUInt());
                response_log::addServerPort(m_port);
                return true;
            }
        }
        if (m_process->state() == QProcess::NotRunning) {
            m_error = QStringLiteral("server exited (%1): %2")
                          .arg(m_process->exitCode())
                          .arg(QString::fromUtf8(standardError().right(2000)));
            return false;
        }
    }
    m_error = QStringLiteral("server did not print its listening line in time");
    return false;
}

int ServerProcess::stop(int timeoutMs)
{
    if (!m_process)
        return -1;
    if (m_process->state() != QProcess::NotRunning) {
        ::kill(pid_t(m_process->processId()), SIGTERM);
        // Wait with this process's event loop turning: the stand-ins a server
        // may still be talking to while it shuts down (Resend, proxies) live
        // here, and a blocking wait would leave its last request hanging.
        QEventLoop loop;
        QObject::connect(m_process.get(), &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        if (m_process->state() != QProcess::NotRunning)
            loop.exec();
        if (m_process->state() != QProcess::NotRunning) {
            m_process->kill();
            m_process->waitForFinished(5000);
            standardError();
            return -1;
        }
    }
    standardError();
    return m_process->exitStatus() == QProcess::NormalExit ? m_process->exitCode() : -1;
}

void ServerProcess::kill()
{
    if (!m_process || m_process->state() == QProcess::NotRunning)
        return;
    m_process->kill();
    m_process->waitForFinished(10000);
    standardError();
}

bool ServerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

QByteArray ServerProcess::standardError() const
{
    QFile log(m_logPath);
    if (!m_logPath.isEmpty() && log.open(QIODevice::ReadOnly))
        m_stderr = log.readAll();
    return m_stderr;
}

QUrl ServerProcess::baseUrl() const
{
    return QUrl(QStringLiteral("http://127.0.0.1:%1").arg(m_port));
}

QUrl ServerProcess::url(const QString &pathAndQuery) const
{
    return QUrl(baseUrl().toString() + pathAndQuery);
}

QUrl ServerProcess::wsUrl(const QString &pathAndQuery) const
{
    return QUrl(QStringLiteral("ws://127.0.0.1:%1%2").arg(m_port).arg(pathAndQuery));
}

int ServerProcess::runCommand(const QStringList &arguments, QByteArray *output,
                              const QMap<QString, QString> &environment) const
{
    QProcess process;
    process.setProgram(binaryPath());
    QProcessEnvironment withExtras = QProcessEnvironment::systemEnvironment();
    withExtras.insert(QStringLiteral("ZEIKO_DATABASE"), m_databaseUrl);
    for (auto it = environment.cbegin(); it != environment.cend(); ++it)
        withExtras.insert(it.key(), it.value());
    process.setProcessEnvironment(withExtras);
    process.setArguments(arguments);
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.start();
    if (!process.waitForFinished(60000))
        return -1;
    if (output)
        *output = process.readAll();
    return process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
}

bool ServerProcess::addAgentToken(const QString &account, const QString &token, const QString &label)
{
    QTemporaryFile file;
    if (!file.open() || file.write(token.toUtf8()) < 0 || !file.flush()) {
        m_error = QStringLiteral("cannot write the agent token file");
        return false;
    }
    QByteArray output;
    const int code = runCommand({QStringLiteral("admin"), QStringLiteral("create-agent-token"), QStringLiteral("--account"),
                                 account, QStringLiteral("--label"), label, QStringLiteral("--token-file"), file.fileName()},
                                &output);
    if (code != 0)
        m_error = QStringLiteral("admin create-agent-token failed (%1): %2").arg(code).arg(QString::fromUtf8(output));
    return code == 0;
}

bool ServerProcess::setShopify(const QString &account, const QString &shopDomain, const QString &secret, bool keepPrevious)
{
    QTemporaryFile file;
    if (!file.open() || file.write(secret.toUtf8()) < 0 || !file.flush()) {
        m_error = QStringLiteral("cannot write the Shopify secret file");
        return false;
    }
    QStringList arguments{QStringLiteral("admin"),       QStringLiteral("set-shopify"), QStringLiteral("--account"),
                          account,                       QStringLiteral("--shop-domain"), shopDomain,
                          QStringLiteral("--secret-file"), file.fileName()};
    if (keepPrevious)
        arguments << QStringLiteral("--keep-previous-secret");
    QByteArray output;
    const int code = runCommand(arguments, &output);
    if (code != 0)
        m_error = QStringLiteral("admin set-shopify failed (%1): %2").arg(code).arg(QString::fromUtf8(output));
    return code == 0;
}

HttpReply ServerProcess::request(const QString &pathAndQuery, const RequestOptions &options)
{
    return httpRequest(m_network, url(pathAndQuery), options);
}

HttpReply ServerProcess::get(const QString &pathAndQuery, const QString &token)
{
    RequestOptions options;
    options.token = token;
    return request(pathAndQuery, options);
}

HttpReply ServerProcess::post(const QString &pathAndQuery, const QByteArray &body, const QString &token,
                              const QString &idempotencyKey)
{
    RequestOptions options;
    options.method = "POST";
    options.body = body;
    options.token = token;
    options.idempotencyKey = idempotencyKey;
    return request(pathAndQuery, options);
}

QString ServerProcess::signIn(const QString &account, const QString &email, const QString &password)
{
    const QJsonObject body{{QStringLiteral("account"), account},
                           {QStringLiteral("email"), email},
                           {QStringLiteral("password"), password}};
    const HttpReply reply = post(QStringLiteral("/api/v1/auth/sign-in"), QJsonDocument(body).toJson(QJsonDocument::Compact));
    return reply.status == 200 ? reply.json().value(QStringLiteral("token")).toString() : QString();
}

} // namespace zeiko::test
