// `bottega order create FILE.json | import-csv FILE [--dry-run] | list [--status S] | show ID |
// quote ID | confirm ID [--shipping standard|express|UID] [--draft] | cancel ID | refresh ID`: sales
// orders through OrderService (ORD-1, ORD-4..8). Calls to Gelato answer later, through `done`.
// Shipping with Poleepo (delivered-to-shop, ship, handed-over) is in ShipCommand.cpp.
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "app/commands/OrderPrinting.h"
#include "core/orders/OrderService.h"
#include "core/orders/OrderState.h"
#include "core/store/FulfilmentRepository.h"
#include "core/store/SalesOrderRepository.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

const QStringList &knownStates()
{
    static const QStringList states {OrderState::Draft,     OrderState::Sending,      OrderState::GelatoDraft,
                                     OrderState::Sent,      OrderState::InProduction, OrderState::Shipped,
                                     OrderState::Delivered, OrderState::Cancelled,    OrderState::Failed,
                                     OrderState::Returned};
    return states;
}

int usage()
{
    Output::error(
            tr("usage: bottega order create FILE.json | import-csv FILE [--dry-run] | list [--status S] | "
               "show ID | quote ID | confirm ID [--shipping standard|express|UID] [--draft] | cancel ID | "
               "refresh ID | delivered-to-shop ID | ship ID --carrier C --pickup P --package-type T | "
               "handed-over ID"));
    return ExitUsage;
}

std::optional<qint64> parseId(const QString &what, const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        Output::error(tr("%1: \"%2\" is not an order id").arg(what, text));
        return std::nullopt;
    }
    return id;
}

// Prints the order as `show` does; the exit code.
int show(Runtime &runtime, qint64 id, bool json)
{
    const auto order = runtime.orders().get(id);
    if (!order) {
        Output::error(order.error());
        return ExitFailure;
    }
    const CompanyCheck check = runtime.orders().companyCheck(id);
    const auto handoffs = FulfilmentRepository(runtime.database()).handoffs(id);
    if (!handoffs) {
        Output::error(handoffs.error());
        return ExitFailure;
    }
    if (json) {
        QJsonObject shown = OrderPrinting::orderJson(*order, check);
        QJsonObject poleepo = OrderPrinting::poleepoJson(*order, *handoffs);
        if (!showShipments(runtime, id, &poleepo))
            return ExitFailure;
        shown.insert(u"poleepo"_s, poleepo);
        Output::json(shown);
    } else {
        OrderPrinting::printOrder(*order, check);
        OrderPrinting::printPoleepo(*order, *handoffs);
        if (!showShipments(runtime, id, nullptr))
            return ExitFailure;
    }
    return ExitOk;
}

int list(Runtime &runtime, const CommandLine &commandLine)
{
    SalesOrderRepository::Query query;
    query.limit = 0;
    if (commandLine.isSet(u"status"_s)) {
        const QString state = commandLine.option(u"status"_s);
        // ORD-11's filters next to the states: what waits for review, what waits for a person.
        if (state == "ready-to-send"_L1 || state == "needs-attention"_L1) {
            query.readyToSend = state == "ready-to-send"_L1;
            query.needsAttention = state == "needs-attention"_L1;
        } else if (!knownStates().contains(state)) {
            Output::error(
                    tr("--status: unknown state \"%1\" (one of: %2)")
                            .arg(state,
                                 (knownStates() + QStringList {u"ready-to-send"_s, u"needs-attention"_s})
                                         .join(u", "_s)));
            return ExitUsage;
        } else {
            query.states = {state};
        }
    }
    const auto orders = SalesOrderRepository(runtime.database()).list(query);
    if (!orders) {
        Output::error(orders.error());
        return ExitFailure;
    }
    if (commandLine.json) {
        QJsonArray rows;
        for (const SalesOrder &order : *orders)
            rows.append(OrderPrinting::summaryJson(order));
        Output::json(rows);
    } else {
        OrderPrinting::printList(*orders);
    }
    return ExitOk;
}

int create(Runtime &runtime, const CommandLine &commandLine)
{
    const QString path = commandLine.arguments.at(1);
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        Output::error(tr("order create: cannot read %1: %2").arg(path, file.errorString()));
        return ExitFailure;
    }
    const auto parsed = runtime.orders().parseJson(file.readAll());
    if (!parsed) {
        Output::error(tr("order create: %1: %2").arg(path, parsed.error()));
        return ExitFailure;
    }
    const auto id = runtime.orders().create(*parsed);
    if (!id) {
        Output::error(id.error());
        return ExitFailure;
    }
    if (!commandLine.json)
        Output::line(tr("Order %1 created: %2").arg(*id).arg(parsed->reference));
    return show(runtime, *id, commandLine.json);
}

