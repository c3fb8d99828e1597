#pragma once
// "Assign to…": pick an operator of the tenant by typing part of the name.

#include "domain/types.h"

#include <QDialog>

class QLineEdit;
class QListWidget;

namespace zeiko::ui {

class AssignDialog : public QDialog
{
    Q_OBJECT
public:
    AssignDialog(const QList<Operator> &operators, QWidget *parent = nullptr);
    QString selectedOperatorId() const;
    QLineEdit *filter() const { return m_filter; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void refill();

    QList<Operator> m_operators;
    QLineEdit *m_filter = nullptr;
    QListWidget *m_list = nullptr;
};

} // namespace zeiko::ui
