#include "core/http/HttpRequest.h"

#include <QCoreApplication>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString withService(const QString &service, const QString &message)
{
    return service.isEmpty() ? message : service + u": "_s + message;
}

} // namespace

bool HttpRequest::isRetryable() const
{
    if (retryable)
        return *retryable;
    static const QByteArrayView safeMethods[] = {"GET", "HEAD", "PUT", "DELETE", "OPTIONS"};
    for (const auto safe : safeMethods) {
        if (method.compare(safe, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray HttpResponse::header(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

bool HttpResponse::looksLikeHtml() const
{
    if (header("Content-Type").toLower().contains("text/html"))
        return true;
    const QByteArray start = body.left(512).trimmed().toLower();
    return start.startsWith("<!doctype html") || start.startsWith("<html") || start.startsWith("<head")
            || start.startsWith("<body") || (start.startsWith("<") && start.contains("<title"));
}

Result<QJsonDocument> HttpResponse::json() const
{
    if (body.trimmed().isEmpty())
        return makeError(withService(
                service,
                QCoreApplication::translate("Bottega::HttpResponse", "the answer is empty, expected JSON")));
    if (looksLikeHtml())
        return makeError(
                withService(service,
                            QCoreApplication::translate("Bottega::HttpResponse",
                                                        "the server sent an HTML page instead of JSON")));

    QJsonParseError parseError;
    QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error == QJsonParseError::NoError)
        return document;

    // A parser that ran off the end of the text means the answer was cut short (a dropped
    // connection, a proxy limit); say so rather than quoting the parser.
    const qsizetype end = body.trimmed().size();
    const bool truncated = parseError.offset >= end - 1;
    if (truncated)
        return makeError(
                withService(service,
                            QCoreApplication::translate("Bottega::HttpResponse",
                                                        "the answer is not valid JSON (truncated at byte %1)")
                                    .arg(body.size())));
    return makeError(withService(service,
                                 QCoreApplication::translate("Bottega::HttpResponse",
                                                             "the answer is not valid JSON (%1 at byte %2)")
                                         .arg(parseError.errorString())
                                         .arg(parseError.offset)));
}

} // namespace Bottega
