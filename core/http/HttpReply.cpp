#include "core/http/HttpClient.h"

namespace Bottega {

HttpReply::HttpReply(QObject *parent) : QObject(parent) { }

HttpReply::~HttpReply() = default;

void HttpReply::abort()
{
    if (m_finished)
        return;
    // The call behind this reply listens to aborted() and finishes it with "cancelled".
    Q_EMIT aborted();
}

void HttpReply::finish(const HttpResponse &response)
{
    if (m_finished)
        return;
    m_finished = true;
    m_response = response;
    Q_EMIT finished(m_response);
}

} // namespace Bottega
