#include "ui/action_registry.h"

#include "ui/console_settings.h"

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
