// `bottega order create|list|show|quote|confirm|cancel|refresh` through the real executable, against
// the Gelato fake on loopback (URLs via `config set`, the key via BOTTEGA_GELATO_API_KEY): the order
// Gelato receives, exactly one Gelato order per confirm, and the errors users see.
#include "tests/app/BottegaProcess.h"
#include "tests/support/TestUtil.h"
#include "tests/support/fakes/GelatoFake.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;
using namespace Bottega;
using namespace Bottega::Test;

namespace {

class OrderCli : public ::testing::Test
{
protected:
    void SetUp() override
    {
        ASSERT_TRUE(fake.start());
        for (const auto &[key, url] : {std::pair {u"gelato.ecommerce-url"_s, fake.ecommerceUrl()},
                                       std::pair {u"gelato.product-url"_s, fake.productUrl()},
                                       std::pair {u"gelato.order-url"_s, fake.orderUrl()},
                                       std::pair {u"gelato.shipment-url"_s, fake.shipmentUrl()}}) {
            const auto set = bottega.run({u"config"_s, u"set"_s, key, url.toString()});
            ASSERT_EQ(set.exitCode, 0) << qPrintable(set.err);
        }
        bottega.environment().insert(u"BOTTEGA_GELATO_API_KEY"_s, QString::fromLatin1(GelatoFake::apiKey()));
        // A Gelato tee (variant 0: M, Orange, front only) with its print image: ready to order.
        auto synced = run(
                {u"product"_s, u"sync-template"_s, QString::fromLatin1(GelatoFake::threeId), u"--json"_s});
        ASSERT_EQ(synced.exitCode, 0) << qPrintable(synced.err);
        const QJsonObject product = QJsonDocument::fromJson(synced.out.toUtf8()).object();
        variantId = product.value(u"variants"_s)[0][u"id"_s].toInteger();
        ASSERT_GT(variantId, 0) << qPrintable(synced.out);
        // The product's placements are default and back (from its variants' print areas).
        for (const QString &placement : {u"default"_s, u"back"_s}) {
            const auto image = run({u"product"_s, u"set-print-image"_s,
                                    QString::number(product.value(u"id"_s).toInteger()), placement,
                                    u"https://cdn.example.com/"_s + placement + u".pdf"_s});
            ASSERT_EQ(image.exitCode, 0) << qPrintable(image.err);
        }
    }

    // Runs while this process keeps serving the fake (BottegaProcess::run would block it).
    ProcessResult run(const QStringList &arguments)
    {
        QObject parent;
        QProcess *process = bottega.start(arguments, &parent);
        ProcessResult result;
        if (!waitUntil([process] { return process->state() == QProcess::NotRunning; }, 20000)) {
            process->kill();
            process->waitForFinished();
            result.err = u"timed out"_s;
            return result;
        }
        result.exitCode = process->exitStatus() == QProcess::NormalExit ? process->exitCode() : -1;
        result.out = QString::fromUtf8(process->readAllStandardOutput());
        result.err = QString::fromUtf8(process->readAllStandardError());
        return result;
    }

    QJsonObject orderFile(const QString &reference, int quantity = 2) const
    {
        const QJsonObject address {{u"firstName"_s, u"Giulia"_s},         {u"lastName"_s, u"Bianchi"_s},
                                   {u"addressLine1"_s, u"Via Roma 12"_s}, {u"city"_s, u"Bologna"_s},
                                   {u"postCode"_s, u"40121"_s},           {u"country"_s, u"IT"_s},
                                   {u"email"_s, u"giulia@example.com"_s}, {u"phone"_s, u"+39 051 123456"_s}};
        return QJsonObject {
                {u"reference"_s, reference},
                {u"currency"_s, u"EUR"_s},
                {u"customer"_s,
                 QJsonObject {{u"firstName"_s, u"Giulia"_s},
                              {u"lastName"_s, u"Bianchi"_s},
                              {u"email"_s, u"giulia@example.com"_s}}},
                {u"shippingAddress"_s, address},
                {u"lines"_s,
                 QJsonArray {QJsonObject {
                         {u"variantId"_s, variantId}, {u"quantity"_s, quantity}, {u"price"_s, 25.0}}}},
        };
    }

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = files.filePath(name);
        QFile file(path);
        EXPECT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
        return path;
    }

