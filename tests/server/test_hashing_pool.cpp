// The sign-in hashing pool (service/hashing_pool.h): never more jobs at once
// than its threads, and a job waiting for its due time holds no thread.

#include "service/hashing_pool.h"

#include <QTest>

#include <atomic>
#include <future>

using zeiko::service::HashingPool;

class TestHashingPool : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void neverRunsMoreJobsThanThreads()
    {
        HashingPool pool(2);
        std::atomic<int> running{0};
        std::atomic<int> mostAtOnce{0};
        std::atomic<int> finished{0};
        std::promise<void> release;
        const std::shared_future<void> released = release.get_future().share();
        for (int i = 0; i < 6; ++i) {
            pool.post(
                [&, released] {
                    const int now = ++running;
                    for (int seen = mostAtOnce.load(); now > seen && !mostAtOnce.compare_exchange_weak(seen, now);) {
                    }
                    released.wait();
                    --running;
                    ++finished;
                },
                {});
        }
        QTRY_COMPARE(running.load(), 2);   // two started and block; four wait in the queue
        release.set_value();
        QTRY_COMPARE(finished.load(), 6);
        QCOMPARE(mostAtOnce.load(), 2);
    }

    void aJobWaitingForItsTimeHoldsNoThread()
    {
        HashingPool pool(1);
        std::atomic<bool> lateRan{false};
        std::atomic<bool> lateCancelled{false};
        std::atomic<bool> nowRan{false};
        // Due in an hour: it waits in the queue...
        pool.post([&] { lateRan = true; }, [&] { lateCancelled = true; },
                  HashingPool::Clock::now() + std::chrono::hours(1));
        // ...while the only thread runs what is due now.
        pool.post([&] { nowRan = true; }, {});
        QTRY_VERIFY(nowRan.load());
        QVERIFY(!lateRan.load());
        // Stopping cancels what never ran, and what is posted afterwards.
        pool.stop();
        QVERIFY(lateCancelled.load());
        QVERIFY(!lateRan.load());
        bool cancelledAfterStop = false;
        pool.post([] {}, [&] { cancelledAfterStop = true; });
        QVERIFY(cancelledAfterStop);
    }

    void dueJobsRunInOrder()
    {
        HashingPool pool(1);
        std::mutex mutex;
        QList<int> order;
        std::atomic<int> done{0};
        const auto now = HashingPool::Clock::now();
        for (int i : {3, 1, 2}) {
            pool.post(
                [&, i] {
                    std::lock_guard lock(mutex);
                    order.append(i);
                    ++done;
                },
                {}, now + std::chrono::milliseconds(i * 200));
        }
        QTRY_COMPARE(done.load(), 3);
        QCOMPARE(order, (QList<int>{1, 2, 3}));
    }
};

QTEST_GUILESS_MAIN(TestHashingPool)
#include "test_hashing_pool.moc"
