#pragma once
// What the tray icon shows, counted from the queue model's roles
// (models/roles.h): unread tickets and tickets whose SLA is at risk or
// breached, among those that are the operator's business — assigned to them
// or unassigned — and not resolved or closed. Counts follow the model's
// fine-grained signals per ticket id (a change touches only its rows), so a
// 100,000-ticket queue is counted once, not on every event.

#include "domain/types.h"

#include <QHash>
#include <QObject>
#include <QPointer>

class QAbstractItemModel;

namespace zeiko::ui {

struct TrayCounts {
    int unread = 0;
    int atRisk = 0;     // SLA at risk or breached
    int breached = 0;   // of which breached

    bool operator==(const TrayCounts &) const = default;
};

class TrayState : public QObject
{
    Q_OBJECT
public:
    explicit TrayState(QAbstractItemModel *queue, QObject *parent = nullptr);

    TrayCounts counts() const { return m_counts; }

Q_SIGNALS:
    void countsChanged(const zeiko::ui::TrayCounts &counts);

private:
    enum Flag : quint8 { Unread = 1, AtRisk = 2, Breached = 4 };
    quint8 flagsOfRow(int row) const;
    void recountAll();
    void updateRows(int first, int last);
    void forgetRows(int first, int last);
    void apply(quint8 before, quint8 after);
    void publish(const TrayCounts &before);

    QPointer<QAbstractItemModel> m_queue;
    QHash<TicketId, quint8> m_flags;   // only tickets with a flag set
    TrayCounts m_counts;
};

} // namespace zeiko::ui

Q_DECLARE_METATYPE(zeiko::ui::TrayCounts)
