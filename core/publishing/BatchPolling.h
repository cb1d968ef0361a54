// BatchPolling (BATCH-3): asks Poleepo how its submitted batches are doing and records, per item,
// draft, error (Poleepo's code and message, e.g. PARENT_NOT_FOUND) or done (the Poleepo product id
// stored, Needs update cleared). Never more than Poleepo's 5 status requests per batch within 10
// minutes: each request is recorded in the database, with the database's clock, before it is
// made, so that every process and every `batch poll` counts the same ones; a 429 stores the time
// to wait until. An answer missing items or naming SKUs the batch does not have is an error on that
// batch and changes nothing else; Poleepo unreachable leaves the batch submitted for the next run.
// With poleepo.enabled false it asks nothing and says so (Report::switchedOff).
// Lives on the worker thread, with the client.
#pragma once

#include "core/domain/Progress.h"
#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QObject>
#include <functional>
#include <memory>

namespace Bottega {

class Database;
class PoleepoClient;
class Settings;

class BatchPolling final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::BatchPolling)
    Q_DISABLE_COPY_MOVE(BatchPolling)

public:
    struct Report
    {
        int asked = 0; // status requests made
        int finished = 0; // batches Poleepo finished in this run
        int waiting = 0; // batches skipped: the limit or a 429's wait
        QStringList errors; // one line per batch that could not be read
        bool switchedOff = false; // poleepo.enabled is false: nothing was asked
        bool cancelled = false; // stopped on request between two batches; the rest wait
    };
    using Callback = std::function<void(Result<Report>)>;

    BatchPolling(const Database &database, PoleepoClient &poleepo, const Settings &settings);

    // Polls each submitted batch once, in turn. Answers once, later; not at all once `context` is
    // gone. With Poleepo switched off it answers at once with switchedOff set and asks nothing.
    // progress hears "batches polled of total" before each batch; its false stops there
    // (Report::cancelled): each batch's answer is applied whole, the rest are asked next time.
    void poll(QObject *context, Callback done, ProgressReport progress = {});

private:
    struct Pending;
    static void pollNext(std::shared_ptr<Pending> pending);

    const Database &m_database;
    PoleepoClient &m_poleepo;
    const Settings &m_settings;
};

} // namespace Bottega
