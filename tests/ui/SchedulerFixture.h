// SchedulerFixture: a real Scheduler on a fresh, migrated SQLite database with four jobs whose
// intervals (90 s, 10 min, 1 h, manual) sort differently as numbers than as display text.
#pragma once

#include "core/scheduler/Scheduler.h"
#include "tests/support/database/TestDatabase.h"

#include <QHash>
#include <gtest/gtest.h>
#include <memory>

namespace Bottega::Test {

class SchedulerFixture : public testing::Test
{
protected:
    void SetUp() override;
    void TearDown() override;

    Scheduler &scheduler() { return *m_scheduler; }
    int runs(const QString &name) const;

    // The jobs, in registration order.
    static QString processWebhooks() { return QStringLiteral("process-webhooks"); } // 90 s, min 30 s
    static QString pollBatches() { return QStringLiteral("poll-batches"); } // 10 min, min 10 min
    static QString cleanupApiLog() { return QStringLiteral("cleanup-api-log"); } // 1 h
    static QString cleanupWebhooks() { return QStringLiteral("cleanup-webhooks"); } // manual, fails
    static QString processWebhooksResult() { return QStringLiteral("3 calls processed"); }
    static QString cleanupWebhooksError() { return QStringLiteral("the queue table is busy"); }

private:
    std::unique_ptr<TestDatabase> m_database;
    std::unique_ptr<Scheduler> m_scheduler;
    QHash<QString, int> m_runs;
};

} // namespace Bottega::Test
