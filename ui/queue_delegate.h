#pragma once
// Paints the queue's status cells: SLA as a coloured state with a live
// countdown (to the row's SlaDueRole), priority in colour, the unread dot, pending/failed marks and who
// owns the ticket now (AI agent, human, handoff waiting for a human).

#include "ui/ticket_cache.h"

#include <QStyledItemDelegate>

namespace zeiko::ui {

// Who answers the ticket now, as the Assignee column's badge shows it.
enum class OwnerBadge { Agent, Human, HandoffWaiting };
// The badge's text and border colour (its fill is the same at 40/255 alpha),
// readable on the palette's Base and AlternateBase.
QColor ownerBadgeColour(OwnerBadge badge, const QPalette &palette);

class QueueDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit QueueDelegate(QObject *parent = nullptr);
    // The cache is not read any more ("handoff waiting" is the model's
    // HandoffWaitingRole); kept until the queue pane stops passing it.
    QueueDelegate(TicketCache &tickets, QObject *parent = nullptr);

    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    // The SLA cell's text right now (also the accessible text): "At risk · 12m 05s".
    QString slaText(const QModelIndex &index) const;
    // "AI agent", "Human", "Handoff waiting".
    QString ownerText(const QModelIndex &index) const;

private:
    void paintBadge(QPainter *painter, const QRect &rect, const QString &text, const QColor &colour) const;
};

} // namespace zeiko::ui
