#pragma once
// Ctrl+K: type a few letters of any command (fuzzy), or a ticket number
// ("#1042" / "1042") to jump straight to it; Enter runs, Esc closes.

#include "ui/action_registry.h"

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace zeiko::ui {

class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    CommandPalette(ActionRegistry &actions, QWidget *parent = nullptr);

    QLineEdit *input() const { return m_input; }
    QListWidget *list() const { return m_list; }
    // Clears the input, lists everything and shows the palette.
    void popup();

Q_SIGNALS:
    void ticketNumberChosen(qint64 number);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void runCurrent();

    ActionRegistry &m_actions;
    QLineEdit *m_input = nullptr;
    QListWidget *m_list = nullptr;
};

} // namespace zeiko::ui
