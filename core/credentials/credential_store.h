#pragma once
// Operator tokens live only in the OS keychain (QtKeychain). There is deliberately no
// fallback: if no keychain is available the operator signs in each session, and
// nothing secret is ever written to QSettings or a file.

#include <QObject>
#include <QString>

namespace zeiko {

class CredentialStore : public QObject
{
    Q_OBJECT

public:
    enum class Error {
        NoError,
        NotFound,     // nothing stored for this account
        NoKeychain,   // no backend, no session D-Bus, or keyring locked/unreachable
        AccessDenied, // the user or the OS refused access
        Other,
    };
    Q_ENUM(Error)

    static constexpr const char *kServiceName = "zeiko-console";

    explicit CredentialStore(QObject *parent = nullptr);
    ~CredentialStore() override;

    // Account key identifies server + operator, e.g. "https://tickets.example.com|ana@example.com".
    // Each call answers exactly once with the matching signal, asynchronously.
    void writeToken(const QString &accountKey, const QString &token);
    void readToken(const QString &accountKey);
    void deleteToken(const QString &accountKey);

    // Keychain operations started by this store and not yet answered.
    int pendingOperations() const { return m_pending; }

    // A sentence for the operator explaining the error and its consequence (translated).
    static QString errorMessage(Error error);

signals:
    // message is empty on success; otherwise errorMessage(error), followed by the
    // backend's own detail when it adds something.
    void tokenWritten(const QString &accountKey, zeiko::CredentialStore::Error error,
                      const QString &message);
    void tokenRead(const QString &accountKey, const QString &token,
                   zeiko::CredentialStore::Error error, const QString &message);
    void tokenDeleted(const QString &accountKey, zeiko::CredentialStore::Error error,
                      const QString &message);

private:
    int m_pending = 0;
};

} // namespace zeiko
