#include "core/domain/ProductBatchItem.h"

using namespace Qt::StringLiterals;

namespace Bottega {

QString ProductBatchItem::statusName(Status status)
{
    switch (status) {
    case Status::Draft:
        return u"draft"_s;
    case Status::Error:
        return u"error"_s;
    case Status::Done:
        return u"done"_s;
    }
    return {};
}

std::optional<ProductBatchItem::Status> ProductBatchItem::statusFromName(const QString &name)
{
    for (Status status : {Status::Draft, Status::Error, Status::Done}) {
        if (statusName(status) == name)
            return status;
    }
    return std::nullopt;
}

} // namespace Bottega
