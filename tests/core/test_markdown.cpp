// Tests core/markdown/markdown.cpp: GFM features rendered for QTextDocument, and the
// safety rules (no raw HTML, no images, only web/mail links, size guard).
#include "markdown/markdown.h"

#include <QRegularExpression>
#include <QTest>

using namespace zeiko::markdown;

class TestMarkdown : public QObject
{
    Q_OBJECT

private slots:
    void tableHasBordersAndAlignment()
    {
        const QString html = renderHtml("| a | b |\n|---|:-:|\n| 1 | 2 |\n").html;
        QVERIFY2(html.contains(u"<table border=\"1\" cellpadding=\"4\" cellspacing=\"0\">"), qPrintable(html));
        QVERIFY(html.contains(u"<th>a</th>"));
        QVERIFY(html.contains(u"<th align=\"center\">b</th>"));
        QVERIFY(html.contains(u"<td>1</td>"));
        QVERIFY(html.contains(u"<td align=\"center\">2</td>"));
        QVERIFY(html.contains(u"<thead>") && html.contains(u"<tbody>"));
    }

    void strikethroughUsesS()
    {
        const QString html = renderHtml("keep ~~gone~~ keep").html;
        QVERIFY2(html.contains(u"<s>gone</s>"), qPrintable(html));
        QVERIFY(!html.contains(u"<del>"));
    }

    void autolinks()
    {
        const QString html = renderHtml("see www.example.com, https://zeiko.io/x?a=1&b=2 and help@zeiko.io").html;
        QVERIFY2(html.contains(u"<a href=\"http://www.example.com\">www.example.com</a>"), qPrintable(html));
        QVERIFY(html.contains(u"<a href=\"https://zeiko.io/x?a=1&amp;b=2\">"));
        QVERIFY(html.contains(u"<a href=\"mailto:help@zeiko.io\">help@zeiko.io</a>"));
    }

    void ordinaryMarkdown()
    {
        const QString html = renderHtml("# Title\n\n*em* **strong** `a<b`\n\n> quote\n\n3. three\n4. four\n\n```\nx < y\n```\n").html;
        QVERIFY2(html.contains(u"<h1>Title</h1>"), qPrintable(html));
        QVERIFY(html.contains(u"<em>em</em> <strong>strong</strong> <code>a&lt;b</code>"));
        QVERIFY(html.contains(u"<blockquote>\n<p>quote</p>\n</blockquote>"));
        QVERIFY(html.contains(u"<ol start=\"3\">\n<li>three</li>"));
        QVERIFY(html.contains(u"<pre><code>x &lt; y\n</code></pre>"));
    }

    void taskListsUseGlyphs()
    {
        const QString html = renderHtml("- [ ] todo\n- [x] done\n- plain\n").html;
        QVERIFY2(html.contains(u"<li>\u2610 todo</li>"), qPrintable(html));
        QVERIFY(html.contains(u"<li>\u2611 done</li>"));
        QVERIFY(html.contains(u"<li>plain</li>"));
        QVERIFY(!html.contains(u"<input"));

        // Loose list: the glyph goes inside the paragraph, not on a line of its own.
        const QString loose = renderHtml("- [x] one\n\n- [ ] two\n").html;
        QVERIFY2(loose.contains(u"<li><p>\u2611 one</p>"), qPrintable(loose));
    }

    void rawHtmlIsDropped_data()
    {
        QTest::addColumn<QByteArray>("markdown");
        QTest::newRow("script block") << QByteArray("<script>alert(1)</script>\n\nafter");
        QTest::newRow("script inline") << QByteArray("hi <script>alert(1)</script> there");
        QTest::newRow("img onerror") << QByteArray("<img src=x onerror=alert(1)>");
        QTest::newRow("img inline") << QByteArray("text <img src=x onerror=alert(1)> text");
        QTest::newRow("iframe") << QByteArray("<iframe src=\"https://evil.example\"></iframe>");
        QTest::newRow("style") << QByteArray("<style>body{display:none}</style>\n\nx");
        QTest::newRow("a tag") << QByteArray("<a href=\"javascript:alert(1)\">x</a>");
    }

