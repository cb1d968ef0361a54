#include "core/http/Redactor.h"

#include <QRegularExpression>
#include <QStringDecoder>
#include <QUrl>
#include <optional>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Field names whose value is a secret whatever it is: OAuth (Poleepo's client_secret and tokens),
// API keys, passwords, webhook secrets ("webhookSecret" ends in "secret"); snake_case or camelCase
// ("accessToken", "apiKey": the expression ignores case).
constexpr auto secretFieldNames = "[A-Za-z_]*(?:secret|password|access_?token|refresh_?token|api_?key)";

const QRegularExpression &jsonSecretField()
{
    static const QRegularExpression re(
            u"\"(%1)\"\\s*:\\s*\"(?:[^\"\\\\]|\\\\.)*\""_s.arg(QLatin1StringView(secretFieldNames)),
            QRegularExpression::CaseInsensitiveOption);
    return re;
}

const QRegularExpression &formSecretField()
{
    static const QRegularExpression re(u"(^|[?&])(%1)=[^&\\s#\"]*"_s.arg(QLatin1StringView(secretFieldNames)),
                                       QRegularExpression::CaseInsensitiveOption);
    return re;
}

// A cheap test before the regular expressions: most bodies name no secret field at all.
bool mayNameSecretField(QStringView text)
{
    static const QLatin1StringView hints[]
            = {"secret"_L1, "password"_L1, "token"_L1, "api_key"_L1, "apikey"_L1};
    for (const auto hint : hints) {
        if (text.contains(hint, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

// The same test on bytes, for ASCII text (most bodies): no decoding, one lower-case copy. nullopt
// when the text is not plain ASCII (then the test above decides, with Unicode case folding).
std::optional<bool> asciiMayNameSecretField(QByteArrayView text)
{
    for (const char c : text) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return std::nullopt;
    }
    // Searched in place, ignoring case: no lower-case copy (this runs for every logged body).
    const QLatin1StringView latin1(text.data(), text.size());
    static const QLatin1StringView hints[] = {"secret"_L1, "password"_L1, "token"_L1, "api_key"_L1, "apikey"_L1};
    for (const auto hint : hints) {
        if (latin1.contains(hint, Qt::CaseInsensitive))
            return true;
    }
    return false;
}

} // namespace

void Redactor::addValue(const QByteArray &secret)
{
    if (secret.isEmpty())
        return;
    const QList<QByteArray> forms = {secret, secret.toPercentEncoding()};
    for (const QByteArray &form : forms) {
        if (!m_values.contains(form))
            m_values.append(form);
    }
    // Longest first, so that a secret containing another one is replaced whole.
    std::sort(m_values.begin(), m_values.end(),
              [](const QByteArray &a, const QByteArray &b) { return a.size() > b.size(); });
}

void Redactor::addSensitiveHeader(const QByteArray &name)
{
    m_sensitiveHeaders.append(name.toLower());
}

bool Redactor::isSensitiveHeader(QByteArrayView name) const
{
    static const QByteArrayView builtIn[] = {"x-api-key", "authorization", "proxy-authorization", "signature",
                                             "cookie",    "set-cookie",    "x-poleepo-signature"};
    for (const auto candidate : builtIn) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    for (const QByteArray &candidate : m_sensitiveHeaders) {
        if (name.compare(candidate, Qt::CaseInsensitive) == 0)
            return true;
    }
    return false;
}

QByteArray Redactor::redact(const QByteArray &text) const
{
    if (text.isEmpty()) // most calls' error, and bodyless answers
        return text;
    QByteArray result = text;
    for (const QByteArray &value : m_values) {
        // Looked for first: replace() builds a matcher (and a copy) even when nothing matches.
        if (result.contains(value))
            result.replace(value, placeholder);
    }
    // The usual webhook body: ASCII naming no secret field, so nothing more to look for.
    if (const auto mayName = asciiMayNameSecretField(result); mayName && !*mayName)
        return result;
    // Binary bodies (a PDF being uploaded) only get the value replacement: decoding them as text
    // would mangle them.
    QStringDecoder decoder(QStringDecoder::Utf8);
    QString asText = decoder.decode(result);
    if (decoder.hasError() || !mayNameSecretField(asText))
        return result;
    asText.replace(jsonSecretField(), u"\"\\1\":\"[redacted]\""_s);
    asText.replace(formSecretField(), u"\\1\\2=[redacted]"_s);
    return asText.toUtf8();
}

QString Redactor::redact(const QString &text) const
{
    if (text.isEmpty())
        return text;
    return QString::fromUtf8(redact(text.toUtf8()));
}

QString Redactor::redactUrl(const QUrl &url) const
{
    return QString::fromUtf8(redact(url.toEncoded()));
}

QByteArray Redactor::redactHeaderValue(const QByteArray &name, const QByteArray &value) const
{
    if (isSensitiveHeader(name))
        return placeholder.toByteArray();
    return redact(value);
}

QString Redactor::formatHeaders(const QList<std::pair<QByteArray, QByteArray>> &headers) const
{
    QByteArray lines;
    for (const auto &[name, value] : headers) {
        if (!lines.isEmpty())
            lines += '\n';
        lines += name + ": " + redactHeaderValue(name, value);
    }
    return QString::fromUtf8(lines);
}

QByteArray Redactor::capBody(const QByteArray &body, qsizetype cap)
{
    if (cap < 0 || body.size() <= cap)
        return body;
    qsizetype end = cap;
    // Step back over UTF-8 continuation bytes so that the kept part stays valid text.
    while (end > 0 && (quint8(body.at(end)) & 0xC0) == 0x80)
        --end;
    return body.left(end) + "\xE2\x80\xA6 [truncated, " + QByteArray::number(body.size()) + " bytes]";
}

} // namespace Bottega
