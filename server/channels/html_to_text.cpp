#include "channels/html_to_text.h"

namespace zeiko::channels {

using namespace Qt::StringLiterals;

namespace {

constexpr qsizetype maxEntityChars = 10;   // "&#x10FFFF;" is the longest we decode

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u':';
}

// The tag starting at html[lt] == '<': its end (index after '>', or -1 when
// the tag never closes), its lower-case name and whether it is a closing tag.
struct Tag {
    qsizetype end = -1;
    QString name;
    bool closing = false;
};

Tag readTag(QStringView html, qsizetype lt)
{
    Tag tag;
    qsizetype i = lt + 1;
    if (i < html.size() && html[i] == u'/') {
        tag.closing = true;
        ++i;
    }
    const qsizetype nameStart = i;
    while (i < html.size() && isNameChar(html[i]) && i - nameStart < 32)
        ++i;
    tag.name = html.mid(nameStart, i - nameStart).toString().toLower();
    // Attributes: a '>' inside a quoted value does not end the tag.
    QChar quote;
    for (; i < html.size(); ++i) {
        const QChar c = html[i];
        if (!quote.isNull()) {
            if (c == quote)
                quote = QChar();
        } else if (c == u'"' || c == u'\'') {
            quote = c;
        } else if (c == u'>') {
            tag.end = i + 1;
            return tag;
        }
    }
    return tag;
}

// Decodes the entity at html[amp] == '&' into `out`; returns the index after
// it, or amp + 1 (and appends '&') when it is not one we know.
qsizetype readEntity(QStringView html, qsizetype amp, QString &out)
{
    const qsizetype semicolon = html.mid(amp, maxEntityChars + 1).indexOf(u';');
    if (semicolon > 1) {
        const QStringView name = html.mid(amp + 1, semicolon - 1);
        static const struct {
            QStringView name;
            QChar value;
        } named[] = {{u"amp", u'&'}, {u"lt", u'<'}, {u"gt", u'>'}, {u"quot", u'"'}, {u"apos", u'\''}, {u"nbsp", u' '}};
        for (const auto &n : named) {
            if (name == n.name) {
                out += n.value;
                return amp + semicolon + 1;
            }
        }
        if (name.startsWith(u'#')) {
            bool ok = false;
            const uint code = name.size() > 1 && (name[1] == u'x' || name[1] == u'X') ? name.mid(2).toUInt(&ok, 16)
                                                                                        : name.mid(1).toUInt(&ok, 10);
            if (ok && code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff)) {
                const char32_t c = code;
                out += code == 0xa0 ? u" "_s : QString::fromUcs4(&c, 1);
                return amp + semicolon + 1;
            }
        }
    }
    out += u'&';
    return amp + 1;
}

// At most two blank lines in a row, and no trailing/leading white space.
QString tidy(const QString &text)
{
    QString out;
    out.reserve(text.size());
    int newlines = 0;
    for (const QChar c : text) {
        if (c == u'\n') {
            if (++newlines > 2)
                continue;
        } else if (c != u'\r') {
            newlines = 0;
        } else {
            continue;
        }
        out += c;
    }
    return out.trimmed();
}

} // namespace

QString htmlToText(const QString &input)
{
    const QStringView html = QStringView(input).left(maxHtmlChars);
    QString out;
    out.reserve(html.size() / 2);
    qsizetype i = 0;
    while (i < html.size()) {
        const QChar c = html[i];
        if (c == u'&') {
            i = readEntity(html, i, out);
            continue;
        }
        // "<" opens markup only before a letter, "/" or "!"; "5 < 6" is text.
        const QChar next = i + 1 < html.size() ? html[i + 1] : QChar();
        if (c != u'<' || !(next.isLetter() || next == u'/' || next == u'!')) {
            out += c;
            ++i;
            continue;
        }
        if (html.mid(i, 4) == u"<!--") {   // a comment: to its end (or the end of the input)
            const qsizetype end = html.indexOf(u"-->", i + 4);
            i = end < 0 ? html.size() : end + 3;
            continue;
        }
        const Tag tag = readTag(html, i);
        if (tag.end < 0)
            break;   // an unclosed tag: nothing after it is text
        i = tag.end;
        if (tag.name.isEmpty())
            continue;
        if (!tag.closing && (tag.name == u"script" || tag.name == u"style")) {
            // Skip the contents to the closing tag; one search, from here on.
            const qsizetype close = html.indexOf(u"</"_s + tag.name, i, Qt::CaseInsensitive);
            if (close < 0)
                break;
            const Tag closing = readTag(html, close);
            if (closing.end < 0)
                break;
            i = closing.end;
            continue;
        }
        if (!tag.closing && tag.name == u"blockquote")
            break;   // the quoted history of a reply
        if ((!tag.closing && tag.name == u"br") ||
            (tag.closing && (tag.name == u"p" || tag.name == u"div" || tag.name == u"li" || tag.name == u"tr")))
            out += u'\n';
    }
    return tidy(out);
}

} // namespace zeiko::channels