    // `order create` of orderFile(reference): the new order's id.
    QString create(const QString &reference)
    {
        const QString path = write(reference + u".json"_s, QJsonDocument(orderFile(reference)).toJson());
        const auto created = run({u"order"_s, u"create"_s, path, u"--json"_s});
        EXPECT_EQ(created.exitCode, 0) << qPrintable(created.err);
        return QString::number(
                QJsonDocument::fromJson(created.out.toUtf8()).object().value(u"id"_s).toInteger());
    }

    QJsonObject show(const QString &id)
    {
        const auto shown = run({u"order"_s, u"show"_s, id, u"--json"_s});
        EXPECT_EQ(shown.exitCode, 0) << qPrintable(shown.err);
        return QJsonDocument::fromJson(shown.out.toUtf8()).object();
    }

    GelatoFake fake;
    BottegaProcess bottega;
    QTemporaryDir files;
    qint64 variantId = 0;
};

TEST_F(OrderCli, CreateFromJsonThenShowAndListWithJson)
{
    const QString path = write(u"web.json"_s, QJsonDocument(orderFile(u"WEB-1001"_s)).toJson());
    const auto created = run({u"order"_s, u"create"_s, path});
    ASSERT_EQ(created.exitCode, 0) << qPrintable(created.err);
    EXPECT_TRUE(created.out.contains(u"WEB-1001"_s)) << qPrintable(created.out);

    const auto listed = run({u"order"_s, u"list"_s, u"--json"_s});
    ASSERT_EQ(listed.exitCode, 0) << qPrintable(listed.err);
    const QJsonArray rows = QJsonDocument::fromJson(listed.out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 1) << qPrintable(listed.out);
    const QJsonObject row = rows.at(0).toObject();
    EXPECT_EQ(row.value(u"reference"_s).toString(), u"WEB-1001"_s);
    EXPECT_EQ(row.value(u"state"_s).toString(), u"draft"_s);
    EXPECT_EQ(row.value(u"customer"_s).toString(), u"Giulia Bianchi"_s);
    EXPECT_TRUE(row.value(u"isGelato"_s).toBool());

    const QJsonObject order = show(QString::number(row.value(u"id"_s).toInteger()));
    EXPECT_EQ(order.value(u"shippingAddress"_s)[u"city"_s].toString(), u"Bologna"_s);
    ASSERT_EQ(order.value(u"lines"_s).toArray().size(), 1);
    EXPECT_EQ(order.value(u"lines"_s)[0][u"quantity"_s].toInt(), 2);
    EXPECT_EQ(order.value(u"lines"_s)[0][u"variantId"_s].toInteger(), variantId);
    EXPECT_DOUBLE_EQ(order.value(u"lines"_s)[0][u"price"_s].toDouble(), 25.0);
    EXPECT_FALSE(order.value(u"timeline"_s).toArray().isEmpty());

    const auto sent = run({u"order"_s, u"list"_s, u"--status"_s, u"sent"_s, u"--json"_s});
    ASSERT_EQ(sent.exitCode, 0) << qPrintable(sent.err);
    EXPECT_TRUE(QJsonDocument::fromJson(sent.out.toUtf8()).array().isEmpty());
    const auto text = run({u"order"_s, u"list"_s});
    EXPECT_TRUE(text.out.contains(u"WEB-1001"_s)) << qPrintable(text.out);

    const auto bogus = run({u"order"_s, u"list"_s, u"--status"_s, u"nonsense"_s});
    EXPECT_EQ(bogus.exitCode, 2);
    EXPECT_TRUE(bogus.err.contains(u"--status"_s)) << qPrintable(bogus.err);
    EXPECT_EQ(fake.orders().orderCount(), 0); // nothing sent yet
}

