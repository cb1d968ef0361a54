// The API log page and its model on a real SQLite database: filters, key paging through the whole
// log with a bounded window, the end of the log, the detail view (headers, pretty JSON, text,
// a several-MB body cut), redaction of a real call's secrets in the page and in "copy as curl",
// the related order, and bad input (nothing matches, a time range given backwards).
#include "ui/pages/ApiLogPage.h"

#include "core/http/HttpClient.h"
#include "core/store/ApiLogRepository.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"
#include "tests/support/fakes/FakeHttpServer.h"
#include "tests/support/fakes/RecordingApiLogSink.h"
#include "ui/models/ApiLogTableModel.h"
#include "ui/models/ApiLogText.h"
#include "ui/widgets/InlineMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSqlError>
#include <QSqlQuery>
#include <QTableView>
#include <QTimeZone>
#include <gtest/gtest.h>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

const QDateTime start(QDate(2026, 11, 2), QTime(9, 0), QTimeZone::utc());

class ApiLogPageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto created = TestDatabase::create(Backend::Sqlite);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
        m_store = std::move(*created);
    }

    Database &db() { return m_store->database(); }

    qint64 add(int minute, const QString &service, int status, const QString &url,
               ApiLogEntry::Direction direction = ApiLogEntry::Direction::Outbound)
    {
        ApiLogEntry entry;
        entry.time = start.addSecs(60 * minute);
        entry.direction = direction;
        entry.service = service;
        entry.method = "GET";
        entry.url = url;
        entry.status = status;
        entry.durationMs = minute;
        return add(entry);
    }

    qint64 add(const ApiLogEntry &entry)
    {
        const auto id = ApiLogRepository(db()).insert(entry);
        EXPECT_TRUE(id.ok()) << qPrintable(id.error());
        return id ? *id : 0;
    }

    // The minutes (duration) of the rows the model holds, top to bottom.
    static QList<qint64> minutes(const ApiLogTableModel &model)
    {
        QList<qint64> result;
        for (int row = 0; row < model.rowCount(); ++row)
            result.append(model.entryAt(row).durationMs);
        return result;
    }

    void addSample()
    {
        add(0, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders"_s);
        add(1, u"poleepo"_s, 429, u"https://api.poleepo.cloud/products/batch/7"_s);
        add(2, u"gelato"_s, 503, u"https://order.gelatoapis.com/v4/orders:quote"_s);
        add(3, u"gelato"_s, 0, u"https://order.gelatoapis.com/v4/orders/1"_s);
        add(4, u"webhook"_s, 401, u"/gelato/webhook"_s, ApiLogEntry::Direction::Inbound);
        add(5, u"webhook"_s, 200, u"/gelato/webhook"_s, ApiLogEntry::Direction::Inbound);
    }

    std::unique_ptr<TestDatabase> m_store;
};

