#include "ui/assign_dialog.h"

#include "ui/operator_ranking.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QVBoxLayout>

namespace zeiko::ui {

namespace {
constexpr int NameRole = Qt::UserRole + 1;
}

AssignDialog::AssignDialog(const QList<Operator> &operators, qint64 ticketNumber, QWidget *parent)
    : QDialog(parent)
    , m_operators(operators)
    , m_ticketNumber(ticketNumber)
{
    setObjectName(QStringLiteral("assignDialog"));
    setWindowTitle(tr("Assign to…"));
    setAccessibleName(tr("Assign to an operator"));
    setModal(true);
    auto *layout = new QVBoxLayout(this);
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("assignFilter"));
    m_filter->setAccessibleName(tr("Operator name"));
    m_filter->setPlaceholderText(tr("Type a name or email"));
    m_filter->installEventFilter(this);
    m_list = new QListWidget(this);
    m_list->setObjectName(QStringLiteral("assignList"));
    m_list->setAccessibleName(tr("Operators"));
    m_list->setFocusPolicy(Qt::NoFocus);
    m_target = new QLabel(this);
    m_target->setObjectName(QStringLiteral("assignTarget"));
    m_target->setWordWrap(true);
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    layout->addWidget(m_target);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(m_buttons, &QDialogButtonBox::accepted, this, [this] {
        if (!selectedOperatorId().isEmpty())
            accept();
    });
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    connect(m_list, &QListWidget::currentRowChanged, this, &AssignDialog::updateTarget);
    layout->addWidget(m_buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &AssignDialog::refill);
    refill();
    resize(380, 340);
}

void AssignDialog::setOperators(const QList<Operator> &operators)
{
    m_operators = operators;
    refill();
}

void AssignDialog::refill()
{
    m_filter->setPlaceholderText(m_operators.isEmpty() ? tr("No operators known yet (offline?)")
                                                       : tr("Type a name or email"));
    const QSignalBlocker blocker(m_list);   // one target update below, not one per row
    m_list->clear();
    for (const Operator &op : rankOperators(m_filter->text(), m_operators)) {
        auto *item = new QListWidgetItem(op.displayName + QStringLiteral(" <") + op.email + u'>', m_list);
        item->setData(Qt::UserRole, op.id);
        item->setData(NameRole, op.displayName);
    }
    m_list->setCurrentRow(m_list->count() > 0 ? 0 : -1);
    updateTarget();
}

void AssignDialog::updateTarget()
{
    const QListWidgetItem *current = m_list->currentItem();
    if (current)
        m_target->setText(tr("Assign #%1 to %2").arg(m_ticketNumber).arg(current->data(NameRole).toString()));
    else if (m_operators.isEmpty())
        m_target->setText(tr("Nobody to assign yet: the operators are not known (offline?)."));
    else
        m_target->setText(tr("No operator matches “%1”.").arg(m_filter->text().trimmed()));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(current != nullptr);
}

QString AssignDialog::selectedOperatorId() const
{
    return m_list->currentItem() ? m_list->currentItem()->data(Qt::UserRole).toString() : QString();
}

bool AssignDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_filter && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Down) {
            m_list->setCurrentRow(qMin(m_list->currentRow() + 1, m_list->count() - 1));
            return true;
        }
        if (key->key() == Qt::Key_Up) {
            m_list->setCurrentRow(qMax(m_list->currentRow() - 1, 0));
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace zeiko::ui
