// `bottega log list` and `bottega log cleanup` as a user runs them: filters, --json, --since in both
// forms, bad input refused with a one-line reason and exit 2, cleanup by log.retention-days.
#include "core/store/ApiLogRepository.h"
#include "core/store/Database.h"
#include "tests/app/BottegaProcess.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

std::unique_ptr<Database> openLogStore(const QString &dataDir)
{
    DatabaseLocation location;
    location.sqlitePath = QDir(dataDir).filePath(u"bottega.sqlite"_s);
    auto database = Database::open(location);
    EXPECT_TRUE(database.ok()) << qPrintable(database.error());
    if (!database)
        return nullptr;
    EXPECT_TRUE((*database)->migrate().ok());
    return std::move(*database);
}

QList<int> statuses(const QString &json)
{
    QList<int> result;
    const QJsonArray rows = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &row : rows)
        result.append(row.toObject().value("status"_L1).toInt());
    return result;
}

TEST(LogCli, ListFiltersAndCleanup)
{
    BottegaProcess bottega;
    const QDateTime now = QDateTime::currentDateTimeUtc();
    {
        auto store = openLogStore(bottega.dataDir());
        ASSERT_TRUE(store);
        ApiLogRepository log(*store);
        const auto add = [&](qint64 hoursAgo, const QString &service, int status, const QString &url) {
            ApiLogEntry entry;
            entry.time = now.addSecs(-3600 * hoursAgo);
            entry.service = service;
            entry.method = "GET";
            entry.url = url;
            entry.status = status;
            ASSERT_TRUE(log.insert(entry).ok());
        };
        add(24 * 40, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders/old"_s); // 40 days ago
        add(5, u"poleepo"_s, 429, u"https://api.poleepo.cloud/products/batch/7"_s);
        add(3, u"gelato"_s, 503, u"https://order.gelatoapis.com/v4/orders:quote"_s);
        add(2, u"gelato"_s, 404, u"https://order.gelatoapis.com/v4/orders/9"_s);
        add(1, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders/9"_s);
    }

    const ProcessResult all = bottega.run({u"log"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(all.exitCode, 0) << qPrintable(all.err);
    EXPECT_EQ(statuses(all.out), QList<int>({200, 404, 503, 429, 200}));
    const QJsonObject first = QJsonDocument::fromJson(all.out.toUtf8()).array().at(1).toObject();
    EXPECT_EQ(first.value("statusText"_L1).toString(), u"404 Not Found"_s);
    EXPECT_EQ(first.value("direction"_L1).toString(), u"outbound"_s);
    for (const auto key : {"id"_L1, "time"_L1, "service"_L1, "method"_L1, "url"_L1, "durationMs"_L1,
                           "requestSize"_L1, "responseSize"_L1, "attempts"_L1, "error"_L1})
        EXPECT_TRUE(first.contains(key)) << key.data();

    EXPECT_EQ(statuses(bottega.run({u"log"_s, u"list"_s, u"--service"_s, u"poleepo"_s, u"--json"_s}).out),
              QList<int>({429}));
    EXPECT_EQ(statuses(bottega.run({u"log"_s, u"list"_s, u"--status-class"_s, u"5xx"_s, u"--json"_s}).out),
              QList<int>({503}));
    EXPECT_EQ(statuses(bottega.run({u"log"_s, u"list"_s, u"--status-class"_s, u"4xx"_s, u"--json"_s}).out),
              QList<int>({404, 429}));
    EXPECT_EQ(statuses(bottega.run({u"log"_s, u"list"_s, u"--since"_s, u"150m"_s, u"--json"_s}).out),
              QList<int>({200, 404}));
    const QString since = now.addSecs(-4 * 3600).toString(Qt::ISODate);
    EXPECT_EQ(statuses(bottega.run({u"log"_s, u"list"_s, u"--since"_s, since, u"--json"_s}).out),
              QList<int>({200, 404, 503}));
    EXPECT_EQ(statuses(bottega.run({u"log"_s, u"list"_s, u"--limit"_s, u"2"_s, u"--json"_s}).out),
              QList<int>({200, 404}));

    const ProcessResult text = bottega.run({u"log"_s, u"list"_s, u"--service"_s, u"gelato"_s});
    EXPECT_EQ(text.exitCode, 0);
    EXPECT_TRUE(text.out.contains("503 Service Unavailable"_L1)) << qPrintable(text.out);
    EXPECT_FALSE(text.out.contains("poleepo"_L1));
    const ProcessResult none = bottega.run({u"log"_s, u"list"_s, u"--service"_s, u"files"_s});
    EXPECT_EQ(none.exitCode, 0);
    EXPECT_TRUE(none.out.contains("No API log calls match."_L1)) << qPrintable(none.out);

    // Bad input: a one-line reason naming the problem, exit 2, nothing printed on stdout.
    const QList<std::pair<QStringList, QString>> bad {
            {{u"--status-class"_s, u"3yy"_s}, u"--status-class: \"3yy\""_s},
            {{u"--since"_s, u"yesterday"_s}, u"--since: \"yesterday\""_s},
            {{u"--since"_s, u"2026-13-45"_s}, u"--since: \"2026-13-45\""_s},
            {{u"--limit"_s, u"-3"_s}, u"--limit: \"-3\""_s},
            {{u"--service"_s, u"ebay"_s}, u"--service: \"ebay\""_s},
    };
    for (const auto &[options, reason] : bad) {
        const ProcessResult refused = bottega.run(QStringList {u"log"_s, u"list"_s} + options);
        EXPECT_EQ(refused.exitCode, 2) << qPrintable(options.join(u' '));
        EXPECT_TRUE(refused.err.contains(reason)) << qPrintable(refused.err);
        EXPECT_TRUE(refused.out.isEmpty());
    }
    EXPECT_EQ(bottega.run({u"log"_s, u"frobnicate"_s}).exitCode, 2);
    EXPECT_EQ(bottega.run({u"log"_s, u"cleanup"_s, u"--service"_s, u"gelato"_s}).exitCode, 2);

    // Cleanup: the retention setting (30 days by default) decides; only the 40-day-old call goes.
    const ProcessResult cleanup = bottega.run({u"log"_s, u"cleanup"_s, u"--json"_s});
    ASSERT_EQ(cleanup.exitCode, 0) << qPrintable(cleanup.err);
    const QJsonObject removed = QJsonDocument::fromJson(cleanup.out.toUtf8()).object();
    EXPECT_EQ(removed.value("removed"_L1).toInt(), 1);
    EXPECT_EQ(removed.value("retentionDays"_L1).toInt(), 30);
    EXPECT_EQ(statuses(bottega.run({u"log"_s, u"list"_s, u"--json"_s}).out),
              QList<int>({200, 404, 503, 429}));
    const ProcessResult again = bottega.run({u"log"_s, u"cleanup"_s});
    EXPECT_EQ(again.exitCode, 0) << qPrintable(again.err);
    EXPECT_TRUE(again.out.contains("0 API log calls older than 30 days removed"_L1)) << qPrintable(again.out);
}

} // namespace
} // namespace Bottega::Test
