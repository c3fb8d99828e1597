#pragma once
// "?": every shortcut of the console, generated from the ActionRegistry (so
// remapped keys show as they are now) plus the keys Qt's widgets provide.

#include "ui/action_registry.h"

#include <QDialog>

class QTableWidget;

namespace zeiko::ui {

class CheatSheet : public QDialog
{
    Q_OBJECT
public:
    CheatSheet(ActionRegistry &actions, QWidget *parent = nullptr);
    void refresh();
    QTableWidget *table() const { return m_table; }

private:
    ActionRegistry &m_actions;
    QTableWidget *m_table = nullptr;
};

} // namespace zeiko::ui
