// ProductBatch: a group of products sent to Poleepo in one request (BATCH-1) and what polling it
// has learned so far (BATCH-3).
#pragma once

#include "core/domain/ProductBatchItem.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace Bottega {

struct ProductBatch
{
    qint64 id = 0; // 0 until stored
    QString poleepoBatchId; // empty until submitted
    // "new" (not submitted yet), then Poleepo's: "PENDING", "PROCESSING", "COMPLETED", "FAILED".
    QString status = QStringLiteral("new");
    QDateTime submittedAt;
    QDateTime lastPolledAt;
    int pollCount = 0;
    QDateTime notBefore; // a 429 told Bottega to wait until then; invalid: no wait
    int total = 0;
    int processed = 0;
    QString error;
    int errors = 0; // items refused by Poleepo; filled by ProductBatchRepository::get and list
    QDateTime createdAt;
    QList<ProductBatchItem> items; // filled by ProductBatchRepository::get
};

} // namespace Bottega
