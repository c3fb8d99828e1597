#include "service/password_hasher.h"

#include "service/constant_time.h"

#include <QCryptographicHash>
#include <QPasswordDigestor>

#include <sodium.h>

#include <stdexcept>

namespace zeiko::service {

namespace {

constexpr char argon2idPrefix[] = "$argon2id$";

void ensureSodium()
{
    // sodium_init() is thread-safe and idempotent; it only fails when the
    // system has no usable random source.
    static const bool ready = sodium_init() >= 0;
    if (!ready)
        throw std::runtime_error("libsodium could not be initialised");
}

} // namespace

QByteArray hashPassword(const QString &password)
{
    ensureSodium();
    const QByteArray utf8 = password.toUtf8();
    char encoded[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str_alg(encoded, utf8.constData(), std::size_t(utf8.size()), argon2idOpsLimit,
                              argon2idMemLimitBytes, crypto_pwhash_ALG_ARGON2ID13)
        != 0)
        throw std::runtime_error("Argon2id hashing failed (out of memory)");
    return QByteArray(encoded);
}

bool verifyPassword(const QString &password, const StoredPassword &stored)
{
    if (stored.isLegacy()) {
        if (stored.legacySalt.isEmpty() || stored.legacyHash.isEmpty())
            return false;
        return constantTimeEquals(legacyPbkdf2(password, stored.legacySalt, stored.legacyIterations),
                                  stored.legacyHash);
    }
    if (!stored.encoded.startsWith(argon2idPrefix))
        return false;
    ensureSodium();
    const QByteArray utf8 = password.toUtf8();
    return crypto_pwhash_str_verify(stored.encoded.constData(), utf8.constData(), std::size_t(utf8.size())) == 0;
}

bool needsRehash(const StoredPassword &stored)
{
    if (stored.isLegacy() || !stored.encoded.startsWith(argon2idPrefix))
        return true;
    ensureSodium();
    return crypto_pwhash_str_needs_rehash(stored.encoded.constData(), argon2idOpsLimit, argon2idMemLimitBytes) != 0;
}

void burnPasswordCheck(const QString &password)
{
    static const StoredPassword dummy{hashPassword(QStringLiteral("no such operator")), {}, {}, 0};
    (void)verifyPassword(password, dummy);
}

QByteArray legacyPbkdf2(const QString &password, const QByteArray &salt, int iterations)
{
    return QPasswordDigestor::deriveKeyPbkdf2(QCryptographicHash::Sha256, password.toUtf8(), salt, iterations, 32);
}

} // namespace zeiko::service
