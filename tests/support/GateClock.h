// GateClock: the system clock, which also records from which threads it is read (repositories read it
// for each row they write, so it tells on which thread a use case stored) and can hold the Nth read
// made off the main thread until the test releases it: a deterministic "half-way through" for
// tests of cancelling work that runs on the worker thread. Read from any thread.
#pragma once

#include "core/domain/Clock.h"

#include <QCoreApplication>
#include <QMutex>
#include <QSemaphore>
#include <QSet>
#include <QThread>
#include <atomic>

namespace Bottega::Test {

class GateClock final : public Clock
{
public:
    QDateTime now() const override
    {
        QThread *thread = QThread::currentThread();
        {
            const QMutexLocker lock(&m_mutex);
            m_threads.insert(thread);
        }
        if (thread != QCoreApplication::instance()->thread()) {
            const int read = ++m_offMainReads;
            if (read == m_holdAt.load()) {
                m_held.release();
                m_gate.acquire();
            }
        }
        return Clock::now();
    }

    // Holds the nth read made off the main thread (1 = the first) until release().
    void holdAt(int nth) { m_holdAt = nth; }
    // Waits (up to ms) until a read is held.
    bool waitHeld(int ms) { return m_held.tryAcquire(1, ms); }
    void release() { m_gate.release(); }

    QSet<QThread *> threads() const
    {
        const QMutexLocker lock(&m_mutex);
        return m_threads;
    }
    int offMainReads() const { return m_offMainReads; }

private:
    mutable QMutex m_mutex;
    mutable QSet<QThread *> m_threads;
    mutable std::atomic<int> m_offMainReads {0};
    std::atomic<int> m_holdAt {0};
    mutable QSemaphore m_held;
    mutable QSemaphore m_gate;
};

} // namespace Bottega::Test
