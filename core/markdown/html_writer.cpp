#include "html_writer.h"

#include "cmark_document.h"

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>

#include <cstring>

namespace zeiko::markdown::detail {
namespace {

void appendEscapedHtml(QByteArray &out, const char *text)
{
    if (!text)
        return;
    const char *runStart = text;
    for (const char *p = text; *p; ++p) {
        const char *entity = nullptr;
        switch (*p) {
        case '&': entity = "&amp;"; break;
        case '<': entity = "&lt;"; break;
        case '>': entity = "&gt;"; break;
        case '"': entity = "&quot;"; break;
        default: continue;
        }
        out.append(runStart, p - runStart);
        out.append(entity);
        runStart = p + 1;
    }
    out.append(runStart);
}

// Same rules as cmark's houdini_escape_href: keep URL punctuation and existing
// %-escapes, percent-encode the rest, and make the two HTML-significant ones safe.
void appendEscapedHref(QByteArray &out, const char *url)
{
    static constexpr char kHex[] = "0123456789ABCDEF";
    for (const unsigned char *p = reinterpret_cast<const unsigned char *>(url); *p; ++p) {
        const unsigned char c = *p;
        if (c == '&') {
            out.append("&amp;");
        } else if (c == '\'') {
            out.append("&#x27;");
        } else if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                   || std::strchr("-_.+!*(),%#@?=;:/$~[]", c) != nullptr) {
            out.append(char(c));
        } else {
            out.append('%');
            out.append(kHex[c >> 4]);
            out.append(kHex[c & 0xF]);
        }
    }
}

// Alt text of an image: the literal text of its descendants, like cmark does.
QByteArray plainTextOf(cmark_node *node)
{
    QByteArray text;
    cmark_iter *iter = cmark_iter_new(node);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER)
            continue;
        cmark_node *current = cmark_iter_get_node(iter);
        switch (cmark_node_get_type(current)) {
        case CMARK_NODE_TEXT:
        case CMARK_NODE_CODE:
            text.append(cmark_node_get_literal(current));
            break;
        case CMARK_NODE_SOFTBREAK:
        case CMARK_NODE_LINEBREAK:
            text.append(' ');
            break;
        default:
            break;
        }
    }
    cmark_iter_free(iter);
    return text;
}

bool inTightList(cmark_node *paragraph)
{
    cmark_node *item = cmark_node_parent(paragraph);
    cmark_node *list = item ? cmark_node_parent(item) : nullptr;
    return list && cmark_node_get_type(list) == CMARK_NODE_LIST && cmark_node_get_list_tight(list);
}

class HtmlWriter
{
public:
    explicit HtmlWriter(qsizetype sizeHint) { m_out.reserve(sizeHint); }

    QByteArray take(cmark_node *document)
    {
        cmark_iter *iter = cmark_iter_new(document);
        cmark_event_type event;
        while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
            cmark_node *node = cmark_iter_get_node(iter);
            if (event == CMARK_EVENT_ENTER)
                enter(iter, node);
            else
                exit(node);
        }
        cmark_iter_free(iter);
        return std::move(m_out);
    }

