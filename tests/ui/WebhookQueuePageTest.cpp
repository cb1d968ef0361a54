// The webhook queue page and its model on a real SQLite database: filters, paging, the payload
// pretty-printed, retry of the selected rows, clean up, the failed count and its banner.
#include "ui/pages/WebhookQueuePage.h"

#include "core/store/WebhookQueueRepository.h"
#include "tests/support/TestClock.h"
#include "tests/support/TestUtil.h"
#include "tests/support/database/TestDatabase.h"
#include "tests/ui/ConfirmAnswerer.h"
#include "ui/models/WebhookTableModel.h"
#include "ui/widgets/InlineMessage.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QSignalSpy>
#include <QSystemTrayIcon>
#include <QTableView>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class WebhookQueuePageTest : public ::testing::Test
{
protected:
    void SetUp() override
    {
        auto created = TestDatabase::create(Backend::Sqlite);
        ASSERT_TRUE(created.ok()) << qPrintable(created.error());
        m_store = std::move(*created);
        db().setClock(&clock);
    }

    Database &db() { return m_store->database(); }

    qint64 add(const QString &source, const QString &event, const QString &eventId,
               WebhookQueueItem::State state = WebhookQueueItem::State::Pending, const QString &error = {})
    {
        WebhookQueueItem item;
        item.source = source;
        item.event = event;
        item.eventId = eventId;
        item.body = R"({"id":")" + eventId.toUtf8() + R"(","event":")" + event.toUtf8()
                + R"(","orderId":"o-1"})";
        const auto inserted = WebhookQueueRepository(db()).insert(item);
        EXPECT_TRUE(inserted.ok());
        item.id = inserted->id;
        if (state != WebhookQueueItem::State::Pending) {
            item.state = state;
            item.lastError = error;
            item.processedAt = clock.now();
            EXPECT_TRUE(WebhookQueueRepository(db()).update(item).ok());
        }
        return item.id;
    }

    TestClock clock;
    std::unique_ptr<TestDatabase> m_store;
};

TEST_F(WebhookQueuePageTest, TheModelPagesThroughTheQueueNewestFirst)
{
    for (int i = 0; i < 25; ++i)
        add(u"gelato"_s, u"order_status_updated"_s, u"os_"_s + QString::number(i));
    WebhookTableModel model(&db());
    model.setPageSize(10);
    model.refresh();

    EXPECT_EQ(model.rowCount(), 10);
    EXPECT_EQ(model.index(0, WebhookTableModel::EventIdColumn).data().toString(), u"os_24"_s);
    ASSERT_TRUE(model.canFetchMore({}));
    model.fetchMore({});
    model.fetchMore({});
    EXPECT_EQ(model.rowCount(), 25);
    EXPECT_FALSE(model.canFetchMore({}));
    EXPECT_EQ(model.index(24, WebhookTableModel::EventIdColumn).data().toString(), u"os_0"_s);
    EXPECT_EQ(model.index(0, WebhookTableModel::StateColumn).data().toString(), u"Pending"_s);
    EXPECT_EQ(model.index(0, WebhookTableModel::StateColumn).data(WebhookTableModel::RawRole).toInt(),
              int(WebhookQueueItem::State::Pending));
    EXPECT_EQ(model.index(0, WebhookTableModel::ReceivedColumn).data(WebhookTableModel::RawRole).metaType(),
              QMetaType::fromType<QDateTime>());
}

