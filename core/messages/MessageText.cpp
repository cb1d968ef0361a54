#include "core/messages/MessageText.h"

#include "core/orders/OrderState.h"

#include <QCoreApplication>
#include <QDate>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace Bottega::MessageText {

namespace {

// The kinds of a code's arguments, one letter each: t text as it is, n a count (the plural; also
// shown as a number), s a local order state, g a Gelato status, d an ISO date, M one nested stored
// message, m the rest are nested stored messages, joined with "; ".
struct Entry
{
    const char *code;
    const char *source;
    const char *kinds;
};

constexpr Entry entries[] = {
        // The order timeline (core/orders/OrderUpdate, GelatoOrderFlow).
        {"order.gelato-status", QT_TRANSLATE_NOOP("Bottega::MessageText", "Gelato status: %1"), "g"},
        {"order.gelato-status-comment", QT_TRANSLATE_NOOP("Bottega::MessageText", "Gelato status: %1 (%2)"),
         "gt"},
        {"order.part-status", QT_TRANSLATE_NOOP("Bottega::MessageText", "Gelato order %1: %2"), "tg"},
        {"order.part-status-comment", QT_TRANSLATE_NOOP("Bottega::MessageText", "Gelato order %1: %2 (%3)"),
         "tgt"},
        {"order.delivery-estimate", QT_TRANSLATE_NOOP("Bottega::MessageText", "delivery expected %1 to %2"),
         "dd"},
        {"order.item-status", QT_TRANSLATE_NOOP("Bottega::MessageText", "item %1: %2"), "tg"},
        {"order.parcel", QT_TRANSLATE_NOOP("Bottega::MessageText", "parcel %1: %2"), "tt"},
        {"order.now", QT_TRANSLATE_NOOP("Bottega::MessageText", "now %1"), "s"},
        {"order.sending", QT_TRANSLATE_NOOP("Bottega::MessageText", "sending to Gelato"), ""},
        {"order.send-failed", QT_TRANSLATE_NOOP("Bottega::MessageText", "not sent: %1"), "t"},
        {"order.cancelled", QT_TRANSLATE_NOOP("Bottega::MessageText", "cancelled"), ""},
        {"order.poleepo-status", QT_TRANSLATE_NOOP("Bottega::MessageText", "Poleepo status: %1"), "t"},
        {"order.poleepo-shipping", QT_TRANSLATE_NOOP("Bottega::MessageText", "Poleepo shipping %1: %2"),
         "tt"},
        {"order.tracking-handed-back",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "tracking %1 passed to Poleepo shipping %2"), "tt"},
        {"order.imported-from-poleepo",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "imported from Poleepo order %1 (%2)"), "tt"},
        {"order.imported-from-poleepo-attention",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "imported from Poleepo order %1 (%2); %3"), "ttM"},
        // Why a marketplace order needs a person (core/fulfilment).
        {"attention.missing", QT_TRANSLATE_NOOP("Bottega::MessageText", "the Poleepo order lacks: %1"), "t"},
        {"attention.unknown-sku", QT_TRANSLATE_NOOP("Bottega::MessageText", "no variant has the SKU %1"),
         "t"},
        {"attention.mixed-goods",
         QT_TRANSLATE_NOOP("Bottega::MessageText",
                           "Gelato goods mixed with other goods (%1): decide how to fulfil it"),
         "t"},
        {"attention.no-poleepo-shipping",
         QT_TRANSLATE_NOOP("Bottega::MessageText",
                           "Gelato's tracking %1 cannot reach Poleepo: the order has no shipping in Poleepo"),
         "t"},
        {"attention.send-failed",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "could not be sent to Gelato: %1"), "t"},
        {"attention.poleepo-cancelled",
         QT_TRANSLATE_NOOP("Bottega::MessageText",
                           "cancelled in Poleepo, but already %1 here: cancel it at Gelato or decide"),
         "s"},
        // Shipping with Poleepo (core/fulfilment/PoleepoShipping).
        {"order.cancelled-in-poleepo", QT_TRANSLATE_NOOP("Bottega::MessageText", "cancelled in Poleepo"), ""},
        {"order.delivered-to-shop",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "every product delivered to the shop"), ""},
        {"order.poleepo-label",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "Poleepo shipping %1 created with %2, tracking %3"),
         "ttt"},
        {"order.poleepo-label-stored",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "label of Poleepo shipping %1 stored"), "t"},
        {"order.handed-to-carrier",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "Poleepo shipping %1 delivered to the carrier"), "t"},
        {"order.gelato-draft-deleted", QT_TRANSLATE_NOOP("Bottega::MessageText", "Gelato draft %1 deleted"),
         "t"},
        // Webhook queue notes (core/orders/GelatoEventHandler, core/webhooks/WebhookProcessor).
        {"webhook.applied", QT_TRANSLATE_NOOP("Bottega::MessageText", "%1"), "m"},
        {"webhook.nothing-new", QT_TRANSLATE_NOOP("Bottega::MessageText", "nothing new"), ""},
        {"webhook.no-local-order",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "no local order for Gelato order %1"), "t"},
        {"webhook.gelato-test-call",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "Gelato's test call (placeholders in the payload)"), ""},
        {"webhook.not-tracked",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "%1: stock and store products are not tracked here"), "t"},
        {"webhook.not-an-order-event",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "%1 is not a Gelato order event"), "t"},
        {"webhook.no-such-item", QT_TRANSLATE_NOOP("Bottega::MessageText", "order %1 has no item %2"), "tt"},
        {"webhook.poleepo-order-imported",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "Poleepo order %1 imported"), "t"},
        {"webhook.no-local-shipping",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "no local order has Poleepo shipping %1"), "t"},
        {"webhook.not-a-poleepo-event",
         QT_TRANSLATE_NOOP("Bottega::MessageText", "%1 is not a Poleepo event Bottega acts on"), "t"},
        {"webhook.no-handler", QT_TRANSLATE_NOOP("Bottega::MessageText", "no handler for the %1 event %2"),
         "tt"},
        // Job results (app/Runtime).
        {"job.api-log-removed",
         QT_TRANSLATE_N_NOOP("Bottega::MessageText", "%n entries older than %1 days removed"), "nt"},
        {"job.orders-refreshed",
         QT_TRANSLATE_N_NOOP("Bottega::MessageText", "%n orders refreshed from Gelato"), "n"},
        {"job.webhooks-processed", QT_TRANSLATE_N_NOOP("Bottega::MessageText", "%n webhooks processed"), "n"},
        {"job.webhooks-removed",
         QT_TRANSLATE_N_NOOP("Bottega::MessageText", "%n processed webhooks older than %1 days removed"),
         "nt"},
        {"job.batches-submitted",
         QT_TRANSLATE_N_NOOP("Bottega::MessageText", "%n batches submitted to Poleepo"), "n"},
        {"job.batches-submitted-left-out",
         QT_TRANSLATE_N_NOOP("Bottega::MessageText", "%n batches submitted to Poleepo; %1 variants left out"),
         "nt"},
        {"job.batches-asked",
         QT_TRANSLATE_N_NOOP("Bottega::MessageText", "%n batches asked for their status"), "n"},
        {"job.poleepo-off", QT_TRANSLATE_NOOP("Bottega::MessageText", "Poleepo is not enabled"), ""},
        {"job.poleepo-orders",
         QT_TRANSLATE_NOOP("Bottega::MessageText",
                           "%1 orders imported, %2 updated; %3 sent to Gelato, %4 tracking codes passed to "
                           "Poleepo, %5 waiting"),
         "ttttt"},
        {"job.with-errors", QT_TRANSLATE_NOOP("Bottega::MessageText", "%1; %2"), "Mt"},
        // A run stopped on request (APP-5), with what it did before it stopped.
        {"job.cancelled", QT_TRANSLATE_NOOP("Bottega::MessageText", "Cancelled: %1"), "M"},
};

