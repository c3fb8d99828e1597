#pragma once
// The queue pane: the offline banner, the search field, the view tabs and
// the ticket list (core's TicketQueueModel behind QueueFilterProxy). It
// keeps the operator's place through searches and view switches and says
// which ticket is current; it runs no commands (TicketCommands does).

#include "models/queue_anchor.h"
#include "models/queue_filter_proxy.h"
#include "models/ticket_queue_model.h"

#include <QPersistentModelIndex>
#include <QTimer>
#include <QWidget>

#include <array>
#include <optional>

class QLabel;
class QPushButton;
class QLineEdit;
class QTabBar;
class QTreeView;

namespace zeiko {
class LocalStore;
}

namespace zeiko::ui {

class ConsoleSettings;
class QueueDelegate;
class TicketCache;

class QueuePane : public QWidget
{
    Q_OBJECT
public:
    using View = QueueFilterProxy::View;
    // The views in tab order.
    static constexpr std::array<View, 5> kViews{View::Mine, View::Unassigned, View::WaitingOnTeam,
                                                View::SlaAtRiskOrBreached, View::All};
    static QString viewName(View view);

    QueuePane(LocalStore &store, TicketCache &tickets, const QString &operatorId, QWidget *parent = nullptr);

    QTreeView *view() const { return m_view; }
    QLineEdit *searchField() const { return m_search; }
    QTabBar *tabs() const { return m_tabs; }
    TicketQueueModel &model() { return m_model; }
    QueueFilterProxy &proxy() { return m_proxy; }
    // The operator's place while traffic re-sorts the rows (item 15).
    QueueAnchor &anchor() { return m_anchor; }
    // "↑ 3 new above": shown while tickets arrived above the selected one;
    // clicking it (or Enter on it) scrolls to the top.
    QPushButton *arrivalsPill() const { return m_arrivalsPill; }
    void showArrivalsAtTop();

    // The selected ticket (0: none) and a role of its row.
    TicketId currentTicket() const { return m_current; }
    QVariant currentData(int role) const;
    // Close and next: the nearest row below the current one, else above, that
    // still wants work — not closed, and no live chat a human is already in
    // (an active handoff is worked in its own window). 0: none.
    TicketId nextToWork() const;
    // Close and next moves on: selects `next` (0: stays) and gives the
    // keyboard to the queue. The next ticket is read before it is written
    // to, so a cursor in the composer does not carry over into its reply
    // box (Alt+J/Alt+K are the keys that keep composing).
    void moveOnTo(TicketId next);
    // The ticket with this number in the local copy (0: none).
    TicketId ticketByNumber(qint64 number) const;

    void setView(View view);
    // Selects `id`; when it is not in this view or search, shows All and
    // says so, with the way back (goBackFromJump, Esc in the queue).
    bool jumpTo(TicketId id, qint64 number);
    bool goBackFromJump();
    QString jumpNoticeText() const;
    void moveSelection(int delta);
    bool selectTicket(TicketId id);
    void clearSearch();
    void focusSearch();
    // Esc in the queue: back from a jump first, then a search is cleared.
    void back();
    void setOffline(bool offline);
    // Repaints the visible SLA cells (the countdown is computed while painting).
    void tick();

    // The column layout: what triage reads first in view at 1366 px, the
    // rest in the columns menu (the header's or the list's context menu).
    void applyDefaultColumns();
    void showColumnMenu(const QPoint &globalPos);

    void restoreState(const ConsoleSettings &settings);
    void saveState(ConsoleSettings &settings) const;

Q_SIGNALS:
    void currentTicketChanged(zeiko::TicketId id);
    void ticketActivated();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    // Live traffic moves rows: note the operator's row on screen before, and
    // scroll so it is at the same height after (one layout per batch).
    void notePlace();
    void keepPlace();
    void showArrivals(int count);
    void placeArrivalsPill();

    void applySearch();
    void updateViewCounts();

    TicketQueueModel m_model;
    QueueFilterProxy m_proxy;
    QueueAnchor m_anchor;
    TicketId m_current = 0;
    // The row kept in place during a live change (the selected one when in
    // sight, else the top row in sight) and its viewport y before.
    QPersistentModelIndex m_keptRow;
    int m_keptTop = 0;
    QPushButton *m_arrivalsPill = nullptr;
    QLabel *m_offlineBanner = nullptr;
    QLineEdit *m_search = nullptr;
    QTabBar *m_tabs = nullptr;
    QTreeView *m_view = nullptr;
    QueueDelegate *m_delegate = nullptr;
    struct JumpBack
    {
        View view;
        QString search;
        TicketId ticket;
    };
    std::optional<JumpBack> m_jumpBack;
    QWidget *m_jumpNotice = nullptr;
    QLabel *m_jumpLabel = nullptr;
    QPushButton *m_jumpBackButton = nullptr;
    QTimer m_searchTimer;
    QTimer m_countsTimer;
};

} // namespace zeiko::ui
