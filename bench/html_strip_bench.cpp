// htmlToText on 5 MB of adversarial HTML (security review finding 9: the old
// regex took 41 s on 720 KB). Prints the time per input next to the raw
// limit measured in the same run: one linear pass over the same characters
// (QString::toLower). Target: under 1 s for each 5 MB input.
// Usage: html_strip_bench

#include "channels/html_to_text.h"

#include <QElapsedTimer>
#include <QString>

#include <cstdio>

namespace {

using namespace Qt::StringLiterals;

QString fill(const QString &piece, qsizetype chars)
{
    return piece.repeated(chars / piece.size());
}

} // namespace

int main()
{
    constexpr qsizetype size = 5 * 1024 * 1024;
    const struct {
        const char *name;
        QString html;
    } inputs[] = {
        {"unclosed <script> tags", fill(u"<script>"_s, size)},
        {"unclosed <style a='>'> tags", fill(u"<style a='>'>"_s, size)},
        {"closed script blocks", fill(u"<script>x</script>"_s, size)},
        {"entities and breaks", fill(u"&amp;&#x27;<br>&bogus;"_s, size)},
        {"comment openers", fill(u"<!-- -->"_s, size)},
        {"ordinary mail", fill(u"<p>Hello <b>there</b>, my order &#35;1001 never arrived.</p>"_s, size)},
    };
    bool allUnder = true;
    for (const auto &input : inputs) {
        QElapsedTimer raw;
        raw.start();
        const QString lowered = input.html.toLower();
        const double rawMs = raw.nsecsElapsed() / 1e6;
        QElapsedTimer timer;
        timer.start();
        const QString text = zeiko::channels::htmlToText(input.html);
        const double ms = timer.nsecsElapsed() / 1e6;
        allUnder = allUnder && ms < 1000;
        std::printf("%-30s %5.1f MB: %8.1f ms (raw pass %6.1f ms, %4.1fx), %lld chars of text\n", input.name,
                    input.html.size() / 1048576.0, ms, rawMs, ms / std::max(rawMs, 0.001), qlonglong(text.size()));
    }
    std::printf("target: each under 1 s: %s\n", allUnder ? "met" : "MISSED");
    return allUnder ? 0 : 1;
}
