#include "ui/settings_dialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QKeySequenceEdit>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

namespace zeiko::ui {

SettingsDialog::SettingsDialog(ActionRegistry &actions, ConsoleSettings &settings, QWidget *parent)
    : QDialog(parent)
    , m_actions(actions)
    , m_settings(settings)
{
    setObjectName(QStringLiteral("settingsDialog"));
    setWindowTitle(tr("Settings"));
    setAccessibleName(tr("Settings"));
    setModal(true);
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    m_delay = new QSpinBox(this);
    m_delay->setObjectName(QStringLiteral("sendDelaySpin"));
    m_delay->setAccessibleName(tr("Undo window for sending, in seconds"));
    m_delay->setRange(0, 30);
    m_delay->setSuffix(tr(" s"));
    form->addRow(tr("Undo window before sending"), m_delay);
    m_notifyHandoff = new QCheckBox(tr("Notify me when a handoff is assigned to me"), this);
    m_notifyHandoff->setObjectName(QStringLiteral("notifyHandoffCheck"));
    m_notifySla = new QCheckBox(tr("Notify me when an SLA of my tickets turns at risk"), this);
    m_notifySla->setObjectName(QStringLiteral("notifySlaCheck"));
    form->addRow(m_notifyHandoff);
    form->addRow(m_notifySla);
    layout->addLayout(form);

    auto *shortcutsLabel = new QLabel(tr("Shortcuts (click a key and press the new one; single keys are "
                                         "off while typing):"), this);
    shortcutsLabel->setWordWrap(true);
    layout->addWidget(shortcutsLabel);
    m_table = new QTableWidget(this);
    m_table->setObjectName(QStringLiteral("shortcutTable"));
    m_table->setAccessibleName(tr("Shortcuts"));
    m_table->setColumnCount(2);
    m_table->setHorizontalHeaderLabels({tr("Command"), tr("Key")});
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    layout->addWidget(m_table, 1);
    m_hint = new QLabel(this);
    m_hint->setObjectName(QStringLiteral("shortcutHint"));
    m_hint->setWordWrap(true);
    layout->addWidget(m_hint);
    m_conflicts = new QLabel(this);
    m_conflicts->setObjectName(QStringLiteral("shortcutConflicts"));
    m_conflicts->setWordWrap(true);
    layout->addWidget(m_conflicts);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel
                                             | QDialogButtonBox::RestoreDefaults, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        for (int row = 0; row < m_table->rowCount(); ++row) {
            auto *edit = qobject_cast<QKeySequenceEdit *>(m_table->cellWidget(row, 1));
            edit->setKeySequence(m_actions.defaultKey(m_actions.ids().at(row)));
        }
    });
    layout->addWidget(buttons);
    resize(560, 640);
    fill();
}

void SettingsDialog::fill()
{
    m_delay->setValue(m_settings.sendDelaySeconds());
    m_notifyHandoff->setChecked(m_settings.notifyHandoffAssigned());
    m_notifySla->setChecked(m_settings.notifySlaAtRisk());
    const QStringList ids = m_actions.ids();
    m_table->setRowCount(int(ids.size()));
    for (int row = 0; row < ids.size(); ++row) {
        auto *item = new QTableWidgetItem(m_actions.group(ids[row]) + QStringLiteral(": ") + m_actions.text(ids[row]));
        item->setFlags(Qt::ItemIsEnabled);
        m_table->setItem(row, 0, item);
        auto *edit = new QKeySequenceEdit(m_actions.key(ids[row]), m_table);
        edit->setObjectName(QStringLiteral("shortcutEdit.") + ids[row]);
        edit->setAccessibleName(tr("Key for %1").arg(m_actions.text(ids[row])));
        connect(edit, &QKeySequenceEdit::keySequenceChanged, this, &SettingsDialog::showConflicts);
        edit->installEventFilter(this);
        m_table->setCellWidget(row, 1, edit);
    }
    showConflicts();
}

