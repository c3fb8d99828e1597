#include "ui/ticket_toolbar.h"

#include "ui/action_registry.h"

#include <QAction>
#include <QActionEvent>
#include <QEvent>
#include <QMenu>
#include <QTimer>

#include <algorithm>

namespace zeiko::ui {

namespace {

constexpr int kSpacing = 2;

// Display order, and the order they get room in when the row is narrow:
// what a ticket's state calls for first (Reopen, Take over, Resolve and the
// handoff window apply only to some tickets), then the everyday actions,
// then the rare ones.
constexpr ActionId kOrder[] = {
    ActionId::TicketReopen,   ActionId::TicketTakeOver, ActionId::TicketResolveHandoff,
    ActionId::TicketHandoff,  ActionId::ComposeReply,   ActionId::ComposeNote,
    ActionId::TicketClose,    ActionId::TicketAssignMe, ActionId::Count /* Priority */,
    ActionId::TicketAssignTo, ActionId::TicketForceClose,
};

// The toolbar's words: short, the full text (and key) is the tooltip and the accessible name.
QString shortText(ActionId id)
{
    switch (id) {
    case ActionId::ComposeReply: return TicketToolbar::tr("Reply");
    case ActionId::ComposeNote: return TicketToolbar::tr("Note");
    case ActionId::TicketTakeOver: return TicketToolbar::tr("Take over");
    case ActionId::TicketClose: return TicketToolbar::tr("Close");
    case ActionId::TicketForceClose: return TicketToolbar::tr("Force close…");
    case ActionId::TicketResolveHandoff: return TicketToolbar::tr("Resolve");
    case ActionId::TicketReopen: return TicketToolbar::tr("Reopen");
    case ActionId::TicketAssignMe: return TicketToolbar::tr("Assign to me");
    case ActionId::TicketAssignTo: return TicketToolbar::tr("Assign…");
    case ActionId::TicketHandoff: return TicketToolbar::tr("Handoff");
    default: return {};
    }
}

// A button for one action that keeps its own short text (a plain default
// action button would take the action's long one back on every change).
class ActionButton : public QToolButton
{
public:
    ActionButton(QAction *action, const QString &text, QWidget *parent)
        : QToolButton(parent)
        , m_text(text.isEmpty() ? action->iconText() : text)
    {
        setDefaultAction(action);
        applyText();
    }

protected:
    void actionEvent(QActionEvent *event) override
    {
        QToolButton::actionEvent(event);
        applyText();
    }

private:
    void applyText()
    {
        setText(m_text);
        if (defaultAction())
            setAccessibleName(defaultAction()->iconText());
    }
    QString m_text;
};

bool anyEnabled(const QList<QAction *> &actions)
{
    return std::any_of(actions.cbegin(), actions.cend(), [](const QAction *a) { return a->isEnabled(); });
}

} // namespace

TicketToolbar::TicketToolbar(const ActionRegistry &actions, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("ticketToolbar"));
    setAccessibleName(tr("Ticket actions"));
    setFocusPolicy(Qt::NoFocus);
    setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);

    // The toolbar's actions are the table's (onToolbar); kOrder only orders them.
    QList<ActionId> onToolbar;
    QList<QAction *> priorities;
    for (const ActionSpec &spec : actions.table()->specs()) {
        if (spec.onToolbar)
            onToolbar.append(spec.id);
        if (spec.menu == ActionMenu::TicketPriority)
            priorities.append(actions.action(spec.id));
    }
    QList<ActionId> order;
    for (ActionId id : kOrder) {
        if (id == ActionId::Count || onToolbar.contains(id))
            order.append(id);
    }
    for (ActionId id : std::as_const(onToolbar)) {
        if (!order.contains(id))
            order.append(id);   // a new toolbar action not ordered above: at the end
    }

    m_priorityMenu = new QMenu(tr("Priority"), this);
    m_priorityMenu->setObjectName(QStringLiteral("priorityMenu"));
    m_priorityMenu->addActions(priorities);
    for (ActionId id : std::as_const(order)) {
        if (id == ActionId::Count) {
            m_priorityButton = new QToolButton(this);
            m_priorityButton->setObjectName(QStringLiteral("priorityButton"));
            m_priorityButton->setText(tr("Priority"));
            m_priorityButton->setAccessibleName(tr("Set priority"));
            m_priorityButton->setToolTip(tr("Set priority (1–4)"));
            m_priorityButton->setPopupMode(QToolButton::InstantPopup);
            m_priorityButton->setMenu(m_priorityMenu);
            m_entries.append({m_priorityButton, priorities});
        } else {
            QAction *action = actions.action(id);
            auto *button = new ActionButton(action, shortText(id), this);
            button->setObjectName(QStringLiteral("toolbar.") + ActionTable::name(id));
            m_entries.append({button, {action}});
        }
    }
    m_moreButton = new QToolButton(this);
    m_moreButton->setObjectName(QStringLiteral("ticketToolbarMore"));
    m_moreButton->setText(tr("More"));
    m_moreButton->setAccessibleName(tr("More ticket actions"));
    m_moreButton->setToolTip(tr("Every ticket action, also those that do not apply now"));
    m_moreButton->setPopupMode(QToolButton::InstantPopup);
    m_moreMenu = new QMenu(m_moreButton);
    m_moreMenu->setObjectName(QStringLiteral("ticketToolbarMoreMenu"));
    m_moreMenu->setToolTipsVisible(true);
    m_moreButton->setMenu(m_moreMenu);

    for (const Entry &entry : std::as_const(m_entries)) {
        entry.button->setFocusPolicy(Qt::NoFocus);
        entry.button->setAutoRaise(true);
        entry.button->setToolButtonStyle(Qt::ToolButtonTextOnly);
        for (QAction *action : entry.actions)
            connect(action, &QAction::changed, this, &TicketToolbar::scheduleRelayout);
    }
    m_moreButton->setFocusPolicy(Qt::NoFocus);
    m_moreButton->setAutoRaise(true);
    relayout();
}

