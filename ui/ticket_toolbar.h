#pragma once
// The ticket pane's toolbar: the actions that apply to the current ticket,
// first the one its state calls for (Reopen on a closed ticket, Take over on
// a waiting handoff), in short words, as many as fit; everything else —
// what did not fit and what does not apply now — in the "More" menu, so
// every toolbar action and every priority is always one click away.
// (QToolBar's own overflow menu, outside a QMainWindow, lost the Priority
// button and put Reopen behind »» on a closed ticket.) Object names:
// "toolbar.<action name>", "priorityButton", "ticketToolbarMore".

#include "ui/action_table.h"

#include <QList>
#include <QToolButton>
#include <QWidget>

class QMenu;

namespace zeiko::ui {

class ActionRegistry;

class TicketToolbar : public QWidget
{
    Q_OBJECT
public:
    TicketToolbar(const ActionRegistry &actions, QWidget *parent = nullptr);

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    bool event(QEvent *event) override;

private:
    struct Entry
    {
        QToolButton *button;
        QList<QAction *> actions;   // one, or the four priorities
    };
    void relayout();
    void scheduleRelayout();

    QList<Entry> m_entries;         // display order
    QToolButton *m_priorityButton = nullptr;
    QMenu *m_priorityMenu = nullptr;
    QToolButton *m_moreButton = nullptr;
    QMenu *m_moreMenu = nullptr;
    bool m_relayoutPending = false;
};

} // namespace zeiko::ui
