#include "ui/assign_dialog.h"

#include "ui/fuzzy_match.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLineEdit>
#include <QListWidget>
#include <QVBoxLayout>

namespace zeiko::ui {

AssignDialog::AssignDialog(const QList<Operator> &operators, QWidget *parent)
    : QDialog(parent)
    , m_operators(operators)
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
    layout->addWidget(m_filter);
    layout->addWidget(m_list);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_list, &QListWidget::itemActivated, this, &QDialog::accept);
    layout->addWidget(buttons);
    connect(m_filter, &QLineEdit::textChanged, this, &AssignDialog::refill);
    if (operators.isEmpty())
        m_filter->setPlaceholderText(tr("No operators known yet (offline?)"));
    refill();
    resize(380, 320);
}

void AssignDialog::refill()
{
    m_list->clear();
    for (const Operator &op : std::as_const(m_operators)) {
        const QString label = op.displayName + QStringLiteral(" <") + op.email + u'>';
        if (!fuzzyScore(m_filter->text(), label))
            continue;
        auto *item = new QListWidgetItem(label, m_list);
        item->setData(Qt::UserRole, op.id);
    }
    m_list->setCurrentRow(m_list->count() > 0 ? 0 : -1);
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
