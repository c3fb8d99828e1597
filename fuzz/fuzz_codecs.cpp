// JSON codecs (core/domain/codecs): decode any domain type from bytes. The
// first byte picks the type, the rest is the JSON. Decoding either throws
// DecodeError or yields a value whose encoding is stable: encode, decode,
// encode again gives the same bytes. Anything else escaping (another
// exception, a crash, a sanitizer report) is a finding.

#include "domain/codecs.h"

#include "fuzz_input.h"

#include <cstdio>
#include <cstdlib>

namespace {

template<typename T> void roundTrip(const QByteArray &json)
{
    T value;
    try {
        value = zeiko::decode<T>(json);
    } catch (const zeiko::DecodeError &) {
        return;
    }
    const QByteArray first = zeiko::encode(value);
    T again;
    try {
        again = zeiko::decode<T>(first);
    } catch (const zeiko::DecodeError &error) {
        fprintf(stderr, "re-decoding our own encoding failed: %s\n%s\n", error.what(), first.constData());
        abort();
    }
    ZEIKO_FUZZ_CHECK(zeiko::encode(again) == first);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray json = zeiko::fuzz::bytes(data + 1, size - 1);
    using namespace zeiko;
    switch (data[0] % 17) {
    case 0: roundTrip<Customer>(json); break;
    case 1: roundTrip<Actor>(json); break;
    case 2: roundTrip<Assignee>(json); break;
    case 3: roundTrip<Sla>(json); break;
    case 4: roundTrip<ShopifyLineItem>(json); break;
    case 5: roundTrip<ShopifyOrder>(json); break;
    case 6: roundTrip<Ticket>(json); break;
    case 7: roundTrip<ThreadEntry>(json); break;
    case 8: roundTrip<Handoff>(json); break;
    case 9: roundTrip<Operator>(json); break;
    case 10: roundTrip<Tenant>(json); break;
    case 11: roundTrip<Event>(json); break;
    case 12: roundTrip<Command>(json); break;
    case 13: roundTrip<CommandResult>(json); break;
    case 14: roundTrip<SnapshotPage>(json); break;
    case 15: roundTrip<EventPage>(json); break;
    case 16: roundTrip<ApiError>(json); break;
    }
    return 0;
}
