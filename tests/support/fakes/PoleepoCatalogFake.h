// PoleepoCatalogFake: Poleepo's product endpoints inside the PoleepoFake: `GET /products` and the
// product batches (docs/poleepo-api.md, seed 002). A submit is validated whole (422
// VALIDATION_ERROR naming "products[i].sku", ".title" or ".price") and answered 202 with a batch
// id (PENDING); the status answers PROCESSING (as many times as set), then COMPLETED with one
// result per entry: OK with the product id, or ERROR PARENT_NOT_FOUND for a child whose parent_sku
// was never sent in this or an earlier batch. More than 5 status requests for one batch within 10
// minutes of the fake's clock → 429 RATE_LIMITED with Retry-After.
#pragma once

#include "tests/support/fakes/FakeHttpTypes.h"

#include <QDateTime>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QSet>
#include <functional>

namespace Bottega::Test {

class PoleepoFake;

class PoleepoCatalogFake final
{
    Q_DISABLE_COPY_MOVE(PoleepoCatalogFake)

public:
    static constexpr int statusRequestsAllowed = 5;
    static constexpr int statusWindowSeconds = 600;

    explicit PoleepoCatalogFake(PoleepoFake &server);

    // A product Poleepo already has (sent before the test): a known parent for children.
    void addProduct(const QString &sku, const QString &productId = QString());
    QString productId(const QString &sku) const { return m_products.value(sku); }
    int productCount() const { return int(m_products.size()); }

    // How many status requests answer PROCESSING before COMPLETED (default 0).
    void setProcessingPolls(int polls) { m_processingPolls = polls; }
    int batchCount() const { return int(m_batches.size()); }
    QJsonArray batchEntries(const QString &batchId) const { return m_batches.value(batchId).entries; }
    QString lastBatchId() const { return m_lastBatchId; }
    // Rewrites the results of a COMPLETED answer for one batch (to name an unknown SKU or leave an
    // entry out); called with the batch id and the results the fake computed. Unset: as computed.
    using ResultsAnswer = std::function<QJsonArray(const QString &batchId, const QJsonArray &results)>;
    void setResultsAnswer(ResultsAnswer answer) { m_resultsAnswer = std::move(answer); }

private:
    struct Batch
    {
        QJsonArray entries;
        QJsonArray results; // computed when submitted, shown once COMPLETED
        int polls = 0;
        QList<QDateTime> statusRequests; // in the fake's clock
    };

    FakeResponse listProducts(const RecordedRequest &request);
    FakeResponse submit(const RecordedRequest &request);
    FakeResponse status(const RecordedRequest &request);
    QJsonArray process(const QJsonArray &entries);

    PoleepoFake &m_server;
    QHash<QString, QString> m_products; // sku → Poleepo product id
    QSet<QString> m_sentSkus; // every sku submitted in a batch so far
    QHash<QString, Batch> m_batches;
    QString m_lastBatchId;
    int m_nextBatch = 1;
    int m_nextProduct = 1001;
    int m_processingPolls = 0;
    ResultsAnswer m_resultsAnswer;
};

} // namespace Bottega::Test
