// OrderEvent: one entry of an order's timeline (ORD-9): a state change or a note, with where it
// came from and when.
#pragma once

#include "core/domain/Message.h"

#include <QDateTime>
#include <QString>
#include <optional>

namespace Bottega {

struct OrderEvent
{
    enum class Source { User, Gelato, Webhook, Poll, Poleepo, System };

    qint64 id = 0; // 0 until stored
    qint64 orderId = 0;
    QDateTime at;
    Source source = Source::System;
    QString kind; // "state", "note", "tracking", "gelato-status", ...
    QString oldState, newState;
    Message message; // a fact, shown through core/messages/MessageText

    static QString sourceName(Source source);
    static std::optional<Source> sourceFromName(const QString &name);
};

} // namespace Bottega
