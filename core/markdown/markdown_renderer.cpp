#include "markdown_renderer.h"

#include <QCryptographicHash>
#include <QMutexLocker>
#include <QThread>

namespace zeiko::markdown {

MarkdownRenderer::MarkdownRenderer(qsizetype cacheCapacityBytes, QObject *parent)
    : QObject(parent)
    , m_cache(cacheCapacityBytes)
{
    // A private pool: rendering a 10 MB body must not starve the global pool, and the
    // destructor can wait for exactly our own jobs.
    m_pool.setMaxThreadCount(qMax(1, QThread::idealThreadCount() - 1));
}

MarkdownRenderer::~MarkdownRenderer()
{
    m_pool.clear();
    m_pool.waitForDone();
    // Results already posted to this object die with it (Qt drops its posted events).
}

QByteArray MarkdownRenderer::cacheKey(QByteArrayView markdownUtf8, const RenderOptions &options)
{
    QCryptographicHash hash(QCryptographicHash::Sha1);
    hash.addData(markdownUtf8);
    QByteArray key = hash.result();
    key.append(QByteArray::number(options.headLimitBytes <= 0 ? 0 : options.headLimitBytes));
    return key;
}

bool MarkdownRenderer::lookup(const QByteArray &key, RenderResult *result)
{
    QMutexLocker lock(&m_cacheMutex);
    if (const RenderResult *cached = m_cache.object(key)) {
        *result = *cached;
        ++m_hits;
        return true;
    }
    ++m_misses;
    return false;
}

void MarkdownRenderer::store(const QByteArray &key, const RenderResult &result)
{
    QMutexLocker lock(&m_cacheMutex);
    const qsizetype cost = qMax<qsizetype>(1, result.html.size() * qsizetype(sizeof(QChar)));
    m_cache.insert(key, new RenderResult(result), cost); // too big for the cache: not kept
}

void MarkdownRenderer::render(const QString &key, const QByteArray &markdownUtf8,
                              const RenderOptions &options)
{
    // Hashing a 10 MB body is itself work, so even the cache lookup runs on the worker;
    // a hit then costs one hop through the pool and no parsing.
    auto job = [this, key, markdownUtf8, options] {
        const QByteArray hashKey = cacheKey(markdownUtf8, options);
        RenderResult result;
        if (!lookup(hashKey, &result)) {
            result = renderHtml(QByteArrayView(markdownUtf8), options);
            store(hashKey, result);
        }
        QMetaObject::invokeMethod(
            this, [this, key, result] { emit rendered(key, result); }, Qt::QueuedConnection);
    };
    m_pool.start(job);
}

RenderResult MarkdownRenderer::renderCached(const QByteArray &markdownUtf8, const RenderOptions &options)
{
    const QByteArray hashKey = cacheKey(markdownUtf8, options);
    RenderResult result;
    if (lookup(hashKey, &result))
        return result;
    result = renderHtml(QByteArrayView(markdownUtf8), options);
    store(hashKey, result);
    return result;
}

void MarkdownRenderer::clearCache()
{
    QMutexLocker lock(&m_cacheMutex);
    m_cache.clear();
}

int MarkdownRenderer::cacheHits() const
{
    QMutexLocker lock(&m_cacheMutex);
    return m_hits;
}

int MarkdownRenderer::cacheMisses() const
{
    QMutexLocker lock(&m_cacheMutex);
    return m_misses;
}

} // namespace zeiko::markdown