TEST_F(OrderCli, BadJsonIsRefusedNamingTheField)
{
    QJsonObject bad = orderFile(u"WEB-1002"_s, 0);
    auto result = run({u"order"_s, u"create"_s, write(u"bad.json"_s, QJsonDocument(bad).toJson())});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains(u"lines[0].quantity"_s)) << qPrintable(result.err);

    bad = orderFile(u"WEB-1002"_s);
    bad.insert(u"lines"_s, QJsonArray {QJsonObject {{u"variantId"_s, 999999}, {u"quantity"_s, 1}}});
    result = run({u"order"_s, u"create"_s, write(u"unknown.json"_s, QJsonDocument(bad).toJson())});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.contains(u"lines[0].variantId"_s)) << qPrintable(result.err);

    result = run({u"order"_s, u"create"_s, write(u"broken.json"_s, "{\"reference\": ")});
    EXPECT_EQ(result.exitCode, 1);
    EXPECT_TRUE(result.err.startsWith(u"bottega: "_s)) << qPrintable(result.err);

    EXPECT_EQ(run({u"order"_s, u"create"_s}).exitCode, 2);
    EXPECT_EQ(run({u"order"_s, u"show"_s, u"abc"_s}).exitCode, 2);
    EXPECT_EQ(run({u"order"_s, u"list"_s, u"--draft"_s}).exitCode, 2);
    const auto listed = run({u"order"_s, u"list"_s, u"--json"_s});
    EXPECT_TRUE(QJsonDocument::fromJson(listed.out.toUtf8()).array().isEmpty()) << qPrintable(listed.out);
}

TEST_F(OrderCli, ImportCsvDryRunErrorsPerRowThenImport)
{
    const QString header = u"reference,currency,firstName,lastName,addressLine1,city,postCode,country,email,"
                           "variantId,quantity,price\n"_s;
    const QString row = u",EUR,Anna,Rossi,Via Roma 1,Milano,20100,IT,anna@example.com,%1,%2,25\n"_s;
    const QString good = write(u"good.csv"_s,
                               QString(header + u"CSV-1"_s + row.arg(variantId).arg(2) + u"CSV-1"_s
                                       + row.arg(variantId).arg(1) + u"CSV-2"_s + row.arg(variantId).arg(3))
                                       .toUtf8());
    const auto dry = run({u"order"_s, u"import-csv"_s, good, u"--dry-run"_s, u"--json"_s});
    ASSERT_EQ(dry.exitCode, 0) << qPrintable(dry.err);
    const QJsonObject report = QJsonDocument::fromJson(dry.out.toUtf8()).object();
    EXPECT_EQ(report.value(u"references"_s).toArray(), (QJsonArray {u"CSV-1"_s, u"CSV-2"_s}));
    EXPECT_FALSE(report.value(u"applied"_s).toBool());
    EXPECT_TRUE(report.value(u"errors"_s).toArray().isEmpty());
    EXPECT_TRUE(QJsonDocument::fromJson(run({u"order"_s, u"list"_s, u"--json"_s}).out.toUtf8())
                        .array()
                        .isEmpty());

    const QString bad = write(
            u"bad.csv"_s,
            QString(header + u"CSV-3"_s + row.arg(variantId).arg(1) + u"CSV-4"_s + row.arg(variantId).arg(0))
                    .toUtf8());
    const auto refused = run({u"order"_s, u"import-csv"_s, bad});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains(u"row 2, quantity"_s)) << qPrintable(refused.err);
    EXPECT_TRUE(QJsonDocument::fromJson(run({u"order"_s, u"list"_s, u"--json"_s}).out.toUtf8())
                        .array()
                        .isEmpty());

    const auto imported = run({u"order"_s, u"import-csv"_s, good});
    ASSERT_EQ(imported.exitCode, 0) << qPrintable(imported.err);
    EXPECT_TRUE(imported.out.contains(u"CSV-1, CSV-2"_s)) << qPrintable(imported.out);
    const QJsonArray rows
            = QJsonDocument::fromJson(run({u"order"_s, u"list"_s, u"--json"_s}).out.toUtf8()).array();
    ASSERT_EQ(rows.size(), 2);
    EXPECT_EQ(rows.at(0)[u"source"_s].toString(), u"csv"_s);
    EXPECT_EQ(run({u"order"_s, u"list"_s, u"--dry-run"_s}).exitCode, 2);
}

