#include "ui/console_settings.h"

#include <QDir>

namespace zeiko::ui {

ConsoleSettings::ConsoleSettings(const QString &dataDir)
{
    if (dataDir.isEmpty())
        m_settings = std::make_unique<QSettings>();
    else
        m_settings = std::make_unique<QSettings>(QDir(dataDir).filePath(QStringLiteral("console.ini")),
                                                 QSettings::IniFormat);
}

QByteArray ConsoleSettings::windowGeometry() const { return m_settings->value("window/geometry").toByteArray(); }
void ConsoleSettings::setWindowGeometry(const QByteArray &state) { m_settings->setValue("window/geometry", state); }
QByteArray ConsoleSettings::windowState() const { return m_settings->value("window/state").toByteArray(); }
void ConsoleSettings::setWindowState(const QByteArray &state) { m_settings->setValue("window/state", state); }

QByteArray ConsoleSettings::splitterState(const QString &name) const
{
    return m_settings->value(QStringLiteral("window/splitter-") + name).toByteArray();
}

void ConsoleSettings::setSplitterState(const QString &name, const QByteArray &state)
{
    m_settings->setValue(QStringLiteral("window/splitter-") + name, state);
}

QByteArray ConsoleSettings::queueHeaderState() const { return m_settings->value("queue/header").toByteArray(); }
void ConsoleSettings::setQueueHeaderState(const QByteArray &state) { m_settings->setValue("queue/header", state); }
int ConsoleSettings::currentView() const { return m_settings->value("queue/view", -1).toInt(); }
void ConsoleSettings::setCurrentView(int view) { m_settings->setValue("queue/view", view); }

bool ConsoleSettings::hasShortcut(const QString &actionId) const
{
    return m_settings->contains(QStringLiteral("shortcuts/") + actionId);
}

QKeySequence ConsoleSettings::shortcut(const QString &actionId) const
{
    return QKeySequence::fromString(m_settings->value(QStringLiteral("shortcuts/") + actionId).toString(),
                                    QKeySequence::PortableText);
}

void ConsoleSettings::setShortcut(const QString &actionId, const QKeySequence &sequence)
{
    m_settings->setValue(QStringLiteral("shortcuts/") + actionId, sequence.toString(QKeySequence::PortableText));
}

void ConsoleSettings::resetShortcuts() { m_settings->remove(QStringLiteral("shortcuts")); }

int ConsoleSettings::sendDelaySeconds() const
{
    return qBound(0, m_settings->value("composer/send-delay-seconds", 5).toInt(), 60);
}

void ConsoleSettings::setSendDelaySeconds(int seconds) { m_settings->setValue("composer/send-delay-seconds", seconds); }
bool ConsoleSettings::notifyHandoffAssigned() const { return m_settings->value("notify/handoff-assigned", true).toBool(); }
void ConsoleSettings::setNotifyHandoffAssigned(bool on) { m_settings->setValue("notify/handoff-assigned", on); }
bool ConsoleSettings::notifySlaAtRisk() const { return m_settings->value("notify/sla-at-risk", true).toBool(); }
void ConsoleSettings::setNotifySlaAtRisk(bool on) { m_settings->setValue("notify/sla-at-risk", on); }

ConsoleSettings::LastAccount ConsoleSettings::lastAccount() const
{
    LastAccount a;
    a.server = QUrl(m_settings->value("account/server").toString());
    a.account = m_settings->value("account/account").toString();
    a.email = m_settings->value("account/email").toString();
    a.operatorId = m_settings->value("account/operator-id").toString();
    a.operatorName = m_settings->value("account/operator-name").toString();
    a.tenantName = m_settings->value("account/tenant-name").toString();
    return a;
}

void ConsoleSettings::setLastAccount(const LastAccount &a)
{
    m_settings->setValue("account/server", a.server.toString());
    m_settings->setValue("account/account", a.account);
    m_settings->setValue("account/email", a.email);
    m_settings->setValue("account/operator-id", a.operatorId);
    m_settings->setValue("account/operator-name", a.operatorName);
    m_settings->setValue("account/tenant-name", a.tenantName);
}

void ConsoleSettings::forgetLastAccountIdentity()
{
    m_settings->remove("account/operator-id");
    m_settings->remove("account/operator-name");
    m_settings->remove("account/tenant-name");
}

} // namespace zeiko::ui
