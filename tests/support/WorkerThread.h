// WorkerThread: the app's worker thread for BackgroundTasks in tests: work posted to it runs there,
// with that thread's own database connection. Owned by the test (main) thread.
#pragma once

#include "core/scheduler/BackgroundTasks.h"

#include <QObject>
#include <QThread>

namespace Bottega::Test {

class WorkerThread final
{
    Q_DISABLE_COPY_MOVE(WorkerThread)

public:
    WorkerThread()
    {
        m_context.moveToThread(&m_thread);
        m_thread.start();
    }
    ~WorkerThread()
    {
        m_thread.quit();
        m_thread.wait();
    }
    BackgroundTasks::Post post()
    {
        return [this](std::function<void()> work) {
            QMetaObject::invokeMethod(&m_context, std::move(work), Qt::QueuedConnection);
        };
    }
    QThread *thread() { return &m_thread; }

private:
    QThread m_thread;
    QObject m_context;
};

} // namespace Bottega::Test