// The time received: From and To each narrow the list, with the other filters; a range given
// backwards is refused with a message (the list stays as it was); no match says so.
TEST_F(WebhookQueuePageTest, TimeRangeNarrowsTheListRefusesABackwardRangeAndSaysWhenNothingMatches)
{
    const QDateTime day(QDate(2026, 5, 10), QTime(0, 0)); // local midnight, as the page's edits show
    clock.set(day.addSecs(-60));
    const qint64 before = add(u"gelato"_s, u"order_status_updated"_s, u"before"_s);
    clock.set(day.addSecs(9 * 3600));
    const qint64 morning = add(u"gelato"_s, u"order_status_updated"_s, u"morning"_s);
    clock.set(day.addSecs(20 * 3600));
    const qint64 evening
            = add(u"poleepo"_s, u"STATUS_ORDER"_s, u"evening"_s, WebhookQueueItem::State::Failed, u"boom"_s);
    clock.set(day.addDays(1));
    const qint64 next = add(u"gelato"_s, u"order_status_updated"_s, u"next"_s);
    WebhookQueuePage page(&db());
    page.show();
    const auto ids = [&] {
        QList<qint64> result;
        for (int row = 0; row < page.model()->rowCount(); ++row)
            result.append(page.model()->itemAt(row).id);
        return result;
    };
    ASSERT_EQ(ids(), QList<qint64>({next, evening, morning, before}));
    auto *fromOn = page.findChild<QCheckBox *>(u"fromEnabled"_s);
    auto *toOn = page.findChild<QCheckBox *>(u"toEnabled"_s);
    auto *from = page.findChild<QDateTimeEdit *>(u"fromEdit"_s);
    auto *to = page.findChild<QDateTimeEdit *>(u"toEdit"_s);
    auto *empty = page.findChild<QLabel *>(u"emptyLabel"_s);
    ASSERT_TRUE(fromOn && toOn && from && to && empty);
    EXPECT_FALSE(from->isEnabled());

    from->setDateTime(day);
    EXPECT_EQ(ids().size(), 4) << "an edit that is off filters nothing";
    fromOn->setChecked(true);
    EXPECT_TRUE(from->isEnabled());
    EXPECT_EQ(ids(), QList<qint64>({next, evening, morning}));
    to->setDateTime(day.addDays(1)); // To is the first instant left out
    toOn->setChecked(true);
    EXPECT_EQ(ids(), QList<qint64>({evening, morning}));
    page.findChild<QComboBox *>(u"stateFilter"_s)->setCurrentIndex(4); // Failed
    EXPECT_EQ(ids(), QList<qint64>({evening}));
    page.findChild<QComboBox *>(u"stateFilter"_s)->setCurrentIndex(0);

    // Backwards: refused, said why, the list left as it was.
    auto *message = page.findChild<InlineMessage *>();
    ASSERT_TRUE(message);
    to->setDateTime(day.addSecs(-3600));
    EXPECT_EQ(message->type(), InlineMessage::Type::Error);
    EXPECT_TRUE(message->text().contains(u"before it starts"_s)) << message->text().toStdString();
    EXPECT_FALSE(page.applyFilters());
    EXPECT_EQ(ids(), QList<qint64>({evening, morning}));
    // Put right: the message goes; nothing in that hour says so.
    from->setDateTime(day.addSecs(10 * 3600));
    to->setDateTime(day.addSecs(11 * 3600));
    EXPECT_TRUE(message->text().isEmpty()) << message->text().toStdString();
    EXPECT_TRUE(ids().isEmpty());
    EXPECT_TRUE(empty->isVisible());
    EXPECT_EQ(empty->text(), u"No calls match these filters."_s);
    toOn->setChecked(false);
    EXPECT_FALSE(empty->isVisible());
    EXPECT_EQ(ids(), QList<qint64>({next, evening}));

    // The dashboard's way in: one state on one day, the rest cleared.
    page.findChild<QLineEdit *>(u"textFilter"_s)->setText(u"zzz"_s);
    page.showState(u"Done"_s, day.toUTC(), day.addDays(1).toUTC());
    EXPECT_TRUE(page.findChild<QLineEdit *>(u"textFilter"_s)->text().isEmpty());
    EXPECT_TRUE(fromOn->isChecked());
    EXPECT_TRUE(toOn->isChecked());
    EXPECT_EQ(from->dateTime(), day);
    EXPECT_EQ(to->dateTime(), day.addDays(1));
    EXPECT_TRUE(ids().isEmpty()); // Pending ones that day, no Done
    page.showState(u"Pending"_s, day.toUTC(), day.addDays(1).toUTC());
    EXPECT_EQ(ids(), QList<qint64>({morning}));
    page.showState(QString());
    EXPECT_FALSE(fromOn->isChecked());
    EXPECT_FALSE(toOn->isChecked());
    EXPECT_EQ(ids().size(), 4);
}

TEST_F(WebhookQueuePageTest, AnEmptyQueueSaysSo)
{
    WebhookQueuePage page(&db());
    page.show();
    auto *empty = page.findChild<QLabel *>(u"emptyLabel"_s);
    ASSERT_TRUE(empty);
    EXPECT_TRUE(empty->isVisible());
    EXPECT_EQ(empty->text(), u"No webhook calls received yet."_s);
}

