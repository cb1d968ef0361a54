// SalesOrderRepository, OrderEventRepository and OrderPackageRepository on SQLite and PostgreSQL.
#include "core/store/SalesOrderRepository.h"

#include "core/store/OrderEventRepository.h"
#include "core/store/OrderPackageRepository.h"
#include "tests/core/store/QtPrinters.h"
#include "tests/support/database/TestDatabase.h"

#include <QTimeZone>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

SalesOrder makeOrder(const QString &reference)
{
    SalesOrder order;
    order.reference = reference;
    order.source = SalesOrder::Source::Poleepo;
    order.channel = u"Amazon IT"_s;
    order.state = u"confirmed"_s;
    order.currency = u"EUR"_s;
    order.customerFirstName = u"Giulia"_s;
    order.customerLastName = u"Rossi"_s;
    order.customerEmail = u"giulia@example.com"_s;
    order.amountTotal = 54.8;
    order.poleepoOrderId = u"P-"_s + reference;
    order.poleepoStatus = u"Payment accepted"_s;
    order.isGelato = true;
    order.deliveryEstimateMin = QDateTime(QDate(2026, 3, 2), QTime(0, 0), QTimeZone::utc());
    order.shippingAddress.firstName = u"Giulia"_s;
    order.shippingAddress.lastName = u"Rossi"_s;
    order.shippingAddress.addressLine1 = u"Via Roma 1"_s;
    order.shippingAddress.city = u"Milano"_s;
    order.shippingAddress.postCode = u"20121"_s;
    order.shippingAddress.country = u"IT"_s;
    order.shippingAddress.email = u"giulia@example.com"_s;
    OrderLine tshirt;
    tshirt.productName = u"T-shirt M Orange"_s;
    tshirt.sku = u"TS-M-O"_s;
    tshirt.quantity = 2;
    tshirt.unitPrice = 24.9;
    tshirt.itemReferenceId = reference + u"-1"_s;
    OrderLine shipping;
    shipping.kind = OrderLine::Kind::Shipping;
    shipping.productName = u"Shipping"_s;
    shipping.unitPrice = 5;
    order.lines = {tshirt, shipping};
    return order;
}

QStringList references(const QList<SalesOrder> &orders)
{
    QStringList result;
    for (const SalesOrder &order : orders)
        result.append(order.reference);
    return result;
}

} // namespace

class SalesOrderRepositoryTest : public DatabaseTest
{
};

TEST_P(SalesOrderRepositoryTest, CreateThenGetReturnsTheWholeOrder)
{
    SalesOrderRepository orders(db());
    SalesOrder order = makeOrder(u"WEB-1001"_s);
    Address billing = order.shippingAddress;
    billing.companyName = u"Rossi S.r.l."_s;
    order.billingAddress = billing;
    const auto id = orders.create(order);
    ASSERT_TRUE(id.ok()) << id.error().toStdString();

    const auto stored = orders.get(*id);
    ASSERT_TRUE(stored.ok()) << stored.error().toStdString();
    EXPECT_EQ(stored->reference, u"WEB-1001"_s);
    EXPECT_EQ(stored->source, SalesOrder::Source::Poleepo);
    EXPECT_EQ(stored->channel, u"Amazon IT"_s);
    EXPECT_EQ(stored->state, u"confirmed"_s);
    EXPECT_DOUBLE_EQ(stored->amountTotal, 54.8);
    EXPECT_TRUE(stored->isGelato);
    EXPECT_EQ(stored->deliveryEstimateMin, order.deliveryEstimateMin);
    EXPECT_FALSE(stored->deliveryEstimateMax.isValid());
    EXPECT_EQ(stored->shippingAddress.city, u"Milano"_s);
    EXPECT_EQ(stored->shippingAddress.kind, Address::Kind::Shipping);
    ASSERT_TRUE(stored->billingAddress.has_value());
    EXPECT_EQ(stored->billingAddress->companyName, u"Rossi S.r.l."_s);
    ASSERT_EQ(stored->lines.size(), 2);
    EXPECT_EQ(stored->lines[0].sku, u"TS-M-O"_s);
    EXPECT_EQ(stored->lines[0].quantity, 2);
    EXPECT_DOUBLE_EQ(stored->lines[0].unitPrice, 24.9);
    EXPECT_EQ(stored->lines[0].variantId, 0);
    EXPECT_EQ(stored->lines[1].kind, OrderLine::Kind::Shipping);
    ASSERT_EQ(stored->events.size(), 1);
    EXPECT_EQ(stored->events[0].kind, u"created"_s);
    EXPECT_EQ(stored->events[0].source, OrderEvent::Source::Poleepo);
    EXPECT_EQ(stored->events[0].newState, u"confirmed"_s);

    EXPECT_EQ(**orders.findByReference(u"WEB-1001"_s), *id);
    EXPECT_EQ(**orders.findByPoleepoOrderId(u"P-WEB-1001"_s), *id);
    EXPECT_FALSE(orders.findByReference(u"WEB-9"_s)->has_value());
}

