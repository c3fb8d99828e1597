#include "ui/sign_in_dialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace zeiko::ui {

SignInDialog::SignInDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("signInDialog"));
    setWindowTitle(tr("Sign in to Zeiko"));
    setAccessibleName(tr("Sign in"));
    auto *layout = new QVBoxLayout(this);
    auto *form = new QFormLayout;
    auto field = [this, form](const QString &label, const QString &name, QLineEdit::EchoMode echo) {
        auto *edit = new QLineEdit(this);
        edit->setObjectName(name);
        edit->setAccessibleName(label);
        edit->setEchoMode(echo);
        form->addRow(label, edit);
        return edit;
    };
    m_server = field(tr("Server"), QStringLiteral("signInServer"), QLineEdit::Normal);
    m_server->setPlaceholderText(QStringLiteral("https://tickets.example.com"));
    m_account = field(tr("Account"), QStringLiteral("signInAccount"), QLineEdit::Normal);
    m_email = field(tr("Email"), QStringLiteral("signInEmail"), QLineEdit::Normal);
    m_password = field(tr("Password"), QStringLiteral("signInPassword"), QLineEdit::Password);
    layout->addLayout(form);
    m_message = new QLabel(this);
    m_message->setObjectName(QStringLiteral("signInMessage"));
    m_message->setWordWrap(true);
    layout->addWidget(m_message);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_signIn = buttons->addButton(tr("Sign in"), QDialogButtonBox::AcceptRole);
    m_signIn->setObjectName(QStringLiteral("signInButton"));
    m_signIn->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &SignInDialog::signInRequested);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(440, 260);
}

void SignInDialog::setValues(const QUrl &server, const QString &account, const QString &email)
{
    m_server->setText(server.toString());
    m_account->setText(account);
    m_email->setText(email);
    (m_server->text().isEmpty() ? m_server : account.isEmpty() ? m_account : email.isEmpty() ? m_email : m_password)
        ->setFocus();
}

QUrl SignInDialog::server() const { return QUrl::fromUserInput(m_server->text().trimmed()); }
QString SignInDialog::account() const { return m_account->text().trimmed(); }
QString SignInDialog::email() const { return m_email->text().trimmed(); }
QString SignInDialog::password() const { return m_password->text(); }
void SignInDialog::clearPassword() { m_password->clear(); }

void SignInDialog::setBusy(bool busy)
{
    m_signIn->setEnabled(!busy);
    if (busy)
        showMessage(tr("Signing in…"), false);
}

void SignInDialog::showMessage(const QString &message, bool error)
{
    m_message->setText(message);
    QPalette p = palette();
    if (error)
        p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_message->setPalette(p);
}

} // namespace zeiko::ui
