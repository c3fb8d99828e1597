#pragma once
// The QAction side of the actions table (ui/action_table.h): one QAction per
// window-context entry, with its stable name, group and remappable key, the
// table's enable rules applied to a state (the reason kept for a disabled
// one), and the menu bar generated in table order.
// Keys with Ctrl/Alt/Meta are ordinary QAction shortcuts; bare keys and
// chords go through KeyDispatcher (off while typing, physical key
// positions). Menus show both kinds. The palette, the cheat sheet and
// Settings list what is registered here, so nothing can be missing from them.

#include "ui/action_table.h"
#include "ui/key_dispatcher.h"

#include <QAction>
#include <QKeySequence>
#include <QObject>

class QMenuBar;

namespace zeiko::ui {

class ConsoleSettings;

class ActionRegistry : public QObject
{
    Q_OBJECT
public:
    ActionRegistry(QWidget *window, QObject *parent = nullptr);

    // One QAction per entry of `table`, in table order; triggering runs the
    // entry's handler. The table must outlive the registry.
    void populate(const ActionTable &table);
    QAction *action(ActionId id) const { return m_actions.value(ActionTable::name(id)); }
    // Enables each action by its rule on `state`; a disabled one keeps its
    // reason (availability(), and the "disabledReason" property).
    void applyState(const ActionState &state);
    Availability availability(ActionId id) const { return m_availability.value(int(id)); }
    // The menu bar, generated from the table (the ticket toolbar: TicketToolbar).
    void buildMenus(QMenuBar *menuBar) const;
    const ActionTable *table() const { return m_table; }

    QAction *add(const QString &id, const QString &text, const QKeySequence &defaultKey, const QString &group);
    QAction *action(const QString &id) const { return m_actions.value(id); }
    QStringList ids() const { return m_order; }
    QString group(const QString &id) const { return m_groups.value(id); }
    QString text(const QString &id) const;   // without the key hint
    QKeySequence defaultKey(const QString &id) const { return m_defaults.value(id); }
    QKeySequence key(const QString &id) const { return m_keys.value(id); }
    void setKey(const QString &id, const QKeySequence &sequence);

    // Apply remapped keys from settings / store them.
    void load(const ConsoleSettings &settings);
    void save(ConsoleSettings &settings) const;
    // Ids whose key is also used by another action.
    QStringList conflicts() const;

    KeyDispatcher &dispatcher() { return m_dispatcher; }

private:
    QWidget *m_window;
    const ActionTable *m_table = nullptr;
    QHash<int, Availability> m_availability;
    KeyDispatcher m_dispatcher;
    QHash<QString, QAction *> m_actions;
    QHash<QString, QString> m_groups;
    QHash<QString, QString> m_texts;
    QHash<QString, QKeySequence> m_defaults;
    QHash<QString, QKeySequence> m_keys;
    QStringList m_order;
};

} // namespace zeiko::ui
