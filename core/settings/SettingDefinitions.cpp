// The one place where every non-secret setting of docs/cli.md is declared: key, type, default,
// range and the description that `bottega config list` and the Settings page show.
#include "core/settings/Settings.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega {

const QList<SettingDefinition> &Settings::definitions()
{
    using Type = SettingDefinition::Type;
    static const QList<SettingDefinition> all = {
            {.key = u"gelato.enabled"_s,
             .type = Type::Bool,
             .defaultValue = false,
             .description = QT_TRANSLATE_NOOP(
                     "Bottega::Settings", "Whether Bottega talks to Gelato (products, orders, shipping).")},
            {.key = u"gelato.order-url"_s,
             .type = Type::Url,
             .defaultValue = u"https://order.gelatoapis.com/v4/"_s,
             .description = QT_TRANSLATE_NOOP("Bottega::Settings", "Base URL of the Gelato Order API.")},
            {.key = u"gelato.product-url"_s,
             .type = Type::Url,
             .defaultValue = u"https://product.gelatoapis.com/v3/"_s,
             .description = QT_TRANSLATE_NOOP("Bottega::Settings", "Base URL of the Gelato Product API.")},
            {.key = u"gelato.ecommerce-url"_s,
             .type = Type::Url,
             .defaultValue = u"https://ecommerce.gelatoapis.com/v1/"_s,
             .description
             = QT_TRANSLATE_NOOP("Bottega::Settings",
                                 "Base URL of the Gelato E-commerce API (templates, store products).")},
            {.key = u"gelato.shipment-url"_s,
             .type = Type::Url,
             .defaultValue = u"https://shipment.gelatoapis.com/v1/"_s,
             .description = QT_TRANSLATE_NOOP("Bottega::Settings", "Base URL of the Gelato Shipment API.")},
            {.key = u"poleepo.enabled"_s,
             .type = Type::Bool,
             .defaultValue = false,
             .description = QT_TRANSLATE_NOOP(
                     "Bottega::Settings", "Whether Bottega talks to Poleepo (catalogue, orders, shipping).")},
            {.key = u"poleepo.url"_s,
             .type = Type::Url,
             .defaultValue = u"https://api.poleepo.cloud"_s,
             .description = QT_TRANSLATE_NOOP("Bottega::Settings", "Base URL of the Poleepo API.")},
            {.key = u"poleepo.batch-size"_s,
             .type = Type::Integer,
             .defaultValue = 100,
             .description = QT_TRANSLATE_NOOP("Bottega::Settings",
                                              "Entries per Poleepo product batch, parents included (1–1000)."),
             .minimum = 1,
             .maximum = 1000},
            {.key = u"server.listen"_s,
             .type = Type::ListenAddress,
             .defaultValue = u"127.0.0.1:8069"_s,
             .description
             = QT_TRANSLATE_NOOP("Bottega::Settings",
                                 "Address (HOST:PORT) the built-in webhook and file server listens on.")},
            {.key = u"server.public-url"_s,
             .type = Type::Url,
             .defaultValue = QString(),
             .description = QT_TRANSLATE_NOOP("Bottega::Settings",
                                              "URL at which Gelato and Poleepo reach the built-in server; "
                                              "empty means http://<server.listen>."),
             .emptyAllowed = true},
            {.key = u"company.name"_s,
             .type = Type::Text,
             .defaultValue = QString(),
             .description
             = QT_TRANSLATE_NOOP("Bottega::Settings", "Company name, as on orders and invoices.")},
            {.key = u"company.billing-address"_s,
             .type = Type::Text,
             .defaultValue = QString(),
             .description = QT_TRANSLATE_NOOP("Bottega::Settings", "Company billing address.")},
            {.key = u"orders.auto-send-gelato"_s,
             .type = Type::Bool,
             .defaultValue = false,
             .description
             = QT_TRANSLATE_NOOP("Bottega::Settings",
                                 "Send new sales orders to Gelato automatically, without confirming each.")},
            {.key = u"log.retention-days"_s,
             .type = Type::Integer,
             .defaultValue = 30,
             .description = QT_TRANSLATE_NOOP("Bottega::Settings", "Days to keep API log entries (1–3650)."),
             .minimum = 1,
             .maximum = 3650},
            {.key = u"webhook.retention-days"_s,
             .type = Type::Integer,
             .defaultValue = 30,
             .description
             = QT_TRANSLATE_NOOP("Bottega::Settings", "Days to keep processed webhook calls (1–3650)."),
             .minimum = 1,
             .maximum = 3650},
    };
    return all;
}

const SettingDefinition *Settings::definition(const QString &key)
{
    for (const SettingDefinition &candidate : definitions()) {
        if (candidate.key == key)
            return &candidate;
    }
    return nullptr;
}

QStringList Settings::keys()
{
    QStringList result;
    for (const SettingDefinition &candidate : definitions())
        result.append(candidate.key);
    return result;
}

} // namespace Bottega
