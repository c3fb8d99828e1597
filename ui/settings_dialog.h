#pragma once
// Settings: remap every shortcut (persisted), the undo window of replies and
// which desktop notifications to show. A shortcut is recorded by pressing it
// in its row; Esc takes a recording back (and closes the dialog when there is
// none), arrows and Page/Home/End are not shortcuts on their own, and OK is
// refused while two commands share a key.

#include "ui/action_registry.h"
#include "ui/console_settings.h"

#include <QDialog>
#include <QHash>
#include <QKeySequence>

class QCheckBox;
class QKeySequenceEdit;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace zeiko::ui {

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(ActionRegistry &actions, ConsoleSettings &settings, QWidget *parent = nullptr);
    QTableWidget *shortcutTable() const { return m_table; }

    // Two commands share a key: OK is refused until one changes.
    bool hasConflicts() const;

public Q_SLOTS:
    void accept() override;

protected:
    // The key recorders: Esc cancels a recording (or closes), Tab moves on,
    // bare navigation keys are not recorded.
    bool eventFilter(QObject *watched, QEvent *event) override;

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
    QLabel *m_hint = nullptr;
    QPushButton *m_ok = nullptr;
    // Each recorder's key when it got the keyboard (what Esc goes back to).
    QHash<QKeySequenceEdit *, QKeySequence> m_beforeRecording;
};

} // namespace zeiko::ui
