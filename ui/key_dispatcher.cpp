#include "ui/key_dispatcher.h"

#include "ui/action_notice.h"
#include "ui/physical_keys.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QKeyEvent>
#include <QKeySequenceEdit>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QTextEdit>

namespace zeiko::ui {

KeyDispatcher::KeyDispatcher(QWidget *window, QObject *parent)
    : QObject(parent)
    , m_window(window)
{
    m_chordTimer.setSingleShot(true);
    m_chordTimer.setInterval(1500);
    connect(&m_chordTimer, &QTimer::timeout, this, [this] { m_prefix.reset(); });
    qApp->installEventFilter(this);
}

KeyDispatcher::~KeyDispatcher()
{
    qApp->removeEventFilter(this);
}

bool KeyDispatcher::isBare(const QKeySequence &sequence)
{
    if (sequence.isEmpty())
        return false;
    const Qt::KeyboardModifiers mods = sequence[0].keyboardModifiers();
    return !(mods & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier));
}

bool KeyDispatcher::isTextInput(const QWidget *widget)
{
    if (!widget)
        return false;
    if (auto *edit = qobject_cast<const QLineEdit *>(widget))
        return !edit->isReadOnly();
    if (auto *edit = qobject_cast<const QTextEdit *>(widget))
        return !edit->isReadOnly();
    if (auto *edit = qobject_cast<const QPlainTextEdit *>(widget))
        return !edit->isReadOnly();
    if (qobject_cast<const QAbstractSpinBox *>(widget) || qobject_cast<const QKeySequenceEdit *>(widget))
        return true;
    if (auto *combo = qobject_cast<const QComboBox *>(widget))
        return combo->isEditable();
    // Text fields inside composite widgets (a spin box's line edit, etc.).
    return widget->parentWidget() && qobject_cast<const QKeySequenceEdit *>(widget->parentWidget());
}

void KeyDispatcher::bind(QAction *action, const QKeySequence &sequence)
{
    unbind(action);
    if (!sequence.isEmpty()) {
        m_bindings.insert(action, sequence);
        connect(action, &QObject::destroyed, this, [this, action] { m_bindings.remove(action); });
    }
}

void KeyDispatcher::unbind(QAction *action)
{
    m_bindings.remove(action);
}

QAction *KeyDispatcher::actionFor(const QKeySequence &sequence) const
{
    for (auto it = m_bindings.cbegin(); it != m_bindings.cend(); ++it) {
        if (it.value() == sequence)
            return it.key();
    }
    return nullptr;
}

bool KeyDispatcher::eventFilter(QObject *watched, QEvent *event)
{
    if (event->type() == QEvent::ShortcutOverride) {
        // A disabled action's shortcut: take the key as a plain press, so it
        // reaches handleKey below and is explained rather than dropped.
        auto *keyEvent = static_cast<QKeyEvent *>(event);
        auto *target = qobject_cast<QWidget *>(watched);
        if (target && target->window() == m_window && disabledShortcutAction(keyEvent->keyCombination())) {
            event->accept();
            return true;
        }
        return false;
    }
    if (event->type() != QEvent::KeyPress)
        return false;
    auto *target = qobject_cast<QWidget *>(watched);
    if (!target || target->window() != m_window || !m_window->isActiveWindow())
        return false;
    // Seen once per key press: at the focus widget (or the window if none has focus).
    QWidget *focus = QApplication::focusWidget();
    if (focus ? target != focus : target != m_window)
        return false;
    if (QApplication::activePopupWidget() || QApplication::activeModalWidget())
        return false;
    auto *keyEvent = static_cast<QKeyEvent *>(event);
    const QKeyCombination combination = shortcutCombination(keyEvent);
    if (combination.key() == Qt::Key_Shift || combination.key() == Qt::Key_Control
        || combination.key() == Qt::Key_Alt || combination.key() == Qt::Key_Meta)
        return false;
    if (m_notice)
        m_notice->hide();   // the operator moved on (this key may show it again)
    // Qt's shortcut system drops a disabled action's Ctrl/Alt/Meta key silently
    // (it matches by the logical key, so this does too).
    if (QAction *action = disabledShortcutAction(keyEvent->keyCombination())) {
        explainRefusal(action, QKeySequence(keyEvent->keyCombination()));
        return true;
    }
    return handleKey(target, combination);
}

bool KeyDispatcher::handleKey(QWidget *target, QKeyCombination combination)
{
    const bool typing = isTextInput(target);
    const Qt::Key key = combination.key();
    const bool modified = combination.keyboardModifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier);
    if (modified)
        return false;   // Qt's shortcut system owns those
    if (typing && key != Qt::Key_Escape) {
        m_prefix.reset();
        return false;
    }
    // Enter/Space on a button or combo box belong to that control.
    if ((key == Qt::Key_Return || key == Qt::Key_Space)
        && (qobject_cast<QAbstractButton *>(target) || qobject_cast<QComboBox *>(target)))
        return false;

    auto trigger = [this](QAction *action, const QKeySequence &keys) {
        if (action->isEnabled())
            action->trigger();
        else
            explainRefusal(action, keys);
        return true;
    };
    if (m_prefix) {
        const QKeySequence chord(*m_prefix, combination);
        m_prefix.reset();
        m_chordTimer.stop();
        if (QAction *action = actionFor(chord))
            return trigger(action, chord);
        return true;   // an unknown chord is swallowed rather than typed as a command
    }
    if (QAction *action = actionFor(QKeySequence(combination)))
        return trigger(action, QKeySequence(combination));
    for (auto it = m_bindings.cbegin(); it != m_bindings.cend(); ++it) {
        if (it.value().count() > 1 && it.value()[0] == combination) {
            m_prefix = combination;
            m_chordTimer.start();
            return true;
        }
    }
    return false;
}

QAction *KeyDispatcher::disabledShortcutAction(QKeyCombination combination) const
{
    if (!(combination.keyboardModifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)))
        return nullptr;
    const QKeySequence pressed(combination);
    QAction *disabled = nullptr;
    for (QAction *action : m_window->actions()) {
        if (!action->shortcuts().contains(pressed))
            continue;
        if (action->isEnabled())
            return nullptr;   // it runs: nothing to explain
        disabled = action;
    }
    return disabled;
}

void KeyDispatcher::explainRefusal(QAction *action, const QKeySequence &keys)
{
    QString reason = action->property("disabledReason").toString();
    if (reason.isEmpty())
        reason = tr("Not available right now.");
    const QString text = tr("%1 (%2): %3").arg(action->iconText(), keys.toString(QKeySequence::NativeText), reason);
    if (!m_notice)
        m_notice = new ActionNotice(m_window);
    // Where the eye is: the focused list's current row, else the focused widget.
    QWidget *anchor = QApplication::focusWidget();
    if (!anchor || anchor->window() != m_window)
        anchor = m_window;
    QRect area = anchor->rect();
    if (auto *view = qobject_cast<QAbstractItemView *>(anchor); view && view->currentIndex().isValid()) {
        const QRect row = view->visualRect(view->currentIndex()).intersected(view->viewport()->rect());
        if (!row.isEmpty()) {
            anchor = view->viewport();
            area = row;
        }
    }
    m_notice->showNear(anchor, area, text);
}

} // namespace zeiko::ui
