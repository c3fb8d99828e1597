#include "channels/periodic_worker.h"

#include <QLoggingCategory>

#include <algorithm>

Q_LOGGING_CATEGORY(lcWorker, "zeiko.worker")

namespace zeiko::channels {

PeriodicWorker::PeriodicWorker(QString name, std::chrono::milliseconds maxSleep, Pass pass)
    : m_name(std::move(name))
    , m_maxSleep(maxSleep)
    , m_pass(std::move(pass))
{
}

PeriodicWorker::~PeriodicWorker()
{
    stop();
}

void PeriodicWorker::start()
{
    std::lock_guard lock(m_mutex);
    if (m_running)
        return;
    m_running = true;
    m_thread = std::thread([this] { run(); });
}

void PeriodicWorker::stop()
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_running)
            return;
        m_running = false;
    }
    m_cv.notify_all();
    if (m_thread.joinable())
        m_thread.join();
}

void PeriodicWorker::wake()
{
    {
        std::lock_guard lock(m_mutex);
        m_woken = true;
    }
    m_cv.notify_all();
}

void PeriodicWorker::run()
{
    std::unique_lock lock(m_mutex);
    while (m_running) {
        m_woken = false;   // cleared before the pass: a wake during it means "again"
        lock.unlock();
        std::chrono::milliseconds sleep = m_maxSleep;
        try {
            if (const auto next = m_pass())
                sleep = std::clamp(*next, std::chrono::milliseconds(1), m_maxSleep);
        } catch (const std::exception &e) {
            qCWarning(lcWorker).noquote() << m_name << "pass failed:" << e.what();
        }
        lock.lock();
        m_cv.wait_for(lock, sleep, [this] { return !m_running || m_woken; });
    }
}

} // namespace zeiko::channels
