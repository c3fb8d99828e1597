#include "cmark_document.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

#include <cstring>
#include <strings.h>
#include <mutex>

// Node types the GFM extensions register at start-up. libcmark-gfm-extensions
// exports them but declares them only in private headers.
extern "C" {
extern cmark_node_type CMARK_NODE_TABLE;
extern cmark_node_type CMARK_NODE_TABLE_ROW;
extern cmark_node_type CMARK_NODE_TABLE_CELL;
extern cmark_node_type CMARK_NODE_STRIKETHROUGH;
}

namespace zeiko::markdown::detail {
namespace {

constexpr const char *kExtensionNames[] = {"table", "strikethrough", "autolink", "tasklist",
                                           "tagfilter"};

struct Extensions
{
    cmark_syntax_extension *list[std::size(kExtensionNames)] = {};
    cmark_llist *llist = nullptr;
};

// Registration mutates global tables in cmark: do it exactly once, thread-safely.
const Extensions &extensions()
{
    static Extensions loaded;
    static std::once_flag once;
    std::call_once(once, [] {
        cmark_gfm_core_extensions_ensure_registered();
        cmark_mem *mem = cmark_get_default_mem_allocator();
        for (std::size_t i = 0; i < std::size(kExtensionNames); ++i) {
            loaded.list[i] = cmark_find_syntax_extension(kExtensionNames[i]);
            if (loaded.list[i])
                loaded.llist = cmark_llist_append(mem, loaded.llist, loaded.list[i]);
        }
    });
    return loaded;
}

} // namespace

void NodeDeleter::operator()(cmark_node *node) const
{
    cmark_node_free(node);
}

int parseOptions()
{
    // VALIDATE_UTF8: invalid sequences become U+FFFD instead of reaching the output.
    // Safe mode is cmark's default; CMARK_OPT_UNSAFE is deliberately never set.
    return CMARK_OPT_DEFAULT | CMARK_OPT_VALIDATE_UTF8;
}

DocumentPtr parseDocument(QByteArrayView markdownUtf8)
{
    const Extensions &ext = extensions();
    cmark_parser *parser = cmark_parser_new(parseOptions());
    for (cmark_syntax_extension *extension : ext.list) {
        if (extension)
            cmark_parser_attach_syntax_extension(parser, extension);
    }
    cmark_parser_feed(parser, markdownUtf8.data(), std::size_t(markdownUtf8.size()));
    DocumentPtr document(cmark_parser_finish(parser));
    cmark_parser_free(parser);
    return document;
}

cmark_llist *gfmExtensionList()
{
    return extensions().llist;
}

bool isTable(cmark_node *node)
{
    return cmark_node_get_type(node) == CMARK_NODE_TABLE;
}

bool isTableRow(cmark_node *node)
{
    return cmark_node_get_type(node) == CMARK_NODE_TABLE_ROW;
}

bool isTableCell(cmark_node *node)
{
    return cmark_node_get_type(node) == CMARK_NODE_TABLE_CELL;
}

bool isStrikethrough(cmark_node *node)
{
    return cmark_node_get_type(node) == CMARK_NODE_STRIKETHROUGH;
}

bool isTaskListItem(cmark_node *node)
{
    if (cmark_node_get_type(node) != CMARK_NODE_ITEM)
        return false;
    const char *type = cmark_node_get_type_string(node);
    return type && std::strcmp(type, "tasklist") == 0;
}

bool isAllowedLinkUrl(const char *url)
{
    if (!url)
        return false;
    // cmark keeps the destination as written; schemes are case-insensitive.
    return strncasecmp(url, "http://", 7) == 0 || strncasecmp(url, "https://", 8) == 0
        || strncasecmp(url, "mailto:", 7) == 0;
}

} // namespace zeiko::markdown::detail
