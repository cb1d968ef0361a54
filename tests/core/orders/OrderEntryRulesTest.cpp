// Order entry that helps (issue 13, point 3), the rules in core so that the window and the command
// line apply the same: post codes checked per country where the format is known, an order without
// lines or without a customer never stored, variants with incomplete print images refused on an
// order for Gelato, and each variant known by its own SKU. Store-touching tests run on SQLite and
// PostgreSQL.
#include "core/orders/AddressCheck.h"
#include "core/orders/OrderInput.h"
#include "core/orders/OrderService.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/core/orders/OrderTestData.h"
#include "tests/support/database/TestDatabase.h"
#include "tests/support/fakes/GelatoTestRig.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

Address withPostCode(const QString &country, const QString &postCode)
{
    Address address = OrderTestData::address();
    address.country = country;
    address.postCode = postCode;
    return address;
}

TEST(PostCodeRules, AnItalianPostCodeWithALetterIsRefusedNamingTheField)
{
    const auto problems = AddressCheck::check(withPostCode(u"IT"_s, u"2O1"_s));
    ASSERT_EQ(problems.size(), 1);
    EXPECT_EQ(problems.at(0).field, u"postCode"_s);
    EXPECT_EQ(problems.at(0).message,
              u"post code \"2O1\" does not fit the format used in IT (for example 00184)"_s);
    EXPECT_EQ(AddressCheck::describe(problems, Address::Kind::Shipping),
              u"shipping address: post code \"2O1\" does not fit the format used in IT (for example 00184)"_s);
    // Five digits, but not four or six, nor a letter O for a zero.
    EXPECT_TRUE(AddressCheck::isPostCodeValid(u"IT"_s, u"20121"_s));
    EXPECT_FALSE(AddressCheck::isPostCodeValid(u"IT"_s, u"2012"_s));
    EXPECT_FALSE(AddressCheck::isPostCodeValid(u"IT"_s, u"201210"_s));
    EXPECT_FALSE(AddressCheck::isPostCodeValid(u"IT"_s, u"2O121"_s));
}

TEST(PostCodeRules, EachKnownFormatTakesItsOwnExampleAndRefusesAnother)
{
    const QList<std::tuple<QString, QString, QString>> cases = {
            {u"DE"_s, u"10115"_s, u"1011"_s},       {u"FR"_s, u"75001"_s, u"7500A"_s},
            {u"AT"_s, u"1010"_s, u"10100"_s},       {u"CH"_s, u"8001"_s, u"800"_s},
            {u"NL"_s, u"1011 ab"_s, u"1011"_s},     {u"PT"_s, u"1000-001"_s, u"1000001"_s},
            {u"PL"_s, u"00-950"_s, u"00950"_s},     {u"SE"_s, u"11455"_s, u"1145"_s},
            {u"US"_s, u"10001-1234"_s, u"1000"_s},  {u"CA"_s, u"k1a0b1"_s, u"K1A 0B"_s},
            {u"GB"_s, u"SW1A 1AA"_s, u"SW1A"_s},    {u"JP"_s, u"1000001"_s, u"100-001"_s},
            {u"SM"_s, u"47891"_s, u"20121"_s},
    };
    for (const auto &[country, good, bad] : cases) {
        EXPECT_TRUE(AddressCheck::check(withPostCode(country, good)).isEmpty())
                << country.toStdString() << " " << good.toStdString();
        EXPECT_TRUE(AddressCheck::isPostCodeValid(country, AddressCheck::postCodeExample(country)))
                << country.toStdString();
        const auto problems = AddressCheck::check(withPostCode(country, bad));
        ASSERT_EQ(problems.size(), 1) << country.toStdString() << " " << bad.toStdString();
        EXPECT_EQ(problems.at(0).field, u"postCode"_s);
    }
}

TEST(PostCodeRules, CountriesOfUnknownFormatTakeAnyPostCodeWithinGelatosLimit)
{
    EXPECT_TRUE(AddressCheck::postCodeExample(u"BR"_s).isEmpty());
    EXPECT_TRUE(AddressCheck::check(withPostCode(u"BR"_s, u"01310-100"_s)).isEmpty());
    EXPECT_TRUE(AddressCheck::check(withPostCode(u"BR"_s, u"anything"_s)).isEmpty());
}

TEST(OrderRequiredParts, ACustomerAndALineAreRequired)
{
    SalesOrder order;
    order.reference = u"M-1"_s;
    const auto missing = OrderInput::missingParts(order);
    ASSERT_EQ(missing.size(), 2);
    EXPECT_EQ(missing.at(0).field, u"customer"_s);
    EXPECT_EQ(missing.at(1).field, u"lines"_s);
    order.customerEmail = u"anna@example.com"_s; // an email alone names the customer
    order.lines.append(OrderTestData::line(1, 1, 1));
    EXPECT_TRUE(OrderInput::missingParts(order).isEmpty());
}