QSize TicketToolbar::sizeHint() const
{
    int width = 0;
    int height = m_moreButton->sizeHint().height();
    for (const Entry &entry : m_entries) {
        width += entry.button->sizeHint().width() + kSpacing;
        height = qMax(height, entry.button->sizeHint().height());
    }
    return {width + m_moreButton->sizeHint().width(), height};
}

QSize TicketToolbar::minimumSizeHint() const
{
    return {m_moreButton->sizeHint().width(), sizeHint().height()};
}

void TicketToolbar::resizeEvent(QResizeEvent *event)
{
    QWidget::resizeEvent(event);
    relayout();
}

bool TicketToolbar::event(QEvent *event)
{
    // A button's text or style changed its width: place them again.
    if (event->type() == QEvent::LayoutRequest || event->type() == QEvent::FontChange
        || event->type() == QEvent::StyleChange) {
        updateGeometry();
        relayout();
    }
    return QWidget::event(event);
}

void TicketToolbar::scheduleRelayout()
{
    // applyState() changes every action at once: lay out once, after it.
    if (m_relayoutPending)
        return;
    m_relayoutPending = true;
    QTimer::singleShot(0, this, [this] {
        m_relayoutPending = false;
        relayout();
    });
}

void TicketToolbar::relayout()
{
    const int height = sizeHint().height();
    const int moreWidth = m_moreButton->sizeHint().width();
    // What applies, in order, as long as it fits beside the More button.
    QList<const Entry *> shown;
    QList<const Entry *> overflow;
    int x = 0;
    for (const Entry &entry : std::as_const(m_entries)) {
        const int w = entry.button->sizeHint().width();
        if (anyEnabled(entry.actions) && x + w + kSpacing + moreWidth <= width()) {
            shown.append(&entry);
            x += w + kSpacing;
        } else {
            overflow.append(&entry);   // a shorter one further on may still fit
        }
    }
    x = 0;
    for (const Entry &entry : std::as_const(m_entries)) {
        const bool visible = shown.contains(&entry);
        if (visible) {
            const int w = entry.button->sizeHint().width();
            entry.button->setGeometry(x, 0, w, height);
            x += w + kSpacing;
        }
        entry.button->setVisible(visible);
    }

    // More: first what applies but did not fit, then what does not apply now.
    m_moreMenu->clear();
    auto addEntry = [this](const Entry *entry) {
        if (entry->button == m_priorityButton)
            m_moreMenu->addMenu(m_priorityMenu);
        else
            m_moreMenu->addActions(entry->actions);
    };
    bool separated = false;
    for (const Entry *entry : std::as_const(overflow)) {
        if (anyEnabled(entry->actions))
            addEntry(entry);
    }
    for (const Entry *entry : std::as_const(overflow)) {
        if (anyEnabled(entry->actions))
            continue;
        if (!separated && !m_moreMenu->isEmpty())
            m_moreMenu->addSeparator();
        separated = true;
        addEntry(entry);
    }
    m_moreButton->setVisible(!overflow.isEmpty());
    m_moreButton->setGeometry(x, 0, moreWidth, height);
}

} // namespace zeiko::ui
