// BatchGeneration (BATCH-1, BATCH-2): collects the published variants that need an update or were
// never sent, builds their entries (BatchPayload), splits them into batches of poleepo.batch-size
// entries, stores each batch with its items and submits it; also resubmits the failed items of a
// batch (BATCH-4). A batch is stored before it is submitted and submitted once: when Poleepo
// cannot be reached it keeps the reason, its variants are collected again next time, and the
// batches not yet submitted wait for the next run. With poleepo.enabled false it sends nothing and
// says so (Report::switchedOff). Lives on the worker thread, with the client.
#pragma once

#include "core/domain/ProductBatch.h"
#include "core/domain/Progress.h"
#include "core/domain/Result.h"
#include "core/publishing/BatchPayload.h"

#include <QCoreApplication>
#include <QList>
#include <QObject>
#include <QSet>
#include <functional>
#include <memory>

namespace Bottega {

class Database;
class FileStore;
class PoleepoClient;
class Settings;

class BatchGeneration final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::BatchGeneration)
    Q_DISABLE_COPY_MOVE(BatchGeneration)

public:
    struct Report
    {
        QList<qint64> batchIds; // stored and submitted
        int entries = 0; // submitted, parents included
        QList<BatchPayload::LeftOut> leftOut; // variants without SKU, price or VAT rate
        QString error; // why a batch could not be submitted (the rest wait for the next run)
        bool switchedOff = false; // poleepo.enabled is false: nothing was built or sent
        bool cancelled = false; // stopped on request between two batches; the rest wait
    };
    template<typename T> using Callback = std::function<void(Result<T>)>;

    // files: where stored product images live (their signed URLs); null: only public URLs.
    BatchGeneration(const Database &database, PoleepoClient &poleepo, const Settings &settings,
                    const FileStore *files = nullptr);

    // The entries due now, built but not stored or sent.
    Result<BatchPayload::Built> buildDue() const;
    // Builds, stores and submits. Answers once, later; not at all once `context` is gone. With
    // Poleepo switched off it answers at once with switchedOff set and touches nothing.
    // progress hears "batches submitted of total" before each batch is stored; its false stops
    // there (Report::cancelled): every batch is stored and submitted whole or not at all, and the
    // variants not sent are collected again next time.
    void generate(QObject *context, Callback<Report> done, ProgressReport progress = {});
    // The failed items of batch `batchId` (refused by Poleepo, or left waiting by an inconsistent
    // answer), rebuilt from today's data, in a new batch. Answers with the new batch's id;
    // an error (switchedOffText) when Poleepo is switched off.
    void resubmit(qint64 batchId, QObject *context, Callback<qint64> done);
    // The items resubmit would send again: refused, or left waiting by a batch that failed, and not
    // sent again yet.
    static QList<ProductBatchItem> failedItems(const ProductBatch &batch);
    // "Poleepo is switched off (setting poleepo.enabled): nothing was sent…", for whoever asked.
    static QString switchedOffText();

private:
    struct Pending;
    Result<BatchPayload::Built> build(const QList<qint64> &productIds, const QSet<qint64> &variantIds) const;
    void submit(QList<QList<BatchPayload::Entry>> batches, Report report, QObject *context,
                Callback<Report> done, ProgressReport progress = {});
    static void submitNext(std::shared_ptr<Pending> pending);

    const Database &m_database;
    PoleepoClient &m_poleepo;
    const Settings &m_settings;
    const FileStore *m_files;
};

} // namespace Bottega
