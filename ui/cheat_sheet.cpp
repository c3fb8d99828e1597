#include "ui/cheat_sheet.h"

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QVBoxLayout>

namespace zeiko::ui {

CheatSheet::CheatSheet(ActionRegistry &actions, QWidget *parent)
    : QDialog(parent)
    , m_actions(actions)
{
    setObjectName(QStringLiteral("cheatSheet"));
    setWindowTitle(tr("Keyboard shortcuts"));
    setAccessibleName(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Single keys work whenever you are not typing in a field, by key position "
                                "(as on a US keyboard). Change them in Settings."), this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("cheatSheetTable"));
    m_table->setAccessibleName(tr("Shortcuts"));
    m_table->setColumnCount(3);
    m_table->setHorizontalHeaderLabels({tr("Key"), tr("Command"), tr("Group")});
    m_table->verticalHeader()->hide();
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::Stretch);
    layout->addWidget(m_table);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(620, 640);
    refresh();
}

void CheatSheet::refresh()
{
    struct Row { QString key, command, group; };
    QList<Row> rows;
    for (const QString &id : m_actions.ids())
        rows.append({m_actions.key(id).toString(QKeySequence::NativeText), m_actions.text(id), m_actions.group(id)});
    const QString nav = tr("Navigate");
    rows.append({tr("Down / Up"), tr("Next / previous ticket in the queue"), nav});
    rows.append({tr("Tab / Shift+Tab"), tr("Move between panes and controls"), nav});
    rows.append({tr("Enter (in the composer)"), tr("New line — never sends"), tr("Compose")});
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        m_table->setItem(i, 0, new QTableWidgetItem(rows[i].key.isEmpty() ? tr("(none)") : rows[i].key));
        m_table->setItem(i, 1, new QTableWidgetItem(rows[i].command));
        m_table->setItem(i, 2, new QTableWidgetItem(rows[i].group));
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(2);
}

} // namespace zeiko::ui