TEST_F(ApiLogPageTest, ShowsNewestFirstAndFiltersByEachField)
{
    addSample();
    ApiLogPage page(&db());
    ApiLogTableModel &model = *page.model();
    EXPECT_EQ(minutes(model), QList<qint64>({5, 4, 3, 2, 1, 0}));
    EXPECT_TRUE(page.emptyLabel()->isHidden());
    EXPECT_EQ(model.index(1, ApiLogTableModel::StatusColumn).data().toString(), u"401 Unauthorized"_s);
    EXPECT_EQ(model.index(2, ApiLogTableModel::StatusColumn).data().toString(), u"No answer"_s);

    page.serviceFilter()->setCurrentIndex(page.serviceFilter()->findData(u"gelato"_s));
    EXPECT_EQ(minutes(model), QList<qint64>({3, 2, 0}));
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(5));
    EXPECT_EQ(minutes(model), QList<qint64>({2}));
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(-1));
    EXPECT_EQ(minutes(model), QList<qint64>({3}));
    page.serviceFilter()->setCurrentIndex(0);
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(2));
    EXPECT_EQ(minutes(model), QList<qint64>({5, 0}));
    page.statusFilter()->setCurrentIndex(page.statusFilter()->findData(4));
    EXPECT_EQ(minutes(model), QList<qint64>({4, 1}));
    page.directionFilter()->setCurrentIndex(
            page.directionFilter()->findData(int(ApiLogEntry::Direction::Inbound)));
    EXPECT_EQ(minutes(model), QList<qint64>({4}));
    page.statusFilter()->setCurrentIndex(0);
    page.directionFilter()->setCurrentIndex(0);

    page.endpointFilter()->setText(u"ORDERS:Q"_s);
    EXPECT_TRUE(waitUntil([&] { return model.rowCount() == 1; })) << "typing applies after a moment";
    EXPECT_EQ(minutes(model), QList<qint64>({2}));
    page.endpointFilter()->clear();
    ASSERT_TRUE(page.applyFilters());

    page.fromEdit()->setDateTime(start.addSecs(60).toLocalTime());
    page.toEdit()->setDateTime(start.addSecs(4 * 60).toLocalTime());
    page.fromEnabled()->setChecked(true);
    page.toEnabled()->setChecked(true);
    ASSERT_TRUE(page.applyFilters());
    EXPECT_EQ(minutes(model), QList<qint64>({3, 2, 1}));
}

TEST_F(ApiLogPageTest, SaysWhenNothingMatchesAndWhenNothingIsLogged)
{
    {
        ApiLogPage empty(&db());
        EXPECT_FALSE(empty.emptyLabel()->isHidden());
        EXPECT_EQ(empty.emptyLabel()->text(), u"No calls have been logged yet."_s);
    }
    addSample();
    ApiLogPage page(&db());
    page.endpointFilter()->setText(u"/nowhere"_s);
    ASSERT_TRUE(page.applyFilters());
    EXPECT_EQ(page.model()->rowCount(), 0);
    EXPECT_FALSE(page.emptyLabel()->isHidden());
    EXPECT_EQ(page.emptyLabel()->text(), u"No calls match these filters."_s);
    page.endpointFilter()->clear();
    ASSERT_TRUE(page.applyFilters());
    EXPECT_TRUE(page.emptyLabel()->isHidden());
}

