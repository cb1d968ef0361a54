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

ForwardedSecretStore::ForwardedSecretStore(SecretStore &store, QObject *storeContext, QObject *callerContext)
    : m_store(store), m_storeContext(storeContext), m_callerContext(callerContext), m_name(store.name()),
      m_writable(store.isWritable())
{
}

namespace {

// Runs request on the store's thread; its answer comes back to the caller's thread, if that is
// still there. The QPointer is made here and read on the store's thread, which is also the thread
// that deletes the caller's context (after that thread has ended).
template<typename Answer>
void forward(QObject *storeContext, QObject *callerContext,
             std::function<void(std::function<void(const Answer &)>)> request,
             std::function<void(const Answer &)> done)
{
    QPointer<QObject> back(callerContext);
    QMetaObject::invokeMethod(
            storeContext,
            [request = std::move(request), done = std::move(done), back] {
                request([done, back](const Answer &answer) {
                    if (back)
                        QMetaObject::invokeMethod(back.data(), [done, answer] { done(answer); },
                                                  Qt::QueuedConnection);
                });
            },
            Qt::QueuedConnection);
}

} // namespace

void ForwardedSecretStore::read(const QString &key, ReadCallback done)
{
    forward<SecretLookup>(
            m_storeContext, m_callerContext,
            [store = &m_store, key](std::function<void(const SecretLookup &)> answer) {
                store->read(key, std::move(answer));
            },
            std::move(done));
}

void ForwardedSecretStore::write(const QString &key, const QString &value, WriteCallback done)
{
    forward<Result<void>>(
            m_storeContext, m_callerContext,
            [store = &m_store, key, value](std::function<void(const Result<void> &)> answer) {
                store->write(key, value, std::move(answer));
            },
            std::move(done));
}

void ForwardedSecretStore::remove(const QString &key, WriteCallback done)
{
    forward<Result<void>>(
            m_storeContext, m_callerContext,
            [store = &m_store, key](std::function<void(const Result<void> &)> answer) {
                store->remove(key, std::move(answer));
            },
            std::move(done));
}

} // namespace Bottega
