#pragma once
// Getting a signed-in session without widgets: sign in with a password
// (token -> OS keychain), restore a session from the keychain at start-up,
// sign out (revoke + forget). The dialogs only collect input and show the
// messages this class produces, so all of it runs in tests.

#include "credentials/credential_store.h"
#include "session/console_session.h"

#include <QObject>
#include <QPointer>

namespace zeiko::ui {

class SignInController : public QObject
{
    Q_OBJECT
public:
    explicit SignInController(QObject *parent = nullptr);

    // server|account|email: the keychain entry of one operator on one server.
    static QString accountKey(const QUrl &server, const QString &account, const QString &email);

    void signIn(const QUrl &server, const QString &account, const QString &email, const QString &password);
    // Reads the token from the keychain and checks it with GET /me. When the
    // server is unreachable but a token and the cached identity exist, the
    // session starts offline from the cache.
    void restore(const QUrl &server, const QString &account, const QString &email,
                 const SessionIdentity &cachedIdentity);
    void signOut(ConsoleSession *session);
    // The server stopped accepting the session's token (revoked elsewhere,
    // expired: ConsoleSession::signedOut()). Forgets the dead token and asks
    // to sign in again, as restore() does for a token answered with 401.
    // The session's cache and its outbox stay for the next sign-in.
    void sessionEnded(ConsoleSession *session);

    bool isBusy() const { return m_busy; }

Q_SIGNALS:
    // keychainWarning: non-empty when the token could not be stored (sign in each launch).
    void signedIn(const zeiko::SessionIdentity &identity, const QString &token, bool offline,
                  const QString &keychainWarning);
    void signInFailed(const QString &message);
    // restore() found nothing usable: ask for the password. message may be empty.
    void signInRequired(const QString &message);
    void signedOut();

private:
    static QString sessionEndedMessage();
    void finishSignIn(const SessionIdentity &identity, const QString &token);

    CredentialStore m_credentials;
    bool m_busy = false;
};

} // namespace zeiko::ui
