// OrderPrinting: how `bottega order` shows sales orders and shipping rates: text for people, JSON
// (camelCase keys, cli.md) for scripts.
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/orders/OrderService.h"
#include "core/orders/ShippingRates.h"

#include <QJsonObject>
#include <QList>

namespace Bottega::OrderPrinting {

QJsonObject summaryJson(const SalesOrder &order); // a row of `order list --json`
QJsonObject orderJson(const SalesOrder &order, const CompanyCheck &companyCheck);
QJsonObject ratesJson(const QList<ShippingRate> &rates); // {"rates": [...]}, cli.md's exact shape

void printList(const QList<SalesOrder> &orders);
void printOrder(const SalesOrder &order, const CompanyCheck &companyCheck);
void printRates(const QList<ShippingRate> &rates);

} // namespace Bottega::OrderPrinting
