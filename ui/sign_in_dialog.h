#pragma once
// Server address, account, email and password. Only collects input and shows
// what SignInController says; the token never passes through here.

#include <QDialog>
#include <QUrl>

class QLabel;
class QLineEdit;
class QPushButton;

namespace zeiko::ui {

class SignInDialog : public QDialog
{
    Q_OBJECT
public:
    explicit SignInDialog(QWidget *parent = nullptr);

    void setValues(const QUrl &server, const QString &account, const QString &email);
    QUrl server() const;
    QString account() const;
    QString email() const;
    QString password() const;
    void clearPassword();
    void setBusy(bool busy);
    void showMessage(const QString &message, bool error);

Q_SIGNALS:
    void signInRequested();

private:
    QLineEdit *m_server = nullptr;
    QLineEdit *m_account = nullptr;
    QLineEdit *m_email = nullptr;
    QLineEdit *m_password = nullptr;
    QLabel *m_message = nullptr;
    QPushButton *m_signIn = nullptr;
};

} // namespace zeiko::ui
