#pragma once
// Internal: one parsed cmark-gfm document (GFM extensions attached, safe mode) and
// the few facts about extension nodes the renderers need.

#include <QByteArrayView>

#include <cmark-gfm.h>

#include <memory>

namespace zeiko::markdown::detail {

struct NodeDeleter
{
    void operator()(cmark_node *node) const;
};
using DocumentPtr = std::unique_ptr<cmark_node, NodeDeleter>;

// Parse options shared by every renderer; never contains CMARK_OPT_UNSAFE.
int parseOptions();

// Parses with table, strikethrough, autolink, tasklist and tagfilter attached.
DocumentPtr parseDocument(QByteArrayView markdownUtf8);

// The extension list cmark's own renderers need (used by the benchmark comparison
// and the plain-text renderer). Owned by a static; valid for the process lifetime.
cmark_llist *gfmExtensionList();

bool isTable(cmark_node *node);
bool isTableRow(cmark_node *node);
bool isTableCell(cmark_node *node);
bool isStrikethrough(cmark_node *node);
bool isTaskListItem(cmark_node *node);

// Only these schemes may become clickable links; everything else renders as text.
bool isAllowedLinkUrl(const char *url);

} // namespace zeiko::markdown::detail
