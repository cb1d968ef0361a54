#include "core/publishing/BatchPolling.h"

#include "core/domain/Clock.h"
#include "core/poleepo/PoleepoApi.h"
#include "core/poleepo/PoleepoClient.h"
#include "core/settings/Settings.h"
#include "core/store/Database.h"
#include "core/store/ProductBatchRepository.h"
#include "core/store/PublishingRepository.h"

#include <QHash>
#include <QPointer>
#include <QSet>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QString statusName(PoleepoBatchStatus::Status status)
{
    switch (status) {
    case PoleepoBatchStatus::Status::Pending:
        return PoleepoApi::batchPending;
    case PoleepoBatchStatus::Status::Processing:
        return PoleepoApi::batchProcessing;
    case PoleepoBatchStatus::Status::Completed:
        return PoleepoApi::batchCompleted;
    case PoleepoBatchStatus::Status::Failed:
        return PoleepoApi::batchFailed;
    }
    return {};
}

} // namespace

struct BatchPolling::Pending
{
    BatchPolling *self = nullptr;
    QList<ProductBatch> batches;
    qsizetype next = 0;
    Report report;
    QPointer<QObject> context;
    Callback done;
    ProgressReport progress;
};

BatchPolling::BatchPolling(const Database &database, PoleepoClient &poleepo, const Settings &settings)
    : m_database(database), m_poleepo(poleepo), m_settings(settings)
{
}

void BatchPolling::poll(QObject *context, Callback done, ProgressReport progress)
{
    if (!m_settings.poleepoEnabled()) {
        Report off;
        off.switchedOff = true;
        return done(off);
    }
    ProductBatchRepository::Query query;
    query.statuses = {PoleepoApi::batchPending, PoleepoApi::batchProcessing};
    query.limit = 0;
    auto batches = ProductBatchRepository(m_database).list(query);
    if (!batches)
        return done(makeError(batches.error()));
    auto pending = std::make_shared<Pending>();
    pending->self = this;
    for (const ProductBatch &batch : *batches) {
        if (batch.error.isEmpty() && !batch.poleepoBatchId.isEmpty())
            pending->batches.prepend(batch); // oldest first
    }
    pending->context = context;
    pending->done = std::move(done);
    pending->progress = std::move(progress);
    pollNext(pending);
}

void BatchPolling::pollNext(std::shared_ptr<Pending> pending)
{
    BatchPolling &self = *pending->self;
    QObject *context = pending->context.data();
    if (!context)
        return;
    // Between two batches (each answer applied whole): a safe point to stop.
    if (!reportProgress(pending->progress, pending->next, pending->batches.size())) {
        pending->report.cancelled = pending->next < pending->batches.size();
        return pending->done(pending->report);
    }
    if (pending->next >= pending->batches.size())
        return pending->done(pending->report);
    ProductBatch batch = pending->batches.at(pending->next++);
    const QDateTime now = self.m_database.clock().now();
    PublishingRepository publishing(self.m_database);

    // Seed 002: at most 5 status requests per batch; a 429 said when to ask again.
    if (batch.notBefore.isValid() && batch.notBefore > now) {
        ++pending->report.waiting;
        return pollNext(pending);
    }
    auto asked = publishing.statusRequestsSince(batch.id, now.addSecs(-PoleepoApi::batchStatusWindowSeconds));
    if (!asked) {
        pending->report.errors.append(asked.error());
        return pollNext(pending);
    }
    if (*asked >= PoleepoApi::batchStatusRequestsAllowed) {
        ++pending->report.waiting;
        return pollNext(pending);
    }
    if (auto recorded = publishing.recordStatusRequest(batch.id, now); !recorded) {
        pending->report.errors.append(recorded.error());
        return pollNext(pending);
    }
    ++pending->report.asked;

    self.m_poleepo.batchStatus(
            batch.poleepoBatchId, context,
            PoleepoClient::BatchStatusCallback([pending, batch](Result<PoleepoBatchStatus> status,
                                                                int retryAfter) mutable {
                BatchPolling &self = *pending->self;
                const QDateTime now = self.m_database.clock().now();
                ProductBatchRepository batches(self.m_database);
                if (!status) {
                    // Unreachable or refused: the batch stays submitted and is asked again later.
                    if (retryAfter > 0) {
                        batch.notBefore = now.addSecs(retryAfter);
                        (void)batches.update(batch);
                    }
                    pending->report.errors.append(tr("batch %1: %2").arg(batch.id).arg(status.error()));
                    return pollNext(pending);
                }
                batch.lastPolledAt = now;
                ++batch.pollCount;
                batch.notBefore = QDateTime();

                // Every result must name an item of this batch; a finished batch must answer for all.
                auto stored = batches.get(batch.id);
                if (!stored) {
                    pending->report.errors.append(stored.error());
                    return pollNext(pending);
                }
                QHash<QString, qsizetype> bySku;
                for (qsizetype i = 0; i < stored->items.size(); ++i)
                    bySku.insert(stored->items.at(i).sku, i);
                QStringList unknown;
                QSet<QString> answered;
                for (const PoleepoBatchItemResult &result : status->results) {
                    if (!bySku.contains(result.sku))
                        unknown.append(result.sku);
                    answered.insert(result.sku);
                }
                QStringList missing;
                if (status->isFinished()) {
                    for (const ProductBatchItem &item : stored->items) {
                        if (!answered.contains(item.sku))
                            missing.append(item.sku);
                    }
                }
                if (!unknown.isEmpty() || !missing.isEmpty()) {
                    QStringList problems;
                    if (!unknown.isEmpty())
                        problems.append(tr("Poleepo answered for SKUs not in the batch: %1")
                                                .arg(unknown.join(u", "_s)));
                    if (!missing.isEmpty())
                        problems.append(tr("Poleepo gave no result for: %1").arg(missing.join(u", "_s)));
                    batch.error = problems.join(u"; "_s);
                    if (auto r = batches.update(batch); !r)
                        pending->report.errors.append(r.error());
                    pending->report.errors.append(tr("batch %1: %2").arg(batch.id).arg(batch.error));
                    return pollNext(pending);
                }

                batch.status = statusName(status->status);
                if (status->processed)
                    batch.processed = *status->processed;
                QList<ProductBatchItem> changed;
                for (const PoleepoBatchItemResult &result : status->results) {
                    ProductBatchItem item = stored->items.at(bySku.value(result.sku));
                    if (result.status == PoleepoBatchItemResult::Status::Ok) {
                        item.status = ProductBatchItem::Status::Done;
                        item.poleepoProductId = result.productId;
                        item.code.clear();
                        item.message.clear();
                    } else {
                        item.status = ProductBatchItem::Status::Error;
                        item.code = result.code;
                        item.message = result.message;
                    }
                    changed.append(item);
                }
                if (auto r = PublishingRepository(self.m_database).applyOutcome(batch, changed); !r)
                    pending->report.errors.append(r.error());
                else if (status->isFinished())
                    ++pending->report.finished;
                pollNext(pending);
            }));
}

} // namespace Bottega