class OrderEntryRulesTest : public DatabaseTest
{
protected:
    void SetUp() override
    {
        DatabaseTest::SetUp();
        data = OrderTestData::create(db(), /*imagesComplete=*/false);
        service = std::make_unique<OrderService>(db(), rig.gelato, rig.settings);
    }
    void TearDown() override
    {
        service.reset();
        DatabaseTest::TearDown();
    }
    qint64 orderCount()
    {
        SalesOrderRepository::Query query;
        return *SalesOrderRepository(db()).count(query);
    }

    GelatoTestRig rig;
    OrderTestData data;
    std::unique_ptr<OrderService> service;
};

TEST_P(OrderEntryRulesTest, AnOrderWithoutLinesOrCustomerIsNeverStored)
{
    SalesOrder empty;
    empty.reference = u"M-EMPTY"_s;
    empty.currency = u"EUR"_s;
    const auto refused = service->create(empty);
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(), u"M-EMPTY: customer: a first or last name, or an email, is required; lines: an "
                               "order needs at least one line"_s);
    EXPECT_EQ(orderCount(), 0);

    SalesOrder noCustomer = data.order(u"M-2"_s);
    noCustomer.customerFirstName.clear();
    noCustomer.customerLastName.clear();
    noCustomer.customerEmail.clear();
    const auto noName = service->create(noCustomer);
    ASSERT_FALSE(noName.ok());
    EXPECT_EQ(noName.error(), u"M-2: customer: a first or last name, or an email, is required"_s);
    EXPECT_EQ(orderCount(), 0);

    // Saving an existing draft with its last line removed is refused the same way, and changes nothing.
    const auto id = service->create(data.order(u"M-3"_s));
    ASSERT_TRUE(id.ok()) << id.error().toStdString();
    auto stored = service->get(*id);
    SalesOrder emptied = *stored;
    emptied.lines.clear();
    const auto update = service->update(emptied);
    ASSERT_FALSE(update.ok());
    EXPECT_EQ(update.error(), u"M-3: lines: an order needs at least one line"_s);
    EXPECT_EQ(service->get(*id)->lines.size(), stored->lines.size());
}

TEST_P(OrderEntryRulesTest, AVariantWithIncompletePrintImagesCannotJoinAGelatoOrder)
{
    SalesOrder order = data.order(u"M-4"_s);
    order.lines.clear();
    // TS-L-R has no "back" image (the product has none and the variant no override).
    const auto refused = service->checkLine(order, OrderTestData::line(data.shirtLRed, 1, 25));
    ASSERT_FALSE(refused.ok());
    EXPECT_EQ(refused.error(),
              u"TS-L-R cannot be ordered from Gelato until its print images are complete (missing: back)"_s);
    EXPECT_TRUE(service->checkLine(order, OrderTestData::line(data.shirtM, 1, 25)).ok());
    // Goods Gelato does not make need no print images.
    EXPECT_TRUE(service->checkLine(order, OrderTestData::line(data.mug, 1, 9)).ok());
}

TEST_P(OrderEntryRulesTest, TheCatalogueNamesEachVariantBySkuAndItsMissingPrintImages)
{
    // A product of two variants without their own SKU: neither may show the parent's.
    Product poster;
    poster.name = u"Poster"_s;
    poster.sku = u"POSTER"_s;
    poster.gelatoProductUid = u"poster_uid"_s;
    Variant small, large;
    small.title = u"Small"_s;
    large.title = u"Large"_s;
    poster.variants = {small, large};
    ASSERT_TRUE(ProductRepository(db()).create(poster).ok());

    const auto goods = OrderInput(db()).catalogue(100);
    ASSERT_TRUE(goods.ok()) << goods.error().toStdString();
    QHash<QString, OrderInput::Goods> byName;
    for (const OrderInput::Goods &entry : *goods)
        byName.insert(entry.name, entry);
    ASSERT_TRUE(byName.contains(u"Poster (Small)"_s));
    EXPECT_TRUE(byName.value(u"Poster (Small)"_s).sku.isEmpty());
    EXPECT_TRUE(byName.value(u"Poster (Large)"_s).sku.isEmpty());
    const OrderInput::Goods red = byName.value(u"T-shirt (T-shirt L Red)"_s);
    EXPECT_EQ(red.sku, u"TS-L-R"_s);
    EXPECT_EQ(red.missingPrintImages, QStringList {u"back"_s});
    EXPECT_TRUE(byName.value(u"T-shirt (T-shirt M Orange)"_s).missingPrintImages.isEmpty());
    // The mug's single variant has its own SKU; it is no Gelato good, so nothing is missing.
    EXPECT_EQ(byName.value(u"Mug (White)"_s).sku, u"MUG-W"_s);
    EXPECT_TRUE(byName.value(u"Mug (White)"_s).missingPrintImages.isEmpty());
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(OrderEntryRulesTest);

} // namespace
} // namespace Bottega::Test
