// Svix (Resend) webhook signature verification: input is
// "id\ntimestamp\nsignature\nsecret\nbody". Any headers: no crash. Signed
// with signSvix: verifies at that timestamp; a changed body never does.

#include "channels/svix_signature.h"

#include "fuzz_input.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace zeiko::channels;
    const auto f = zeiko::fuzz::fields(data, size, 5);
    const QString secret = QString::fromUtf8(f[3]);
    const QByteArray &body = f[4];
    const SvixHeaders fuzzed{f[0], f[1], f[2]};
    (void)verifySvix(fuzzed, body, secret, 1'700'000'000);

    bool numeric = false;
    const qint64 timestamp = f[1].toLongLong(&numeric);
    if (secret.isEmpty() || f[0].isEmpty() || !numeric)
        return 0;
    const SvixHeaders signedHeaders{f[0], f[1], signSvix(f[0], f[1], body, secret)};
    ZEIKO_FUZZ_CHECK(verifySvix(signedHeaders, body, secret, timestamp).isEmpty());
    ZEIKO_FUZZ_CHECK(!verifySvix(signedHeaders, body + 'x', secret, timestamp).isEmpty());
    // Rotation: a wrong entry before the right one still verifies.
    const SvixHeaders rotated{f[0], f[1], "v1,AAAA " + signedHeaders.signature};
    ZEIKO_FUZZ_CHECK(verifySvix(rotated, body, secret, timestamp).isEmpty());
    return 0;
}
