// ApiLogEntry: one row of the API log (LOG-1), for a call Bottega made or received. Bodies and
// headers are already redacted and capped when an entry is built; nothing downstream redacts again.
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace Bottega {

struct ApiLogEntry
{
    enum class Direction { Outbound, Inbound };

    qint64 id = 0; // 0 until stored
    QDateTime time; // UTC, when the call started
    Direction direction = Direction::Outbound;
    QString service; // "gelato", "poleepo", "webhook", "files", "server"
    QByteArray method; // GET, POST, ...
    QString url; // redacted: no secret in query strings
    int status = 0; // HTTP status; 0 when no answer came
    qint64 durationMs = 0;
    qint64 requestSize = 0; // bytes, before capping
    qint64 responseSize = 0;
    QString requestHeaders; // "Name: value" lines, secrets replaced by "[redacted]"
    QByteArray requestBody; // capped and redacted
    QString responseHeaders; // as requestHeaders, of the answer (empty when none came)
    QByteArray responseBody; // capped and redacted
    QString error; // readable error text, empty when the call succeeded
    int attempts = 1;
};

} // namespace Bottega