const Entry *find(const QString &code)
{
    for (const Entry &entry : entries) {
        if (code == QLatin1StringView(entry.code))
            return &entry;
    }
    return nullptr;
}

} // namespace

QString renderStored(const QString &stored);

namespace {

QString argument(char kind, const QString &value)
{
    switch (kind) {
    case 's':
        return OrderState::displayName(value);
    case 'g':
        return gelatoStatus(value);
    case 'M':
        return renderStored(value);
    case 'd': {
        const QDate date = QDate::fromString(value, Qt::ISODate);
        return date.isValid() ? QLocale().toString(date, QLocale::ShortFormat) : value;
    }
    default:
        return value;
    }
}

} // namespace

QString render(const Message &message)
{
    if (message.isText())
        return message.text();
    const Entry *entry = find(message.code);
    if (!entry) // a newer Bottega's code: readable, if not translated
        return message.args.isEmpty() ? message.code : message.code + u": "_s + message.args.join(u", "_s);
    const QByteArrayView kinds(entry->kinds);
    int count = -1;
    for (qsizetype i = 0; i < kinds.size() && i < message.args.size(); ++i) {
        if (kinds.at(i) == 'n') {
            count = message.args.at(i).toInt();
            break;
        }
    }
    QString text = QCoreApplication::translate("Bottega::MessageText", entry->source, nullptr, count);
    if (kinds.contains('m')) {
        QStringList parts;
        for (const QString &nested : message.args)
            parts.append(renderStored(nested));
        return text.arg(parts.join(u"; "_s));
    }
    for (qsizetype i = 0; i < kinds.size() && i < message.args.size(); ++i) {
        if (kinds.at(i) == 'n')
            continue; // %n, already in the text
        text = text.arg(argument(kinds.at(i), message.args.at(i)));
    }
    return text;
}

QString renderStored(const QString &stored)
{
    return render(Message::fromStored(stored));
}

bool isKnown(const QString &code)
{
    return find(code) != nullptr;
}

QList<std::pair<QString, int>> codes()
{
    QList<std::pair<QString, int>> list;
    for (const Entry &entry : entries)
        list.append({QString::fromLatin1(entry.code), int(qstrlen(entry.kinds))});
    return list;
}

QString gelatoStatus(const QString &status)
{
    static constexpr std::pair<const char *, const char *> names[] = {
            {"created", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Created")},
            {"uploading", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Uploading files")},
            {"passed", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Passed checks")},
            {"in_production", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "In production")},
            {"printed", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Printed")},
            {"draft", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Draft")},
            {"failed", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Failed")},
            {"canceled", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Cancelled")},
            {"cancelled", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Cancelled")},
            {"pending_approval", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Waiting for approval")},
            {"pending_personalization",
             QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Waiting for personalisation")},
            {"digitizing", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Digitising")},
            {"not_connected", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Not connected")},
            {"on_hold", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "On hold")},
            {"shipped", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Shipped")},
            {"in_transit", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "In transit")},
            {"delivered", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Delivered")},
            {"returned", QT_TRANSLATE_NOOP("Bottega::GelatoStatus", "Returned")},
    };
    const QString key = status.trimmed().toLower();
    for (const auto &[code, name] : names) {
        if (key == QLatin1StringView(code))
            return QCoreApplication::translate("Bottega::GelatoStatus", name);
    }
    return status;
}

} // namespace Bottega::MessageText
