// BackgroundTasks: the one mechanism for long work the window starts (template sync's storing, CSV
// imports, ...; issue 14 point 1, issue 15 point 3): each task runs on the worker thread, reports
// its progress (done of total) and may be cancelled where that is safe; the window follows them by
// queued signals (the status bar's task list).
// Thread: the BackgroundTasks object is owned by the main (window) thread, where its signals are
// emitted and its methods are called. A task's work runs on the worker thread given as `post`, with
// that thread's own database connection; it must not touch objects of the main thread.
#pragma once

#include "core/domain/Result.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <atomic>
#include <functional>
#include <memory>

class QTimer;

namespace Bottega {

// What a running task's work sees: where it reports progress and whether it should stop.
// Thread-safe: written by the worker, read by the main thread.
class TaskProgress final
{
public:
    void setTotal(qint64 total) { m_total = total; }
    void setDone(qint64 done) { m_done = done; }
    qint64 total() const { return m_total; }
    qint64 done() const { return m_done; }
    // Set by cancel(); the work checks it between safe steps and returns early.
    bool cancelRequested() const { return m_cancel; }
    void requestCancel() { m_cancel = true; }

private:
    std::atomic<qint64> m_total {0};
    std::atomic<qint64> m_done {0};
    std::atomic<bool> m_cancel {false};
};

class BackgroundTasks final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BackgroundTasks)

public:
    // Its result: a text to show ("1,200 products imported") or an error.
    using Work = std::function<Result<QString>(TaskProgress &)>;
    // Runs a function on the worker thread.
    using Post = std::function<void(std::function<void()>)>;

    struct Task
    {
        int id = 0;
        QString title; // translated by the caller: "Importing products"
        bool cancellable = false;
        qint64 done = 0;
        qint64 total = 0;
    };

    explicit BackgroundTasks(Post post, QObject *parent = nullptr);
    ~BackgroundTasks() override; // asks running tasks to stop; their results are dropped

    // Starts work on the worker; returns the task's id. cancellable: the work checks
    // cancelRequested() at points where stopping leaves the data consistent.
    int start(const QString &title, Work work, bool cancellable = false);
    // Shows work that runs elsewhere (a scheduled job's run, started by the Scheduler) as a task of
    // this list: its progress is read from `progress`, cancel(id) asks it through `progress`, and it
    // is there until finishTracked(id). Returns the task's id.
    int track(const QString &title, std::shared_ptr<TaskProgress> progress, bool cancellable);
    // The tracked task `id` is over: finished is emitted with its result. Unknown ids are ignored.
    void finishTracked(int id, bool ok, const QString &result);
    // Asks a cancellable task to stop; false when it is unknown, finished or not cancellable.
    bool cancel(int id);
    QList<Task> running() const; // in start order, with their latest progress
    // A read for the window (a page's figures), not listed as a task: `work` runs on the worker with
    // its own connection and returns what to do with what it read; that runs here, on the main
    // thread, unless `context` or this object has gone by then.
    using Read = std::function<std::function<void()>()>;
    void read(QObject *context, Read work);
    // How often progress is reported while tasks run (default 200 ms).
    void setProgressIntervalMs(int ms);

Q_SIGNALS:
    void started(int id, const QString &title);
    void progressed(int id, qint64 done, qint64 total);
    // ok false: result is the error (or "cancelled" when the work stopped on request).
    void finished(int id, bool ok, const QString &result);

private:
    struct Running
    {
        QString title;
        bool cancellable = false;
        std::shared_ptr<TaskProgress> progress;
        qint64 reportedDone = -1;
        qint64 reportedTotal = -1;
    };
    void report();
    void finish(int id, bool ok, const QString &result);

    Post m_post;
    QHash<int, Running> m_running;
    QList<int> m_order;
    int m_nextId = 1;
    int m_intervalMs = 200;
    QTimer *m_timer = nullptr;
    // Where finished work is posted; cleared under its lock when this object goes, so a task ending
    // on the worker never posts to a deleted object.
    struct Inbox;
    std::shared_ptr<Inbox> m_inbox;
};

} // namespace Bottega
