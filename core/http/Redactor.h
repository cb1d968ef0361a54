// Redactor: removes secrets from what goes into the API log (LOG-1, REL-5). Known secret values are
// replaced wherever they appear; sensitive headers and JSON or form fields named like secrets are
// blanked whatever their value. Shared by HttpClient (outbound) and Server (inbound).
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

class QUrl;

namespace Bottega {

class Redactor final
{
public:
    static constexpr QByteArrayView placeholder = "[redacted]";

    // A value that must never appear in the log (API key, token, webhook secret). Empty values are
    // ignored: replacing "" would match everywhere.
    void addValue(const QByteArray &secret);
    // Headers whose value is always replaced, whatever it is (case-insensitive). X-API-KEY,
    // Authorization, signature, Cookie, Set-Cookie and X-Poleepo-Signature are built in.
    void addSensitiveHeader(const QByteArray &name);

    bool isSensitiveHeader(QByteArrayView name) const;

    QByteArray redact(const QByteArray &text) const;
    QString redact(const QString &text) const;
    QString redactUrl(const QUrl &url) const;
    QByteArray redactHeaderValue(const QByteArray &name, const QByteArray &value) const;
    // "Name: value" lines, one per header, values redacted.
    QString formatHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers) const;

    // Keeps at most `cap` bytes (never cutting a UTF-8 sequence) and notes the cut:
    // "… [truncated, N bytes]" with N the full size.
    static QByteArray capBody(const QByteArray &body, qsizetype cap);

private:
    // Each secret with the forms it takes in URLs and form bodies (percent-encoded).
    QList<QByteArray> m_values;
    QList<QByteArray> m_sensitiveHeaders;
};

} // namespace Bottega
