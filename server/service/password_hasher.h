#pragma once
// Salted, slow password hashes: PBKDF2-HMAC-SHA256, random 16-byte salt
// from the system CSPRNG, iteration count stored with each hash so it can
// be raised later without invalidating old ones.

#include <QByteArray>
#include <QString>

namespace zeiko::service {

inline constexpr int defaultPasswordIterations = 120'000;

struct PasswordHash {
    QByteArray hash;
    QByteArray salt;
    int iterations = 0;
};

PasswordHash hashPassword(const QString &password, int iterations = defaultPasswordIterations);
bool verifyPassword(const QString &password, const PasswordHash &stored);
// Same work as a real verification, for unknown accounts (no timing oracle).
void burnPasswordCheck(const QString &password);

} // namespace zeiko::service