TEST_F(ApiLogPageTest, RefusesATimeRangeGivenBackwardsAndKeepsTheList)
{
    addSample();
    ApiLogPage page(&db());
    page.serviceFilter()->setCurrentIndex(page.serviceFilter()->findData(u"gelato"_s));
    ASSERT_EQ(page.model()->rowCount(), 3);
    page.fromEdit()->setDateTime(start.addSecs(4 * 60).toLocalTime());
    page.toEdit()->setDateTime(start.addSecs(60).toLocalTime());
    page.toEnabled()->setChecked(true); // applied at once: before minute 1
    ASSERT_EQ(page.model()->rowCount(), 1);
    page.fromEnabled()->setChecked(true); // applied at once: refused
    EXPECT_FALSE(page.applyFilters());
    EXPECT_TRUE(page.message()->isVisibleTo(&page));
    EXPECT_EQ(page.message()->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(page.message()->text().contains("before it starts"_L1)) << qPrintable(page.message()->text());
    EXPECT_EQ(page.model()->rowCount(), 1) << "the list stays as it was";
    EXPECT_FALSE(page.model()->filter().from.isValid());

    page.fromEdit()->setDateTime(start.addSecs(2 * 60).toLocalTime());
    page.toEdit()->setDateTime(start.addSecs(10 * 60).toLocalTime());
    EXPECT_TRUE(page.applyFilters());
    EXPECT_FALSE(page.message()->isVisibleTo(&page));
    EXPECT_EQ(minutes(*page.model()), QList<qint64>({3, 2}));
}

// Key paging with a window: scrolling down reads every row once, the model never holds more than
// its window, the end of the log is reached at once, and scrolling back up reads newer pages.
TEST_F(ApiLogPageTest, PagesThroughTheWholeLogByKeyWithABoundedWindow)
{
    constexpr int rows = 95;
    for (int i = 0; i < rows; ++i)
        add(i / 2, i % 2 ? u"gelato"_s : u"poleepo"_s, 200, u"https://x.example/%1"_s.arg(i));
    ApiLogTableModel model(&db());
    model.setPageSize(10);
    model.setMaxRows(30);
    model.showNewest();
    QList<qint64> seen;
    for (int row = 0; row < model.rowCount(); ++row)
        seen.append(model.entryAt(row).id);
    int largest = model.rowCount();
    while (model.canFetchMore({})) {
        const qint64 last = model.entryAt(model.rowCount() - 1).id;
        model.fetchMore({});
        const int from = model.rowOf(last) + 1;
        for (int row = from; row < model.rowCount(); ++row)
            seen.append(model.entryAt(row).id);
        largest = std::max(largest, model.rowCount());
    }
    EXPECT_LE(largest, 30);
    ASSERT_EQ(seen.size(), rows);
    QList<qint64> sorted = seen;
    std::sort(sorted.begin(), sorted.end(), std::greater<>());
    EXPECT_EQ(seen, sorted) << "ids grow with time here, so newest first is ids descending";
    EXPECT_TRUE(model.hasNewer());

    model.showOldest();
    EXPECT_EQ(model.rowCount(), 10);
    EXPECT_EQ(model.entryAt(9).id, sorted.constLast()) << "the oldest row is at the bottom";
    EXPECT_FALSE(model.canFetchMore({}));
    int climbed = 0;
    while (model.hasNewer())
        climbed += model.fetchNewer();
    EXPECT_EQ(climbed + 10, rows);
    EXPECT_EQ(model.entryAt(0).id, sorted.constFirst());
    EXPECT_LE(model.rowCount(), 30);
}

TEST_F(ApiLogPageTest, ShowsHeadersPrettyJsonAndTextBodies)
{
    ApiLogEntry entry;
    entry.time = start;
    entry.service = u"gelato"_s;
    entry.method = "POST";
    entry.url = u"https://order.gelatoapis.com/v4/orders"_s;
    entry.status = 502;
    entry.requestHeaders = u"Content-Type: application/json\nX-API-KEY: [redacted]"_s;
    entry.responseHeaders = u"Content-Type: text/html"_s;
    entry.requestBody = R"({"orderType":"draft","items":[{"quantity":1}]})";
    entry.requestSize = entry.requestBody.size();
    entry.responseBody = "<html><body>Bad Gateway</body></html>";
    entry.responseSize = entry.responseBody.size();
    entry.error = u"gelato: HTTP 502 Bad Gateway (an HTML page)"_s;
    const qint64 id = add(entry);

    ApiLogPage page(&db());
    page.view()->setCurrentIndex(page.model()->index(0, 0));
    ASSERT_EQ(page.shownEntryId(), id);
    EXPECT_EQ(page.requestHeadersView()->toPlainText(), entry.requestHeaders);
    EXPECT_EQ(page.responseHeadersView()->toPlainText(), entry.responseHeaders);
    EXPECT_EQ(page.requestBodyView()->toPlainText(),
              u"{\n    \"items\": [\n        {\n            \"quantity\": 1\n        }\n    ],\n"
              "    \"orderType\": \"draft\"\n}\n"_s);
    EXPECT_TRUE(page.requestBodyLabel()->text().contains("JSON"_L1))
            << qPrintable(page.requestBodyLabel()->text());
    EXPECT_EQ(page.responseBodyView()->toPlainText(), QString::fromUtf8(entry.responseBody));
    EXPECT_TRUE(page.responseBodyLabel()->text().contains("text"_L1));
    EXPECT_TRUE(page.summaryLabel()->text().contains("502 Bad Gateway"_L1))
            << qPrintable(page.summaryLabel()->text());
    EXPECT_TRUE(page.summaryLabel()->text().contains(entry.error));
}

TEST_F(ApiLogPageTest, ASeveralMegabyteBodyIsShownCutWithItsSize)
{
    ApiLogEntry entry;
    entry.time = start;
    entry.service = u"poleepo"_s;
    entry.method = "POST";
    entry.url = u"https://api.poleepo.cloud/products/batch"_s;
    entry.status = 200;
    QByteArray big = "[";
    while (big.size() < 6 * 1024 * 1024)
        big += R"({"sku":"TS-M-W","name":"T-shirt \u00e8","price":25.5},)";
    big.chop(1);
    big += "]";
    entry.requestBody = big;
    entry.requestSize = big.size();
    entry.responseBody = QByteArray(5 * 1024 * 1024, 'x'); // not JSON at all
    entry.responseSize = entry.responseBody.size();
    const qint64 id = add(entry);

    ApiLogPage page(&db());
    page.showEntry(id);
    ASSERT_EQ(page.shownEntryId(), id);
    for (QPlainTextEdit *body : {page.requestBodyView(), page.responseBodyView()}) {
        const QString text = body->toPlainText();
        EXPECT_LE(text.size(), ApiLogText::displayLimit + 200);
        EXPECT_TRUE(text.contains("[shown 256.0 kB of"_L1)) << qPrintable(text.right(80));
    }
    EXPECT_TRUE(page.requestBodyLabel()->text().contains("shown truncated"_L1));
    EXPECT_TRUE(page.responseBodyLabel()->text().contains("5.0 MB"_L1))
            << qPrintable(page.responseBodyLabel()->text());
    EXPECT_TRUE(page.responseBodyLabel()->text().contains("shown truncated"_L1));
}

// A real call through HttpClient to a loopback server, with an API key header, a known secret in
// the query and body, and a cookie in the answer: what the log stored and the page shows never
// holds the secret, and neither does "copy as curl".
TEST_F(ApiLogPageTest, SecretsStayRedactedInThePageAndInCopyAsCurl)
{
    const QByteArray secret = "sk-live-7f3a9c1e55b2";
    FakeHttpServer fake;
    ASSERT_TRUE(fake.start());
    fake.on("POST", u"/v4/orders"_s, [](const RecordedRequest &) {
        FakeResponse response = FakeResponse::json(201, R"({"id":"g-1","accessToken":"tok-secret-99"})");
        response.headers.append(std::pair<QByteArray, QByteArray>("Set-Cookie", "session=abc123"));
        return response;
    });
    RecordingApiLogSink sink;
    HttpClient client;
    client.setApiLogSink(&sink);
    client.addRedactedValue(secret);
    HttpRequest request;
    request.service = u"gelato"_s;
    request.method = "POST";
    request.url = fake.url(u"/v4/orders?key="_s + QString::fromLatin1(secret));
    request.headers = {{"X-API-KEY", secret}};
    request.body = R"({"orderType":"draft","note":"key )" + secret + R"(","client_secret":"cs-123"})";
    request.timeoutMs = 3000;
    HttpReply *reply = client.send(request);
    bool finished = false;
    QObject::connect(reply, &HttpReply::finished, &client,
                     [&finished](const HttpResponse &) { finished = true; });
    ASSERT_TRUE(waitUntil([&] { return finished && sink.size() == 1; }));
    ASSERT_EQ(fake.lastRequest().header("X-API-KEY"), secret) << "the call itself carried the key";
    const qint64 id = add(sink.entries().constFirst());

    ApiLogPage page(&db());
    page.showEntry(id);
    ASSERT_EQ(page.shownEntryId(), id);
    const QString curl = page.curlCommand();
    const QStringList shown {page.model()->index(0, ApiLogTableModel::EndpointColumn).data().toString(),
                             page.summaryLabel()->text(),
                             page.requestHeadersView()->toPlainText(),
                             page.requestBodyView()->toPlainText(),
                             page.responseHeadersView()->toPlainText(),
                             page.responseBodyView()->toPlainText(),
                             curl};
    for (const QString &text : shown) {
        EXPECT_FALSE(text.contains(QString::fromLatin1(secret))) << qPrintable(text);
        EXPECT_FALSE(text.contains("cs-123"_L1)) << qPrintable(text);
        EXPECT_FALSE(text.contains("tok-secret-99"_L1)) << qPrintable(text);
        EXPECT_FALSE(text.contains("abc123"_L1)) << qPrintable(text);
    }
    EXPECT_TRUE(page.requestHeadersView()->toPlainText().contains("X-API-KEY: [redacted]"_L1,
                                                                  Qt::CaseInsensitive))
            << qPrintable(page.requestHeadersView()->toPlainText());
    EXPECT_TRUE(page.responseHeadersView()->toPlainText().contains("Set-Cookie: [redacted]"_L1,
                                                                   Qt::CaseInsensitive))
            << qPrintable(page.responseHeadersView()->toPlainText());
    EXPECT_TRUE(page.requestBodyView()->toPlainText().contains("\"client_secret\": \"[redacted]\""_L1))
            << qPrintable(page.requestBodyView()->toPlainText());

    EXPECT_TRUE(curl.startsWith(u"curl -X POST '"_s + fake.baseUrl().toString())) << qPrintable(curl);
    EXPECT_TRUE(curl.contains("-H 'X-API-KEY: [redacted]'"_L1, Qt::CaseInsensitive)) << qPrintable(curl);
    EXPECT_TRUE(curl.contains("--data-binary '{\"orderType\":\"draft\""_L1)) << qPrintable(curl);
    EXPECT_TRUE(page.curlButton()->isEnabled());
}

TEST_F(ApiLogPageTest, CurlQuotesForTheShell)
{
    ApiLogEntry entry;
    entry.method = "GET";
    entry.url = u"https://x.example/a?b=it's"_s;
    entry.requestHeaders = u"Accept: application/json\nContent-Length: 0"_s;
    EXPECT_EQ(ApiLogText::curl(entry),
              u"curl 'https://x.example/a?b=it'\\''s' -H 'Accept: application/json'"_s);
}

TEST_F(ApiLogPageTest, OpensTheRelatedOrder)
{
    QSqlQuery insert(db().connection());
    ASSERT_TRUE(insert.exec(u"INSERT INTO sales_orders (reference, gelato_order_id, created_at, updated_at) "
                            "VALUES ('WEB-2002', 'g-55', 0, 0)"_s))
            << qPrintable(insert.lastError().text());
    const qint64 withOrder = add(1, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders/g-55"_s);
    const qint64 without = add(0, u"gelato"_s, 200, u"https://order.gelatoapis.com/v4/orders:search"_s);

    ApiLogPage page(&db());
    QSignalSpy opened(&page, &ApiLogPage::openOrderRequested);
    page.showEntry(without);
    EXPECT_TRUE(page.relatedButton()->isHidden());
    page.showEntry(withOrder);
    ASSERT_FALSE(page.relatedButton()->isHidden());
    EXPECT_EQ(page.relatedButton()->text(), u"Open order WEB-2002"_s);
    page.relatedButton()->click();
    ASSERT_EQ(opened.size(), 1);
    QSqlQuery id(db().connection());
    ASSERT_TRUE(id.exec(u"SELECT id FROM sales_orders WHERE reference = 'WEB-2002'"_s) && id.next());
    EXPECT_EQ(opened.at(0).at(0).toLongLong(), id.value(0).toLongLong());
}

} // namespace
} // namespace Bottega::Test
