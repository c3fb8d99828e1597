#pragma once
// Where password work runs (security review, issue 10, finding 10): a few
// threads of its own, never the HTTP handler pool, so a burst of sign-ins
// cannot take every handler. At most `threads` jobs run at once; the rest
// wait in a queue. A job may carry a not-before time (the sign-in
// throttle's delay): until then it waits in the queue and holds no thread,
// so a delayed sign-in costs a queue entry, not a blocked thread.
//
// The queue is bounded by the HTTP layer: each job belongs to a request on
// an open connection (maxConnections).

#include <QtGlobal>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <thread>
#include <vector>

namespace zeiko::service {

class HashingPool
{
public:
    using Clock = std::chrono::steady_clock;

    explicit HashingPool(int threads);
    ~HashingPool();   // stop()
    HashingPool(const HashingPool &) = delete;
    HashingPool &operator=(const HashingPool &) = delete;

    // Queues `run` to run on a pool thread, not before `notBefore` (jobs due
    // at the same time run in the order posted). A job that never runs
    // because the pool stops gets `cancel` instead, on the stopping thread;
    // after stop() `cancel` runs at once on the caller's thread.
    void post(std::function<void()> run, std::function<void()> cancel, Clock::time_point notBefore = {});
    // Runs no more jobs: cancels the queued ones, waits for the running
    // ones, joins the threads. Safe to call twice.
    void stop();

    int threadCount() const { return int(m_threads.size()); }

private:
    struct Job {
        std::function<void()> run;
        std::function<void()> cancel;
    };
    void work();

    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::multimap<Clock::time_point, Job> m_queue;   // by due time, FIFO among equals
    bool m_stopping = false;
    std::vector<std::thread> m_threads;
};

} // namespace zeiko::service
