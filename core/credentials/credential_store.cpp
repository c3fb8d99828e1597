#include "credential_store.h"

#include <QCoreApplication>
#include <QLoggingCategory>

#include <qt6keychain/keychain.h>

Q_LOGGING_CATEGORY(lcCredentials, "zeiko.credentials")

namespace zeiko {
namespace {

// QtKeychain reports an unreachable Secret Service (no session bus, no daemon, a locked
// or never-created collection with no prompter) as a generic OtherError; only its text
// tells us. Seen here: "Could not connect: No such file or directory" (no bus) and
// "Object does not exist at path /org/freedesktop/secrets/collection/login" (locked).
bool looksLikeMissingKeychain(const QString &detail)
{
    static const char *const kHints[] = {
        "d-bus", "dbus", "autolaunch", "could not connect", "no such file",
        "org.freedesktop.secrets", "/org/freedesktop/secrets", "object does not exist",
        "serviceunknown", "not provided by any .service",
        "locked", "secret service", "kwallet", "no keychain",
    };
    const QString lower = detail.toLower();
    for (const char *hint : kHints) {
        if (lower.contains(QLatin1String(hint)))
            return true;
    }
    return false;
}

CredentialStore::Error mapError(QKeychain::Error error, const QString &detail)
{
    switch (error) {
    case QKeychain::NoError:
        return CredentialStore::Error::NoError;
    case QKeychain::EntryNotFound:
        return CredentialStore::Error::NotFound;
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return CredentialStore::Error::AccessDenied;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return CredentialStore::Error::NoKeychain;
    case QKeychain::CouldNotDeleteEntry:
    case QKeychain::OtherError:
        break;
    }
    return looksLikeMissingKeychain(detail) ? CredentialStore::Error::NoKeychain
                                            : CredentialStore::Error::Other;
}

QString messageFor(CredentialStore::Error error, const QString &detail)
{
    if (error == CredentialStore::Error::NoError)
        return {};
    const QString message = CredentialStore::errorMessage(error);
    // The backend's text is technical but useful in a bug report; it never holds secrets.
    return detail.isEmpty() ? message : message + QLatin1String(" (") + detail + QLatin1Char(')');
}

// Jobs have no parent and delete themselves after finished(): a store destroyed
// mid-operation neither deletes a job the backend still calls back into, nor leaks it.
template <typename JobType>
JobType *newJob(const QString &accountKey)
{
    auto *job = new JobType(QString::fromLatin1(CredentialStore::kServiceName));
    job->setAutoDelete(true);
    job->setInsecureFallback(false); // never a plaintext copy, on any platform
    job->setKey(accountKey);
    return job;
}

} // namespace

CredentialStore::CredentialStore(QObject *parent)
    : QObject(parent)
{
}

CredentialStore::~CredentialStore() = default;

QString CredentialStore::errorMessage(Error error)
{
    switch (error) {
    case Error::NoError:
        return {};
    case Error::NotFound:
        return tr("No saved sign-in was found for this account.");
    case Error::NoKeychain:
        return tr("No system keychain is available; you will be asked to sign in each time you "
                  "start the console. Your password and token are never written to disk.");
    case Error::AccessDenied:
        return tr("Access to the system keychain was denied, so your sign-in cannot be saved or "
                  "read. Your password and token are never written to disk.");
    case Error::Other:
        return tr("The system keychain reported an error, so your sign-in could not be saved or "
                  "read. Your password and token are never written to disk.");
    }
    return {};
}

void CredentialStore::writeToken(const QString &accountKey, const QString &token)
{
    auto *job = newJob<QKeychain::WritePasswordJob>(accountKey);
    job->setTextData(token);
    ++m_pending;
    connect(job, &QKeychain::Job::finished, this, [this, accountKey](QKeychain::Job *finished) {
        --m_pending;
        const Error error = mapError(finished->error(), finished->errorString());
        if (error != Error::NoError)
            qCWarning(lcCredentials) << "storing the token failed:" << error << finished->errorString();
        emit tokenWritten(accountKey, error, messageFor(error, finished->errorString()));
    });
    job->start();
}

void CredentialStore::readToken(const QString &accountKey)
{
    auto *job = newJob<QKeychain::ReadPasswordJob>(accountKey);
    ++m_pending;
    connect(job, &QKeychain::Job::finished, this, [this, accountKey](QKeychain::Job *finished) {
        --m_pending;
        const Error error = mapError(finished->error(), finished->errorString());
        if (error != Error::NoError && error != Error::NotFound)
            qCWarning(lcCredentials) << "reading the token failed:" << error << finished->errorString();
        const QString token = error == Error::NoError
            ? static_cast<QKeychain::ReadPasswordJob *>(finished)->textData() : QString();
        emit tokenRead(accountKey, token, error,
                       error == Error::NotFound ? errorMessage(error)
                                                : messageFor(error, finished->errorString()));
    });
    job->start();
}

void CredentialStore::deleteToken(const QString &accountKey)
{
    auto *job = newJob<QKeychain::DeletePasswordJob>(accountKey);
    ++m_pending;
    connect(job, &QKeychain::Job::finished, this, [this, accountKey](QKeychain::Job *finished) {
        --m_pending;
        const Error error = mapError(finished->error(), finished->errorString());
        if (error != Error::NoError && error != Error::NotFound)
            qCWarning(lcCredentials) << "deleting the token failed:" << error << finished->errorString();
        emit tokenDeleted(accountKey, error, messageFor(error, finished->errorString()));
    });
    job->start();
}

} // namespace zeiko
