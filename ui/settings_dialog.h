#pragma once
// Settings: remap every shortcut (persisted), the undo window of replies and
// which desktop notifications to show.

#include "ui/action_registry.h"
#include "ui/console_settings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QSpinBox;
class QTableWidget;

namespace zeiko::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ActionRegistry &actions, ConsoleSettings &settings, QWidget *parent = nullptr);
    QTableWidget *shortcutTable() const { return m_table; }

public Q_SLOTS:
    void accept() override;

Q_SIGNALS:
    void applied();

private:
    void fill();
    void showConflicts();

    ActionRegistry &m_actions;
    ConsoleSettings &m_settings;
    QTableWidget *m_table = nullptr;
    QSpinBox *m_delay = nullptr;
    QCheckBox *m_notifyHandoff = nullptr;
    QCheckBox *m_notifySla = nullptr;
    QLabel *m_conflicts = nullptr;
};

} // namespace zeiko::ui
