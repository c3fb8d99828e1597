#include "service/hashing_pool.h"

#include <QLoggingCategory>

#include <exception>

Q_LOGGING_CATEGORY(lcHashing, "zeiko.hashing")

namespace zeiko::service {

HashingPool::HashingPool(int threads)
{
    for (int i = 0; i < std::max(1, threads); ++i)
        m_threads.emplace_back([this] { work(); });
}

HashingPool::~HashingPool()
{
    stop();
}

void HashingPool::post(std::function<void()> run, std::function<void()> cancel, Clock::time_point notBefore)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_stopping) {
            m_queue.emplace(notBefore, Job{std::move(run), std::move(cancel)});
            m_wake.notify_one();
            return;
        }
    }
    if (cancel)
        cancel();
}

void HashingPool::stop()
{
    std::multimap<Clock::time_point, Job> cancelled;
    {
        std::lock_guard lock(m_mutex);
        if (m_stopping && m_threads.empty())
            return;
        m_stopping = true;
        cancelled.swap(m_queue);
        m_wake.notify_all();
    }
    for (std::thread &thread : m_threads)
        thread.join();
    m_threads.clear();
    for (auto &entry : cancelled) {
        if (entry.second.cancel)
            entry.second.cancel();
    }
}

void HashingPool::work()
{
    std::unique_lock lock(m_mutex);
    for (;;) {
        if (m_stopping)
            return;
        if (m_queue.empty()) {
            m_wake.wait(lock);
            continue;
        }
        const auto first = m_queue.begin();
        // A copy: another thread may take that job while this one sleeps.
        const Clock::time_point due = first->first;
        if (due > Clock::now()) {
            // Sleep until the earliest job is due or a new one arrives.
            m_wake.wait_until(lock, due);
            continue;
        }
        Job job = std::move(first->second);
        m_queue.erase(first);
        lock.unlock();
        try {
            job.run();
        } catch (const std::exception &e) {
            qCWarning(lcHashing) << "a password job threw:" << e.what();
        } catch (...) {
            qCWarning(lcHashing) << "a password job threw";
        }
        lock.lock();
    }
}

} // namespace zeiko::service
