#pragma once
// Ctrl+K: type a few letters of any command (fuzzy), or a ticket number
// ("#1042" / "1042") to jump straight to it; Enter runs, Esc closes. A
// number no ticket has is said in the list itself, and Enter does nothing.

#include "ui/action_registry.h"

#include <QDialog>

#include <functional>
#include <optional>

class QLineEdit;
class QListWidget;

namespace zeiko::ui {

class CommandPalette : public QDialog
{
    Q_OBJECT
public:
    CommandPalette(ActionRegistry &actions, QWidget *parent = nullptr);

    // The subject of the ticket with this number, or nothing when there is no such ticket.
    using TicketLookup = std::function<std::optional<QString>(qint64 number)>;
    void setTicketLookup(TicketLookup lookup) { m_lookup = std::move(lookup); }

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
    // The next row Enter can run, `step` rows on (skipping lines that only inform).
    void moveCurrent(int step);

    ActionRegistry &m_actions;
    QLineEdit *m_input = nullptr;
    QListWidget *m_list = nullptr;
    TicketLookup m_lookup;
};

} // namespace zeiko::ui