TEST_F(OrderCli, QuotePrintsStandardAndExpressRates)
{
    const QString id = create(u"WEB-1003"_s);
    const auto quoted = run({u"order"_s, u"quote"_s, id, u"--json"_s});
    ASSERT_EQ(quoted.exitCode, 0) << qPrintable(quoted.err);
    const QJsonObject answer = QJsonDocument::fromJson(quoted.out.toUtf8()).object();
    EXPECT_EQ(answer.keys(), QStringList {u"rates"_s});
    const QJsonArray rates = answer.value(u"rates"_s).toArray();
    ASSERT_EQ(rates.size(), 2) << qPrintable(quoted.out);
    const QJsonObject standard = rates.at(0).toObject();
    EXPECT_EQ(standard.keys(),
              (QStringList {u"currency"_s, u"maxDeliveryDate"_s, u"minDeliveryDate"_s, u"price"_s,
                            u"shipmentMethodUid"_s, u"type"_s}));
    EXPECT_EQ(standard.value(u"type"_s).toString(), u"standard"_s);
    EXPECT_DOUBLE_EQ(standard.value(u"price"_s).toDouble(), 5.0);
    EXPECT_EQ(standard.value(u"currency"_s).toString(), u"EUR"_s);
    EXPECT_EQ(standard.value(u"shipmentMethodUid"_s).toString(), u"dhl_parcel"_s);
    EXPECT_EQ(standard.value(u"minDeliveryDate"_s).toString(), u"2026-12-03"_s);
    EXPECT_EQ(standard.value(u"maxDeliveryDate"_s).toString(), u"2026-12-07"_s);
    EXPECT_EQ(rates.at(1)[u"type"_s].toString(), u"express"_s);
    EXPECT_DOUBLE_EQ(rates.at(1)[u"price"_s].toDouble(), 20.0);

    const QJsonObject body = fake.lastRequest().json().object();
    EXPECT_EQ(fake.lastRequest().path, fake.orders().quotePath());
    EXPECT_EQ(body.value(u"currency"_s).toString(), u"EUR"_s);
    EXPECT_EQ(body.value(u"recipient"_s)[u"addressLine1"_s].toString(), u"Via Roma 12"_s);
    EXPECT_EQ(body.value(u"products"_s)[0][u"quantity"_s].toInt(), 2);

    const auto text = run({u"order"_s, u"quote"_s, id});
    ASSERT_EQ(text.exitCode, 0) << qPrintable(text.err);
    EXPECT_TRUE(text.out.contains(u"5.00 EUR"_s) && text.out.contains(u"20.00 EUR"_s))
            << qPrintable(text.out);
}

TEST_F(OrderCli, ConfirmSendsExactlyOneOrderAndASecondConfirmIsRefused)
{
    const QString id = create(u"WEB-1004"_s);
    const auto confirmed = run({u"order"_s, u"confirm"_s, id, u"--shipping"_s, u"express"_s, u"--json"_s});
    ASSERT_EQ(confirmed.exitCode, 0) << qPrintable(confirmed.err);
    ASSERT_EQ(fake.orders().orderCount(), 1);
    const QJsonObject atGelato = fake.orders().orders().at(0);
    EXPECT_EQ(atGelato.value(u"orderType"_s).toString(), u"order"_s); // draft, then patched

    const QList<RecordedRequest> creates = fake.requests(fake.orders().ordersPath());
    ASSERT_EQ(creates.size(), 1);
    const QJsonObject body = creates.at(0).json().object();
    const QJsonObject order = QJsonDocument::fromJson(confirmed.out.toUtf8()).object();
    EXPECT_EQ(body.value(u"orderType"_s).toString(), u"draft"_s);
    EXPECT_EQ(body.value(u"orderReferenceId"_s).toString(),
              order.value(u"gelato"_s)[u"orderReferenceId"_s].toString());
    EXPECT_EQ(body.value(u"currency"_s).toString(), u"EUR"_s);
    EXPECT_EQ(body.value(u"shipmentMethodUid"_s).toString(), u"express"_s);
    EXPECT_EQ(body.value(u"items"_s)[0][u"productUid"_s].toString(),
              u"apparel_product_gca_t-shirt_size_m_color_orange"_s);
    EXPECT_EQ(body.value(u"items"_s)[0][u"quantity"_s].toInt(), 2);
    EXPECT_EQ(body.value(u"items"_s)[0][u"files"_s][0][u"url"_s].toString(),
              u"https://cdn.example.com/default.pdf"_s);
    EXPECT_EQ(body.value(u"shippingAddress"_s)[u"postCode"_s].toString(), u"40121"_s);
    EXPECT_EQ(fake.requests(fake.orders().orderPath(atGelato.value(u"id"_s).toString())).size(),
              1); // the PATCH

    EXPECT_EQ(order.value(u"gelato"_s)[u"orderId"_s].toString(), atGelato.value(u"id"_s).toString());
    EXPECT_EQ(order.value(u"state"_s).toString(), u"sent"_s);
    // Gelato's cost from its receipt: 2 × 12.50 for the products, the total with VAT.
    const QJsonObject receipt = atGelato.value(u"receipts"_s)[0].toObject();
    EXPECT_DOUBLE_EQ(order.value(u"gelato"_s)[u"cost"_s][u"products"_s].toDouble(), 25.0);
    EXPECT_DOUBLE_EQ(order.value(u"gelato"_s)[u"cost"_s][u"total"_s].toDouble(),
                     receipt.value(u"totalInclVat"_s).toDouble());

    const auto again = run({u"order"_s, u"confirm"_s, id});
    EXPECT_EQ(again.exitCode, 1);
    EXPECT_TRUE(again.err.startsWith(u"bottega: "_s)) << qPrintable(again.err);
    EXPECT_EQ(fake.orders().orderCount(), 1);
    EXPECT_EQ(fake.requestCount(fake.orders().ordersPath()), 1);
}

