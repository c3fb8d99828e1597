#pragma once
// Internal: renders a parsed cmark-gfm tree to HTML that QTextDocument displays
// correctly (it has no <del>, no table borders by default, no <input>), while
// enforcing the safety rules: no raw HTML, no <img>, no non-web link schemes.

#include <QByteArray>

struct cmark_node;

namespace zeiko::markdown::detail {

QByteArray writeHtml(cmark_node *document, qsizetype sizeHint);

} // namespace zeiko::markdown::detail
