#include "core/poleepo/PoleepoWebhookPayload.h"

#include "core/poleepo/PoleepoApi.h"
#include "core/poleepo/PoleepoJsonReader.h"

#include <QCoreApplication>

namespace Bottega::PoleepoWebhookPayload {

Result<PoleepoWebhookEvent> parse(const QByteArray &body)
{
    namespace Api = PoleepoApi;
    const QString what = QCoreApplication::translate("Bottega::PoleepoParsers", "Poleepo webhook");
    auto object = PoleepoJsonReader::parseObject(body, what);
    if (!object)
        return makeError(object.error());

    PoleepoJsonReader reader(what, QString(), *object);
    PoleepoWebhookEvent event;
    event.id = reader.id(Api::idField);
    event.event = reader.text(Api::eventField);
    event.timestamp = reader.dateTime(Api::timestampField);
    PoleepoJsonReader data = reader.child(Api::dataField);
    if (event.event == Api::statusOrderEvent) {
        event.kind = PoleepoWebhookEvent::Kind::StatusOrder;
        event.orderId = data.id(Api::orderIdField);
    } else if (event.event == Api::statusShipmentEvent) {
        event.kind = PoleepoWebhookEvent::Kind::StatusShipment;
        event.shippingId = data.id(Api::shippingIdField);
    }
    // Not acted on (the handler fetches the order or shipping), but a wrong type is still refused.
    if (data.has(Api::statusField))
        event.status = data.status(Api::statusField);
    reader.takeErrorFrom(data);
    if (reader.failed())
        return makeError(reader.error());
    return event;
}

} // namespace Bottega::PoleepoWebhookPayload