private:
    void enter(cmark_iter *iter, cmark_node *node)
    {
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_BLOCK_QUOTE:
            m_out.append("<blockquote>\n");
            return;
        case CMARK_NODE_LIST:
            openList(node);
            return;
        case CMARK_NODE_ITEM:
            openItem(node);
            return;
        case CMARK_NODE_CODE_BLOCK:
            m_out.append("<pre><code>");
            appendEscapedHtml(m_out, cmark_node_get_literal(node));
            m_out.append("</code></pre>\n");
            return;
        case CMARK_NODE_PARAGRAPH:
            if (!inTightList(node))
                m_out.append("<p>");
            if (node == m_taskMarkerTarget) {
                m_out.append(m_taskMarker);
                m_taskMarkerTarget = nullptr;
            }
            return;
        case CMARK_NODE_HEADING:
            m_out.append("<h").append(char('0' + cmark_node_get_heading_level(node))).append('>');
            return;
        case CMARK_NODE_THEMATIC_BREAK:
            m_out.append("<hr />\n");
            return;
        case CMARK_NODE_TEXT:
            appendEscapedHtml(m_out, cmark_node_get_literal(node));
            return;
        case CMARK_NODE_SOFTBREAK:
            m_out.append('\n');
            return;
        case CMARK_NODE_LINEBREAK:
            m_out.append("<br />\n");
            return;
        case CMARK_NODE_CODE:
            m_out.append("<code>");
            appendEscapedHtml(m_out, cmark_node_get_literal(node));
            m_out.append("</code>");
            return;
        case CMARK_NODE_EMPH:
            m_out.append("<em>");
            return;
        case CMARK_NODE_STRONG:
            m_out.append("<strong>");
            return;
        case CMARK_NODE_LINK:
            openLink(node);
            return;
        case CMARK_NODE_IMAGE:
            writeImagePlaceholder(node);
            // The alt text is already written: skip the image's children.
            cmark_iter_reset(iter, node, CMARK_EVENT_EXIT);
            return;
        case CMARK_NODE_HTML_BLOCK:
        case CMARK_NODE_HTML_INLINE:
            // Raw HTML from a customer never reaches the view, not even as a comment.
            return;
        default:
            break;
        }
        if (isTable(node)) {
            openTable(node);
        } else if (isTableRow(node)) {
            openTableRow(node);
        } else if (isTableCell(node)) {
            openTableCell();
        } else if (isStrikethrough(node)) {
            m_out.append("<s>"); // QTextDocument ignores <del>
        }
    }

    void exit(cmark_node *node)
    {
        switch (cmark_node_get_type(node)) {
        case CMARK_NODE_BLOCK_QUOTE:
            m_out.append("</blockquote>\n");
            return;
        case CMARK_NODE_LIST:
            m_out.append(cmark_node_get_list_type(node) == CMARK_ORDERED_LIST ? "</ol>\n" : "</ul>\n");
            return;
        case CMARK_NODE_ITEM:
            m_out.append("</li>\n");
            return;
        case CMARK_NODE_PARAGRAPH:
            if (!inTightList(node))
                m_out.append("</p>\n");
            return;
        case CMARK_NODE_HEADING:
            m_out.append("</h").append(char('0' + cmark_node_get_heading_level(node))).append(">\n");
            return;
        case CMARK_NODE_EMPH:
            m_out.append("</em>");
            return;
        case CMARK_NODE_STRONG:
            m_out.append("</strong>");
            return;
        case CMARK_NODE_LINK:
            if (isAllowedLinkUrl(cmark_node_get_url(node)))
                m_out.append("</a>");
            return;
        default:
            break;
        }
        if (isTable(node)) {
            if (m_tableHasBody)
                m_out.append("</tbody>\n");
            m_out.append("</table>\n");
            m_tableAlignments = nullptr;
        } else if (isTableRow(node)) {
            m_out.append("</tr>\n");
            if (cmark_gfm_extensions_get_table_row_is_header(node))
                m_out.append("</thead>\n");
        } else if (isTableCell(node)) {
            m_out.append(m_cellIsHeader ? "</th>\n" : "</td>\n");
        } else if (isStrikethrough(node)) {
            m_out.append("</s>");
        }
    }

    void openList(cmark_node *node)
    {
        if (cmark_node_get_list_type(node) != CMARK_ORDERED_LIST) {
            m_out.append("<ul>\n");
            return;
        }
        const int start = cmark_node_get_list_start(node);
        if (start == 1)
            m_out.append("<ol>\n");
        else
            m_out.append("<ol start=\"").append(QByteArray::number(start)).append("\">\n");
    }

    void openItem(cmark_node *node)
    {
        m_out.append("<li>");
        if (!isTaskListItem(node))
            return;
        // QTextDocument drops <input> checkboxes: show the state as a glyph, inside the
        // first paragraph so loose lists do not put it on a line of its own.
        m_taskMarker = cmark_gfm_extensions_get_tasklist_item_checked(node) ? "\u2611 " : "\u2610 ";
        cmark_node *first = cmark_node_first_child(node);
        if (first && cmark_node_get_type(first) == CMARK_NODE_PARAGRAPH)
            m_taskMarkerTarget = first;
        else
            m_out.append(m_taskMarker);
    }

    void openLink(cmark_node *node)
    {
        const char *url = cmark_node_get_url(node);
        if (!isAllowedLinkUrl(url))
            return; // javascript:, file:, data:, relative...: keep the text, drop the link
        m_out.append("<a href=\"");
        appendEscapedHref(m_out, url);
        m_out.append('"');
        const char *title = cmark_node_get_title(node);
        if (title && *title) {
            m_out.append(" title=\"");
            appendEscapedHtml(m_out, title);
            m_out.append('"');
        }
        m_out.append('>');
    }

    void writeImagePlaceholder(cmark_node *node)
    {
        // Images are never fetched (tracking pixels, remote content): show what they
        // were, and let the operator open the address deliberately if it is a web URL.
        const QByteArray alt = plainTextOf(node);
        const char *url = cmark_node_get_url(node);
        const bool linkable = isAllowedLinkUrl(url);
        if (linkable) {
            m_out.append("<a href=\"");
            appendEscapedHref(m_out, url);
            m_out.append("\">");
        }
        if (alt.isEmpty()) {
            m_out.append("[image]");
        } else {
            m_out.append("[image: ");
            appendEscapedHtml(m_out, alt.constData());
            m_out.append(']');
        }
        if (linkable)
            m_out.append("</a>");
    }

    void openTable(cmark_node *node)
    {
        // QTextDocument draws tables without borders unless told to.
        m_out.append("<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n");
        m_tableAlignments = cmark_gfm_extensions_get_table_alignments(node);
        m_tableColumns = cmark_gfm_extensions_get_table_columns(node);
        m_tableHasBody = false;
    }

    void openTableRow(cmark_node *node)
    {
        m_cellIndex = 0;
        m_cellIsHeader = cmark_gfm_extensions_get_table_row_is_header(node);
        if (m_cellIsHeader) {
            m_out.append("<thead>\n");
        } else if (!m_tableHasBody) {
            m_out.append("<tbody>\n");
            m_tableHasBody = true;
        }
        m_out.append("<tr>\n");
    }

    void openTableCell()
    {
        m_out.append(m_cellIsHeader ? "<th" : "<td");
        const uint8_t align = (m_tableAlignments && m_cellIndex < m_tableColumns)
            ? m_tableAlignments[m_cellIndex] : 0;
        switch (align) {
        case 'l': m_out.append(" align=\"left\""); break;
        case 'c': m_out.append(" align=\"center\""); break;
        case 'r': m_out.append(" align=\"right\""); break;
        default: break;
        }
        m_out.append('>');
        ++m_cellIndex;
    }

    QByteArray m_out;
    const char *m_taskMarker = "";
    cmark_node *m_taskMarkerTarget = nullptr;
    const uint8_t *m_tableAlignments = nullptr;
    uint16_t m_tableColumns = 0;
    uint16_t m_cellIndex = 0;
    bool m_cellIsHeader = false;
    bool m_tableHasBody = false;
};

} // namespace

QByteArray writeHtml(cmark_node *document, qsizetype sizeHint)
{
    return HtmlWriter(sizeHint).take(document);
}

} // namespace zeiko::markdown::detail
