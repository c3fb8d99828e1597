// The inbound email parser (server/channels/inbound_email): addresses,
// our support+/ticket+ aliases, Message-ID headers and the quoted-reply
// trimmer, on any text. Checks: every Message-ID found is <...> and a
// trimmed reply is never longer than the (CRLF-normalised) message.

#include "channels/inbound_email.h"

#include "fuzz_input.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace zeiko::channels;
    const auto parts = zeiko::fuzz::fields(data, size, 2);
    const QString header = QString::fromUtf8(parts[0]);
    const QString body = QString::fromUtf8(parts[1]);

    const MailAddress address = parseAddress(header);
    ZEIKO_FUZZ_CHECK(address.email == address.email.toLower());
    if (const auto alias = parseAlias(header, QStringLiteral("mail.example.com")))
        ZEIKO_FUZZ_CHECK(!alias->value.isEmpty());
    (void)parseAlias(header, QString());
    for (const QString &id : messageIds(header))
        ZEIKO_FUZZ_CHECK(id.startsWith(u'<') && id.endsWith(u'>'));
    ZEIKO_FUZZ_CHECK(trimQuotedReply(body).size() <= body.size());
    return 0;
}
