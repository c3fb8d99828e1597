#pragma once
// A short note where the operator is looking: why the key they pressed did
// nothing ("Reopen (O): Only a resolved or closed ticket can be reopened.").
// It is a child of the window, not a window of its own, so it never takes
// the keyboard from the widget that has it; assistive technology hears it
// as an alert. It goes on the next key (KeyDispatcher hides it) or after a
// few seconds.

#include <QFrame>
#include <QTimer>

class QLabel;

namespace zeiko::ui {

class ActionNotice : public QFrame
{
    Q_OBJECT
public:
    explicit ActionNotice(QWidget *window);

    // Shows `text` beside `area` (in `anchor`'s coordinates): just below a
    // row-sized area, inside the top of a larger one; always inside the window.
    void showNear(QWidget *anchor, const QRect &area, const QString &text);
    QString text() const;
    QLabel *label() const { return m_label; }

private:
    QLabel *m_label = nullptr;
    QTimer m_hideTimer;
};

} // namespace zeiko::ui
