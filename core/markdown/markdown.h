#pragma once
// Markdown → HTML / plain text through cmark-gfm, safe for QTextDocument and email.
// Raw HTML is never passed through, only http/https/mailto links survive, images
// are never loaded (they become "[image: alt]"), and big bodies render only their
// head unless the caller asks for the whole thing.

#include <QByteArray>
#include <QByteArrayView>
#include <QMetaType>
#include <QString>

namespace zeiko::markdown {

struct RenderOptions
{
    // Bodies larger than this render only their head, cut at a line boundary.
    // <= 0 means "no limit" (same as renderFull).
    qsizetype headLimitBytes = 256 * 1024;

    friend bool operator==(const RenderOptions &, const RenderOptions &) = default;
};

struct RenderResult
{
    QString html;
    bool truncated = false;      // true: only the head was rendered ("show the rest" in the UI)
    qsizetype totalBytes = 0;    // UTF-8 size of the whole markdown input
    qsizetype renderedBytes = 0; // UTF-8 size of the part that was rendered

    friend bool operator==(const RenderResult &, const RenderResult &) = default;
};

// The markdown head that renderHtml() renders: the whole input if it fits, else the
// bytes up to the last line break within the limit (never splits a UTF-8 sequence).
QByteArrayView headWithinLimit(QByteArrayView markdown, qsizetype limitBytes);

RenderResult renderHtml(QByteArrayView markdownUtf8, const RenderOptions &options = {});
RenderResult renderHtml(const QString &markdown, const RenderOptions &options = {});
inline RenderResult renderHtml(const char *markdownUtf8, const RenderOptions &options = {})
{
    return renderHtml(QByteArrayView(markdownUtf8), options);
}

// Renders everything, whatever its size (the "show the rest" path; outgoing email).
RenderResult renderFull(QByteArrayView markdownUtf8);
RenderResult renderFull(const QString &markdown);

// Plain text for email text alternatives: no markup, link targets kept in
// parentheses after their text, images as "[image: alt]", raw HTML dropped.
QString renderPlainText(QByteArrayView markdownUtf8);
QString renderPlainText(const QString &markdown);

} // namespace zeiko::markdown

Q_DECLARE_METATYPE(zeiko::markdown::RenderResult)
