#include "markdown.h"

#include "cmark_document.h"
#include "html_writer.h"

#include <cmark-gfm.h>

#include <vector>

namespace zeiko::markdown {
namespace {

bool isUtf8Continuation(char byte)
{
    return (static_cast<unsigned char>(byte) & 0xC0) == 0x80;
}

RenderResult renderHead(QByteArrayView markdown, qsizetype limitBytes)
{
    const QByteArrayView head = headWithinLimit(markdown, limitBytes);
    RenderResult result;
    result.totalBytes = markdown.size();
    result.renderedBytes = head.size();
    result.truncated = head.size() < markdown.size();
    detail::DocumentPtr document = detail::parseDocument(head);
    const QByteArray html = detail::writeHtml(document.get(), head.size() + head.size() / 4 + 64);
    result.html = QString::fromUtf8(html);
    return result;
}

// cmark's plain-text renderer keeps only a link's text; an email reader needs the target.
void annotateForPlainText(cmark_node *document)
{
    std::vector<cmark_node *> links;
    std::vector<cmark_node *> images;
    cmark_iter *iter = cmark_iter_new(document);
    cmark_event_type event;
    while ((event = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (event != CMARK_EVENT_ENTER)
            continue;
        cmark_node *node = cmark_iter_get_node(iter);
        const cmark_node_type type = cmark_node_get_type(node);
        if (type == CMARK_NODE_LINK)
            links.push_back(node);
        else if (type == CMARK_NODE_IMAGE)
            images.push_back(node);
    }
    cmark_iter_free(iter);

    for (cmark_node *link : links) {
        const char *url = cmark_node_get_url(link);
        if (!detail::isAllowedLinkUrl(url))
            continue;
        cmark_node *onlyChild = cmark_node_first_child(link);
        const bool textIsUrl = onlyChild && !cmark_node_next(onlyChild)
            && cmark_node_get_type(onlyChild) == CMARK_NODE_TEXT
            && (qstrcmp(cmark_node_get_literal(onlyChild), url) == 0
                || "mailto:" + QByteArray(cmark_node_get_literal(onlyChild)) == url
                || "http://" + QByteArray(cmark_node_get_literal(onlyChild)) == url);
        if (textIsUrl)
            continue;
        cmark_node *target = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(target, (" (" + QByteArray(url) + ")").constData());
        cmark_node_insert_after(link, target);
    }

    // Innermost first: an image's alt text can hold another image
    // ("![a ![b](x)](y)"), and freeing the outer one frees the inner one, so
    // in document order the inner one was used after being freed.
    for (auto it = images.rbegin(); it != images.rend(); ++it) {
        cmark_node *image = *it;
        QByteArray alt;
        for (cmark_node *child = cmark_node_first_child(image); child; child = cmark_node_next(child)) {
            if (const char *literal = cmark_node_get_literal(child))
                alt.append(literal);
        }
        cmark_node *placeholder = cmark_node_new(CMARK_NODE_TEXT);
        cmark_node_set_literal(placeholder,
                               alt.isEmpty() ? "[image]" : ("[image: " + alt + "]").constData());
        cmark_node_replace(image, placeholder);
        cmark_node_free(image);
    }
}

} // namespace

QByteArrayView headWithinLimit(QByteArrayView markdown, qsizetype limitBytes)
{
    if (limitBytes <= 0 || markdown.size() <= limitBytes)
        return markdown;
    const QByteArrayView window = markdown.first(limitBytes);
    const qsizetype lastNewline = window.lastIndexOf('\n');
    if (lastNewline >= 0)
        return markdown.first(lastNewline + 1);
    // One enormous line: cut inside it, but never in the middle of a UTF-8 sequence.
    qsizetype cut = limitBytes;
    while (cut > 0 && isUtf8Continuation(markdown[cut]))
        --cut;
    return markdown.first(cut);
}

RenderResult renderHtml(QByteArrayView markdownUtf8, const RenderOptions &options)
{
    return renderHead(markdownUtf8, options.headLimitBytes);
}

RenderResult renderHtml(const QString &markdown, const RenderOptions &options)
{
    return renderHtml(QByteArrayView(markdown.toUtf8()), options);
}

RenderResult renderFull(QByteArrayView markdownUtf8)
{
    return renderHead(markdownUtf8, 0);
}

RenderResult renderFull(const QString &markdown)
{
    return renderFull(QByteArrayView(markdown.toUtf8()));
}

QString renderPlainText(QByteArrayView markdownUtf8)
{
    detail::DocumentPtr document = detail::parseDocument(markdownUtf8);
    annotateForPlainText(document.get());
    char *text = cmark_render_plaintext(document.get(), CMARK_OPT_DEFAULT, 0);
    QString result = QString::fromUtf8(text);
    cmark_get_default_mem_allocator()->free(text);
    if (result.trimmed().isEmpty())
        return {}; // an empty document renders as a lone newline
    return result;
}

QString renderPlainText(const QString &markdown)
{
    return renderPlainText(QByteArrayView(markdown.toUtf8()));
}

} // namespace zeiko::markdown
