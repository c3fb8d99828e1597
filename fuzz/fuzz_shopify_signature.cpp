// Shopify webhook signature verification: input is "hmac\nsecret\nbody".
// Any header: no crash. Signed with signShopify: verifies; a changed body
// never does.

#include "channels/shopify_webhook_signature.h"

#include "fuzz_input.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace zeiko::channels;
    const auto f = zeiko::fuzz::fields(data, size, 3);
    const QString secret = QString::fromUtf8(f[1]);
    const QByteArray &body = f[2];
    (void)verifyShopify(f[0], body, secret);
    if (secret.isEmpty())
        return 0;
    const QByteArray header = signShopify(body, secret);
    ZEIKO_FUZZ_CHECK(verifyShopify(header, body, secret).isEmpty());
    ZEIKO_FUZZ_CHECK(!verifyShopify(header, body + 'x', secret).isEmpty());
    return 0;
}
