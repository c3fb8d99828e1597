#include "ui/sign_in_controller.h"

#include <memory>

namespace zeiko::ui {

SignInController::SignInController(QObject *parent)
    : QObject(parent)
{
}

QString SignInController::accountKey(const QUrl &server, const QString &account, const QString &email)
{
    return server.toString(QUrl::StripTrailingSlash) + u'|' + account + u'|' + email.toLower();
}

void SignInController::signIn(const QUrl &server, const QString &account, const QString &email,
                              const QString &password)
{
    if (!server.isValid() || server.scheme().isEmpty() || server.host().isEmpty()) {
        Q_EMIT signInFailed(tr("Enter the server address, e.g. https://tickets.example.com"));
        return;
    }
    if (account.trimmed().isEmpty() || email.trimmed().isEmpty() || password.isEmpty()) {
        Q_EMIT signInFailed(tr("Enter the account, your email and your password."));
        return;
    }
    m_busy = true;
    // A short-lived client: the session makes its own once we know who we are.
    auto *api = new ApiClient(server, {}, this);
    api->signIn(account.trimmed(), email.trimmed(), password, this,
                [this, api, server, account, email](const ApiResult<SignInResult> &result) {
        m_busy = false;
        api->deleteLater();
        if (!result.ok()) {
            const ApiFailure &failure = result.failure();
            if (failure.isUnauthorized())
                Q_EMIT signInFailed(tr("The account, email or password is not right."));
            else
                Q_EMIT signInFailed(failure.message());
            return;
        }
        SessionIdentity identity;
        identity.server = server;
        identity.account = account.trimmed();
        identity.email = email.trimmed();
        identity.self = result.value().session.self;
        identity.tenant = result.value().session.tenant;
        finishSignIn(identity, result.value().token);
    });
}

void SignInController::finishSignIn(const SessionIdentity &identity, const QString &token)
{
    const QString key = accountKey(identity.server, identity.account, identity.email);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(&m_credentials, &CredentialStore::tokenWritten, this,
                          [this, connection, key, identity, token](const QString &writtenKey,
                                                                  CredentialStore::Error error,
                                                                  const QString &message) {
        if (writtenKey != key)
            return;
        disconnect(*connection);
        QString warning;
        if (error != CredentialStore::Error::NoError)
            warning = tr("%1 You will need to sign in each time the console starts.").arg(message);
        Q_EMIT signedIn(identity, token, false, warning);
    });
    m_credentials.writeToken(key, token);
}

void SignInController::restore(const QUrl &server, const QString &account, const QString &email,
                               const SessionIdentity &cachedIdentity)
{
    if (!server.isValid() || account.isEmpty() || email.isEmpty()) {
        Q_EMIT signInRequired({});
        return;
    }
    m_busy = true;
    const QString key = accountKey(server, account, email);
    auto connection = std::make_shared<QMetaObject::Connection>();
    *connection = connect(&m_credentials, &CredentialStore::tokenRead, this,
                          [=, this](const QString &readKey, const QString &token, CredentialStore::Error error,
                                    const QString &message) {
        if (readKey != key)
            return;
        disconnect(*connection);
        if (error != CredentialStore::Error::NoError || token.isEmpty()) {
            m_busy = false;
            Q_EMIT signInRequired(error == CredentialStore::Error::NotFound ? QString() : message);
            return;
        }
        auto *api = new ApiClient(server, {}, this);
        api->setToken(token);
        api->me(this, [=, this](const ApiResult<Session> &result) {
            m_busy = false;
            api->deleteLater();
            if (result.ok()) {
                SessionIdentity identity{server, account, email, result.value().self, result.value().tenant, {}};
                Q_EMIT signedIn(identity, token, false, {});
            } else if (result.failure().isTransient() && !cachedIdentity.self.id.isEmpty()) {
                Q_EMIT signedIn(cachedIdentity, token, true, {});
            } else if (result.failure().isUnauthorized()) {
                m_credentials.deleteToken(key);
                Q_EMIT signInRequired(sessionEndedMessage());
            } else {
                Q_EMIT signInRequired(result.failure().message());
            }
        });
    });
    m_credentials.readToken(key);
}

QString SignInController::sessionEndedMessage()
{
    return tr("Your session has ended. Please sign in again.");
}

void SignInController::sessionEnded(ConsoleSession *session)
{
    if (session) {
        const SessionIdentity &identity = session->identity();
        m_credentials.deleteToken(accountKey(identity.server, identity.account, identity.email));
    }
    Q_EMIT signInRequired(sessionEndedMessage());
}

void SignInController::signOut(ConsoleSession *session)
{
    if (!session) {
        Q_EMIT signedOut();
        return;
    }
    const SessionIdentity identity = session->identity();
    m_credentials.deleteToken(accountKey(identity.server, identity.account, identity.email));
    // Revoke on the server with a client that outlives the session object.
    auto *api = new ApiClient(identity.server, {}, this);
    api->setToken(session->api().token());
    api->signOut(this, [api](const ApiResult<Done> &) { api->deleteLater(); });
    Q_EMIT signedOut();
}

} // namespace zeiko::ui
