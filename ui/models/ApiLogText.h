// ApiLogText: how the API log page writes a logged call for people: status codes as words, sizes,
// bodies pretty-printed (JSON indented, other text as it is, a huge body cut at a size the window
// shows at once, with its real size said), and "copy as curl". Everything it gets is already
// redacted (ApiLogEntry), so nothing here can reveal a secret; it adds none.
#pragma once

#include "core/domain/ApiLogEntry.h"

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace Bottega {

class ApiLogText final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::ApiLogText)

public:
    ApiLogText() = delete;

    // Bodies longer than this are shown cut (a text view with several MB freezes the window).
    static constexpr qsizetype displayLimit = 256 * 1024;
    // JSON up to this size is parsed and indented; larger is shown as text.
    static constexpr qsizetype prettyLimit = 2 * 1024 * 1024;

    // "404 Not Found", "200 OK", "No answer" for 0.
    static QString status(int status);
    // The services calls are logged under (ApiLogEntry::service), in the order lists show them, with
    // their names for people: the one list the API log page's filter and the dashboard's API errors
    // both name them from.
    struct Service
    {
        QString key; // as stored: "gelato", "webhook", ...
        QString name; // "Gelato", "Webhooks received", ...
    };
    static QList<Service> services();
    // The name of one service; one not in the list keeps its stored key.
    static QString serviceName(const QString &service);
    // "Outbound" (made by Bottega) or "Inbound" (received).
    static QString direction(ApiLogEntry::Direction direction);
    // "512 bytes", "3.2 KB", "4.0 MB".
    static QString size(qint64 bytes);
    // "512 B", "3.2 KB": for a table column.
    static QString shortSize(qint64 bytes);

    struct Body
    {
        QString text; // what the view shows
        bool json = false; // pretty-printed JSON
        bool truncated = false; // cut at displayLimit (or already capped when logged)
    };
    // fullSize is the size the call had (the log keeps a capped copy).
    static Body body(const QByteArray &stored, qint64 fullSize);

    // A curl command line that repeats the call, as logged: redacted headers and body stay
    // "[redacted]", so it is safe to paste anywhere (and needs the secret put back to run).
    static QString curl(const ApiLogEntry &entry);
};

} // namespace Bottega
