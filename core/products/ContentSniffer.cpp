#include "core/products/ContentSniffer.h"

#include <QCoreApplication>
#include <QFile>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::ContentSniffer", text);
}

bool startsWith(const QByteArray &data, const char *magic, qsizetype size)
{
    return data.size() >= size && data.first(size) == QByteArrayView(magic, size);
}

// The root element's name if the data is XML text, empty otherwise. Truncated data is fine: the
// root comes before anything that is cut off.
QString xmlRootName(const QByteArray &head)
{
    if (head.contains('\0'))
        return {};
    QXmlStreamReader reader(head);
    while (!reader.atEnd()) {
        const auto token = reader.readNext();
        if (token == QXmlStreamReader::StartElement)
            return reader.name().toString();
        if (token == QXmlStreamReader::Invalid)
            return {};
    }
    return {};
}

ContentSniffer::Detection accepted(ContentSniffer::Type type, const QString &name, const QString &mime)
{
    return {type, name, mime};
}

ContentSniffer::Detection other(const QString &description)
{
    return {ContentSniffer::Type::Other, description, {}};
}

} // namespace

ContentSniffer::Detection ContentSniffer::detect(const QByteArray &head)
{
    if (head.isEmpty())
        return other(tr("an empty file"));
    if (startsWith(head, "%PDF", 4))
        return accepted(Type::Pdf, u"PDF"_s, u"application/pdf"_s);
    if (startsWith(head, "\x89PNG\r\n\x1a\n", 8))
        return accepted(Type::Png, u"PNG"_s, u"image/png"_s);
    if (startsWith(head, "II*\0", 4) || startsWith(head, "MM\0*", 4))
        return accepted(Type::Tiff, u"TIFF"_s, u"image/tiff"_s);
    if (startsWith(head, "\xFF\xD8\xFF", 3))
        return accepted(Type::Jpeg, u"JPEG"_s, u"image/jpeg"_s);
    // Skip a UTF-8 byte order mark before looking for XML.
    const QByteArray text = startsWith(head, "\xEF\xBB\xBF", 3) ? head.mid(3) : head;
    const QString root = xmlRootName(text);
    if (root == "svg"_L1)
        return accepted(Type::Svg, u"SVG"_s, u"image/svg+xml"_s);
    if (!root.isEmpty())
        return other(tr("XML with a <%1> root").arg(root));
    if (startsWith(head, "GIF8", 4))
        return other(tr("a GIF image"));
    if (startsWith(head, "BM", 2))
        return other(tr("a BMP image"));
    if (startsWith(head, "RIFF", 4) && head.mid(8, 4) == "WEBP")
        return other(tr("a WebP image"));
    if (startsWith(head, "PK\x03\x04", 4))
        return other(tr("a ZIP archive"));
    if (!head.contains('\0'))
        return other(tr("text"));
    return other(tr("an unknown binary type"));
}

Result<ContentSniffer::Detection> ContentSniffer::detectFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(tr("cannot read \"%1\": %2").arg(path, file.errorString()));
    return detect(file.read(headSize));
}

} // namespace Bottega
