// ContentSniffer: tells what a file is from its first bytes (magic numbers, or an XML root named
// "svg"), never from its name, so that a GIF renamed to .png is still recognised as a GIF.
#pragma once

#include "core/domain/Result.h"

#include <QByteArray>
#include <QString>

namespace Bottega {

class ContentSniffer final
{
public:
    enum class Type { Pdf, Png, Tiff, Jpeg, Svg, Other };

    struct Detection
    {
        Type type = Type::Other;
        QString description; // "PDF", "PNG", ... or what else it looks like ("GIF image", "text")
        QString contentType; // MIME type of the accepted types, empty for Other
    };

    // How many bytes detect() wants to see: enough for an XML prolog and comments before <svg>.
    static constexpr qint64 headSize = 64 * 1024;

    static Detection detect(const QByteArray &head);
    // Reads the head of the file; an error names the file.
    static Result<Detection> detectFile(const QString &path);
};

} // namespace Bottega
