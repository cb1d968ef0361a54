#include "tests/ui/SchedulerFixture.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {

void SchedulerFixture::SetUp()
{
    auto created = TestDatabase::create(Backend::Sqlite);
    ASSERT_TRUE(created.ok()) << created.error().toStdString();
    m_database = std::move(created).value();
    // Not started: no timer runs a job behind the test's back; runNow() and the model still work.
    m_scheduler = std::make_unique<Scheduler>(m_database->database());

    auto job = [this](const QString &name, const char *title, int interval, int minimum, JobResult result) {
        JobDefinition definition;
        definition.name = name;
        definition.title = title;
        definition.defaultIntervalSeconds = interval;
        definition.minIntervalSeconds = minimum;
        definition.run = [this, name, result](JobDefinition::Done done) {
            ++m_runs[name];
            done(result);
        };
        m_scheduler->registerJob(definition);
    };
    job(processWebhooks(), "Process webhook queue", 90, 30, JobResult::success(processWebhooksResult()));
    job(pollBatches(), "Poll product batches", 600, 600, JobResult::success());
    job(cleanupApiLog(), "Clean up the API log", 3600, 0, JobResult::success());
    job(cleanupWebhooks(), "Clean up webhook queue", 0, 0, JobResult::failure(cleanupWebhooksError()));
}

void SchedulerFixture::TearDown()
{
    m_scheduler.reset();
    m_database.reset();
}

int SchedulerFixture::runs(const QString &name) const
{
    return m_runs.value(name);
}

} // namespace Bottega::Test
