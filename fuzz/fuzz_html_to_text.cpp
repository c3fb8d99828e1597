// The HTML stripper (server/channels/html_to_text) on any bytes: a single
// pass with bounded look-ahead must neither crash nor read out of bounds.

#include "channels/html_to_text.h"

#include "fuzz_input.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)zeiko::channels::htmlToText(QString::fromUtf8(zeiko::fuzz::bytes(data, size)));
    return 0;
}
