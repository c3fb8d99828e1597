#pragma once
// The console's life cycle: sign in (or restore the keychain session), open
// the account's cache, show the main window, sign out back to the dialog.

#include "session/console_session.h"
#include "ui/console_settings.h"
#include "ui/main_window.h"
#include "ui/sign_in_controller.h"
#include "ui/sign_in_dialog.h"

#include <QObject>
#include <QPointer>

#include <memory>

struct ConsoleOptions {
    QUrl server;
    QString account;
    QString email;
    QString passwordEnv;   // name of the environment variable holding the password
    QString dataDir;       // settings + cache here instead of the platform's places
};

class ConsoleApp : public QObject
{
    Q_OBJECT
public:
    ConsoleApp(const ConsoleOptions &options, QObject *parent = nullptr);
    ~ConsoleApp() override;

    void start();
    // A second launch for this profile: bring our window (or the sign-in
    // dialog) to the front; its sign-in values prefill the dialog if that is
    // what is showing. Never signs in or out by itself.
    void activate(const ConsoleOptions &requested);
    zeiko::ui::MainWindow *window() const { return m_window.get(); }
    zeiko::ConsoleSession *session() const { return m_session.get(); }
    zeiko::ui::ConsoleSettings &settings() { return m_settings; }

Q_SIGNALS:
    void windowShown(zeiko::ui::MainWindow *window);
    void activated();

private:
    void showSignIn(const QString &message, bool error);
    void onSignedIn(const zeiko::SessionIdentity &identity, const QString &token, bool offline,
                    const QString &keychainWarning);
    void signOut();
    void sessionEnded();
    QString storePathFor(const zeiko::SessionIdentity &identity) const;

    ConsoleOptions m_options;
    zeiko::ui::ConsoleSettings m_settings;
    zeiko::ui::SignInController m_signIn;
    std::unique_ptr<zeiko::ui::SignInDialog> m_dialog;
    std::unique_ptr<zeiko::ui::MainWindow> m_window;
    std::unique_ptr<zeiko::ConsoleSession> m_session;
};