TEST_F(WebhookQueuePageTest, FiltersNarrowTheTableAndTheSelectionShowsThePrettyPayload)
{
    add(u"gelato"_s, u"order_status_updated"_s, u"os_1"_s);
    add(u"poleepo"_s, u"STATUS_ORDER"_s, u"p_1"_s);
    add(u"gelato"_s, u"order_item_status_updated"_s, u"is_1"_s, WebhookQueueItem::State::Failed, u"boom"_s);
    WebhookQueuePage page(&db());
    auto *table = page.findChild<QTableView *>(u"webhookTable"_s);
    ASSERT_TRUE(table);
    EXPECT_EQ(page.model()->rowCount(), 3);

    page.findChild<QComboBox *>(u"sourceFilter"_s)->setCurrentIndex(2); // Poleepo
    EXPECT_EQ(page.model()->rowCount(), 1);
    page.findChild<QComboBox *>(u"sourceFilter"_s)->setCurrentIndex(0);
    page.findChild<QComboBox *>(u"stateFilter"_s)->setCurrentIndex(4); // Failed
    ASSERT_EQ(page.model()->rowCount(), 1);
    EXPECT_EQ(page.model()->itemAt(0).eventId, u"is_1"_s);
    page.findChild<QComboBox *>(u"stateFilter"_s)->setCurrentIndex(0);
    page.findChild<QLineEdit *>(u"eventFilter"_s)->setText(u"order_status_updated"_s);
    EXPECT_EQ(page.model()->rowCount(), 1);
    page.findChild<QLineEdit *>(u"eventFilter"_s)->clear();
    page.findChild<QLineEdit *>(u"textFilter"_s)->setText(u"BOOM"_s);
    ASSERT_EQ(page.model()->rowCount(), 1);

    table->selectRow(0);
    const QString payload = page.findChild<QPlainTextEdit *>(u"payload"_s)->toPlainText();
    EXPECT_TRUE(payload.contains("\n    \"orderId\": \"o-1\""_L1)) << qPrintable(payload);
}

TEST_F(WebhookQueuePageTest, RetrySelectedRowsAndCleanUp)
{
    const qint64 failed = add(u"gelato"_s, u"order_status_updated"_s, u"os_1"_s,
                              WebhookQueueItem::State::Failed, u"boom"_s);
    add(u"gelato"_s, u"order_status_updated"_s, u"os_2"_s, WebhookQueueItem::State::Done);
    add(u"gelato"_s, u"order_status_updated"_s, u"os_3"_s, WebhookQueueItem::State::Ignored);
    WebhookQueuePage page(&db());
    EXPECT_EQ(page.failedCount(), 1);
    QSignalSpy counts(&page, &WebhookQueuePage::failedCountChanged);
    auto *table = page.findChild<QTableView *>(u"webhookTable"_s);
    table->selectRow(2); // oldest first at the bottom: the failed one

    page.retrySelected();

    EXPECT_EQ(WebhookQueueRepository(db()).get(failed)->state, WebhookQueueItem::State::Pending);
    EXPECT_EQ(page.failedCount(), 0);
    ASSERT_EQ(counts.size(), 1);
    EXPECT_EQ(counts[0][0].toInt(), 0);

    // Retention 30 days: Done and Ignored go once processed more than 30 days ago, Failed stays.
    ConfirmAnswerer answerer(true);
    clock.advance(30 * 24 * 3600);
    page.cleanUp();
    EXPECT_EQ(page.model()->rowCount(), 3) << "exactly 30 days old is kept";
    clock.advance(1);
    page.cleanUp();
    EXPECT_EQ(answerer.questions().size(), 2);
    EXPECT_EQ(page.model()->rowCount(), 1);
}

TEST_F(WebhookQueuePageTest, ANewFailureRaisesTheCountAndABanner)
{
    // Offscreen there is no system tray: the notification is the banner in the window.
    ASSERT_FALSE(QSystemTrayIcon::isSystemTrayAvailable());
    WebhookQueuePage page(&db());
    EXPECT_EQ(page.failedCount(), 0);
    QSignalSpy counts(&page, &WebhookQueuePage::failedCountChanged);
    QSignalSpy notified(&page, &WebhookQueuePage::failureNotified);

    add(u"gelato"_s, u"order_status_updated"_s, u"os_1"_s, WebhookQueueItem::State::Failed, u"boom"_s);
    page.refresh();

    ASSERT_EQ(counts.size(), 1);
    EXPECT_EQ(counts[0][0].toInt(), 1);
    auto *banner = page.findChild<InlineMessage *>();
    ASSERT_TRUE(banner);
    EXPECT_TRUE(banner->hasMessage());
    EXPECT_EQ(banner->type(), InlineMessage::Type::Error);
    EXPECT_EQ(page.model()->rowCount(), 1);
    ASSERT_EQ(notified.size(), 1);
    EXPECT_FALSE(notified[0][1].toBool());
    EXPECT_EQ(notified[0][0].toString(), banner->text());

    // Refreshing again is no news: nothing more is announced.
    page.refresh();
    EXPECT_EQ(notified.size(), 1);
}

} // namespace
} // namespace Bottega::Test
