#include "core/domain/PrintImage.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QString PrintImage::sourceKindName(SourceKind kind)
{
    return kind == SourceKind::File ? u"file"_s : u"url"_s;
}

std::optional<PrintImage::SourceKind> PrintImage::sourceKindFromName(const QString &name)
{
    if (name == "url"_L1)
        return SourceKind::Url;
    if (name == "file"_L1)
        return SourceKind::File;
    return std::nullopt;
}

} // namespace Bottega
