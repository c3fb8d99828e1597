#pragma once
// One background thread that runs a pass, then sleeps until the pass's
// next due time (never longer than `maxSleep`, so work written by other
// processes is seen soon) or until wake() — the loop the SLA timer, the
// outbound mail worker and the handoff dispatcher share. A pass that throws
// is logged and retried after `maxSleep`; wakes during a pass are not lost.

#include <QString>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

namespace zeiko::channels {

class PeriodicWorker
{
public:
    // Returns how long to sleep before the next pass; nullopt: maxSleep.
    using Pass = std::function<std::optional<std::chrono::milliseconds>()>;

    PeriodicWorker(QString name, std::chrono::milliseconds maxSleep, Pass pass);
    ~PeriodicWorker();
    PeriodicWorker(const PeriodicWorker &) = delete;
    PeriodicWorker &operator=(const PeriodicWorker &) = delete;

    void start();
    void stop();   // waits for a running pass to finish
    void wake();   // run a pass now (coalesced with other wakes)

private:
    void run();

    const QString m_name;
    const std::chrono::milliseconds m_maxSleep;
    const Pass m_pass;
    std::mutex m_mutex;
    std::condition_variable m_cv;
    bool m_running = false;
    bool m_woken = false;
    std::thread m_thread;
};

} // namespace zeiko::channels
