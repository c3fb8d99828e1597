#pragma once
// The text of an inbound email's HTML body, for when it has no text part.
//
// One left-to-right pass with bounded look-ahead (no regular expressions):
// the work is linear in the input, whatever the input — the regex this
// replaces (<(script|style)…>.*?</\1>) took 41 s on 720 KB of unclosed
// <script> tags and pinned a handler thread. Input beyond maxHtmlChars is not
// read at all (an email body, not a book).
//
// Kept: text, line breaks for <br> and block ends (</p>, </div>, </li>,
// </tr>), the common entities and numeric character references. Dropped:
// tags, comments, <script>/<style> contents, and everything from the first
// <blockquote> on (the quoted history of a reply).

#include <QString>

namespace zeiko::channels {

inline constexpr qsizetype maxHtmlChars = 8 * 1024 * 1024;

QString htmlToText(const QString &html);

} // namespace zeiko::channels
