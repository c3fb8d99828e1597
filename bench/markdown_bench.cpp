// Our markdown pipeline (parse + safe AST walk + QString) against cmark-gfm's own
// HTML renderer with the same extensions, on generated 1 MB and 10 MB documents.
// Usage: markdown_bench [repetitions]   (build in the release preset for real figures)

#include "markdown/cmark_document.h"
#include "markdown/markdown.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QFile>

#include <cmark-gfm.h>

#include <algorithm>
#include <cstdio>
#include <functional>
#include <vector>

namespace {

QByteArray generateMarkdown(qsizetype targetBytes)
{
    static const char *const kBlocks[] = {
        "## Order #%1 follow-up\n\n",
        "Hi team, the customer wrote **again** about order #%1: the parcel shows *delivered* but "
        "nothing arrived. See https://shop.example.com/orders/%1 and [the policy](https://help.example.com/refunds).\n\n",
        "- [x] checked carrier scan\n- [ ] asked the customer for a photo\n- refund ~~$40~~ $35 pending\n\n",
        "| item | qty | price |\n|---|:-:|--:|\n| Mug | 2 | 12.00 |\n| Tee | 1 | 25.00 |\n\n",
        "```\nGET /api/orders/%1 HTTP/1.1\nHost: shop.example.com\n```\n\n",
        "> Customer: I've been waiting two weeks. <b>Please</b> help, email me at c%1@example.org\n\n",
        "1. Verify address\n2. Reship with tracking\n3. Close with a note: `refund_issued`\n\n",
        "![label photo](https://cdn.example.com/label-%1.png) <script>alert(%1)</script>\n\n",
    };
    QByteArray out;
    out.reserve(targetBytes + 1024);
    for (int i = 0; out.size() < targetBytes; ++i) {
        QByteArray block(kBlocks[i % std::size(kBlocks)]);
        out.append(block.replace("%1", QByteArray::number(1000 + i)));
    }
    return out;
}

// Peak resident set since the last reset, in MiB.
double peakRssMiB()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return -1;
}

void resetPeakRss()
{
    QFile clearRefs(QStringLiteral("/proc/self/clear_refs"));
    if (clearRefs.open(QIODevice::WriteOnly))
        clearRefs.write("5"); // "5" resets VmHWM to the current RSS (Linux >= 4.0)
}

struct Measurement
{
    double medianMs = 0;
    double peakMiB = 0;
    qsizetype outputBytes = 0;
};

Measurement measure(int repetitions, const std::function<qsizetype()> &run)
{
    std::vector<double> times;
    Measurement m;
    resetPeakRss();
    for (int i = 0; i < repetitions; ++i) {
        QElapsedTimer timer;
        timer.start();
        m.outputBytes = run();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
    }
    std::sort(times.begin(), times.end());
    m.medianMs = times[times.size() / 2];
    m.peakMiB = peakRssMiB();
    return m;
}

qsizetype rawCmarkWithExtensions(const QByteArray &markdown)
{
    zeiko::markdown::detail::DocumentPtr document =
        zeiko::markdown::detail::parseDocument(QByteArrayView(markdown));
    char *html = cmark_render_html(document.get(), zeiko::markdown::detail::parseOptions(),
                                   zeiko::markdown::detail::gfmExtensionList());
    const qsizetype size = qsizetype(strlen(html));
    cmark_get_default_mem_allocator()->free(html);
    return size;
}

qsizetype rawCmarkToHtml(const QByteArray &markdown)
{
    // cmark_markdown_to_html cannot take extensions: CommonMark-only baseline.
    char *html = cmark_markdown_to_html(markdown.constData(), std::size_t(markdown.size()),
                                        CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8);
    const qsizetype size = qsizetype(strlen(html));
    free(html);
    return size;
}

} // namespace

int main(int argc, char **argv)
{
    const int repetitions = argc > 1 ? std::max(1, atoi(argv[1])) : 5;
    std::printf("markdown_bench: median of %d runs; peak RSS = VmHWM after reset per case\n\n",
                repetitions);
    std::printf("%-8s %-40s %10s %10s %12s\n", "input", "pipeline", "ms", "peak MiB", "html bytes");

    for (const qsizetype size : {qsizetype(1) << 20, qsizetype(10) << 20}) {
        const QByteArray markdown = generateMarkdown(size);
        const QByteArray label = QByteArray::number(size >> 20) + " MB";

        const Measurement rawExt = measure(repetitions, [&] { return rawCmarkWithExtensions(markdown); });
        const Measurement rawCore = measure(repetitions, [&] { return rawCmarkToHtml(markdown); });
        const Measurement ours = measure(repetitions, [&] {
            return zeiko::markdown::renderFull(QByteArrayView(markdown)).html.size() * qsizetype(2);
        });
        const Measurement head = measure(repetitions, [&] {
            return zeiko::markdown::renderHtml(QByteArrayView(markdown)).html.size() * qsizetype(2);
        });

        auto row = [&](const char *name, const Measurement &m) {
            std::printf("%-8s %-40s %10.1f %10.1f %12lld\n", label.constData(), name, m.medianMs,
                        m.peakMiB, static_cast<long long>(m.outputBytes));
        };
        row("cmark-gfm parse+render_html, 5 ext", rawExt);
        row("cmark_markdown_to_html (no ext)", rawCore);
        row("zeiko renderFull (safe walk, QString)", ours);
        row("zeiko renderHtml (256 KiB head)", head);
        std::printf("%-8s ratio zeiko renderFull / cmark-gfm with ext: %.2fx\n\n", label.constData(),
                    ours.medianMs / rawExt.medianMs);
    }
    return 0;
}
