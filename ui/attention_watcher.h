#pragma once
// Decides what deserves a desktop notification: a handoff newly assigned to
// the signed-in operator, or an SLA (of my or unassigned tickets) turning at
// risk or breached. Compares each changed ticket with what it was before.
// notificationRequested() is the same news as a ready title and message, sent
// only while the operator's notification switches (ConsoleSettings) allow it.
// When the local store cannot be read, news may be missed: that is said once
// (a notification whatever the switches) until a read works again.

#include "ui/console_settings.h"
#include "ui/ticket_cache.h"

#include <QHash>
#include <QObject>

namespace zeiko::ui {

class AttentionWatcher : public QObject
{
    Q_OBJECT
public:
    AttentionWatcher(LocalStore &store, TicketCache &tickets, const QString &operatorId, QObject *parent = nullptr);

    // Read at each notification, so switching in Settings applies at once.
    // Without settings every notification is requested.
    void setSettings(const ConsoleSettings *settings) { m_settings = settings; }

Q_SIGNALS:
    void handoffAssignedToMe(zeiko::TicketId id, const QString &title);
    void slaAtRisk(zeiko::TicketId id, const QString &title);
    void notificationRequested(const QString &title, const QString &message);

private:
    struct Seen {
        bool mine = false;
        bool urgentSla = false;
    };
    static Seen seenOf(const TicketRow &row, const QString &operatorId);
    void prime();
    void onStoreChanged(const StoreChange &change);
    void readFailed(const QString &userMessage);

    LocalStore &m_store;
    TicketCache &m_tickets;
    QString m_operatorId;
    const ConsoleSettings *m_settings = nullptr;
    bool m_primed = false;
    bool m_readFailing = false;   // said once per streak of failed reads
    QHash<TicketId, Seen> m_seen;   // only tickets that are mine or whose SLA is urgent
};

} // namespace zeiko::ui
