// `bottega package-type list|import`, `order delivered-to-shop`, `order ship` and `order handed-over`
// (SHIP-2..4, CONF-8) through the real executable against the Poleepo fake on loopback: an order
// imported by `job run import-poleepo-orders`, refused while it is not at the shop or without a
// usable package type (each saying why), shipped with its label stored, then handed to the carrier.
#include "tests/app/BottegaProcess.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/PoleepoFake.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

class ShipCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(fake.start());
        for (const auto &[key, value] : {std::pair {u"poleepo.url"_s, fake.baseUrl().toString()},
                                         std::pair {u"poleepo.enabled"_s, u"true"_s}}) {
            const auto set = bottega.run({u"config"_s, u"set"_s, key, value});
            ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
        }
        bottega.environment().insert(u"BOTTEGA_POLEEPO_CLIENT_ID"_s, PoleepoFake::clientId());
        bottega.environment().insert(u"BOTTEGA_POLEEPO_CLIENT_SECRET"_s, PoleepoFake::clientSecret());
        QJsonObject order = PoleepoFake::sampleOrder(u"P1"_s);
        order.insert(u"rows"_s,
                     QJsonArray {QJsonObject {{u"sku"_s, u"OWN-MUG"_s},
                                              {u"title"_s, u"Mug"_s},
                                              {u"quantity"_s, 2},
                                              {u"price"_s, 12}}});
        order.insert(u"customer"_s,
                     QJsonObject {{u"firstname"_s, u"Maria"_s},
                                  {u"lastname"_s, u"Rossi"_s},
                                  {u"email"_s, u"maria@example.com"_s}});
        fake.addOrder(order);
        const auto imported = run({u"job"_s, u"run"_s, u"import-poleepo-orders"_s});
        ASSERT_EQ(imported.exitCode, 0) << qPrintable(imported.out + imported.err);
        const auto listed = run({u"order"_s, u"list"_s, u"--json"_s});
        ASSERT_EQ(listed.exitCode, 0) << qPrintable(listed.err);
        const QJsonArray rows = QJsonDocument::fromJson(listed.out.toUtf8()).array();
        ASSERT_EQ(rows.size(), 1);
        id = QString::number(rows.at(0)[u"id"_s].toInteger());
    }

    ProcessResult run(const QStringList &arguments) { return bottega.runServing(arguments, 20000); }
    ProcessResult ship(const QString &packageType, const QStringList &more = {})
    {
        return run(QStringList {u"order"_s, u"ship"_s, id, u"--carrier"_s, u"GLS Italy"_s, u"--pickup"_s,
                                u"PA1"_s, u"--package-type"_s, packageType}
                   + more);
    }

    PoleepoFake fake;
    BottegaProcess bottega;
    QString id;
};

