// GelatoParsers: Gelato's JSON answers into Bottega's value types. Unknown fields are ignored; an
// answer lacking a required field is refused with a message naming it
// ("Gelato template: variants[2].productUid is missing").
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoCatalog.h"
#include "core/gelato/GelatoPrice.h"
#include "core/gelato/GelatoProduct.h"
#include "core/gelato/GelatoShipmentMethod.h"
#include "core/gelato/GelatoStockAvailability.h"
#include "core/gelato/GelatoTemplate.h"

#include <QByteArray>
#include <QList>

namespace Bottega::GelatoParsers {

Result<GelatoTemplate> parseTemplate(const QByteArray &json);
Result<QList<GelatoCatalog>> parseCatalogs(const QByteArray &json);
Result<GelatoCatalog> parseCatalog(const QByteArray &json);
Result<GelatoProduct> parseProduct(const QByteArray &json);
Result<QList<GelatoProduct>> parseProductSearch(const QByteArray &json); // its "products"
Result<QList<GelatoPrice>> parsePrices(const QByteArray &json);
Result<QList<GelatoStockAvailability>> parseStockAvailability(const QByteArray &json);
Result<QList<GelatoShipmentMethod>> parseShipmentMethods(const QByteArray &json);

} // namespace Bottega::GelatoParsers
