#include "core/scheduler/BackgroundTasks.h"

#include <QPointer>

#include <QMutex>
#include <QTimer>

namespace Bottega {

struct BackgroundTasks::Inbox
{
    QMutex mutex;
    BackgroundTasks *target = nullptr;
};

BackgroundTasks::BackgroundTasks(Post post, QObject *parent)
    : QObject(parent), m_post(std::move(post)), m_timer(new QTimer(this)),
      m_inbox(std::make_shared<Inbox>())
{
    m_inbox->target = this;
    m_timer->setInterval(m_intervalMs);
    connect(m_timer, &QTimer::timeout, this, &BackgroundTasks::report);
}

BackgroundTasks::~BackgroundTasks()
{
    {
        const QMutexLocker lock(&m_inbox->mutex);
        m_inbox->target = nullptr;
    }
    for (const Running &task : std::as_const(m_running))
        task.progress->requestCancel();
}

void BackgroundTasks::setProgressIntervalMs(int ms)
{
    m_intervalMs = std::max(10, ms);
    m_timer->setInterval(m_intervalMs);
}

int BackgroundTasks::start(const QString &title, Work work, bool cancellable)
{
    const int id = m_nextId++;
    auto progress = std::make_shared<TaskProgress>();
    m_running.insert(id, {title, cancellable, progress});
    m_order.append(id);
    Q_EMIT started(id, title);
    if (!m_timer->isActive())
        m_timer->start();
    m_post([work = std::move(work), progress, id, inbox = m_inbox] {
        const Result<QString> result = work(*progress);
        // Back to the main thread, unless the object has gone (then the result is dropped).
        const QMutexLocker lock(&inbox->mutex);
        BackgroundTasks *self = inbox->target;
        if (!self)
            return;
        QMetaObject::invokeMethod(
                self,
                [self, id, result] {
                    self->report();
                    self->m_running.remove(id);
                    self->m_order.removeOne(id);
                    if (self->m_running.isEmpty())
                        self->m_timer->stop();
                    Q_EMIT self->finished(id, result.ok(), result.ok() ? *result : result.error());
                },
                Qt::QueuedConnection);
    });
    return id;
}

void BackgroundTasks::read(QObject *context, Read work)
{
    // Read (and compared with null) on the main thread only.
    QPointer<QObject> guard(context);
    m_post([work = std::move(work), guard, inbox = m_inbox] {
        std::function<void()> show = work();
        const QMutexLocker lock(&inbox->mutex);
        if (!inbox->target || !show)
            return;
        QMetaObject::invokeMethod(
                inbox->target,
                [guard, show = std::move(show)] {
                    if (guard)
                        show();
                },
                Qt::QueuedConnection);
    });
}

int BackgroundTasks::track(const QString &title, std::shared_ptr<TaskProgress> progress, bool cancellable)
{
    const int id = m_nextId++;
    m_running.insert(id, {title, cancellable, progress ? std::move(progress) : std::make_shared<TaskProgress>()});
    m_order.append(id);
    Q_EMIT started(id, title);
    if (!m_timer->isActive())
        m_timer->start();
    return id;
}

void BackgroundTasks::finishTracked(int id, bool ok, const QString &result)
{
    if (m_running.contains(id))
        finish(id, ok, result);
}

void BackgroundTasks::finish(int id, bool ok, const QString &result)
{
    report();
    m_running.remove(id);
    m_order.removeOne(id);
    if (m_running.isEmpty())
        m_timer->stop();
    Q_EMIT finished(id, ok, result);
}

bool BackgroundTasks::cancel(int id)
{
    const auto it = m_running.constFind(id);
    if (it == m_running.cend() || !it->cancellable)
        return false;
    it->progress->requestCancel();
    return true;
}

QList<BackgroundTasks::Task> BackgroundTasks::running() const
{
    QList<Task> tasks;
    for (const int id : m_order) {
        const Running &task = m_running[id];
        tasks.append({id, task.title, task.cancellable, task.progress->done(), task.progress->total()});
    }
    return tasks;
}

void BackgroundTasks::report()
{
    for (const int id : std::as_const(m_order)) {
        Running &task = m_running[id];
        const qint64 done = task.progress->done();
        const qint64 total = task.progress->total();
        if (done == task.reportedDone && total == task.reportedTotal)
            continue;
        task.reportedDone = done;
        task.reportedTotal = total;
        Q_EMIT progressed(id, done, total);
    }
}

} // namespace Bottega