    void rawHtmlIsDropped()
    {
        QFETCH(QByteArray, markdown);
        const QString html = renderHtml(QByteArrayView(markdown)).html;
        QVERIFY2(!html.contains(u"<script", Qt::CaseInsensitive), qPrintable(html));
        QVERIFY2(!html.contains(u"<img", Qt::CaseInsensitive), qPrintable(html));
        QVERIFY2(!html.contains(u"<iframe", Qt::CaseInsensitive), qPrintable(html));
        QVERIFY2(!html.contains(u"<style", Qt::CaseInsensitive), qPrintable(html));
        QVERIFY2(!html.contains(u"onerror", Qt::CaseInsensitive), qPrintable(html));
        QVERIFY2(!html.contains(u"javascript", Qt::CaseInsensitive), qPrintable(html));
        QVERIFY2(!html.contains(u"<!--"), qPrintable(html));
    }

    void unsafeLinksBecomeText_data()
    {
        QTest::addColumn<QByteArray>("markdown");
        QTest::newRow("javascript") << QByteArray("[click](javascript:alert(1))");
        QTest::newRow("JavaScript mixed case") << QByteArray("[click](JaVaScRiPt:alert(1))");
        QTest::newRow("file") << QByteArray("[click](file:///etc/passwd)");
        QTest::newRow("data") << QByteArray("[click](data:text/html;base64,PHNjcmlwdD4=)");
        QTest::newRow("vbscript") << QByteArray("[click](vbscript:msgbox)");
        QTest::newRow("relative") << QByteArray("[click](/admin)");
        QTest::newRow("reference") << QByteArray("[click][r]\n\n[r]: javascript:alert(1)\n");
        QTest::newRow("autolink js") << QByteArray("<javascript:alert(1)>");
    }

    void unsafeLinksBecomeText()
    {
        QFETCH(QByteArray, markdown);
        const QString html = renderHtml(QByteArrayView(markdown)).html;
        QVERIFY2(!html.contains(u"<a "), qPrintable(html));
        QVERIFY2(!html.contains(u"href"), qPrintable(html));
        if (markdown.startsWith('['))
            QCOMPARE(html, QStringLiteral("<p>click</p>\n"));
    }

    void safeLinksSurvive()
    {
        const QString html = renderHtml("[a](https://x.io \"T\") [b](HTTP://y.io) [c](mailto:c@d.io)").html;
        QVERIFY2(html.contains(u"<a href=\"https://x.io\" title=\"T\">a</a>"), qPrintable(html));
        QVERIFY(html.contains(u"<a href=\"HTTP://y.io\">b</a>"));
        QVERIFY(html.contains(u"<a href=\"mailto:c@d.io\">c</a>"));
        // Quotes inside a URL cannot break out of the attribute.
        const QString quoted = renderHtml("[q](https://x.io/\"onmouseover=\"alert(1))").html;
        QVERIFY2(!quoted.contains(u"\"onmouseover"), qPrintable(quoted));
    }

    void imagesNeverLoad()
    {
        const QString html = renderHtml("![a *cat*](https://img.example/cat.png) ![](data:image/png;base64,AAA) ![x](file:///tmp/x.png)").html;
        QVERIFY2(!html.contains(u"<img", Qt::CaseInsensitive), qPrintable(html));
        QVERIFY(html.contains(u"<a href=\"https://img.example/cat.png\">[image: a cat]</a>"));
        QVERIFY(html.contains(u"[image]"));
        QVERIFY(html.contains(u"[image: x]"));
        QVERIFY(!html.contains(u"data:"));
        QVERIFY(!html.contains(u"file:"));
        // Reference-style images too.
        const QString ref = renderHtml("![logo][l]\n\n[l]: https://img.example/l.png\n").html;
        QVERIFY2(!ref.contains(u"<img"), qPrintable(ref));
        QVERIFY(ref.contains(u"[image: logo]"));
    }

    void hugeBodyIsTruncatedAtLineBoundary()
    {
        QByteArray markdown;
        const QByteArray line = "Line of **markdown** text that repeats for a while.\n";
        while (markdown.size() < 5 * 1024 * 1024)
            markdown.append(line);
        markdown.append("THE-END-MARKER\n");

        const RenderResult head = renderHtml(QByteArrayView(markdown));
        QVERIFY(head.truncated);
        QCOMPARE(head.totalBytes, markdown.size());
        QVERIFY(head.renderedBytes <= RenderOptions{}.headLimitBytes);
        QVERIFY(head.renderedBytes > RenderOptions{}.headLimitBytes - line.size());
        QCOMPARE(head.renderedBytes % line.size(), 0); // cut exactly after a line
        QVERIFY(!head.html.contains(u"THE-END-MARKER"));
        QVERIFY(head.html.endsWith(u"</p>\n"));

        const RenderResult full = renderFull(QByteArrayView(markdown));
        QVERIFY(!full.truncated);
        QCOMPARE(full.renderedBytes, markdown.size());
        QVERIFY(full.html.contains(u"THE-END-MARKER"));

        RenderOptions small;
        small.headLimitBytes = 100;
        const RenderResult tiny = renderHtml(QByteArrayView(markdown), small);
        QVERIFY(tiny.truncated);
        QCOMPARE(tiny.renderedBytes, line.size());
    }

