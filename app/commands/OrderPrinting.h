// OrderPrinting: how `bottega order` shows sales orders and shipping rates: text for people, JSON
// (camelCase keys, cli.md) for scripts.
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/orders/OrderService.h"
#include "core/orders/ShippingRates.h"
#include "core/store/FulfilmentRepository.h"

#include <QJsonObject>
#include <QList>

namespace Bottega::OrderPrinting {

QJsonObject summaryJson(const SalesOrder &order); // a row of `order list --json`
QJsonObject orderJson(const SalesOrder &order, const CompanyCheck &companyCheck);
// An order from Poleepo (ORD-10, ORD-11): its Poleepo data, what the bridge made of it, and the
// tracking codes Poleepo accepted. The bridge's state: ready-to-send, sent-to-gelato,
// needs-attention, not-gelato; empty for orders not from Poleepo.
QString bridgeState(const SalesOrder &order);
QJsonObject poleepoJson(const SalesOrder &order, const QList<FulfilmentRepository::Handoff> &handoffs);
void printPoleepo(const SalesOrder &order, const QList<FulfilmentRepository::Handoff> &handoffs);
QJsonObject ratesJson(const QList<ShippingRate> &rates); // {"rates": [...]}, cli.md's exact shape

void printList(const QList<SalesOrder> &orders);
void printOrder(const SalesOrder &order, const CompanyCheck &companyCheck);
void printRates(const QList<ShippingRate> &rates);

} // namespace Bottega::OrderPrinting
