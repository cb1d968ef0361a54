// Status at a glance (issue 13, point 4): the order, webhook and batch lists draw their state
// column with StateBadgeDelegate; a failed order's badge is red-tinted and a delivered one green,
// both mixed into the palette's base, so on a dark palette the badge is dark and the palette's
// light text stays readable on it.
#include "core/orders/OrderState.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/ui/OrderFixture.h"
#include "ui/models/OrderTableModel.h"
#include "ui/pages/BatchesPage.h"
#include "ui/pages/OrderListPage.h"
#include "ui/pages/WebhookQueuePage.h"
#include "ui/widgets/StateBadgeDelegate.h"

#include <QApplication>
#include <QImage>
#include <QPalette>
#include <QTableView>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

using Tone = StateBadgeDelegate::Tone;

class StateBadgeTest : public OrderFixture
{
protected:
    // The colour inside the badge of row's state cell, left of its text.
    static QColor badgeColour(QTableView *view, int row)
    {
        const QRect cell = view->visualRect(view->model()->index(row, OrderTableModel::StateColumn));
        const QImage image = view->viewport()->grab().toImage();
        return image.pixelColor(cell.left() + 6, cell.center().y());
    }

    static double lightness(const QColor &colour) { return colour.lightnessF(); }
};

TEST_F(StateBadgeTest, EveryStateListDrawsItsStatesAsBadges)
{
    OrderListPage orders(&db(), &service());
    WebhookQueuePage webhooks(&db());
    BatchesPage batches(&db(), nullptr);
    const QList<std::pair<QWidget *, QString>> lists
            = {{&orders, u"orderTable"_s}, {&webhooks, u"webhookTable"_s}, {&batches, u"batchTable"_s}};
    for (const auto &[page, name] : lists) {
        auto *view = page->findChild<QTableView *>(name);
        ASSERT_TRUE(view) << name.toStdString();
        const int stateColumn = name == u"orderTable"_s ? int(OrderTableModel::StateColumn)
                : name == u"webhookTable"_s             ? 5
                                                        : 1;
        EXPECT_TRUE(qobject_cast<StateBadgeDelegate *>(view->itemDelegateForColumn(stateColumn)))
                << name.toStdString();
    }
}

TEST_F(StateBadgeTest, StatesAreToldApartByColourInLightAndDarkPalettes)
{
    const qint64 failed = create(readyOrder(u"WEB-F"_s));
    const qint64 delivered = create(readyOrder(u"WEB-D"_s));
    ASSERT_TRUE(SalesOrderRepository(db()).updateState(failed, OrderState::Failed, OrderEvent::Source::Gelato).ok());
    ASSERT_TRUE(SalesOrderRepository(db())
                        .updateState(delivered, OrderState::Delivered, OrderEvent::Source::Gelato)
                        .ok());
    OrderListPage page(&db(), &service());
    page.resize(1000, 500);
    page.show();
    QApplication::processEvents();
    auto *view = page.findChild<QTableView *>(u"orderTable"_s);
    ASSERT_TRUE(view);
    ASSERT_EQ(view->model()->rowCount(), 2);
    int failedRow = 0;
    if (view->model()->index(0, 0).data(OrderTableModel::IdRole).toLongLong() != failed)
        failedRow = 1;
    view->clearSelection();
    view->setCurrentIndex({});
    QApplication::processEvents();

    const QPalette light = view->palette();
    const QColor red = badgeColour(view, failedRow);
    const QColor green = badgeColour(view, 1 - failedRow);
    EXPECT_EQ(red.rgb(), StateBadgeDelegate::fill(Tone::Negative, light).rgb()) << red.name().toStdString();
    EXPECT_EQ(green.rgb(), StateBadgeDelegate::fill(Tone::Positive, light).rgb()) << green.name().toStdString();
    EXPECT_GT(red.red(), red.green());
    EXPECT_GT(green.green(), green.red());

    QPalette dark = light;
    dark.setColor(QPalette::Base, QColor(0x23, 0x26, 0x29));
    dark.setColor(QPalette::Text, QColor(0xfc, 0xfc, 0xfc));
    view->setPalette(dark);
    QApplication::processEvents();
    const QColor darkRed = badgeColour(view, failedRow);
    EXPECT_EQ(darkRed.rgb(), StateBadgeDelegate::fill(Tone::Negative, dark).rgb()) << darkRed.name().toStdString();
    EXPECT_LT(lightness(darkRed), 0.4); // a dark badge under light text
    EXPECT_GT(lightness(dark.color(QPalette::Text)) - lightness(darkRed), 0.5);
    EXPECT_GT(darkRed.red(), darkRed.green());
}

} // namespace
} // namespace Bottega::Test
