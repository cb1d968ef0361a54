// PoleepoTypes: the typed answers of PoleepoClient. Fields Bottega acts on (ids, statuses, skus,
// quantities) are always set: the parsers refuse an answer without them. Fields Bottega only shows
// may be empty, invalid (dates) or nullopt (numbers) when Poleepo did not send them.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <optional>

namespace Bottega {

// `POST oauth/access_token`.
struct PoleepoToken
{
    QString accessToken;
    int durationSeconds = 0;
};

// `POST products/batch`: the batch Poleepo accepted for processing.
struct PoleepoBatchSubmission
{
    QString batchId;
    QString status; // "PENDING" as submitted
    std::optional<int> total; // entries counted by Poleepo
};

// One product of a batch, once Poleepo processed it.
struct PoleepoBatchItemResult
{
    enum class Status { Ok, Error };
    QString sku;
    QString productId; // Poleepo's product id; always set when Ok
    Status status = Status::Error;
    QString code; // "PARENT_NOT_FOUND", "VALIDATION_ERROR", ...; empty when Ok
    QString message; // Poleepo's words, shown as they are
};

// `GET products/batch/{id}`.
struct PoleepoBatchStatus
{
    enum class Status { Pending, Processing, Completed, Failed };
    QString batchId;
    Status status = Status::Pending;
    std::optional<int> total;
    std::optional<int> processed;
    QList<PoleepoBatchItemResult> results;

    bool isFinished() const { return status == Status::Completed || status == Status::Failed; }
};

struct PoleepoAddress
{
    QString name;
    QString surname;
    QString address;
    QString postcode;
    QString city;
    QString stateIso;
    QString countryIso;
};

struct PoleepoOrderRow
{
    QString sku;
    QString title;
    double quantity = 0;
    std::optional<double> price;
};

struct PoleepoOrder
{
    QString id;
    QString referenceId;
    QString sourceId;
    // The status as Poleepo names it ("Payment accepted", "Shipped"); sent as a string or as
    // {id, name}: then statusId holds the id.
    QString status;
    QString statusId;
    QString customerFirstname;
    QString customerLastname;
    QString customerEmail; // assumed field customer.email; empty when not sent
    QString customerPhone; // assumed field customer.phone
    PoleepoAddress deliveryAddress;
    std::optional<double> totalPrice;
    QString currency;
    QDateTime orderDate; // invalid when absent
    QDateTime creationDate;
    QStringList shippingIds;
    QList<PoleepoOrderRow> rows;
};

// One page of `GET orders`. A page shorter than `max` is the last one.
struct PoleepoOrderPage
{
    QList<PoleepoOrder> orders;
    int offset = 0;
    int max = 0;
    std::optional<int> total;

    bool isLast() const { return orders.size() < max || (total && offset + orders.size() >= *total); }
};

struct PoleepoShipping
{
    QString id;
    QString carrier;
    QString parcelId;
    QString trackingCode;
    QString reference;
    QString status; // when Poleepo sends one (a string or {id, name})
    PoleepoAddress deliveryAddress;
    QDateTime creationDate;
};

struct PoleepoCarrier
{
    QString id;
    QString name;
};

struct PoleepoPackageType
{
    QString id;
    QString name;
    std::optional<double> weight;
    std::optional<double> width;
    std::optional<double> height;
    std::optional<double> depth;
};

struct PoleepoPickupAddress
{
    QString id;
    QString name;
    QString address;
    QString city;
    QString postcode;
    QString countryIso;
};

struct PoleepoParcel
{
    QString packageTypeId;
    double weight = 0; // kg
    double width = 0; // cm
    double height = 0;
    double depth = 0;
};

// `POST shippings`: what Bottega asks for (SHIP-2, SHIP-3).
struct PoleepoShippingRequest
{
    QString orderId;
    QString carrierId;
    QString pickupAddressId;
    QList<PoleepoParcel> parcels;
};

struct PoleepoCreatedShipping
{
    QString id;
    QString parcelId;
    QString trackingCode;
};

// A webhook call's payload (HOOK-7). Only the ids are acted on: the handler fetches the order or
// shipping rather than trusting `status`.
struct PoleepoWebhookEvent
{
    enum class Kind { StatusOrder, StatusShipment, Other };
    QString id;
    Kind kind = Kind::Other;
    QString event; // as sent: "STATUS_ORDER", "STATUS_SHIPMENT", or one Bottega does not know
    QDateTime timestamp;
    QString orderId; // STATUS_ORDER
    QString shippingId; // STATUS_SHIPMENT
    QString status; // may be empty
};

} // namespace Bottega
