// Tests core/markdown/markdown_renderer.cpp: rendering off the calling thread, one
// signal per request, and the result cache.
#include "markdown/markdown_renderer.h"

#include <QSignalSpy>
#include <QTest>
#include <QThread>

using namespace zeiko::markdown;

class TestMarkdownRenderer : public QObject
{
    Q_OBJECT

private slots:
    void emitsOnceFromWorkerThenHitsCache()
    {
        MarkdownRenderer renderer;
        QSignalSpy spy(&renderer, &MarkdownRenderer::rendered);
        QThread *renderThread = nullptr;
        connect(&renderer, &MarkdownRenderer::rendered, this,
                [&renderThread] { renderThread = QThread::currentThread(); });

        const QByteArray body("**bold** ~~old~~");
        renderer.render(QStringLiteral("ticket-1/entry-7"), body);
        QCOMPARE(spy.count(), 0); // never synchronously from inside render()
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(renderThread, QThread::currentThread()); // delivered on the owner's thread
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("ticket-1/entry-7"));
        const auto first = spy.at(0).at(1).value<RenderResult>();
        QCOMPARE(first.html, QStringLiteral("<p><strong>bold</strong> <s>old</s></p>\n"));
        QCOMPARE(renderer.cacheMisses(), 1);
        QCOMPARE(renderer.cacheHits(), 0);

        // Reopening the same entry is answered from the cache, still exactly once.
        renderer.render(QStringLiteral("ticket-1/entry-7"), body);
        QTRY_COMPARE(spy.count(), 2);
        QCOMPARE(renderer.cacheHits(), 1);
        QCOMPARE(renderer.cacheMisses(), 1);
        QCOMPARE(spy.at(1).at(1).value<RenderResult>(), first);

        // Let any stray extra emission show up before we conclude "once".
        QCoreApplication::processEvents();
        QTest::qWait(50);
        QCOMPARE(spy.count(), 2);
    }

    void optionsArePartOfTheCacheKey()
    {
        MarkdownRenderer renderer;
        QByteArray body;
        for (int i = 0; i < 100; ++i)
            body.append("line\n");
        RenderOptions small;
        small.headLimitBytes = 10;
        const RenderResult head = renderer.renderCached(body, small);
        const RenderResult full = renderer.renderCached(body, RenderOptions{0});
        QVERIFY(head.truncated);
        QVERIFY(!full.truncated);
        QCOMPARE(renderer.cacheMisses(), 2);
        QCOMPARE(renderer.renderCached(body, small), head);
        QCOMPARE(renderer.cacheHits(), 1);
    }

    void renderCachedSharesCacheWithAsync()
    {
        MarkdownRenderer renderer;
        const QByteArray body("- [x] done");
        const RenderResult sync = renderer.renderCached(body);
        QVERIFY(sync.html.contains(u"\u2611 done"));
        QSignalSpy spy(&renderer, &MarkdownRenderer::rendered);
        renderer.render(QStringLiteral("k"), body);
        QTRY_COMPARE(spy.count(), 1);
        QCOMPARE(renderer.cacheHits(), 1);
        QCOMPARE(spy.at(0).at(1).value<RenderResult>(), sync);
    }

    void manyConcurrentRequestsEachAnswered()
    {
        MarkdownRenderer renderer;
        QSignalSpy spy(&renderer, &MarkdownRenderer::rendered);
        for (int i = 0; i < 40; ++i)
            renderer.render(QString::number(i), QByteArray("entry ") + QByteArray::number(i % 10));
        QTRY_COMPARE(spy.count(), 40);
        QSet<QString> keys;
        for (const QList<QVariant> &args : spy) {
            const QString key = args.at(0).toString();
            keys.insert(key);
            QCOMPARE(args.at(1).value<RenderResult>().html,
                     QStringLiteral("<p>entry %1</p>\n").arg(key.toInt() % 10));
        }
        QCOMPARE(keys.size(), 40);
        QCOMPARE(renderer.cacheHits() + renderer.cacheMisses(), 40);
    }

    void hugeBodyAsyncIsTruncatedAndCacheBounded()
    {
        MarkdownRenderer renderer(1024); // far smaller than the HTML: must not be kept
        QByteArray body;
        while (body.size() < 5 * 1024 * 1024)
            body.append("para\n\n");
        QSignalSpy spy(&renderer, &MarkdownRenderer::rendered);
        renderer.render(QStringLiteral("big"), body);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 1, 60000);
        const auto result = spy.at(0).at(1).value<RenderResult>();
        QVERIFY(result.truncated);
        QCOMPARE(result.totalBytes, body.size());
        renderer.render(QStringLiteral("big"), body);
        QTRY_COMPARE_WITH_TIMEOUT(spy.count(), 2, 60000);
        QCOMPARE(renderer.cacheHits(), 0); // too costly to cache with this capacity
    }

    void destroyingWithWorkInFlightIsSafe()
    {
        QByteArray body;
        while (body.size() < 2 * 1024 * 1024)
            body.append("text *with* markup\n");
        auto *renderer = new MarkdownRenderer;
        int emissions = 0;
        connect(renderer, &MarkdownRenderer::rendered, this, [&emissions] { ++emissions; });
        for (int i = 0; i < 4; ++i)
            renderer->render(QString::number(i), body, RenderOptions{0});
        delete renderer; // waits for running jobs, drops their results
        QCoreApplication::processEvents();
        QCOMPARE(emissions, 0);
    }
};

QTEST_GUILESS_MAIN(TestMarkdownRenderer)
#include "test_markdown_renderer.moc"
