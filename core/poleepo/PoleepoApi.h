// PoleepoApi: every path, header, query parameter, field name and code of Poleepo's API as
// docs/poleepo-api.md describes it, in one table, so that a correction (the real reference differs
// from what is assumed) is a one-line change here. The client, the parsers and the later use cases
// read names from here only; the test fake keeps its own literal copy of the contract on purpose.
#pragma once

#include <QLatin1StringView>
#include <QString>
#include <QUrl>

namespace Bottega::PoleepoApi {

using namespace Qt::StringLiterals;

// Paths, relative to the setting poleepo.url; "{id}" stands for a percent-encoded id.
inline constexpr auto tokenPath = "oauth/access_token"_L1;
inline constexpr auto productsPath = "products"_L1;
inline constexpr auto productPath = "products/{id}"_L1;
inline constexpr auto productBatchPath = "products/batch"_L1;
inline constexpr auto productBatchStatusPath = "products/batch/{id}"_L1;
inline constexpr auto ordersPath = "orders"_L1;
inline constexpr auto orderPath = "orders/{id}"_L1;
inline constexpr auto orderStatusPath = "orders/{id}/status"_L1;
inline constexpr auto shippingsPath = "shippings"_L1;
inline constexpr auto shippingPath = "shippings/{id}"_L1;
inline constexpr auto shippingLabelPath = "shippings/{id}/label"_L1;
inline constexpr auto deliveredToCarrierPath = "shippings/{id}/delivered-to-carrier"_L1;
inline constexpr auto carriersPath = "carriers"_L1;
inline constexpr auto packageTypesPath = "package-types"_L1;
inline constexpr auto pickupAddressesPath = "pickup-addresses"_L1;

// Headers.
inline constexpr auto authorizationHeader = "Authorization";
inline constexpr auto bearerPrefix = "Bearer ";
inline constexpr auto retryAfterHeader = "Retry-After"; // seconds, on a 429
inline constexpr auto signatureHeader = "X-Poleepo-Signature"; // hex HMAC-SHA256(secret, raw body)

// Query parameters of lists.
inline constexpr auto offsetParameter = "offset"_L1;
inline constexpr auto maxParameter = "max"_L1;
inline constexpr auto activeParameter = "active"_L1;
inline constexpr auto updatedAfterParameter = "updated_after"_L1; // UTC RFC 3339, no fractions
inline constexpr int maxPageSize = 100;

// Token request and answer.
inline constexpr auto clientIdField = "client_id"_L1;
inline constexpr auto clientSecretField = "client_secret"_L1;
inline constexpr auto grantField = "grant"_L1; // not "grant_type"
inline constexpr auto clientCredentialsGrant = "client_credentials"_L1;
inline constexpr auto accessTokenField = "access_token"_L1;
inline constexpr auto durationField = "duration"_L1; // seconds

// The envelope of answers and errors.
inline constexpr auto dataField = "data"_L1;
inline constexpr auto totalField = "total"_L1; // of lists, beside "data"
inline constexpr auto successField = "success"_L1;
inline constexpr auto messageField = "message"_L1;
inline constexpr auto codeField = "code"_L1;
inline constexpr auto errorsField = "errors"_L1;
inline constexpr auto errorFieldField = "field"_L1; // errors[].field
inline constexpr auto validationErrorCode = "VALIDATION_ERROR"_L1;
inline constexpr auto notFoundCode = "NOT_FOUND"_L1;
inline constexpr auto rateLimitedCode = "RATE_LIMITED"_L1;
inline constexpr auto parentNotFoundCode = "PARENT_NOT_FOUND"_L1;

// Shared field names.
inline constexpr auto idField = "id"_L1;
inline constexpr auto nameField = "name"_L1;
inline constexpr auto statusField = "status"_L1;
inline constexpr auto skuField = "sku"_L1;
inline constexpr auto titleField = "title"_L1;
inline constexpr auto priceField = "price"_L1;
inline constexpr auto quantityField = "quantity"_L1;
inline constexpr auto weightField = "weight"_L1;
inline constexpr auto widthField = "width"_L1;
inline constexpr auto heightField = "height"_L1;
inline constexpr auto depthField = "depth"_L1;

// Product batch entries (product.md BATCH-2, seed 002) and the batch answers.
inline constexpr auto productsField = "products"_L1; // {"products": [entries]}
inline constexpr auto productIdField = "product_id"_L1;
inline constexpr auto parentSkuField = "parent_sku"_L1;
inline constexpr auto eanField = "ean"_L1;
inline constexpr auto upcField = "upc"_L1;
inline constexpr auto isbnField = "isbn"_L1;
inline constexpr auto mpnField = "mpn"_L1;
inline constexpr auto shortDescriptionField = "short_description"_L1;
inline constexpr auto longDescriptionField = "long_description"_L1;
inline constexpr auto categoryPathField = "category_path"_L1;
inline constexpr auto priceWithTaxField = "price_with_tax"_L1;
inline constexpr auto vatRateField = "vat_rate"_L1;
inline constexpr auto imagesField = "images"_L1;
inline constexpr auto attributesField = "attributes"_L1; // [{name, value}]
inline constexpr auto valueField = "value"_L1;
inline constexpr auto batchIdField = "batch_id"_L1;
inline constexpr auto processedField = "processed"_L1;
inline constexpr auto resultsField = "results"_L1;
inline constexpr auto batchPending = "PENDING"_L1;
inline constexpr auto batchProcessing = "PROCESSING"_L1;
inline constexpr auto batchCompleted = "COMPLETED"_L1;
inline constexpr auto batchFailed = "FAILED"_L1;
inline constexpr auto itemOk = "OK"_L1;
inline constexpr auto itemError = "ERROR"_L1;
// Seed 002: at most 5 status requests per batch (the assumed window: 10 minutes).
inline constexpr int batchStatusRequestsAllowed = 5;
inline constexpr int batchStatusWindowSeconds = 600;

// Orders.
inline constexpr auto referenceIdField = "reference_id"_L1;
inline constexpr auto sourceIdField = "source_id"_L1;
inline constexpr auto customerField = "customer"_L1;
inline constexpr auto firstnameField = "firstname"_L1;
// Assumed (poleepo-api.md lists no contact fields): customer{email, phone}; Gelato needs an email.
inline constexpr auto emailField = "email"_L1;
inline constexpr auto phoneField = "phone"_L1;
inline constexpr auto lastnameField = "lastname"_L1;
inline constexpr auto deliveryAddressField = "delivery_address"_L1;
inline constexpr auto surnameField = "surname"_L1;
inline constexpr auto addressField = "address"_L1;
inline constexpr auto postcodeField = "postcode"_L1;
inline constexpr auto cityField = "city"_L1;
inline constexpr auto stateIsoField = "state_iso"_L1;
inline constexpr auto countryIsoField = "country_iso"_L1;
inline constexpr auto totalPriceField = "total_price"_L1;
inline constexpr auto currencyField = "currency"_L1;
inline constexpr auto orderDateField = "order_date"_L1;
inline constexpr auto creationDateField = "creation_date"_L1;
inline constexpr auto shippingsField = "shippings"_L1; // [{id}]
inline constexpr auto rowsField = "rows"_L1; // assumed: [{sku, title, quantity, price}]
// The order status Poleepo gives a cancelled order (as seen; "Cancelled" accepted too).
inline constexpr auto canceledOrderStatus = "Canceled"_L1;
inline bool isCanceledStatus(const QString &status)
{
    return status.compare(canceledOrderStatus, Qt::CaseInsensitive) == 0
            || status.compare("Cancelled"_L1, Qt::CaseInsensitive) == 0;
}

// Shipping.
inline constexpr auto carrierField = "carrier"_L1;
inline constexpr auto parcelIdField = "parcel_id"_L1;
inline constexpr auto trackingCodeField = "tracking_code"_L1;
inline constexpr auto referenceField = "reference"_L1;
inline constexpr auto orderIdField = "order_id"_L1;
inline constexpr auto carrierIdField = "carrier_id"_L1;
inline constexpr auto pickupAddressIdField = "pickup_address_id"_L1;
inline constexpr auto parcelsField = "parcels"_L1;
inline constexpr auto packageTypeIdField = "package_type_id"_L1;

// Webhooks.
inline constexpr auto eventField = "event"_L1;
inline constexpr auto timestampField = "timestamp"_L1;
inline constexpr auto shippingIdField = "shipping_id"_L1;
inline constexpr auto statusOrderEvent = "STATUS_ORDER"_L1;
inline constexpr auto statusShipmentEvent = "STATUS_SHIPMENT"_L1;

// Assumed: an order in Poleepo's web app, for the link in the Info Poleepo tab (ORD-10).
inline constexpr auto orderWebUrl = "https://app.poleepo.cloud/orders/{id}"_L1;

// The path with "{id}" replaced by the percent-encoded id: path(orderPath, "A/1") → "orders/A%2F1".
inline QString path(QLatin1StringView pattern, const QString &id = QString())
{
    QString result(pattern);
    result.replace(u"{id}"_s, QString::fromLatin1(QUrl::toPercentEncoding(id)));
    return result;
}

} // namespace Bottega::PoleepoApi