TEST_P(SalesOrderRepositoryTest, DuplicateReferenceIsRefusedByName)
{
    SalesOrderRepository orders(db());
    ASSERT_TRUE(orders.create(makeOrder(u"WEB-7"_s)).ok());
    const auto again = orders.create(makeOrder(u"WEB-7"_s));
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(), u"an order with reference \"WEB-7\" already exists"_s);
    EXPECT_EQ(*orders.count({}), 1);
}

TEST_P(SalesOrderRepositoryTest, StateChangesAreRecordedOnceInTheTimeline)
{
    SalesOrderRepository orders(db());
    const qint64 id = *orders.create(makeOrder(u"WEB-2"_s));

    const auto changed = orders.updateState(id, u"sent"_s, OrderEvent::Source::User, u"sent to Gelato"_s);
    ASSERT_TRUE(changed.ok()) << changed.error().toStdString();
    EXPECT_TRUE(*changed);
    // The same webhook applied twice changes nothing.
    const auto again = orders.updateState(id, u"sent"_s, OrderEvent::Source::Webhook);
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(*again);
    ASSERT_TRUE(*orders.updateState(id, u"shipped"_s, OrderEvent::Source::Webhook));

    OrderEvent note;
    note.orderId = id;
    note.source = OrderEvent::Source::Gelato;
    note.kind = u"note"_s;
    note.message = u"Gelato: address incomplete"_s;
    ASSERT_TRUE(OrderEventRepository(db()).append(note).ok());

    const SalesOrder order = *orders.get(id);
    EXPECT_EQ(order.state, u"shipped"_s);
    ASSERT_EQ(order.events.size(), 4);
    EXPECT_EQ(order.events[1].oldState, u"confirmed"_s);
    EXPECT_EQ(order.events[1].newState, u"sent"_s);
    EXPECT_EQ(order.events[1].source, OrderEvent::Source::User);
    EXPECT_EQ(order.events[1].message, u"sent to Gelato"_s);
    EXPECT_EQ(order.events[2].source, OrderEvent::Source::Webhook);
    EXPECT_EQ(order.events[3].message, u"Gelato: address incomplete"_s);

    const auto missing = orders.updateState(id + 1000, u"sent"_s, OrderEvent::Source::User);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error(), u"no order with id %1"_s.arg(id + 1000));
}

TEST_P(SalesOrderRepositoryTest, UpdateWritesFieldsAddressesAndLines)
{
    SalesOrderRepository orders(db());
    const qint64 id = *orders.create(makeOrder(u"WEB-3"_s));
    SalesOrder order = *orders.get(id);
    order.gelatoOrderId = u"g-123"_s;
    order.gelatoOrderReferenceId = u"bottega-3"_s;
    order.gelatoCostTotal = 17.25;
    order.shippingAddress.city = u"Torino"_s;
    order.billingAddress.reset();
    ASSERT_TRUE(orders.update(order).ok());

    OrderLine line;
    line.productName = u"Poster"_s;
    line.sku = u"PO-1"_s;
    line.quantity = 3;
    ASSERT_TRUE(orders.replaceLines(id, {line}).ok());
    SalesOrder stored = *orders.get(id);
    ASSERT_EQ(stored.lines.size(), 1);
    ASSERT_TRUE(orders.updateLineGelatoItem(stored.lines[0].id, u"item-9"_s, u"printed"_s).ok());

    stored = *orders.get(id);
    EXPECT_EQ(stored.gelatoOrderId, u"g-123"_s);
    EXPECT_DOUBLE_EQ(stored.gelatoCostTotal, 17.25);
    EXPECT_EQ(stored.shippingAddress.city, u"Torino"_s);
    EXPECT_FALSE(stored.billingAddress.has_value());
    EXPECT_EQ(stored.lines[0].sku, u"PO-1"_s);
    EXPECT_EQ(stored.lines[0].gelatoItemId, u"item-9"_s);
    EXPECT_EQ(stored.lines[0].gelatoItemStatus, u"printed"_s);
    EXPECT_EQ(stored.state, u"confirmed"_s); // update never moves the state
}

