#pragma once
// Operators' password hashes.
//
// New hashes are Argon2id through libsodium (crypto_pwhash_str_alg with
// ALG_ARGON2ID13): the standard encoded string
// "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", which carries its own
// random 16-byte salt and parameters. The cost is OWASP's first recommended
// Argon2id setting, m = 19 MiB, t = 2, p = 1 (libsodium always uses p = 1),
// rather than libsodium's INTERACTIVE (64 MiB) or MODERATE (256 MiB): the
// memory is taken once per hash running at the same time, so 19 MiB keeps a
// burst of sign-ins cheap in memory while each guess still costs an attacker
// OWASP's minimum (about 30 ms on one core of the CI machine).
//
// Hashes of the earlier format (PBKDF2-HMAC-SHA256 with a stored salt and
// iteration count) still verify; the sign-in that verifies one stores an
// Argon2id hash in its place (needsRehash).

#include <QByteArray>
#include <QString>

#include <cstddef>

namespace zeiko::service {

// Argon2id cost of every new hash (OWASP: m = 19 MiB, t = 2, p = 1).
inline constexpr unsigned long long argon2idOpsLimit = 2;
inline constexpr std::size_t argon2idMemLimitBytes = 19 * 1024 * 1024;

// A stored hash in either format. The operators table keeps the Argon2id
// string in password_hash (salt empty, iterations 0); a legacy row keeps
// the PBKDF2 key and salt (hex) and its iteration count.
struct StoredPassword {
    QByteArray encoded;          // "$argon2id$..."; empty for a legacy hash
    QByteArray legacyHash;       // PBKDF2-HMAC-SHA256 key (raw bytes)
    QByteArray legacySalt;       // raw bytes
    int legacyIterations = 0;    // > 0 only for a legacy hash

    bool isLegacy() const { return legacyIterations > 0; }
};

// The Argon2id string of `password`. Throws std::runtime_error when
// libsodium cannot (out of memory).
QByteArray hashPassword(const QString &password);
// True when `password` matches; false for a wrong one or an unusable hash.
// Argon2id strings are compared by libsodium, legacy keys by
// constantTimeEquals: neither comparison leaks where a mismatch is.
bool verifyPassword(const QString &password, const StoredPassword &stored);
// True for a legacy hash and for an Argon2id hash with other parameters
// than the current ones: the next successful sign-in replaces it.
bool needsRehash(const StoredPassword &stored);
// The same work as verifying a current hash, for unknown accounts (no
// timing oracle for which accounts exist).
void burnPasswordCheck(const QString &password);

// The earlier format's key derivation (PBKDF2-HMAC-SHA256, 32 bytes):
// verifies legacy hashes; nothing new is stored with it.
QByteArray legacyPbkdf2(const QString &password, const QByteArray &salt, int iterations);

} // namespace zeiko::service