int importCsv(Runtime &runtime, const CommandLine &commandLine)
{
    const bool dryRun = commandLine.isSet(u"dry-run"_s);
    const auto report = runtime.orders().importCsv(commandLine.arguments.at(1), dryRun);
    if (!report) {
        Output::error(report.error());
        return ExitFailure;
    }
    if (commandLine.json) {
        QJsonArray errors;
        for (const OrderImportReport::RowError &error : report->errors)
            errors.append(QJsonObject {
                    {u"row"_s, error.row}, {u"field"_s, error.field}, {u"message"_s, error.message}});
        Output::json(QJsonObject {{u"references"_s, QJsonArray::fromStringList(report->references)},
                                  {u"errors"_s, errors},
                                  {u"applied"_s, report->applied},
                                  {u"dryRun"_s, dryRun}});
    } else {
        for (const OrderImportReport::RowError &error : report->errors)
            Output::error(error.message); // "row 2, sku: no variant with SKU …"
        if (report->errors.isEmpty())
            Output::line((dryRun ? QCoreApplication::translate("Bottega::Commands",
                                                               "%n order(s) would be created: %1", nullptr,
                                                               int(report->references.size()))
                                 : QCoreApplication::translate("Bottega::Commands", "%n order(s) created: %1",
                                                               nullptr, int(report->references.size())))
                                 .arg(report->references.join(u", "_s)));
        else
            Output::error(QCoreApplication::translate("Bottega::Commands",
                                                      "nothing imported: %n row error(s)", nullptr,
                                                      int(report->errors.size())));
    }
    return report->errors.isEmpty() ? ExitOk : ExitFailure;
}

// The Gelato calls: each answers later with the changed order, printed like `show`.
void afterGelato(Runtime &runtime, bool json, const QString &doneText, CommandDone done,
                 const Result<SalesOrder> &result)
{
    if (!result) {
        Output::error(result.error());
        return done(ExitFailure);
    }
    if (!json)
        Output::line(doneText);
    done(show(runtime, result->id, json));
}

} // namespace

void order(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    const QStringList &args = commandLine.arguments;
    const QString action = args.value(0);
    if ((commandLine.isSet(u"dry-run"_s) && action != u"import-csv"_s)
        || (commandLine.isSet(u"status"_s) && action != u"list"_s)
        || ((commandLine.isSet(u"shipping"_s) || commandLine.isSet(u"draft"_s)) && action != u"confirm"_s)
        || ((commandLine.isSet(u"carrier"_s) || commandLine.isSet(u"pickup"_s)
             || commandLine.isSet(u"package-type"_s))
            && action != u"ship"_s))
        return done(usage());
    if (action == u"list"_s && args.size() == 1)
        return done(list(runtime, commandLine));
    if (action == u"create"_s && args.size() == 2)
        return done(create(runtime, commandLine));
    if (action == u"import-csv"_s && args.size() == 2)
        return done(importCsv(runtime, commandLine));
    const QStringList withId {u"show"_s,   u"quote"_s,      u"confirm"_s,
                              u"cancel"_s, u"refresh"_s,    u"delivered-to-shop"_s,
                              u"ship"_s,   u"handed-over"_s};
    if (!withId.contains(action) || args.size() != 2)
        return done(usage());
    const auto id = parseId(u"order "_s + action, args.at(1));
    if (!id)
        return done(ExitUsage);
    if (action == u"show"_s)
        return done(show(runtime, *id, commandLine.json));
    if (action == u"delivered-to-shop"_s || action == u"ship"_s || action == u"handed-over"_s)
        return orderShipping(runtime, commandLine, *id, std::move(done));

    OrderService &orders = runtime.orders();
    const bool json = commandLine.json;
    if (action == u"quote"_s) {
        return orders.quote(*id, &orders, [json, done](const Result<QList<ShippingRate>> &rates) {
            if (!rates) {
                Output::error(rates.error());
                return done(ExitFailure);
            }
            if (json)
                Output::json(OrderPrinting::ratesJson(*rates));
            else
                OrderPrinting::printRates(*rates);
            done(ExitOk);
        });
    }
    if (action == u"confirm"_s) {
        if (commandLine.isSet(u"shipping"_s)) {
            const auto chosen = orders.chooseShipping(*id, commandLine.option(u"shipping"_s));
            if (!chosen) {
                Output::error(chosen.error());
                return done(ExitFailure);
            }
        }
        const bool draft = commandLine.isSet(u"draft"_s);
        const QString text = draft ? tr("Sent to Gelato as a draft") : tr("Sent to Gelato");
        return orders.confirm(*id, draft, &orders,
                              [&runtime, json, text, done](const Result<SalesOrder> &result) {
                                  afterGelato(runtime, json, text, done, result);
                              });
    }
    if (action == u"cancel"_s) {
        return orders.cancel(*id, &orders, [&runtime, json, done](const Result<SalesOrder> &result) {
            afterGelato(runtime, json, tr("Cancelled at Gelato"), done, result);
        });
    }
    orders.refresh(*id, OrderEvent::Source::User, &orders,
                   [&runtime, json, done](const Result<SalesOrder> &result) {
                       afterGelato(runtime, json, tr("Refreshed from Gelato"), done, result);
                   });
}

} // namespace Bottega::Commands
