#include "ui/action_registry.h"

#include "ui/console_settings.h"

#include <QMenu>
#include <QMenuBar>
#include <QWidget>

namespace zeiko::ui {

ActionRegistry::ActionRegistry(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
    , m_dispatcher(window)
{
}

QAction *ActionRegistry::add(const QString &id, const QString &text, const QKeySequence &defaultKey,
                             const QString &group)
{
    auto *action = new QAction(text, m_window);
    action->setObjectName(QStringLiteral("action.") + id);
    action->setShortcutContext(Qt::WindowShortcut);
    m_window->addAction(action);
    m_actions.insert(id, action);
    m_groups.insert(id, group);
    m_texts.insert(id, text);
    m_defaults.insert(id, defaultKey);
    m_order.append(id);
    setKey(id, defaultKey);
    return action;
}

void ActionRegistry::populate(const ActionTable &table)
{
    m_table = &table;
    for (const ActionSpec &spec : table.specs()) {
        if (spec.context != ActionContext::Window)
            continue;   // a dialog's own key (ActionTable::matches)
        QAction *action = add(QString::fromLatin1(spec.name), spec.text, spec.defaultKey,
                              ActionTable::groupText(spec.group));
        connect(action, &QAction::triggered, this, [&table, id = spec.id] { table.run(id); });
    }
}

void ActionRegistry::applyState(const ActionState &state)
{
    if (!m_table)
        return;
    for (const ActionSpec &spec : m_table->specs()) {
        const Availability a = m_table->availability(spec.id, state);
        m_availability.insert(int(spec.id), a);
        if (QAction *act = action(spec.id)) {
            act->setEnabled(a.enabled);
            act->setProperty("disabledReason", a.reason);
        }
    }
}

void ActionRegistry::buildMenus(QMenuBar *menuBar) const
{
    if (!m_table)
        return;
    // Menus appear in this order; entries in table order.
    const ActionMenu order[] = {ActionMenu::Console, ActionMenu::Go, ActionMenu::Ticket, ActionMenu::Compose,
                                ActionMenu::View, ActionMenu::Help};
    for (ActionMenu which : order) {
        QMenu *menu = menuBar->addMenu(ActionTable::menuText(which));
        menu->setObjectName(QStringLiteral("menu.%1").arg(int(which)));
        QMenu *priority = nullptr;
        for (const ActionSpec &spec : m_table->specs()) {
            const bool sub = which == ActionMenu::Ticket && spec.menu == ActionMenu::TicketPriority;
            if (spec.menu != which && !sub)
                continue;
            if (spec.separatorBefore)
                menu->addSeparator();
            if (sub) {
                if (!priority)
                    priority = menu->addMenu(ActionTable::menuText(ActionMenu::TicketPriority));
                priority->addAction(action(spec.id));
            } else {
                menu->addAction(action(spec.id));
            }
        }
    }
}

QString ActionRegistry::text(const QString &id) const
{
    QString t = m_texts.value(id);
    t.remove(u'&');
    return t;
}

void ActionRegistry::setKey(const QString &id, const QKeySequence &sequence)
{
    QAction *action = m_actions.value(id);
    if (!action)
        return;
    m_keys.insert(id, sequence);
    const QString label = m_texts.value(id);
    action->setIconText(text(id));
    if (KeyDispatcher::isBare(sequence)) {
        action->setShortcut({});
        m_dispatcher.bind(action, sequence);
        // Menus show text after a tab as the shortcut column.
        action->setText(label + u'\t' + sequence.toString(QKeySequence::NativeText));
    } else {
        m_dispatcher.unbind(action);
        action->setShortcut(sequence);
        action->setText(label);
    }
    const QString hint = sequence.toString(QKeySequence::NativeText);
    action->setToolTip(hint.isEmpty() ? this->text(id) : tr("%1 (%2)").arg(this->text(id), hint));
}

void ActionRegistry::load(const ConsoleSettings &settings)
{
    for (const QString &id : std::as_const(m_order)) {
        if (settings.hasShortcut(id))
            setKey(id, settings.shortcut(id));
    }
}

void ActionRegistry::save(ConsoleSettings &settings) const
{
    for (const QString &id : m_order) {
        if (m_keys.value(id) != m_defaults.value(id))
            settings.setShortcut(id, m_keys.value(id));
        else
            settings.raw().remove(QStringLiteral("shortcuts/") + id);
    }
}

QStringList ActionRegistry::conflicts() const
{
    QHash<QKeySequence, int> uses;
    for (const QString &id : m_order) {
        if (!m_keys.value(id).isEmpty())
            ++uses[m_keys.value(id)];
    }
    QStringList ids;
    for (const QString &id : m_order) {
        if (uses.value(m_keys.value(id)) > 1)
            ids.append(id);
    }
    return ids;
}

} // namespace zeiko::ui
