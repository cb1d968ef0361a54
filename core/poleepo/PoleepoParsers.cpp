#include "core/poleepo/PoleepoParsers.h"

#include "core/poleepo/PoleepoApi.h"
#include "core/poleepo/PoleepoJsonReader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <limits>

using namespace Qt::StringLiterals;

namespace Bottega::PoleepoParsers {

namespace {

namespace Api = PoleepoApi;
using Reader = PoleepoJsonReader;

QString what(const char *name)
{
    return QCoreApplication::translate("Bottega::PoleepoParsers", name);
}

// The answer's "data" as an object, read by `read`; an error names the first field wrong.
template<typename T, typename Read> Result<T> readData(const QByteArray &json, const QString &what, Read read)
{
    auto answer = Reader::parseObject(json, what);
    if (!answer)
        return makeError(answer.error());
    // Poleepo wraps every answer: {"data": ...}; paths in errors start at "data".
    Reader outer(what, QString(), *answer);
    Reader reader = outer.child(Api::dataField);
    if (outer.failed())
        return makeError(outer.error());
    T value = read(reader);
    if (reader.failed())
        return makeError(reader.error());
    return value;
}

// The answer's "data" as a list, each element read by `read`.
template<typename T, typename Read>
Result<QList<T>> readList(const QByteArray &json, const QString &what, Read read,
                          std::optional<int> *total = nullptr)
{
    auto answer = Reader::parseObject(json, what);
    if (!answer)
        return makeError(answer.error());
    Reader outer(what, QString(), *answer);
    const QJsonArray list = outer.array(Api::dataField);
    if (total)
        *total = outer.optionalInteger(Api::totalField);
    QList<T> values;
    for (qsizetype i = 0; i < list.size() && !outer.failed(); ++i) {
        auto element = outer.element(list, Api::dataField, i);
        if (!element)
            break;
        values.append(read(*element));
        outer.takeErrorFrom(*element);
    }
    if (outer.failed())
        return makeError(outer.error());
    return values;
}

PoleepoAddress readAddress(const Reader &reader)
{
    PoleepoAddress address;
    address.name = reader.optionalText(Api::nameField);
    address.surname = reader.optionalText(Api::surnameField);
    address.address = reader.optionalText(Api::addressField);
    address.postcode = reader.optionalText(Api::postcodeField);
    address.city = reader.optionalText(Api::cityField);
    address.stateIso = reader.optionalText(Api::stateIsoField);
    address.countryIso = reader.optionalText(Api::countryIsoField);
    return address;
}

PoleepoOrder readOrder(Reader &reader)
{
    PoleepoOrder order;
    order.id = reader.id(Api::idField);
    order.status = reader.status(Api::statusField, &order.statusId);
    order.referenceId = reader.optionalText(Api::referenceIdField);
    order.sourceId = reader.optionalText(Api::sourceIdField);
    const Reader customer = reader.optionalChild(Api::customerField);
    order.customerFirstname = customer.optionalText(Api::firstnameField);
    order.customerLastname = customer.optionalText(Api::lastnameField);
    order.customerEmail = customer.optionalText(Api::emailField);
    order.customerPhone = customer.optionalText(Api::phoneField);
    order.deliveryAddress = readAddress(reader.optionalChild(Api::deliveryAddressField));
    order.totalPrice = reader.optionalNumber(Api::totalPriceField);
    order.currency = reader.optionalText(Api::currencyField);
    order.orderDate = reader.optionalDateTime(Api::orderDateField);
    order.creationDate = reader.optionalDateTime(Api::creationDateField);

    const QJsonArray shippings = reader.array(Api::shippingsField, false);
    for (qsizetype i = 0; i < shippings.size() && !reader.failed(); ++i) {
        if (auto shipping = reader.element(shippings, Api::shippingsField, i)) {
            order.shippingIds.append(shipping->id(Api::idField));
            reader.takeErrorFrom(*shipping);
        }
    }
    // The lines are what Bottega sends to Gelato: sku and quantity are required.
    const QJsonArray rows = reader.array(Api::rowsField, false);
    for (qsizetype i = 0; i < rows.size() && !reader.failed(); ++i) {
        if (auto row = reader.element(rows, Api::rowsField, i)) {
            PoleepoOrderRow line;
            line.sku = row->text(Api::skuField);
            line.quantity = row->number(Api::quantityField);
            line.title = row->optionalText(Api::titleField);
            line.price = row->optionalNumber(Api::priceField);
            order.rows.append(line);
            reader.takeErrorFrom(*row);
        }
    }
    return order;
}

PoleepoBatchItemResult readBatchItem(Reader &reader)
{
    PoleepoBatchItemResult item;
    item.sku = reader.text(Api::skuField);
    const QString status = reader.text(Api::statusField);
    item.code = reader.optionalText(Api::codeField);
    item.message = reader.optionalText(Api::messageField);
    if (status == Api::itemOk) {
        item.status = PoleepoBatchItemResult::Status::Ok;
        item.productId = reader.id(Api::productIdField); // stored on the product: required
    } else if (status == Api::itemError) {
        item.status = PoleepoBatchItemResult::Status::Error;
        item.productId = reader.optionalId(Api::productIdField);
    } else {
        reader.failUnexpected(Api::statusField, status, {Api::itemOk, Api::itemError});
    }
    return item;
}

} // namespace

Result<PoleepoToken> parseToken(const QByteArray &json)
{
    return readData<PoleepoToken>(json, what("Poleepo token"), [](Reader &reader) {
        PoleepoToken token;
        token.accessToken = reader.text(Api::accessTokenField);
        token.durationSeconds = int(reader.count(Api::durationField, std::numeric_limits<int>::max()));
        return token;
    });
}

Result<PoleepoBatchSubmission> parseBatchSubmission(const QByteArray &json)
{
    return readData<PoleepoBatchSubmission>(json, what("Poleepo batch"), [](Reader &reader) {
        PoleepoBatchSubmission batch;
        batch.batchId = reader.id(Api::batchIdField);
        batch.status = reader.optionalText(Api::statusField);
        batch.total = reader.optionalInteger(Api::totalField);
        return batch;
    });
}

Result<PoleepoBatchStatus> parseBatchStatus(const QByteArray &json)
{
    return readData<PoleepoBatchStatus>(json, what("Poleepo batch status"), [](Reader &reader) {
        PoleepoBatchStatus batch;
        batch.batchId = reader.id(Api::batchIdField);
        const QString status = reader.text(Api::statusField);
        if (status == Api::batchPending)
            batch.status = PoleepoBatchStatus::Status::Pending;
        else if (status == Api::batchProcessing)
            batch.status = PoleepoBatchStatus::Status::Processing;
        else if (status == Api::batchCompleted)
            batch.status = PoleepoBatchStatus::Status::Completed;
        else if (status == Api::batchFailed)
            batch.status = PoleepoBatchStatus::Status::Failed;
        else
            reader.failUnexpected(
                    Api::statusField, status,
                    {Api::batchPending, Api::batchProcessing, Api::batchCompleted, Api::batchFailed});
        batch.total = reader.optionalInteger(Api::totalField);
        batch.processed = reader.optionalInteger(Api::processedField);
        const QJsonArray results = reader.array(Api::resultsField, false);
        for (qsizetype i = 0; i < results.size() && !reader.failed(); ++i) {
            if (auto item = reader.element(results, Api::resultsField, i)) {
                batch.results.append(readBatchItem(*item));
                reader.takeErrorFrom(*item);
            }
        }
        return batch;
    });
}

Result<PoleepoOrder> parseOrder(const QByteArray &json)
{
    return readData<PoleepoOrder>(json, what("Poleepo order"), readOrder);
}

Result<PoleepoOrderPage> parseOrderPage(const QByteArray &json, int offset, int max)
{
    PoleepoOrderPage page;
    page.offset = offset;
    page.max = max;
    auto orders = readList<PoleepoOrder>(json, what("Poleepo orders"), readOrder, &page.total);
    if (!orders)
        return makeError(orders.error());
    page.orders = std::move(*orders);
    return page;
}

Result<PoleepoShipping> parseShipping(const QByteArray &json, const QString &knownId)
{
    return readData<PoleepoShipping>(json, what("Poleepo shipping"), [&knownId](Reader &reader) {
        PoleepoShipping shipping;
        shipping.id = reader.has(Api::idField) || knownId.isEmpty() ? reader.id(Api::idField) : knownId;
        shipping.carrier = reader.optionalText(Api::carrierField);
        if (shipping.carrier.isEmpty()) // a carrier may also come as {id, name}
            shipping.carrier = reader.optionalChild(Api::carrierField).optionalText(Api::nameField);
        shipping.parcelId = reader.optionalText(Api::parcelIdField);
        shipping.trackingCode = reader.optionalText(Api::trackingCodeField);
        shipping.reference = reader.optionalText(Api::referenceField);
        if (reader.has(Api::statusField))
            shipping.status = reader.status(Api::statusField);
        shipping.deliveryAddress = readAddress(reader.optionalChild(Api::deliveryAddressField));
        shipping.creationDate = reader.optionalDateTime(Api::creationDateField);
        return shipping;
    });
}

Result<PoleepoCreatedShipping> parseCreatedShipping(const QByteArray &json)
{
    return readData<PoleepoCreatedShipping>(json, what("Poleepo shipping"), [](Reader &reader) {
        PoleepoCreatedShipping shipping;
        shipping.id = reader.id(Api::idField);
        shipping.parcelId = reader.optionalText(Api::parcelIdField);
        shipping.trackingCode = reader.optionalText(Api::trackingCodeField);
        return shipping;
    });
}

Result<QList<PoleepoCarrier>> parseCarriers(const QByteArray &json)
{
    return readList<PoleepoCarrier>(json, what("Poleepo carriers"), [](Reader &reader) {
        return PoleepoCarrier {reader.id(Api::idField), reader.optionalText(Api::nameField)};
    });
}

Result<QList<PoleepoPackageType>> parsePackageTypes(const QByteArray &json)
{
    return readList<PoleepoPackageType>(json, what("Poleepo package types"), [](Reader &reader) {
        PoleepoPackageType type;
        type.id = reader.id(Api::idField);
        type.name = reader.optionalText(Api::nameField);
        type.weight = reader.optionalNumber(Api::weightField);
        type.width = reader.optionalNumber(Api::widthField);
        type.height = reader.optionalNumber(Api::heightField);
        type.depth = reader.optionalNumber(Api::depthField);
        return type;
    });
}

Result<QList<PoleepoPickupAddress>> parsePickupAddresses(const QByteArray &json)
{
    return readList<PoleepoPickupAddress>(json, what("Poleepo pickup addresses"), [](Reader &reader) {
        PoleepoPickupAddress address;
        address.id = reader.id(Api::idField);
        address.name = reader.optionalText(Api::nameField);
        address.address = reader.optionalText(Api::addressField);
        address.city = reader.optionalText(Api::cityField);
        address.postcode = reader.optionalText(Api::postcodeField);
        address.countryIso = reader.optionalText(Api::countryIsoField);
        return address;
    });
}

QString errorMessage(const QByteArray &body)
{
    const QJsonObject object = QJsonDocument::fromJson(body).object();
    const QString message = object.value(Api::messageField).toString();
    QStringList details;
    const QJsonArray errors = object.value(Api::errorsField).toArray();
    for (const QJsonValue &entry : errors) {
        const QString field = entry.toObject().value(Api::errorFieldField).toString();
        const QString text = entry.toObject().value(Api::messageField).toString();
        if (!text.isEmpty())
            details.append(field.isEmpty() ? text : field + u": "_s + text);
    }
    if (details.isEmpty())
        return message;
    return message.isEmpty() ? details.join(u"; "_s) : message + u" ("_s + details.join(u"; "_s) + u')';
}

QString errorCode(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object().value(Api::codeField).toString();
}

} // namespace Bottega::PoleepoParsers
