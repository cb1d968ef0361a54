// ShipWithPoleepo (SHIP-2..4, seed 002 "Preparazione alla spedizione", "Creazione lettera di
// vettura", "Invio al corriere"): an order from Poleepo that the shop ships itself. Once every
// product's goods are delivered to the shop, Ship with Poleepo takes a pickup address, one of the
// carriers Poleepo offers and at least one parcel of a valid package type, asks Poleepo for the
// shipping and its label, and keeps the label PDF with the order (FileStore). Delivered to carrier
// tells Poleepo, then reads the shipping back so its status, tracking code and carrier reach the
// order (STATUS_SHIPMENT webhooks do the same later). Every change goes through OrderUpdate. A
// refusal names its reason; a shipping Poleepo refused stores nothing. The window and the command
// line share it. Lives on the thread that made it, like PoleepoClient.
#pragma once

#include "core/domain/OrderShipment.h"
#include "core/domain/PackageType.h"
#include "core/domain/Result.h"

#include <QObject>
#include <QStringList>
#include <QUrl>
#include <functional>
#include <memory>

namespace Bottega {

class Clock;
class Database;
class FileStore;
class OrderUpdate;
class PoleepoClient;

class ShipWithPoleepo final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ShipWithPoleepo)

public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    // A carrier or a pickup address Poleepo offers.
    struct Choice
    {
        QString id;
        QString name; // a carrier's name; a pickup address as one line
    };
    struct Choices
    {
        QList<Choice> carriers;
        QList<Choice> pickupAddresses;
    };
    struct Request
    {
        qint64 orderId = 0;
        QString carrier; // Poleepo's id, or the carrier's name
        QString pickupAddress; // Poleepo's id, or the address's name
        QList<qint64> packageTypeIds; // one parcel each (SHIP-2: at least one)
    };

    ShipWithPoleepo(Database &database, PoleepoClient &poleepo, FileStore &files,
                    const Clock *clock = nullptr, QObject *parent = nullptr);
    ~ShipWithPoleepo() override;

    // The order in Poleepo's web app (ORD-10's link).
    static QUrl poleepoOrderUrl(const QString &poleepoOrderId);

    // Why Ship with Poleepo is not possible for the order now; empty: it is.
    Result<QStringList> blockers(qint64 orderId);
    // The product lines whose goods are not all at the shop, as "SKU (delivered/quantity)".
    Result<QStringList> undeliveredLines(qint64 orderId);
    // The goods of every product line reached the shop (false: they already had).
    Result<bool> markDeliveredToShop(qint64 orderId);
    Result<QList<OrderShipment>> shipments(qint64 orderId);
    // The stored label PDF's path; empty when the shipment has none.
    QString labelPath(const OrderShipment &shipment) const;

    // Poleepo's carriers and pickup addresses.
    void choices(QObject *context, Callback<Choices> done);
    // SHIP-3: the shipping with its label. An order whose shipping (asked for here) lost its label
    // on the way gets the label fetched again instead of a second shipping.
    void ship(const Request &request, QObject *context, Callback<OrderShipment> done);
    // SHIP-4: tells Poleepo the parcel of the order's last shipping went to the carrier.
    void handedOver(qint64 orderId, QObject *context, Callback<OrderShipment> done);

Q_SIGNALS:
    void orderChanged(qint64 orderId);

private:
    void fetchLabel(const OrderShipment &shipment, QObject *context, Callback<OrderShipment> done);
    // The package types of the packages, each valid for Poleepo; refused naming each that is not.
    Result<QList<PackageType>> packagesFor(const QList<qint64> &packageTypeIds);

    Database &m_database;
    PoleepoClient &m_poleepo;
    FileStore &m_files;
    const Clock *m_clock;
    std::unique_ptr<OrderUpdate> m_update;
};

} // namespace Bottega