    void singleHugeLineCutsOnCharacterBoundary()
    {
        QByteArray markdown;
        while (markdown.size() < 1000)
            markdown.append("\xC3\xA9"); // é, two bytes each
        RenderOptions options;
        options.headLimitBytes = 101; // odd: would split a character
        const RenderResult result = renderHtml(QByteArrayView(markdown), options);
        QVERIFY(result.truncated);
        QCOMPARE(result.renderedBytes, 100);
        QVERIFY(!result.html.contains(QChar::ReplacementCharacter));
    }

    void smallBodyIsNotTruncated()
    {
        const RenderResult result = renderHtml(QStringLiteral("héllo"));
        QVERIFY(!result.truncated);
        QCOMPARE(result.totalBytes, 6);
        QCOMPARE(result.renderedBytes, 6);
        QCOMPARE(result.html, QStringLiteral("<p>héllo</p>\n"));
    }

    void emptyInput()
    {
        const RenderResult result = renderHtml(QByteArrayView());
        QVERIFY(result.html.isEmpty());
        QVERIFY(!result.truncated);
        QCOMPARE(result.totalBytes, 0);
        QVERIFY(renderPlainText(QString()).isEmpty());
        QVERIFY(renderHtml(QString()).html.isEmpty());
    }

    void invalidUtf8DoesNotCrash()
    {
        static const char raw[] = "ok \xFF\xFE bad \xC3 end \xE2\x82 *x* \0 nul";
        const QByteArray bad(raw, sizeof(raw) - 1); // keeps the embedded NUL
        const RenderResult result = renderHtml(QByteArrayView(bad));
        QVERIFY(result.html.contains(u"ok "));
        QVERIFY(result.html.contains(u"<em>x</em>"));
        QVERIFY(result.html.contains(QChar::ReplacementCharacter));
        QVERIFY(!renderPlainText(QByteArrayView(bad)).isEmpty());
    }

    void deepNestingDoesNotCrash()
    {
        const QByteArray quotes(100000, '>');
        QVERIFY(!renderHtml(QByteArrayView(quotes + " x")).html.isEmpty());
        QByteArray brackets;
        for (int i = 0; i < 20000; ++i)
            brackets.append("[*");
        QVERIFY(!renderHtml(QByteArrayView(brackets)).html.isEmpty());
    }

    void plainTextForEmail()
    {
        const QString text = renderPlainText(QStringLiteral(
            "# Hello\n\nSee [the docs](https://zeiko.io/docs) or https://zeiko.io.\n\n"
            "![diagram](https://img/x.png) <b>bold</b>\n\n<script>alert(1)</script>\n\n"
            "[bad](javascript:alert(1))\n"));
        QVERIFY2(text.contains(u"Hello"), qPrintable(text));
        QVERIFY(text.contains(u"the docs (https://zeiko.io/docs)"));
        QVERIFY(text.contains(u"https://zeiko.io."));
        QVERIFY(!text.contains(u"(https://zeiko.io)"));
        QVERIFY(text.contains(u"[image: diagram]"));
        QVERIFY(!text.contains(u"<"));
        QVERIFY(!text.contains(u"alert(1)</"));
        QVERIFY(!text.contains(u"javascript"));
        QVERIFY(text.contains(u"bad"));
    }

    // Found by fuzz_markdown: the outer image's free used to free the inner
    // one still waiting on the list (a use after free, then a SEGV).
    void plainTextOfAnImageInsideAnImage()
    {
        const QString text = renderPlainText(QStringLiteral("![a ![b](x)](y) ![![![c](1)](2)](3)"));
        QVERIFY2(text.contains(u"[image: a [image: b]]"), qPrintable(text));
        QVERIFY2(text.contains(u"[image: [image: [image: c]]]"), qPrintable(text));
    }
};

QTEST_GUILESS_MAIN(TestMarkdown)
#include "test_markdown.moc"
