#include "tests/ui/OrderFixture.h"

#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

using namespace Qt::StringLiterals;

namespace Bottega::Test {

void OrderFixture::SetUp()
{
    ProductFixture::SetUp();
    m_rig = std::make_unique<GelatoTestRig>();
    ASSERT_TRUE(m_rig->started);
    m_service = std::make_unique<OrderService>(db(), m_rig->gelato, m_rig->settings);
    Product shirt = tShirt();
    shirt.placements = {u"default"_s}; // the default image covers every variant: printable
    const qint64 productId = store(shirt);
    const auto variants = VariantRepository(db()).listForProduct(productId);
    ASSERT_TRUE(variants.ok()) << variants.error().toStdString();
    for (const Variant &variant : variants.value())
        m_variantIds.append(variant.id);
    ASSERT_EQ(m_variantIds.size(), 3);
}

void OrderFixture::TearDown()
{
    m_service.reset();
    m_rig.reset();
}

Address OrderFixture::address()
{
    Address address;
    address.firstName = u"Giulia"_s;
    address.lastName = u"Rossi"_s;
    address.addressLine1 = u"Via Roma 1"_s;
    address.city = u"Milano"_s;
    address.postCode = u"20121"_s;
    address.country = u"IT"_s;
    address.email = u"giulia@example.com"_s;
    address.phone = u"+39 02 1234567"_s;
    return address;
}

SalesOrder OrderFixture::readyOrder(const QString &reference) const
{
    SalesOrder order;
    order.reference = reference;
    order.customerFirstName = u"Giulia"_s;
    order.customerLastName = u"Rossi"_s;
    order.customerEmail = u"giulia@example.com"_s;
    order.shippingAddress = address();
    order.shippingType = u"standard"_s;
    OrderLine line;
    line.variantId = m_variantIds.constFirst();
    line.productName = u"T-shirt M / Orange"_s;
    line.sku = u"TS-M-O"_s;
    line.quantity = 2;
    line.unitPrice = 24.9;
    order.lines = {line};
    return order;
}

qint64 OrderFixture::create(const SalesOrder &order)
{
    const auto id = m_service->create(order);
    EXPECT_TRUE(id.ok()) << id.error().toStdString();
    return id.ok() ? id.value() : 0;
}

} // namespace Bottega::Test
