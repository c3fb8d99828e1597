#pragma once
// Single-key and chord shortcuts ("j", "Shift+C", "?", "g then m") for one
// window. Qt's own shortcut system would fire them while the operator types
// in a field or match them by the layout's character; this filter instead
//  - ignores them while a text field has focus (Escape excepted),
//  - ignores them while a popup or a dialog is active,
//  - matches by physical key position (physical_keys.h),
//  - supports two-key chords with a short timeout,
//  - says why when the key's action is disabled (its "disabledReason", in
//    an ActionNotice where the operator is looking) instead of nothing.
// Shortcuts with Ctrl/Alt/Meta stay ordinary QAction shortcuts (a disabled
// one is explained the same way).

#include <QHash>
#include <QKeySequence>
#include <QObject>
#include <QPointer>
#include <QTimer>

class QAction;
class QWidget;

namespace zeiko::ui {

class ActionNotice;

class KeyDispatcher : public QObject
{
    Q_OBJECT
public:
    explicit KeyDispatcher(QWidget *window, QObject *parent = nullptr);
    ~KeyDispatcher() override;

    // A bare key or chord: no Ctrl/Alt/Meta on its first key.
    static bool isBare(const QKeySequence &sequence);
    // Widgets where typed letters are text, not commands.
    static bool isTextInput(const QWidget *widget);

    void bind(QAction *action, const QKeySequence &sequence);   // replaces the action's binding
    void unbind(QAction *action);
    QAction *actionFor(const QKeySequence &sequence) const;
    bool isWaitingForChord() const { return m_prefix.has_value(); }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    bool handleKey(QWidget *target, QKeyCombination combination);
    // A disabled action whose Ctrl/Alt/Meta shortcut is `combination` (and no enabled one has it).
    QAction *disabledShortcutAction(QKeyCombination combination) const;
    void explainRefusal(QAction *action, const QKeySequence &keys);

    QWidget *m_window;
    QHash<QAction *, QKeySequence> m_bindings;
    std::optional<QKeyCombination> m_prefix;
    QTimer m_chordTimer;
    QPointer<ActionNotice> m_notice;
};

} // namespace zeiko::ui
