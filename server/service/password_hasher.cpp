#include "service/password_hasher.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>
#include <QRandomGenerator>

namespace zeiko::service {

namespace {

QByteArray derive(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, 32);
}

} // namespace

PasswordHash hashPassword(const QString &password, int iterations)
{
    quint32 words[4];
    QRandomGenerator::system()->fillRange(words);
    const QByteArray salt(reinterpret_cast<const char *>(words), sizeof(words));
    return {derive(password, salt, iterations), salt, iterations};
}

bool verifyPassword(const QString &password, const PasswordHash &stored)
{
    if (stored.iterations <= 0 || stored.salt.isEmpty())
        return false;
    return constantTimeEquals(derive(password, stored.salt, stored.iterations), stored.hash);
}

void burnPasswordCheck(const QString &password)
{
    static const QByteArray salt(16, '\x5a');
    (void)derive(password, salt, defaultPasswordIterations);
}

bool constantTimeEquals(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0;
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

} // namespace zeiko::service
