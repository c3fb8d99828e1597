// The markdown renderer (core/markdown): cmark-gfm with our HTML writer and
// plain-text writer, on any bytes. Checks: the head never exceeds the limit
// and is a prefix of the input; a render reports the input's size.

#include "markdown/markdown.h"

#include "fuzz_input.h"

#include <cstdio>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    using namespace zeiko::markdown;
    const QByteArray text = zeiko::fuzz::bytes(data, size);

    // A small head limit, so the cut-at-a-line-boundary path runs on small inputs.
    const qsizetype limit = size > 0 ? qsizetype(data[0] % 64) + 1 : 1;
    const QByteArrayView head = headWithinLimit(text, limit);
    ZEIKO_FUZZ_CHECK(head.size() <= limit || head.size() == text.size());
    ZEIKO_FUZZ_CHECK(QByteArrayView(text).startsWith(head));

    const RenderResult cut = renderHtml(QByteArrayView(text), RenderOptions{limit});
    ZEIKO_FUZZ_CHECK(cut.totalBytes == text.size());
    ZEIKO_FUZZ_CHECK(cut.renderedBytes <= cut.totalBytes);

    const RenderResult full = renderFull(QByteArrayView(text));
    ZEIKO_FUZZ_CHECK(!full.truncated);
    (void)renderPlainText(QByteArrayView(text));
    // The QString overloads convert first: invalid UTF-8 goes through them too.
    (void)renderHtml(QString::fromUtf8(text));
    return 0;
}
