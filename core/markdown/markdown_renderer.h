#pragma once
// Renders markdown off the calling thread and remembers results, so opening a big
// thread never blocks the UI and reopening it costs nothing.

#include "markdown.h"

#include <QByteArray>
#include <QCache>
#include <QMutex>
#include <QObject>
#include <QThreadPool>

namespace zeiko::markdown {

class MarkdownRenderer : public QObject
{
    Q_OBJECT

public:
    // cacheCapacityBytes bounds the cached HTML (cost = UTF-16 bytes of the HTML).
    explicit MarkdownRenderer(qsizetype cacheCapacityBytes = 64 * 1024 * 1024,
                              QObject *parent = nullptr);
    // Waits for in-flight renders; their results are dropped (no signal after death).
    ~MarkdownRenderer() override;

    // Renders on a worker thread (or answers from the cache) and emits rendered(key, ...)
    // exactly once, always later from the event loop, never from inside this call.
    void render(const QString &key, const QByteArray &markdownUtf8, const RenderOptions &options = {});

    // Synchronous: the cached result, or a render on this thread (meant for small bodies).
    RenderResult renderCached(const QByteArray &markdownUtf8, const RenderOptions &options = {});

    void clearCache();

    // Counters for diagnostics and tests.
    int cacheHits() const;
    int cacheMisses() const;

signals:
    void rendered(const QString &key, const zeiko::markdown::RenderResult &result);

private:
    static QByteArray cacheKey(QByteArrayView markdownUtf8, const RenderOptions &options);
    bool lookup(const QByteArray &cacheKey, RenderResult *result);
    void store(const QByteArray &cacheKey, const RenderResult &result);

    QThreadPool m_pool;
    mutable QMutex m_cacheMutex; // guards m_cache and the counters (workers touch them)
    QCache<QByteArray, RenderResult> m_cache;
    int m_hits = 0;
    int m_misses = 0;
};

} // namespace zeiko::markdown
