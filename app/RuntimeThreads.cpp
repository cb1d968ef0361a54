#include "app/RuntimeThreads.h"

#include <QMetaObject>

namespace Bottega {

ServiceThread::ServiceThread(const QString &name) : m_context(new QObject)
{
    m_thread.setObjectName(name);
    m_context->moveToThread(&m_thread);
}

ServiceThread::~ServiceThread()
{
    stop();
    delete m_context; // the thread has ended: nobody uses it any more
}

void ServiceThread::start()
{
    if (!m_thread.isRunning() && !m_thread.isFinished())
        m_thread.start();
}

bool ServiceThread::isRunning() const
{
    return m_thread.isRunning();
}

void ServiceThread::run(const std::function<void()> &work)
{
    if (QThread::currentThread() == &m_thread || !m_thread.isRunning()) {
        work();
        return;
    }
    QMetaObject::invokeMethod(m_context, [&work] { work(); }, Qt::BlockingQueuedConnection);
}

void ServiceThread::post(std::function<void()> work)
{
    QMetaObject::invokeMethod(m_context, std::move(work), Qt::QueuedConnection);
}

void ServiceThread::stop()
{
    if (!m_thread.isRunning())
        return;
    // After the work already queued: quit() is itself queued behind it.
    QMetaObject::invokeMethod(m_context, [this] { m_thread.quit(); }, Qt::QueuedConnection);
    m_thread.wait();
}

} // namespace Bottega
