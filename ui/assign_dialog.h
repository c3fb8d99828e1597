#pragma once
// "Assign to…": pick an operator of the tenant by typing part of the name
// (or email). The list is ranked (rankOperators: names before emails), Enter
// takes the highlighted one — the best match unless the arrows moved — and a
// line above the buttons says who will be assigned before it happens.

#include "domain/types.h"

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QListWidget;

namespace zeiko::ui {

class AssignDialog : public QDialog
{
    Q_OBJECT
public:
    // ticketNumber: the #number the target line names.
    AssignDialog(const QList<Operator> &operators, qint64 ticketNumber, QWidget *parent = nullptr);
    // The operators arrived (or changed) while the dialog is open; keeps what was typed.
    void setOperators(const QList<Operator> &operators);
    QString selectedOperatorId() const;
    QLineEdit *filter() const { return m_filter; }
    // "Assign #1042 to Mei Tanaka", or why nobody would be.
    QLabel *target() const { return m_target; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();
    void updateTarget();

    QList<Operator> m_operators;
    qint64 m_ticketNumber = 0;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
    QLabel *m_target = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace zeiko::ui
