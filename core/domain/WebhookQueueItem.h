// WebhookQueueItem: one accepted webhook call, stored raw before it was answered (HOOK-3), and
// where its processing stands (HOOK-4).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <optional>

namespace Bottega {

struct WebhookQueueItem
{
    enum class State { Pending, Processing, Done, Failed, Ignored };

    qint64 id = 0; // 0 until stored
    QString source; // "gelato", "poleepo"
    QString recordName; // the Poleepo webhook record it came through; empty for Gelato
    QString event; // "order_status_updated", "STATUS_ORDER", ...
    QString eventId; // the sender's event id; empty when it sent none (then never de-duplicated)
    QByteArray body; // exactly as received
    QString headers; // "Name: value" lines, secrets redacted
    QDateTime receivedAt;
    State state = State::Pending;
    int attempts = 0;
    QString lastError; // a stored Message (core/domain/Message.h): render it to show it
    QDateTime nextAttemptAt; // invalid: as soon as possible
    QString claimedBy; // the process working on it (State::Processing)
    QDateTime claimedAt;
    QDateTime processedAt;
    QString note; // why it was ignored, what it changed: a stored Message

    // "Pending", "Processing", "Done", "Failed", "Ignored": the names of docs/cli.md.
    static QString stateName(State state);
    static std::optional<State> stateFromName(const QString &name);
};

} // namespace Bottega
