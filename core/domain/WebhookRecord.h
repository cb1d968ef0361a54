// WebhookRecord: a Poleepo webhook configuration (CONF-4): its name (the last part of the URL) and
// the events it receives. Its secret lives in the secret store, never here.
#pragma once

#include <QDateTime>
#include <QString>
#include <QStringList>

namespace Bottega {

struct WebhookRecord
{
    qint64 id = 0; // 0 until stored
    QString name; // no spaces: it is part of the URL
    QStringList events; // "STATUS_ORDER", "STATUS_SHIPMENT"
    bool active = true;
    QDateTime createdAt;
};

} // namespace Bottega