void SettingsDialog::showConflicts()
{
    QHash<QKeySequence, QStringList> uses;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QKeySequence key = qobject_cast<QKeySequenceEdit *>(m_table->cellWidget(row, 1))->keySequence();
        if (!key.isEmpty())
            uses[key].append(m_table->item(row, 0)->text());
    }
    QStringList lines;
    for (auto it = uses.cbegin(); it != uses.cend(); ++it) {
        if (it.value().size() > 1)
            lines.append(tr("%1 is used by: %2").arg(it.key().toString(QKeySequence::NativeText),
                                                     it.value().join(QStringLiteral(", "))));
    }
    if (!lines.isEmpty())
        lines.append(tr("Change one of them before OK (Esc takes back the key just recorded)."));
    m_conflicts->setText(lines.join(u'\n'));
    // A conflict stands: nothing is saved until it is resolved.
    if (m_ok)
        m_ok->setEnabled(lines.isEmpty());
}

bool SettingsDialog::hasConflicts() const
{
    return m_ok && !m_ok->isEnabled();
}

bool SettingsDialog::eventFilter(QObject *watched, QEvent *event)
{
    auto *edit = qobject_cast<QKeySequenceEdit *>(watched);
    if (!edit)
        return QDialog::eventFilter(watched, event);
    if (event->type() == QEvent::FocusIn) {
        m_beforeRecording.insert(edit, edit->keySequence());
    } else if (event->type() == QEvent::KeyRelease) {
        // The recorder says what it recorded only when it stops listening
        // (a second later): check for conflicts at once, so OK is never
        // open while one stands.
        showConflicts();
    } else if (event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        const bool bare = !(key->modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
        const auto it = m_beforeRecording.constFind(edit);
        const QKeySequence before = it != m_beforeRecording.cend() ? *it : edit->keySequence();
        switch (key->key()) {
        case Qt::Key_Escape:
            // Esc cancels a recording (the key goes back to what it was);
            // with nothing recorded it closes the dialog, as everywhere.
            if (edit->keySequence() != before) {
                edit->setKeySequence(before);
                m_hint->clear();
            } else {
                reject();
            }
            return true;
        case Qt::Key_Tab:
        case Qt::Key_Backtab:
            // Moves on, as in any other field: never recorded.
            focusNextPrevChild(key->key() == Qt::Key_Tab && !(key->modifiers() & Qt::ShiftModifier));
            return true;
        case Qt::Key_Up:
        case Qt::Key_Down:
        case Qt::Key_Left:
        case Qt::Key_Right:
        case Qt::Key_PageUp:
        case Qt::Key_PageDown:
        case Qt::Key_Home:
        case Qt::Key_End:
            if (!bare)
                break;   // with Ctrl/Alt they are ordinary shortcuts
            // They move through lists and the text: not a shortcut on their
            // own. Up and Down go to the previous / next command here.
            m_hint->setText(tr("%1 moves through lists and cannot be a shortcut on its own; use it with Ctrl or Alt.")
                                .arg(QKeySequence(key->key()).toString(QKeySequence::NativeText)));
            if (key->key() == Qt::Key_Up || key->key() == Qt::Key_Down) {
                const int row = m_table->indexAt(m_table->viewport()->mapFromGlobal(edit->mapToGlobal(QPoint(1, 1)))).row();
                const int next = qBound(0, row + (key->key() == Qt::Key_Down ? 1 : -1), m_table->rowCount() - 1);
                if (row >= 0 && next != row) {
                    m_table->scrollToItem(m_table->item(next, 0));
                    m_table->cellWidget(next, 1)->setFocus(Qt::TabFocusReason);
                }
            }
            return true;
        default:
            break;
        }
    }
    return QDialog::eventFilter(watched, event);
}

void SettingsDialog::accept()
{
    if (hasConflicts())
        return;   // said beside the table; OK is disabled as well
    m_settings.setSendDelaySeconds(m_delay->value());
    m_settings.setNotifyHandoffAssigned(m_notifyHandoff->isChecked());
    m_settings.setNotifySlaAtRisk(m_notifySla->isChecked());
    const QStringList ids = m_actions.ids();
    for (int row = 0; row < ids.size(); ++row)
        m_actions.setKey(ids[row], qobject_cast<QKeySequenceEdit *>(m_table->cellWidget(row, 1))->keySequence());
    m_actions.save(m_settings);
    m_settings.sync();
    Q_EMIT applied();
    QDialog::accept();
}

} // namespace zeiko::ui
