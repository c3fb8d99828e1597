#pragma once
// The right-hand rail: compact ticket facts, SLA dates with live countdowns,
// the Shopify order, CSAT and the link to the original handoff conversation.
// What queued commands change (status, priority, owner, assignee, SLA state
// and due dates, the handoff) it reads from the queue model's roles, where
// the pending overlay is applied once, so the rail, the queue and the title
// always agree; the rest comes from the stored ticket.

#include "models/ticket_queue_model.h"
#include "ui/ticket_cache.h"

#include <QLabel>
#include <QPushButton>
#include <QScrollArea>

class QFormLayout;
class QGroupBox;

namespace zeiko::ui {

class FactsRail : public QScrollArea
{
    Q_OBJECT
public:
    FactsRail(TicketCache &tickets, const TicketQueueModel &queue, QWidget *parent = nullptr);

    void setTicket(TicketId id);
    TicketId ticketId() const { return m_ticketId; }
    // Re-evaluates the countdowns (called every second by the window).
    void tick();

Q_SIGNALS:
    void openHandoffRequested();

private:
    void refresh();
    // The ticket's row in the queue model (pending applied); invalid if none.
    QModelIndex queueIndex() const;
    QLabel *addRow(QFormLayout *form, const QString &label, const QString &objectName);
    QString dueText(const std::optional<QDateTime> &due) const;

    TicketCache &m_tickets;
    const TicketQueueModel &m_queue;
    TicketId m_ticketId = 0;
    QLabel *m_pendingNote = nullptr;
    QLabel *m_title = nullptr;
    QLabel *m_status = nullptr;
    QLabel *m_priority = nullptr;
    QLabel *m_owner = nullptr;
    QLabel *m_assignee = nullptr;
    QLabel *m_source = nullptr;
    QLabel *m_customer = nullptr;
    QLabel *m_created = nullptr;
    QLabel *m_lastActivity = nullptr;
    QLabel *m_tags = nullptr;
    QLabel *m_slaState = nullptr;
    QLabel *m_firstDue = nullptr;
    QLabel *m_nextDue = nullptr;
    QLabel *m_resolutionDue = nullptr;
    QGroupBox *m_shopifyBox = nullptr;
    QLabel *m_shopify = nullptr;
    QLabel *m_csat = nullptr;
    QGroupBox *m_handoffBox = nullptr;
    QLabel *m_handoff = nullptr;
    QPushButton *m_openHandoff = nullptr;
};

} // namespace zeiko::ui
