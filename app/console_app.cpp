#include "console_app.h"

#include "store/store_path.h"

#include <QApplication>
#include <QDir>
#include <QFileInfo>
#include <QMessageBox>
#include <QStatusBar>

using namespace zeiko;
using namespace zeiko::ui;

ConsoleApp::ConsoleApp(const ConsoleOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_settings(options.dataDir)
{
    connect(&m_signIn, &SignInController::signedIn, this, &ConsoleApp::onSignedIn);
    connect(&m_signIn, &SignInController::signInFailed, this, [this](const QString &message) {
        showSignIn(message, true);
    });
    connect(&m_signIn, &SignInController::signInRequired, this, [this](const QString &message) {
        showSignIn(message, !message.isEmpty());
    });
}

ConsoleApp::~ConsoleApp()
{
    if (m_window)
        m_window->commitPendingSend();
    m_window.reset();
    m_session.reset();
}

void ConsoleApp::start()
{
    const ConsoleSettings::LastAccount last = m_settings.lastAccount();
    const QUrl server = m_options.server.isValid() ? m_options.server : last.server;
    const QString account = m_options.account.isEmpty() ? last.account : m_options.account;
    const QString email = m_options.email.isEmpty() ? last.email : m_options.email;

    if (!m_options.passwordEnv.isEmpty()) {
        const QString password = qEnvironmentVariable(m_options.passwordEnv.toUtf8().constData());
        if (password.isEmpty()) {
            showSignIn(tr("The environment variable %1 is empty; enter the password.").arg(m_options.passwordEnv), true);
            return;
        }
        m_signIn.signIn(server, account, email, password);
        return;
    }
    SessionIdentity cached;
    if (last.server == server && last.account == account && last.email == email && !last.operatorId.isEmpty()) {
        cached.server = server;
        cached.account = account;
        cached.email = email;
        cached.self.id = last.operatorId;
        cached.self.displayName = last.operatorName;
        cached.self.email = email;
        cached.tenant.name = last.tenantName;
    }
    m_signIn.restore(server, account, email, cached);
}

void ConsoleApp::activate(const ConsoleOptions &requested)
{
    QWidget *front = m_window ? static_cast<QWidget *>(m_window.get()) : m_dialog.get();
    if (!m_window && m_dialog && m_dialog->isVisible()) {
        m_dialog->setValues(requested.server.isValid() ? requested.server : m_dialog->server(),
                            requested.account.isEmpty() ? m_dialog->account() : requested.account,
                            requested.email.isEmpty() ? m_dialog->email() : requested.email);
    }
    if (front) {
        if (front->isMinimized())
            front->showNormal();
        else
            front->show();   // also when hidden to the tray
        front->raise();
        front->activateWindow();
    }
    Q_EMIT activated();
}

void ConsoleApp::showSignIn(const QString &message, bool error)
{
    if (!m_dialog) {
        m_dialog = std::make_unique<SignInDialog>();
        connect(m_dialog.get(), &SignInDialog::signInRequested, this, [this] {
            m_dialog->setBusy(true);
            m_signIn.signIn(m_dialog->server(), m_dialog->account(), m_dialog->email(), m_dialog->password());
        });
        connect(m_dialog.get(), &QDialog::rejected, this, [this] {
            if (!m_window)
                QApplication::quit();
        });
        const ConsoleSettings::LastAccount last = m_settings.lastAccount();
        m_dialog->setValues(m_options.server.isValid() ? m_options.server : last.server,
                            m_options.account.isEmpty() ? last.account : m_options.account,
                            m_options.email.isEmpty() ? last.email : m_options.email);
    }
    m_dialog->setBusy(false);
    m_dialog->showMessage(message, error);
    m_dialog->show();
    m_dialog->raise();
}

QString ConsoleApp::storePathFor(const SessionIdentity &identity) const
{
    const QString standard = defaultStorePath(identity.server, identity.account, identity.email);
    if (m_options.dataDir.isEmpty())
        return standard;
    return QDir(m_options.dataDir).filePath(QFileInfo(standard).fileName());
}

void ConsoleApp::onSignedIn(const SessionIdentity &signedIn, const QString &token, bool offline,
                            const QString &keychainWarning)
{
    SessionIdentity identity = signedIn;
    identity.storePath = storePathFor(identity);
    QString error;
    std::unique_ptr<ConsoleSession> session = openConsoleSession(identity, token, {}, &error);
    if (!session) {
        showSignIn(error, true);
        return;
    }
    if (m_dialog) {
        m_dialog->clearPassword();
        m_dialog->hide();
    }
    m_settings.setLastAccount({identity.server, identity.account, identity.email, identity.self.id,
                               identity.self.displayName, identity.tenant.name});
    m_settings.sync();
    m_session = std::move(session);
    m_window = std::make_unique<MainWindow>(*m_session, m_settings);
    connect(m_window.get(), &MainWindow::signOutRequested, this, &ConsoleApp::signOut, Qt::QueuedConnection);
    // Queued: the session is destroyed in there, not inside its own signal.
    connect(m_session.get(), &ConsoleSession::signedOut, this, &ConsoleApp::sessionEnded, Qt::QueuedConnection);
    m_session->start();
    m_window->show();
    if (offline)
        m_window->statusBar()->showMessage(tr("The server is not reachable: showing the local copy."), 10000);
    if (!keychainWarning.isEmpty()) {
        auto *box = new QMessageBox(QMessageBox::Warning, tr("Token not saved"), keychainWarning, QMessageBox::Ok,
                                    m_window.get());
        box->setObjectName(QStringLiteral("keychainWarning"));
        box->setAttribute(Qt::WA_DeleteOnClose);
        box->open();
    }
    Q_EMIT windowShown(m_window.get());
}

void ConsoleApp::signOut()
{
    if (!m_window)
        return;
    m_window->commitPendingSend();
    m_window->saveLayout();
    m_signIn.signOut(m_session.get());
    m_settings.forgetLastAccountIdentity();
    m_window.reset();
    m_session.reset();
    showSignIn(tr("Signed out."), false);
}

// The server no longer takes our token (signed out elsewhere, expired):
// what a 401 at start-up does, from inside a session. The cache, with the
// outbox, stays on disk; signing in again to the same account sends it.
void ConsoleApp::sessionEnded()
{
    if (!m_window || !m_session)
        return;
    m_window->commitPendingSend();   // a send in its undo window joins the outbox
    m_window->saveLayout();
    m_signIn.sessionEnded(m_session.get());   // -> signInRequired -> the dialog
    m_window.reset();
    m_session.reset();
}
