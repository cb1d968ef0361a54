// PoleepoImportJob: the job import-poleepo-orders (SHIP-1's fallback, SCHED-1). Pages through
// `GET orders?updated_after=<cursor>` (a page shorter than the page size is the last) and imports
// each order with PoleepoOrderImport. The cursor lives in the database and moves on only when every
// page was read and stored, to when the run began: an outage or a crash loses nothing, and an order
// read twice is simply updated. Lives on the worker thread, like PoleepoClient.
#pragma once

#include "core/domain/Result.h"

#include <QCoreApplication>
#include <QObject>
#include <functional>
#include <memory>

namespace Bottega {

class Clock;
class Database;
class PoleepoClient;
class PoleepoOrderImport;

class PoleepoImportJob final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoleepoImportJob)

public:
    static constexpr auto cursorName = "import-poleepo-orders";

    struct Summary
    {
        int created = 0;
        int updated = 0; // imported again with something new
        int unchanged = 0;
    };

    PoleepoImportJob(Database &database, PoleepoClient &poleepo, const Clock *clock = nullptr,
                     QObject *parent = nullptr);
    ~PoleepoImportJob() override;

    void setPageSize(int size) { m_pageSize = qBound(1, size, 100); }

    // Imports what changed since the cursor; answers once, later (never once `context` is gone).
    void run(QObject *context, std::function<void(Result<Summary>)> done);

private:
    struct Run;
    void nextPage(const std::shared_ptr<Run> &run);

    Database &m_database;
    PoleepoClient &m_poleepo;
    const Clock *m_clock;
    std::unique_ptr<PoleepoOrderImport> m_import;
    int m_pageSize = 100;
};

} // namespace Bottega
