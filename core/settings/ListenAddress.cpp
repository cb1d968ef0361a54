#include "core/settings/ListenAddress.h"

#include <QCoreApplication>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

} // namespace

Result<ListenAddress> ListenAddress::parse(const QString &input)
{
    const QString text = input.trimmed();
    QString host;
    QString portText;

    if (text.startsWith(u'[')) {
        // IPv6 needs brackets, otherwise the last ':' could belong to the address.
        const qsizetype close = text.indexOf(u']');
        if (close < 0 || text.mid(close + 1, 1) != u":"_s)
            return makeError(QCoreApplication::translate("Bottega::ListenAddress", "\"%1\" is not HOST:PORT")
                                     .arg(text));
        host = text.mid(1, close - 1);
        portText = text.mid(close + 2);
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon < 0)
            return makeError(QCoreApplication::translate("Bottega::ListenAddress", "\"%1\" is not HOST:PORT")
                                     .arg(text));
        host = text.left(colon);
        portText = text.mid(colon + 1);
        if (host.contains(u':'))
            return makeError(
                    QCoreApplication::translate(
                            "Bottega::ListenAddress",
                            "\"%1\" is not HOST:PORT: write an IPv6 address in brackets, as [::1]:8069")
                            .arg(text));
    }

    if (host.isEmpty() || portText.isEmpty())
        return makeError(
                QCoreApplication::translate("Bottega::ListenAddress", "\"%1\" is not HOST:PORT").arg(text));

    bool isNumber = false;
    const qlonglong port = portText.toLongLong(&isNumber);
    if (!isNumber)
        return makeError(QCoreApplication::translate("Bottega::ListenAddress", "\"%1\" is not a port number")
                                 .arg(portText));
    if (port < 0 || port > 65535)
        return makeError(
                QCoreApplication::translate("Bottega::ListenAddress", "port %1 is out of range 0–65535")
                        .arg(portText));

    ListenAddress result;
    result.port = static_cast<quint16>(port);
    if (host.compare("localhost"_L1, Qt::CaseInsensitive) == 0) {
        // Resolved here rather than by DNS: the server must never bind to whatever a
        // misconfigured hosts file says, and "localhost" always means the IPv4 loopback for us.
        result.address = QHostAddress(QHostAddress::LocalHost);
        return result;
    }
    const QHostAddress address(host);
    if (address.isNull())
        return makeError(QCoreApplication::translate("Bottega::ListenAddress",
                                                     "\"%1\" is not an IP address or localhost")
                                 .arg(host));
    result.address = address;
    return result;
}

QString ListenAddress::toString() const
{
    if (address.protocol() == QAbstractSocket::IPv6Protocol)
        return u"[%1]:%2"_s.arg(address.toString()).arg(port);
    return u"%1:%2"_s.arg(address.toString()).arg(port);
}

} // namespace Bottega
