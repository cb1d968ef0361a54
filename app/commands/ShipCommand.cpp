// `bottega order delivered-to-shop ID | ship ID --carrier C --pickup P --package-type T[,T…] |
// handed-over ID`: shipping an order from Poleepo with Poleepo (SHIP-2..4) through
// ShipWithPoleepo, the use case the order editor's Info Poleepo tab calls too. Package types are
// named as in Settings (or by id); --package-type once per package, or comma-separated.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/fulfilment/PackageTypes.h"
#include "core/fulfilment/ShipWithPoleepo.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

QJsonObject shipmentJson(const ShipWithPoleepo &shipping, const OrderShipment &shipment)
{
    QJsonArray parcels;
    for (const ShipmentParcel &parcel : shipment.parcels)
        parcels.append(QJsonObject {{u"packageType"_s, parcel.packageTypeName},
                                    {u"weight"_s, parcel.weight},
                                    {u"width"_s, parcel.width},
                                    {u"height"_s, parcel.height},
                                    {u"depth"_s, parcel.depth}});
    return {{u"orderId"_s, shipment.orderId},
            {u"poleepoShippingId"_s, shipment.poleepoShippingId},
            {u"carrier"_s, shipment.carrier},
            {u"trackingCode"_s, shipment.trackingCode},
            {u"pickupAddress"_s, shipment.pickupAddress},
            {u"status"_s, shipment.status},
            {u"label"_s, shipping.labelPath(shipment)},
            {u"handedOverAt"_s, Output::time(shipment.handedOverAt)},
            {u"parcels"_s, parcels}};
}

void printShipment(const ShipWithPoleepo &shipping, const OrderShipment &shipment)
{
    Output::line(tr("Poleepo shipping %1: %2, tracking %3")
                         .arg(shipment.poleepoShippingId, shipment.carrier,
                              shipment.trackingCode.isEmpty() ? u"-"_s : shipment.trackingCode));
    if (!shipment.status.isEmpty())
        Output::line(tr("Status: %1").arg(shipment.status));
    if (const QString label = shipping.labelPath(shipment); !label.isEmpty())
        Output::line(tr("Label: %1").arg(label));
}

// The package types named on the line (name or id), one parcel each; an unknown one is named.
Result<QList<qint64>> packageTypeIds(Runtime &runtime, const CommandLine &commandLine)
{
    auto known = runtime.packageTypes().list();
    if (!known)
        return makeError(known.error());
    QList<qint64> ids;
    for (const QString &values : commandLine.optionValues(u"package-type"_s)) {
        for (const QString &value : values.split(u',', Qt::SkipEmptyParts)) {
            const QString wanted = value.trimmed();
            qint64 found = 0;
            for (const PackageType &type : std::as_const(*known)) {
                if (type.name.compare(wanted, Qt::CaseInsensitive) == 0 || QString::number(type.id) == wanted)
                    found = type.id;
            }
            if (found == 0) {
                QStringList names;
                for (const PackageType &type : std::as_const(*known))
                    names.append(type.name);
                return makeError(tr("--package-type: no package type \"%1\" (known: %2)")
                                         .arg(wanted,
                                              names.isEmpty() ? tr("none; add them in Settings")
                                                              : names.join(u", "_s)));
            }
            ids.append(found);
        }
    }
    return ids;
}

} // namespace

bool showShipments(Runtime &runtime, qint64 orderId, QJsonObject *poleepoJson)
{
    const ShipWithPoleepo &shipping = runtime.shipWithPoleepo();
    const auto shipments = runtime.shipWithPoleepo().shipments(orderId);
    if (!shipments) {
        Output::error(shipments.error());
        return false;
    }
    QJsonArray rows;
    for (const OrderShipment &shipment : std::as_const(*shipments)) {
        if (poleepoJson)
            rows.append(shipmentJson(shipping, shipment));
        else
            printShipment(shipping, shipment);
    }
    if (poleepoJson)
        poleepoJson->insert(u"shipments"_s, rows);
    return true;
}

