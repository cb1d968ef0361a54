// StoreApiLogSink: puts the API log rows of HttpClient and the built-in server into the database.
// The one place where http/server output meets the store (architecture.md: clients never touch it).
// Rows are buffered and written many per transaction (PERF-1: not one fsync per logged call): inside
// the webhook intake's batch commit when there is one, otherwise 50 ms later, and on destruction.
// While the intake's commits keep taking the rows, the 50 ms flush waits for them to stop: it would
// otherwise be a commit of its own on the server thread, holding it up for an fsync (PERF-1's p99).
// The window's sink hands its rows to the worker thread the same way (setFlushElsewhere).
// Thread: one per thread that logs (the main thread's HTTP client; the server thread's own), each
// created, flushed and destroyed on its thread with that thread's connection; record() is any thread;
// writeBufferedInTransaction() runs on the thread of the transaction it joins (for the server's
// sink: the intake's writer thread, with that thread's connection).
#pragma once

#include "core/http/ApiLogSink.h"

#include <QList>
#include <QMutex>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>

namespace Bottega {

class ApiLogRepository;
class Database;

class StoreApiLogSink final : public ApiLogSink
{
public:
    explicit StoreApiLogSink(const Database &database);
    ~StoreApiLogSink() override; // writes what is still buffered (a clean shutdown loses nothing)

    void record(const ApiLogEntry &entry) override; // any thread
    // Writes the buffered rows inside the caller's open transaction, under a savepoint so that a
    // failing row never breaks it (those rows are then written by flush()). Always from one thread
    // (it may be another than flush()'s: each has its own prepared insert).
    void writeBufferedInTransaction();
    // Writes the buffered rows in one transaction of their own; rows that fail are reported on the
    // console and dropped, the others kept.
    void flush();
    // Where the rows nobody else wrote go after 50 ms instead of flush() on this thread: ask() gets
    // them written by writeBufferedInTransaction() elsewhere (the server's sink: in a commit of the
    // intake's writer thread, so that the server thread never waits for the database). After a
    // failed writeBufferedInTransaction() the next timeout uses flush() here (one row at a time).
    void setFlushElsewhere(std::function<void()> ask);

private:
    QList<ApiLogEntry> takeBuffer();

    const Database &m_database;
    QMutex m_mutex;
    QList<ApiLogEntry> m_buffer;
    QTimer m_timer; // single shot: the flush of rows nobody else wrote
    std::atomic<quint64> m_inTransactionCalls = 0; // writeBufferedInTransaction() so far
    std::atomic<bool> m_inTransactionFailed = false; // its rows came back to the buffer
    std::function<void()> m_flushElsewhere;
    quint64 m_inTransactionCallsSeen = 0; // at the timer's last timeout; the timer's thread only
    // Kept, so that its insert is prepared once and not per row (PERF-1): one for the rows written
    // inside the intake's commit, one for flush() (they may run on different threads).
    std::unique_ptr<ApiLogRepository> m_inTransaction;
    std::unique_ptr<ApiLogRepository> m_own;
};

} // namespace Bottega
