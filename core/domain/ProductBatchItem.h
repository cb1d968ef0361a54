// ProductBatchItem: one entry of a Poleepo product batch (BATCH-2): a parent (variantId 0) or a
// variant, the payload sent, and Poleepo's outcome for it (BATCH-3).
#pragma once

#include <QString>
#include <optional>

namespace Bottega {

struct ProductBatchItem
{
    enum class Status { Draft, Error, Done };

    qint64 id = 0; // 0 until stored
    qint64 batchId = 0;
    qint64 productId = 0;
    qint64 variantId = 0; // 0: the parent entry of a multi-variant product
    QString sku;
    QString payload; // the JSON entry as sent
    Status status = Status::Draft;
    QString code; // Poleepo's error code, e.g. PARENT_NOT_FOUND
    QString message;
    QString poleepoProductId;
    qint64 resubmittedIn = 0; // the batch a failed item was sent again in; 0: not resubmitted

    // "draft", "error", "done"
    static QString statusName(Status status);
    static std::optional<Status> statusFromName(const QString &name);
};

} // namespace Bottega
