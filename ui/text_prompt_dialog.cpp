#include "ui/text_prompt_dialog.h"

#include "ui/action_table.h"

#include <QDialogButtonBox>
#include <QKeyEvent>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace zeiko::ui {

TextPromptDialog::TextPromptDialog(const QString &title, const QString &question, const QString &okText,
                                   QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("textPromptDialog"));
    setWindowTitle(title);
    setAccessibleName(title);
    setModal(true);
    auto *layout = new QVBoxLayout(this);
    auto *label = new QLabel(question, this);
    label->setWordWrap(true);
    layout->addWidget(label);
    m_editor = new QPlainTextEdit(this);
    m_editor->setObjectName(QStringLiteral("textPromptEditor"));
    m_editor->setAccessibleName(question);
    m_editor->setTabChangesFocus(true);
    m_editor->installEventFilter(this);
    layout->addWidget(m_editor);
    auto *hint = new QLabel(tr("Ctrl+Enter confirms, Esc cancels."), this);
    hint->setForegroundRole(QPalette::PlaceholderText);
    layout->addWidget(hint);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_buttons->button(QDialogButtonBox::Ok)->setText(okText);
    m_buttons->button(QDialogButtonBox::Ok)->setObjectName(QStringLiteral("textPromptOk"));
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_editor, &QPlainTextEdit::textChanged, this, [this] {
        m_buttons->button(QDialogButtonBox::Ok)->setEnabled(!text().isEmpty());
    });
    layout->addWidget(m_buttons);
    resize(440, 220);
    m_editor->setFocus();
}

void TextPromptDialog::setText(const QString &text)
{
    m_editor->setPlainText(text);
}

QString TextPromptDialog::text() const
{
    return m_editor->toPlainText().trimmed();
}

bool TextPromptDialog::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor && event->type() == QEvent::KeyPress) {
        auto *key = static_cast<QKeyEvent *>(event);
        if (ActionTable::matches(ActionId::PromptAccept, key)) {
            if (!text().isEmpty())
                accept();
            return true;
        }
    }
    return QDialog::eventFilter(watched, event);
}

} // namespace zeiko::ui
