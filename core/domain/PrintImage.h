// PrintImage: the file Gelato prints on one placement (PROD-3), either the product's default or
// one variant's override. The source is a public URL, or a file Bottega serves at a signed URL.
#pragma once

#include <QDateTime>
#include <QString>
#include <optional>

namespace Bottega {

struct PrintImage
{
    enum class SourceKind { Url, File };

    qint64 id = 0; // 0 until stored
    qint64 productId = 0;
    qint64 variantId = 0; // 0: the product's default for this placement
    QString placement; // "default", "back", ...
    SourceKind sourceKind = SourceKind::Url;
    QString source; // the URL, or the original file name
    QString fileId; // id of the stored file (SourceKind::File)
    QString contentType;
    QDateTime createdAt;

    static QString sourceKindName(SourceKind kind);
    static std::optional<SourceKind> sourceKindFromName(const QString &name);
};

} // namespace Bottega
