// GelatoOrderParsers: Gelato's order answers (create, get, patch, search, quote) and its error
// bodies into Bottega's value types. Unknown fields are ignored; a missing required field is named
// with its path ("Gelato order: items[1].productUid is missing").
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoOrder.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Bottega::GelatoOrderParsers {

Result<GelatoOrder> parseOrder(const QByteArray &json); // create, get, patch
Result<QList<GelatoOrder>> parseOrderSearch(const QByteArray &json); // its "orders"
Result<QList<GelatoQuote>> parseQuotes(const QByteArray &json); // its "quotes"
// Gelato's error shape {"code", "message", ...}: the message, or empty when the body is not one.
QString errorMessage(const QByteArray &body);

} // namespace Bottega::GelatoOrderParsers