TEST_P(SalesOrderRepositoryTest, PackagesAndConnectedOrdersAreUpsertedAndFound)
{
    SalesOrderRepository orders(db());
    OrderPackageRepository gelato(db());
    SalesOrder order = makeOrder(u"WEB-4"_s);
    order.gelatoOrderId = u"g-main"_s;
    const qint64 id = *orders.create(order);

    OrderPackage package;
    package.orderId = id;
    package.gelatoOrderId = u"g-split"_s;
    package.packageId = u"pkg-1"_s;
    package.carrier = u"DHL"_s;
    package.trackingCode = u"TRACK1"_s;
    const auto first = gelato.savePackage(package);
    ASSERT_TRUE(first.ok()) << first.error().toStdString();
    package.trackingUrl = u"https://track.example.com/TRACK1"_s;
    package.status = u"delivered"_s;
    const auto second = gelato.savePackage(package);
    ASSERT_TRUE(second.ok()) << second.error().toStdString();
    EXPECT_EQ(*second, *first);

    ASSERT_TRUE(gelato.saveConnectedOrder({0, id, u"g-split"_s, u"in_production"_s}).ok());
    ASSERT_TRUE(gelato.saveConnectedOrder({0, id, u"g-split"_s, u"shipped"_s}).ok());

    const SalesOrder stored = *orders.get(id);
    ASSERT_EQ(stored.packages.size(), 1);
    EXPECT_EQ(stored.packages[0].trackingUrl, u"https://track.example.com/TRACK1"_s);
    EXPECT_EQ(stored.packages[0].status, u"delivered"_s);
    ASSERT_EQ(stored.connectedOrders.size(), 1);
    EXPECT_EQ(stored.connectedOrders[0].status, u"shipped"_s);

    EXPECT_EQ(**gelato.findOrderByGelatoOrderId(u"g-main"_s), id);
    EXPECT_EQ(**gelato.findOrderByGelatoOrderId(u"g-split"_s), id);
    EXPECT_FALSE(gelato.findOrderByGelatoOrderId(u"g-unknown"_s)->has_value());
    EXPECT_FALSE(gelato.findOrderByGelatoOrderId(QString())->has_value());
}

TEST_P(SalesOrderRepositoryTest, ListFiltersSortsAndPages)
{
    SalesOrderRepository orders(db());
    const QDateTime base(QDate(2026, 1, 10), QTime(9, 0), QTimeZone::utc());
    for (int i = 0; i < 6; ++i) {
        SalesOrder order = makeOrder(u"WEB-%1"_s.arg(100 + i));
        order.createdAt = base.addDays(i);
        order.state = i % 3 == 0 ? u"draft"_s : u"confirmed"_s;
        order.source = i < 4 ? SalesOrder::Source::Manual : SalesOrder::Source::Csv;
        order.customerLastName = i == 5 ? u"O'Brien"_s : u"Rossi"_s;
        ASSERT_TRUE(orders.create(order).ok());
    }
    EXPECT_EQ(references(*orders.list({})),
              QStringList(
                      {u"WEB-105"_s, u"WEB-104"_s, u"WEB-103"_s, u"WEB-102"_s, u"WEB-101"_s, u"WEB-100"_s}));

    SalesOrderRepository::Query drafts;
    drafts.states = {u"draft"_s};
    EXPECT_EQ(references(*orders.list(drafts)), QStringList({u"WEB-103"_s, u"WEB-100"_s}));

    SalesOrderRepository::Query csv;
    csv.source = SalesOrder::Source::Csv;
    csv.text = u"o'brien"_s;
    EXPECT_EQ(references(*orders.list(csv)), QStringList {u"WEB-105"_s});

    SalesOrderRepository::Query window;
    window.createdFrom = base.addDays(1);
    window.createdTo = base.addDays(4);
    window.descending = false;
    window.limit = 2;
    window.offset = 1;
    EXPECT_EQ(references(*orders.list(window)), QStringList({u"WEB-102"_s, u"WEB-103"_s}));
    EXPECT_EQ(*orders.count(window), 3);
}

TEST_P(SalesOrderRepositoryTest, OrdersAreFoundByTheirMarketplaceChannel)
{
    SalesOrderRepository orders(db());
    EXPECT_TRUE(orders.channels()->isEmpty());
    const QStringList channels {u"ebay"_s, u"amazon-it"_s, u""_s, u"ebay"_s};
    for (int i = 0; i < channels.size(); ++i) {
        SalesOrder order = makeOrder(u"MKT-%1"_s.arg(i));
        order.channel = channels.at(i);
        ASSERT_TRUE(orders.create(order).ok());
    }
    const auto found = orders.channels();
    ASSERT_TRUE(found.ok()) << qPrintable(found.error());
    EXPECT_EQ(*found, QStringList({u"amazon-it"_s, u"ebay"_s})); // each once, sorted, no empty one
    SalesOrderRepository::Query ebay;
    ebay.channel = u"ebay"_s;
    ebay.descending = false;
    ebay.sort = SalesOrderRepository::Query::Sort::Reference;
    EXPECT_EQ(references(*orders.list(ebay)), QStringList({u"MKT-0"_s, u"MKT-3"_s}));
    EXPECT_EQ(*orders.count(ebay), 2);
}

TEST_P(SalesOrderRepositoryTest, RemoveTakesEverythingWithIt)
{
    SalesOrderRepository orders(db());
    const qint64 id = *orders.create(makeOrder(u"WEB-5"_s));
    ASSERT_TRUE(orders.remove(id).ok());
    EXPECT_FALSE(orders.get(id).ok());
    EXPECT_TRUE(OrderEventRepository(db()).listForOrder(id)->isEmpty());
    const auto again = orders.remove(id);
    ASSERT_FALSE(again.ok());
    EXPECT_EQ(again.error(), u"no order with id %1"_s.arg(id));
}

BOTTEGA_INSTANTIATE_BACKEND_TESTS(SalesOrderRepositoryTest);
