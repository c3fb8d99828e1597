#include "ui/key_dispatcher.h"

#include "ui/physical_keys.h"

#include <QAbstractButton>
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

    auto trigger = [](QAction *action) {
        if (action->isEnabled())
            action->trigger();
        return true;
    };
    if (m_prefix) {
        const QKeySequence chord(*m_prefix, combination);
        m_prefix.reset();
        m_chordTimer.stop();
        if (QAction *action = actionFor(chord))
            return trigger(action);
        return true;   // an unknown chord is swallowed rather than typed as a command
    }
    if (QAction *action = actionFor(QKeySequence(combination)))
        return trigger(action);
    for (auto it = m_bindings.cbegin(); it != m_bindings.cend(); ++it) {
        if (it.value().count() > 1 && it.value()[0] == combination) {
            m_prefix = combination;
            m_chordTimer.start();
            return true;
        }
    }
    return false;
}

} // namespace zeiko::ui