TEST_F(OrderCli, ConfirmAsDraftThenGelatosRefusalIsShownVerbatim)
{
    const QString draftId = create(u"WEB-1005"_s);
    const auto confirmed = run({u"order"_s, u"confirm"_s, draftId, u"--draft"_s});
    ASSERT_EQ(confirmed.exitCode, 0) << qPrintable(confirmed.err);
    ASSERT_EQ(fake.orders().orderCount(), 1);
    EXPECT_EQ(fake.orders().orders().at(0).value(u"orderType"_s).toString(), u"draft"_s);

    const QString refusedId = create(u"WEB-1006"_s);
    fake.orders().refuseNext(fake.orders().ordersPath(), 400, u"Product is not available in IT"_s);
    const auto refused = run({u"order"_s, u"confirm"_s, refusedId});
    EXPECT_EQ(refused.exitCode, 1);
    EXPECT_TRUE(refused.err.contains(u"Gelato refused the order: Product is not available in IT"_s))
            << qPrintable(refused.err);
    EXPECT_EQ(fake.orders().orderCount(), 1);
}

TEST_F(OrderCli, AnHtml502OnCreateIsReadableAndTheNextConfirmSendsOneOrder)
{
    const QString id = create(u"WEB-1009"_s);
    fake.orders().htmlErrorNext(fake.orders().ordersPath());
    const auto failed = run({u"order"_s, u"confirm"_s, id});
    EXPECT_EQ(failed.exitCode, 1);
    EXPECT_TRUE(failed.err.contains(u"502"_s) && failed.err.contains(u"HTML"_s)) << qPrintable(failed.err);
    EXPECT_EQ(fake.orders().orderCount(), 0);
    EXPECT_EQ(fake.requestCount(fake.orders().ordersPath()), 1); // a create is never repeated

    const auto retried = run({u"order"_s, u"confirm"_s, id, u"--json"_s});
    ASSERT_EQ(retried.exitCode, 0) << qPrintable(retried.err);
    ASSERT_EQ(fake.orders().orderCount(), 1);
    EXPECT_EQ(QJsonDocument::fromJson(retried.out.toUtf8()).object().value(u"state"_s).toString(), u"sent"_s);
    // The retry looked for an order the failed attempt might have created before creating one.
    EXPECT_GE(fake.requestCount(fake.orders().searchPath()), 1);
}

