// ShippingRates (ORD-4, gelato-notes.md): the rate of a type is the sum over quotes of the cheapest
// method of that type; a quote without that type makes it unavailable.
#include "core/orders/ShippingRates.h"

#include <QTimeZone>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

GelatoQuoteMethod method(const QString &uid, const QString &type, double price, int maxDay = 10)
{
    GelatoQuoteMethod m;
    m.name = uid;
    m.shipmentMethodUid = uid;
    m.type = type;
    m.price = price;
    m.currency = u"EUR"_s;
    m.minDeliveryDate = QDateTime(QDate(2026, 12, maxDay - 2), QTime(0, 0), QTimeZone::utc());
    m.maxDeliveryDate = QDateTime(QDate(2026, 12, maxDay), QTime(0, 0), QTimeZone::utc());
    return m;
}

GelatoQuote quote(const QString &id, const QList<GelatoQuoteMethod> &methods)
{
    GelatoQuote q;
    q.id = id;
    q.shipmentMethods = methods;
    return q;
}

TEST(ShippingRatesTest, Normal5And9Express20And30GiveStandard5AndExpress20)
{
    const auto rates = ShippingRates::fromQuotes(
            {quote(u"q1"_s,
                   {method(u"n9"_s, u"normal"_s, 9), method(u"e20"_s, u"express"_s, 20, 5),
                    method(u"n5"_s, u"normal"_s, 5, 12), method(u"e30"_s, u"express"_s, 30, 4)})});
    ASSERT_EQ(rates.size(), 2);
    EXPECT_EQ(rates.at(0).type, u"standard"_s);
    EXPECT_DOUBLE_EQ(rates.at(0).price, 5);
    EXPECT_EQ(rates.at(0).shipmentMethodUid, u"n5"_s);
    EXPECT_EQ(rates.at(0).currency, u"EUR"_s);
    EXPECT_EQ(rates.at(0).maxDeliveryDate.date(), QDate(2026, 12, 12));
    EXPECT_EQ(rates.at(1).type, u"express"_s);
    EXPECT_DOUBLE_EQ(rates.at(1).price, 20);
    EXPECT_EQ(rates.at(1).shipmentMethodUid, u"e20"_s);
}

TEST(ShippingRatesTest, TwoQuotesAreSummedWithEachQuotesCheapestAndTheLatestDates)
{
    const auto rates = ShippingRates::fromQuotes(
            {quote(u"q1"_s, {method(u"a"_s, u"normal"_s, 5, 8), method(u"x"_s, u"express"_s, 20, 4)}),
             quote(u"q2"_s,
                   {method(u"b"_s, u"normal"_s, 7.5, 11), method(u"c"_s, u"normal"_s, 8, 6),
                    method(u"y"_s, u"express"_s, 15.25, 3)})});
    ASSERT_EQ(rates.size(), 2);
    EXPECT_DOUBLE_EQ(rates.at(0).price, 12.5);
    EXPECT_EQ(rates.at(0).shipmentMethodUid, u"a,b"_s);
    EXPECT_EQ(rates.at(0).minDeliveryDate.date(), QDate(2026, 12, 9));
    EXPECT_EQ(rates.at(0).maxDeliveryDate.date(), QDate(2026, 12, 11));
    EXPECT_DOUBLE_EQ(rates.at(1).price, 35.25);
    EXPECT_EQ(rates.at(1).shipmentMethodUid, u"x,y"_s);
}

TEST(ShippingRatesTest, AQuoteWithoutATypeMakesItUnavailable)
{
    const auto rates = ShippingRates::fromQuotes(
            {quote(u"q1"_s, {method(u"a"_s, u"normal"_s, 5), method(u"x"_s, u"express"_s, 20)}),
             quote(u"q2"_s, {method(u"b"_s, u"normal"_s, 6)})});
    ASSERT_EQ(rates.size(), 1);
    EXPECT_EQ(rates.at(0).type, u"standard"_s);
    EXPECT_DOUBLE_EQ(rates.at(0).price, 11);

    const auto expressOnly = ShippingRates::fromQuotes({quote(u"q1"_s, {method(u"x"_s, u"express"_s, 20)})});
    ASSERT_EQ(expressOnly.size(), 1);
    EXPECT_EQ(expressOnly.at(0).type, u"express"_s);
    EXPECT_TRUE(ShippingRates::fromQuotes({}).isEmpty());
}

} // namespace
} // namespace Bottega::Test
