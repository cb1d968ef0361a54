// ServiceThread: one of the process's service threads (the built-in server's, the worker's): a
// QThread running its own event loop, with a way to run work on it, waiting for it or not. The
// objects a service thread owns are created and destroyed inside run()/post() work, so that they,
// their timers and their database connection (Database::connection() is per thread) belong to it.
// Thread: the ServiceThread object itself is owned by the main thread, which starts and stops it.
#pragma once

#include "core/secrets/SecretStore.h"

#include <QPointer>
#include <QString>
#include <QThread>
#include <functional>

namespace Bottega {

class ServiceThread final
{
    Q_DISABLE_COPY_MOVE(ServiceThread)

public:
    explicit ServiceThread(const QString &name);
    ~ServiceThread(); // stop()

    void start(); // idempotent
    bool isRunning() const;
    // Runs work on the thread and waits for it (from the calling thread; never from the thread itself,
    // where it runs work directly).
    void run(const std::function<void()> &work);
    // Queues work on the thread and returns at once.
    void post(std::function<void()> work);
    // An object living on the thread: the context for queued connections and invokeMethod.
    QObject *context() const { return m_context; }
    // Ends the event loop once the queued work is done, and waits for the thread to finish.
    void stop();

private:
    QThread m_thread;
    QObject *m_context = nullptr; // moved to m_thread; deleted by the thread's last work
};

// ForwardedSecretStore: the secret store as seen from a service thread (the worker's own Gelato and
// Poleepo clients): every request is made by the process's store on the thread where it answers
// (the main thread: the keychain's jobs live there), and each answer is brought back, queued, to the
// thread that asked. Answers arriving after that thread's context is gone are dropped.
// Thread: created, used and destroyed on the asking thread; `store` is only touched on the thread
// of `storeContext`.
class ForwardedSecretStore final : public SecretStore
{
public:
    // callerContext: an object of the asking thread (ServiceThread::context()).
    ForwardedSecretStore(SecretStore &store, QObject *storeContext, QObject *callerContext);

    QString name() const override { return m_name; }
    bool isWritable() const override { return m_writable; }
    void read(const QString &key, ReadCallback done) override;
    void write(const QString &key, const QString &value, WriteCallback done) override;
    void remove(const QString &key, WriteCallback done) override;

private:
    SecretStore &m_store;
    QObject *m_storeContext;
    QObject *m_callerContext;
    QString m_name;
    bool m_writable;
};

} // namespace Bottega