TEST_F(OrderCli, CancelOnceThenRefusedAndRefreshReadsTracking)
{
    const QString first = create(u"WEB-1007"_s);
    ASSERT_EQ(run({u"order"_s, u"confirm"_s, first}).exitCode, 0);
    const auto cancelled = run({u"order"_s, u"cancel"_s, first, u"--json"_s});
    ASSERT_EQ(cancelled.exitCode, 0) << qPrintable(cancelled.err);
    EXPECT_EQ(QJsonDocument::fromJson(cancelled.out.toUtf8()).object().value(u"state"_s).toString(),
              u"cancelled"_s);
    const QString gelatoId = fake.orders().orders().at(0).value(u"id"_s).toString();
    EXPECT_EQ(fake.orders().order(gelatoId).value(u"fulfillmentStatus"_s).toString(), u"canceled"_s);
    const auto twice = run({u"order"_s, u"cancel"_s, first});
    EXPECT_EQ(twice.exitCode, 1);
    EXPECT_EQ(fake.requestCount(fake.orders().cancelPath(gelatoId)), 1) << qPrintable(twice.err);

    const QString second = create(u"WEB-1008"_s);
    ASSERT_EQ(run({u"order"_s, u"confirm"_s, second}).exitCode, 0);
    const QString secondGelatoId = fake.orders().orders().at(1).value(u"id"_s).toString();
    ASSERT_TRUE(fake.orders().setOrderStatus(secondGelatoId, u"printed"_s));
    const auto late = run({u"order"_s, u"cancel"_s, second});
    EXPECT_EQ(late.exitCode, 1);
    EXPECT_TRUE(late.err.contains(u"already in production"_s)) << qPrintable(late.err);

    ASSERT_TRUE(fake.orders().setOrderStatus(secondGelatoId, u"shipped"_s));
    const auto refreshed = run({u"order"_s, u"refresh"_s, second, u"--json"_s});
    ASSERT_EQ(refreshed.exitCode, 0) << qPrintable(refreshed.err);
    const QJsonObject order = QJsonDocument::fromJson(refreshed.out.toUtf8()).object();
    EXPECT_EQ(order.value(u"state"_s).toString(), u"shipped"_s);
    EXPECT_EQ(order.value(u"gelato"_s)[u"fulfillmentStatus"_s].toString(), u"shipped"_s);
    const QJsonArray packages = order.value(u"packages"_s).toArray();
    ASSERT_EQ(packages.size(), 1) << qPrintable(refreshed.out);
    EXPECT_TRUE(packages.at(0)[u"trackingCode"_s].toString().startsWith(u"TRK"_s));
    EXPECT_TRUE(packages.at(0)[u"trackingUrl"_s].toString().startsWith(u"https://track.example/"_s));
    const auto text = run({u"order"_s, u"show"_s, second});
    ASSERT_EQ(text.exitCode, 0) << qPrintable(text.err);
    EXPECT_TRUE(text.out.contains(u"Gelato order: "_s + secondGelatoId)) << qPrintable(text.out);
    EXPECT_TRUE(text.out.contains(packages.at(0)[u"trackingCode"_s].toString())) << qPrintable(text.out);
}

// ORD-8 from the command line: `job run reconcile-gelato-orders` reads the orders in progress again
// (on the worker thread, with its own Gelato client reading the key through the main thread's
// secret store), stores what changed and logs the call.
TEST_F(OrderCli, JobRunReconcilesTheOrdersInProgressAndLogsItsCalls)
{
    const QString id = create(u"WEB-1011"_s);
    ASSERT_EQ(run({u"order"_s, u"confirm"_s, id}).exitCode, 0);
    const QString gelatoId = fake.orders().orders().at(0).value(u"id"_s).toString();
    ASSERT_TRUE(fake.orders().setOrderStatus(gelatoId, u"shipped"_s));
    const int readsBefore = fake.requestCount(fake.orders().orderPath(gelatoId));

    const auto ran = run({u"job"_s, u"run"_s, u"reconcile-gelato-orders"_s, u"--json"_s});
    ASSERT_EQ(ran.exitCode, 0) << qPrintable(ran.err);
    const QJsonObject result = QJsonDocument::fromJson(ran.out.toUtf8()).object();
    EXPECT_TRUE(result.value(u"ok"_s).toBool()) << qPrintable(ran.out);
    EXPECT_EQ(result.value(u"resultMessage"_s).toObject().value(u"code"_s).toString(), u"job.orders-refreshed"_s);
    EXPECT_EQ(result.value(u"result"_s).toString(), u"1 order refreshed from Gelato"_s);
    EXPECT_EQ(fake.requestCount(fake.orders().orderPath(gelatoId)), readsBefore + 1);
    EXPECT_EQ(show(id).value(u"state"_s).toString(), u"shipped"_s);

    // The worker's API-log sink wrote its call, with the key redacted.
    const auto logged = run({u"log"_s, u"list"_s, u"--service"_s, u"gelato"_s, u"--json"_s});
    ASSERT_EQ(logged.exitCode, 0) << qPrintable(logged.err);
    EXPECT_TRUE(logged.out.contains(gelatoId)) << qPrintable(logged.out);
    EXPECT_FALSE(logged.out.contains(QString::fromLatin1(GelatoFake::apiKey())));
}

} // namespace
