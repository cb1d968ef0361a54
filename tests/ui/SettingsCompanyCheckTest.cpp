// CONF-2 in Settings: the company in settings against the billing entity Gelato reported on the
// latest order sent, over loopback to the Gelato fake: unknown before any order, a warning naming
// the difference, and a match once the settings say what Gelato bills.
#include "core/orders/OrderService.h"
#include "tests/support/TestUtil.h"
#include "tests/ui/OrderFixture.h"
#include "ui/pages/SettingsPage.h"
#include "ui/widgets/InlineMessage.h"

#include <gtest/gtest.h>
#include <memory>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class SettingsCompanyCheckTest : public OrderFixture
{
protected:
    std::unique_ptr<SettingsPage> makePage()
    {
        AppContext context;
        context.settings = &rig().settings;
        context.orders = &service();
        auto page = std::make_unique<SettingsPage>(context);
        page->reload();
        return page;
    }

    void send(const QString &reference)
    {
        const qint64 id = create(readyOrder(reference));
        std::optional<Result<SalesOrder>> sent;
        service().confirm(id, false, &service(), [&](Result<SalesOrder> result) { sent = result; });
        ASSERT_TRUE(waitUntil([&] { return sent.has_value(); }, 8000));
        ASSERT_TRUE(sent->ok()) << sent->error().toStdString();
    }
};

TEST_F(SettingsCompanyCheckTest, UnknownUntilAnOrderThenAWarningNamingTheDifferenceThenAMatch)
{
    ASSERT_TRUE(rig().settings.set(u"company.name"_s, u"Bottega Srl"_s).ok());
    ASSERT_TRUE(rig().settings.set(u"company.billing-address"_s, u"Via Roma 1, 20100 Milano, IT"_s).ok());
    auto page = makePage();
    InlineMessage *check = page->companyCheckMessage();
    ASSERT_TRUE(check);
    EXPECT_EQ(check->type(), InlineMessage::Type::Information) << check->text().toStdString();

    // The fake bills "PineApple Print 14" in Oslo: the page follows the order service's change.
    send(u"WEB-7001"_s);
    EXPECT_EQ(check->type(), InlineMessage::Type::Warning) << check->text().toStdString();
    EXPECT_TRUE(check->text().contains(u"PineApple Print 14"_s)) << check->text().toStdString();

    ASSERT_TRUE(rig().settings.set(u"company.name"_s, u"PineApple Print 14"_s).ok());
    ASSERT_TRUE(rig().settings.set(u"company.billing-address"_s, u"Lindebergåsen 32A, 1068 Oslo, NO"_s).ok());
    page->reload();
    EXPECT_EQ(check->type(), InlineMessage::Type::Positive) << check->text().toStdString();
}

} // namespace
} // namespace Bottega::Test
