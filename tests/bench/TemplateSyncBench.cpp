// PERF-3: sync of a 500-variant Gelato template from the fake on loopback (fetch, parse, store in one
// transaction) on SQLite. Prints the median of several runs next to the target; never fails on time.
#include "core/products/TemplateSync.h"
#include "tests/support/database/TestDatabase.h"
#include "tests/support/fakes/GelatoTestRig.h"

#include <QElapsedTimer>
#include <algorithm>
#include <cstdio>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

TEST(Perf3, TemplateSync500Variants)
{
    constexpr int runs = 7;
    QList<qint64> times;
    GelatoTestRig rig;
    ASSERT_TRUE(rig.started);
    for (int i = 0; i < runs; ++i) {
        auto database = TestDatabase::create(Backend::Sqlite);
        ASSERT_TRUE(database.ok()) << database.error().toStdString();
        TemplateSync sync((*database)->database(), rig.gelato);
        std::optional<Result<TemplateSyncSummary>> result;
        QObject context;
        QObject::connect(&sync, &TemplateSync::finished, &context,
                         [&result](const Result<TemplateSyncSummary> &r) { result.emplace(r); });
        QElapsedTimer timer;
        timer.start();
        sync.start(QString::fromLatin1(GelatoFake::bigId));
        ASSERT_TRUE(waitUntil([&result] { return result.has_value(); }, 60000));
        const qint64 elapsed = timer.elapsed();
        ASSERT_TRUE(result->ok()) << result->error().toStdString();
        ASSERT_EQ(result->value().variantsCreated, 500);
        times.append(elapsed);
    }
    std::sort(times.begin(), times.end());
    const qint64 median = times.at(runs / 2);
    std::printf("PERF-3 template sync (500 variants): %lld ms (target ≤ 200 ms)\n",
                static_cast<long long>(median));
    std::printf("  runs (sorted, ms):");
    for (qint64 t : times)
        std::printf(" %lld", static_cast<long long>(t));
    std::printf("\n");
}

} // namespace
} // namespace Bottega::Test