TEST_F(ShipCli, AnOrderIsShippedWithPoleepoAndHandedToTheCarrier)
{
    const auto noTypes = ship(u"Busta"_s);
    EXPECT_EQ(noTypes.exitCode, 1);
    EXPECT_EQ(noTypes.err.trimmed(),
              u"bottega: --package-type: no package type \"Busta\" (known: none; add them in Settings)"_s);

    const auto imported = run({u"package-type"_s, u"import"_s, u"--json"_s});
    ASSERT_EQ(imported.exitCode, 0) << qPrintable(imported.err);
    EXPECT_EQ(QJsonDocument::fromJson(imported.out.toUtf8()).object().value(u"added"_s).toInt(), 2);
    const auto types = run({u"package-type"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(types.exitCode, 0) << qPrintable(types.err);
    const QJsonArray typeRows = QJsonDocument::fromJson(types.out.toUtf8()).array();
    ASSERT_EQ(typeRows.size(), 2);
    EXPECT_EQ(typeRows.at(0)[u"name"_s].toString(), u"Busta"_s);
    EXPECT_TRUE(typeRows.at(0)[u"problems"_s].toArray().isEmpty());
    EXPECT_EQ(typeRows.at(1)[u"problems"_s].toArray().size(), 2);

    const auto notAtShop = ship(u"Busta"_s);
    EXPECT_EQ(notAtShop.exitCode, 1);
    EXPECT_EQ(notAtShop.err.trimmed(),
              u"bottega: cannot ship with Poleepo: not delivered to the shop yet: OWN-MUG (0/2)"_s);
    const auto delivered = run({u"order"_s, u"delivered-to-shop"_s, id});
    ASSERT_EQ(delivered.exitCode, 0) << qPrintable(delivered.err);

    const auto invalid = ship(u"Busta,Scatola media"_s);
    EXPECT_EQ(invalid.exitCode, 1);
    EXPECT_EQ(invalid.err.trimmed(),
              u"bottega: not a valid package type for Poleepo: package 2 (Scatola media): no weight, "
              "dimensions missing"_s);
    const auto usage = run({u"order"_s, u"ship"_s, id, u"--carrier"_s, u"GLS"_s});
    EXPECT_EQ(usage.exitCode, 2);
    EXPECT_EQ(fake.requestCount(u"/shippings"_s), 0);

    const auto shipped = ship(u"Busta"_s, {u"--json"_s});
    ASSERT_EQ(shipped.exitCode, 0) << qPrintable(shipped.err);
    const QJsonObject shipment = QJsonDocument::fromJson(shipped.out.toUtf8()).object();
    EXPECT_EQ(shipment.value(u"poleepoShippingId"_s).toString(), u"S1"_s);
    EXPECT_EQ(shipment.value(u"carrier"_s).toString(), u"GLS Italy"_s);
    EXPECT_EQ(shipment.value(u"trackingCode"_s).toString(), u"TRKS1"_s);
    QFile label(shipment.value(u"label"_s).toString());
    ASSERT_TRUE(label.open(QIODevice::ReadOnly)) << qPrintable(label.fileName());
    EXPECT_TRUE(label.readAll().startsWith("%PDF"));

    const auto handed = run({u"order"_s, u"handed-over"_s, id, u"--json"_s});
    ASSERT_EQ(handed.exitCode, 0) << qPrintable(handed.err);
    EXPECT_TRUE(fake.deliveredToCarrier(u"S1"_s));
    const QJsonObject after = QJsonDocument::fromJson(handed.out.toUtf8()).object();
    EXPECT_EQ(after.value(u"status"_s).toString(), u"Delivered to carrier"_s);
    EXPECT_TRUE(after.value(u"handedOverAt"_s).isString());
    const auto twice = run({u"order"_s, u"handed-over"_s, id});
    EXPECT_EQ(twice.exitCode, 1);
    EXPECT_TRUE(twice.err.contains(u"already delivered to the carrier"_s)) << qPrintable(twice.err);

    // `order show` has the shipping, and the timeline tells it in words.
    const auto json = run({u"order"_s, u"show"_s, id, u"--json"_s});
    ASSERT_EQ(json.exitCode, 0) << qPrintable(json.err);
    const QJsonArray shipments
            = QJsonDocument::fromJson(json.out.toUtf8()).object()[u"poleepo"_s][u"shipments"_s].toArray();
    ASSERT_EQ(shipments.size(), 1);
    EXPECT_EQ(shipments.at(0)[u"parcels"_s][0][u"packageType"_s].toString(), u"Busta"_s);
    const auto shown = run({u"order"_s, u"show"_s, id});
    ASSERT_EQ(shown.exitCode, 0) << qPrintable(shown.err);
    EXPECT_TRUE(shown.out.contains(u"every product delivered to the shop"_s)) << qPrintable(shown.out);
    EXPECT_TRUE(shown.out.contains(u"Poleepo shipping S1 created with GLS Italy, tracking TRKS1"_s));
    EXPECT_TRUE(shown.out.contains(u"Poleepo shipping S1 delivered to the carrier"_s));
}

} // namespace
