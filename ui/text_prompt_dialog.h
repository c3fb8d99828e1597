#pragma once
// A small modal question with a text answer: the force-close reason, or the
// new text of a refused reply. OK stays disabled while the answer is empty.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QPlainTextEdit;

namespace zeiko::ui {

class TextPromptDialog : public QDialog
{
    Q_OBJECT
public:
    TextPromptDialog(const QString &title, const QString &question, const QString &okText,
                     QWidget *parent = nullptr);
    void setText(const QString &text);
    QString text() const;
    QPlainTextEdit *editor() const { return m_editor; }

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    QPlainTextEdit *m_editor = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
};

} // namespace zeiko::ui
