// ListenAddress: HOST:PORT of the built-in server (setting server.listen, `serve --listen`).
#pragma once

#include "core/domain/Result.h"

#include <QHostAddress>
#include <QString>

namespace Bottega {

struct ListenAddress
{
    QHostAddress address = QHostAddress(QHostAddress::LocalHost);
    quint16 port = 8069;

    // "127.0.0.1:8069", "[::1]:8069", "0.0.0.0:80", "localhost:8069". Port 0 means "any free port".
    // "localhost" becomes 127.0.0.1 (no DNS). Errors say what is wrong with the text ("port 99999 is
    // out of range 0–65535"); the caller prefixes where it came from ("server.listen: ", "--listen: ").
    static Result<ListenAddress> parse(const QString &text);
    QString toString() const;
    friend bool operator==(const ListenAddress &, const ListenAddress &) = default;
};

} // namespace Bottega
