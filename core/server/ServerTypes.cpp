#include "core/server/ServerTypes.h"

#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega {

QByteArray ServerRequest::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

ServerResponse ServerResponse::json(int status, const QByteArray &json)
{
    ServerResponse response;
    response.status = status;
    response.body = json;
    return response;
}

ServerResponse ServerResponse::text(int status, const QString &text)
{
    if (status >= 400)
        return error(status, text);
    ServerResponse response;
    response.status = status;
    response.contentType = "text/plain; charset=utf-8";
    response.body = text.toUtf8();
    return response;
}

ServerResponse ServerResponse::error(int status, const QString &message)
{
    ServerResponse response;
    response.status = status;
    response.body = QJsonDocument(QJsonObject {{u"error"_s, message}}).toJson(QJsonDocument::Compact);
    response.logNote = message;
    return response;
}

ServerResponse ServerResponse::file(const QString &path, const QByteArray &contentType)
{
    ServerResponse response;
    response.contentType = contentType;
    response.filePath = path;
    return response;
}

} // namespace Bottega
