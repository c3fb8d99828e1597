#pragma once
// Everything the console remembers between runs that is NOT secret: window
// layout, the current view, remapped shortcuts, the undo window, notification
// choices and the last account's (non-secret) identity for offline starts.
// Tokens never come here: they live in the OS keychain (CredentialStore).

#include <QByteArray>
#include <QKeySequence>
#include <QSettings>
#include <QString>
#include <QUrl>

#include <memory>

namespace zeiko::ui {

class ConsoleSettings
{
public:
    // dataDir empty: the platform's usual settings location; otherwise an INI
    // file inside dataDir (tests, screenshots and --data-dir stay self-contained).
    explicit ConsoleSettings(const QString &dataDir = {});

    QSettings &raw() { return *m_settings; }
    const QSettings &raw() const { return *m_settings; }

    QByteArray windowGeometry() const;
    void setWindowGeometry(const QByteArray &state);
    QByteArray windowState() const;
    void setWindowState(const QByteArray &state);
    QByteArray splitterState(const QString &name) const;
    void setSplitterState(const QString &name, const QByteArray &state);
    QByteArray queueHeaderState() const;
    void setQueueHeaderState(const QByteArray &state);
    int currentView() const;
    void setCurrentView(int view);

    // Remapped shortcuts by action id; an empty optional means "use the default".
    bool hasShortcut(const QString &actionId) const;
    QKeySequence shortcut(const QString &actionId) const;
    void setShortcut(const QString &actionId, const QKeySequence &sequence);
    void resetShortcuts();

    // Seconds a reply/note waits (undoable) before it enters the outbox; 0 sends at once.
    int sendDelaySeconds() const;
    void setSendDelaySeconds(int seconds);
    bool notifyHandoffAssigned() const;
    void setNotifyHandoffAssigned(bool on);
    bool notifySlaAtRisk() const;
    void setNotifySlaAtRisk(bool on);

    struct LastAccount {
        QUrl server;
        QString account;
        QString email;
        QString operatorId;
        QString operatorName;
        QString tenantName;
    };
    LastAccount lastAccount() const;
    void setLastAccount(const LastAccount &account);
    void forgetLastAccountIdentity();

    void sync() { m_settings->sync(); }

private:
    std::unique_ptr<QSettings> m_settings;
};

} // namespace zeiko::ui