void orderShipping(Runtime &runtime, const CommandLine &commandLine, qint64 orderId, CommandDone done)
{
    const QString action = commandLine.arguments.value(0);
    ShipWithPoleepo &shipping = runtime.shipWithPoleepo();
    const bool json = commandLine.json;
    const auto finished
            = [&shipping, json, done](const QString &text, const Result<OrderShipment> &shipment) {
                  if (!shipment) {
                      Output::error(shipment.error());
                      return done(ExitFailure);
                  }
                  if (json) {
                      Output::json(shipmentJson(shipping, *shipment));
                  } else {
                      Output::line(text);
                      printShipment(shipping, *shipment);
                  }
                  done(ExitOk);
              };
    if (action == u"delivered-to-shop"_s) {
        const auto changed = shipping.markDeliveredToShop(orderId);
        if (!changed) {
            Output::error(changed.error());
            return done(ExitFailure);
        }
        if (json)
            Output::json(QJsonObject {{u"orderId"_s, orderId}, {u"changed"_s, *changed}});
        else
            Output::line(*changed ? tr("Every product of order %1 is delivered to the shop").arg(orderId)
                                  : tr("Order %1 was already delivered to the shop").arg(orderId));
        return done(ExitOk);
    }
    if (action == u"handed-over"_s) {
        return shipping.handedOver(orderId, &shipping, [finished](const Result<OrderShipment> &shipment) {
            finished(tr("Poleepo knows the parcel is with the carrier"), shipment);
        });
    }
    if (!commandLine.isSet(u"carrier"_s) || !commandLine.isSet(u"pickup"_s)
        || !commandLine.isSet(u"package-type"_s)) {
        Output::error(tr("usage: bottega order ship ID --carrier C --pickup P --package-type T[,T…]"));
        return done(ExitUsage);
    }
    const auto types = packageTypeIds(runtime, commandLine);
    if (!types) {
        Output::error(types.error());
        return done(ExitFailure);
    }
    ShipWithPoleepo::Request request;
    request.orderId = orderId;
    request.carrier = commandLine.option(u"carrier"_s);
    request.pickupAddress = commandLine.option(u"pickup"_s);
    request.packageTypeIds = *types;
    shipping.ship(request, &shipping, [finished](const Result<OrderShipment> &shipment) {
        finished(tr("Shipped with Poleepo; the label is stored"), shipment);
    });
}

void packageType(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QString action = commandLine.arguments.value(0);
    PackageTypes &types = runtime.packageTypes();
    const bool json = commandLine.json;
    if (action == u"import"_s && commandLine.arguments.size() == 1) {
        return types.adoptOffered(&types, [json, done](const Result<int> &added) {
            if (!added) {
                Output::error(added.error());
                return done(ExitFailure);
            }
            if (json)
                Output::json(QJsonObject {{u"added"_s, *added}});
            else
                Output::line(QCoreApplication::translate(
                        "Bottega::Commands", "%n package type(s) added from Poleepo", nullptr, *added));
            done(ExitOk);
        });
    }
    if (action != u"list"_s || commandLine.arguments.size() != 1) {
        Output::error(tr("usage: bottega package-type list | import"));
        return done(ExitUsage);
    }
    const auto list = types.list();
    if (!list) {
        Output::error(list.error());
        return done(ExitFailure);
    }
    QJsonArray rows;
    for (const PackageType &type : std::as_const(*list)) {
        const QStringList problems = PackageTypes::problems(type);
        if (json) {
            rows.append(QJsonObject {{u"id"_s, type.id},
                                     {u"name"_s, type.name},
                                     {u"weight"_s, type.weight},
                                     {u"width"_s, type.width},
                                     {u"height"_s, type.height},
                                     {u"depth"_s, type.depth},
                                     {u"poleepoPackageTypeId"_s, type.poleepoPackageTypeId},
                                     {u"problems"_s, QJsonArray::fromStringList(problems)}});
            continue;
        }
        Output::line(tr("%1  %2: %3 kg, %4 x %5 x %6 cm, Poleepo %7%8")
                             .arg(type.id)
                             .arg(type.name)
                             .arg(type.weight)
                             .arg(type.width)
                             .arg(type.height)
                             .arg(type.depth)
                             .arg(type.poleepoPackageTypeId.isEmpty() ? u"-"_s : type.poleepoPackageTypeId,
                                  problems.isEmpty() ? QString()
                                                     : tr(" (not usable: %1)").arg(problems.join(u", "_s))));
    }
    if (json)
        Output::json(rows);
    done(ExitOk);
}

} // namespace Bottega::Commands
