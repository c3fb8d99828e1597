#include "service/password_hasher.h"

#include "service/constant_time.h"

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

} // namespace zeiko::service
