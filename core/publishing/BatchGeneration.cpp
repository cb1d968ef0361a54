#include "core/publishing/BatchGeneration.h"

#include "core/domain/Clock.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/server/FileStore.h"
#include "core/settings/Settings.h"
#include "core/store/Database.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/PublishingRepository.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>

using namespace Qt::StringLiterals;

namespace Bottega {

struct BatchGeneration::Pending
{
    BatchGeneration *self = nullptr;
    QList<QList<BatchPayload::Entry>> batches;
    qsizetype next = 0;
    Report report;
    QPointer<QObject> context;
    Callback<Report> done;
    ProgressReport progress;
};

BatchGeneration::BatchGeneration(const Database &database, PoleepoClient &poleepo, const Settings &settings,
                                 const FileStore *files)
    : m_database(database), m_poleepo(poleepo), m_settings(settings), m_files(files)
{
}

QString BatchGeneration::switchedOffText()
{
    return tr("Poleepo is switched off (setting poleepo.enabled): nothing was sent. Turn it on in "
              "Settings or with `bottega config set poleepo.enabled true`.");
}

Result<BatchPayload::Built> BatchGeneration::build(const QList<qint64> &productIds,
                                                   const QSet<qint64> &variantIds) const
{
    QList<Product> products;
    ProductRepository repository(m_database);
    for (qint64 id : productIds) {
        auto product = repository.get(id);
        if (!product)
            return makeError(product.error());
        products.append(std::move(*product));
    }
    const QUrl publicBase = m_settings.serverPublicUrl();
    const FileStore *files = m_files;
    return BatchPayload::build(products, variantIds, [files, publicBase](const ProductImage &image) {
        if (!image.url.isEmpty())
            return QUrl(image.url);
        if (!files || !files->contains(image.fileId))
            return QUrl();
        return files->signedUrl(publicBase, image.fileId);
    });
}

Result<BatchPayload::Built> BatchGeneration::buildDue() const
{
    auto due = PublishingRepository(m_database).dueVariants();
    if (!due)
        return makeError(due.error());
    QList<qint64> productIds;
    QSet<qint64> variantIds;
    for (const auto &variant : *due) {
        if (productIds.isEmpty() || productIds.constLast() != variant.productId)
            productIds.append(variant.productId);
        variantIds.insert(variant.variantId);
    }
    return build(productIds, variantIds);
}

void BatchGeneration::generate(QObject *context, Callback<Report> done, ProgressReport progress)
{
    if (!m_settings.poleepoEnabled()) {
        Report off;
        off.switchedOff = true;
        return done(off);
    }
    auto built = buildDue();
    if (!built)
        return done(makeError(built.error()));
    Report report;
    report.leftOut = built->leftOut;
    submit(BatchPayload::split(built->entries, m_settings.poleepoBatchSize()), std::move(report), context,
           std::move(done), std::move(progress));
}

QList<ProductBatchItem> BatchGeneration::failedItems(const ProductBatch &batch)
{
    QList<ProductBatchItem> failed;
    for (const ProductBatchItem &item : batch.items) {
        const bool refused = item.status == ProductBatchItem::Status::Error
                || (item.status == ProductBatchItem::Status::Draft && !batch.error.isEmpty());
        if (refused && item.resubmittedIn == 0 && item.productId != 0)
            failed.append(item);
    }
    return failed;
}

void BatchGeneration::resubmit(qint64 batchId, QObject *context, Callback<qint64> done)
{
    if (!m_settings.poleepoEnabled())
        return done(makeError(switchedOffText()));
    ProductBatchRepository batches(m_database);
    auto batch = batches.get(batchId);
    if (!batch)
        return done(makeError(batch.error()));
    // Refused items, and the items an inconsistent answer left waiting.
    QList<qint64> itemIds;
    QList<qint64> productIds;
    QSet<qint64> variantIds, failedVariants, failedParents;
    for (const ProductBatchItem &item : failedItems(*batch)) {
        itemIds.append(item.id);
        if (!productIds.contains(item.productId))
            productIds.append(item.productId);
        if (item.variantId == 0)
            failedParents.insert(item.productId);
        else
            failedVariants.insert(item.variantId);
    }
    if (itemIds.isEmpty())
        return done(makeError(tr("batch %1 has no failed items to send again").arg(batchId)));
    // A failed parent is rebuilt with the variants of its product that were in the batch.
    for (const ProductBatchItem &item : batch->items) {
        if (item.variantId != 0
            && (failedVariants.contains(item.variantId) || failedParents.contains(item.productId)))
            variantIds.insert(item.variantId);
    }
    auto built = build(productIds, variantIds);
    if (!built)
        return done(makeError(built.error()));
    QList<BatchPayload::Entry> entries;
    for (const BatchPayload::Entry &entry : built->entries) {
        if (entry.variantId == 0 ? failedParents.contains(entry.productId)
                                 : failedVariants.contains(entry.variantId))
            entries.append(entry);
    }
    if (entries.isEmpty()) {
        QStringList reasons;
        for (const BatchPayload::LeftOut &left : built->leftOut)
            reasons.append(tr("%1: %2").arg(left.name, left.reason));
        return done(makeError(
                tr("batch %1: nothing can be sent again (%2)")
                        .arg(batchId)
                        .arg(reasons.isEmpty() ? tr("the variants are gone") : reasons.join(u"; "_s))));
    }
    submit({entries}, Report(), context,
           [this, itemIds, batchId, done = std::move(done)](Result<Report> report) {
               if (!report)
                   return done(makeError(report.error()));
               if (report->batchIds.isEmpty())
                   return done(makeError(
                           tr("batch %1 could not be sent again: %2").arg(batchId).arg(report->error)));
               const qint64 newBatch = report->batchIds.constFirst();
               if (auto marked = PublishingRepository(m_database).markResubmitted(itemIds, newBatch); !marked)
                   return done(makeError(marked.error()));
               done(newBatch);
           });
}

void BatchGeneration::submit(QList<QList<BatchPayload::Entry>> batches, Report report, QObject *context,
                             Callback<Report> done, ProgressReport progress)
{
    auto pending = std::make_shared<Pending>();
    pending->self = this;
    pending->batches = std::move(batches);
    pending->report = std::move(report);
    pending->context = context;
    pending->done = std::move(done);
    pending->progress = std::move(progress);
    submitNext(pending);
}

void BatchGeneration::submitNext(std::shared_ptr<Pending> pending)
{
    BatchGeneration &self = *pending->self;
    // Between two batches (the last one stored and submitted, or not at all): a safe point to stop.
    if (pending->next < pending->batches.size() && pending->report.error.isEmpty()
        && !reportProgress(pending->progress, pending->next, pending->batches.size()))
        pending->report.cancelled = true;
    if (pending->next >= pending->batches.size() || !pending->report.error.isEmpty()
        || pending->report.cancelled) {
        if (pending->next >= pending->batches.size())
            (void)reportProgress(pending->progress, pending->next, pending->batches.size());
        if (pending->report.batchIds.isEmpty() && !pending->report.error.isEmpty())
            return pending->done(makeError(pending->report.error));
        return pending->done(pending->report);
    }
    const QList<BatchPayload::Entry> &entries = pending->batches.at(pending->next++);
    ProductBatch batch;
    batch.total = int(entries.size());
    QJsonArray json;
    for (const BatchPayload::Entry &entry : entries) {
        ProductBatchItem item;
        item.productId = entry.productId;
        item.variantId = entry.variantId;
        item.sku = entry.sku;
        item.payload = QString::fromUtf8(QJsonDocument(entry.json).toJson(QJsonDocument::Compact));
        batch.items.append(item);
        json.append(entry.json);
    }
    // Stored first: a crash while submitting leaves a trace, never a batch nobody knows of.
    ProductBatchRepository repository(self.m_database);
    auto id = repository.create(batch);
    if (!id) {
        pending->report.error = id.error();
        return submitNext(pending);
    }
    batch.id = *id;
    batch.createdAt = self.m_database.clock().now();
    QObject *context = pending->context.data();
    if (!context)
        return;
    self.m_poleepo.submitBatch(
            json, context, [pending, batch](Result<PoleepoBatchSubmission> submitted) mutable {
                BatchGeneration &self = *pending->self;
                if (!submitted) {
                    batch.error = tr("not submitted: %1").arg(submitted.error());
                    pending->report.error = submitted.error();
                } else {
                    batch.poleepoBatchId = submitted->batchId;
                    batch.status = submitted->status.isEmpty() ? u"PENDING"_s : submitted->status;
                    batch.submittedAt = self.m_database.clock().now();
                    if (submitted->total)
                        batch.total = *submitted->total;
                    pending->report.batchIds.append(batch.id);
                    pending->report.entries += int(batch.items.size());
                }
                if (auto r = ProductBatchRepository(self.m_database).update(batch);
                    !r && pending->report.error.isEmpty())
                    pending->report.error = r.error();
                submitNext(pending);
            });
}

} // namespace Bottega
