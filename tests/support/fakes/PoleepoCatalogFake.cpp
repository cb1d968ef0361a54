#include "tests/support/fakes/PoleepoCatalogFake.h"

#include "tests/support/fakes/PoleepoFake.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

PoleepoCatalogFake::PoleepoCatalogFake(PoleepoFake &server) : m_server(server)
{
    server.on("GET", u"/products"_s,
              [this](const RecordedRequest &request) { return listProducts(request); });
    server.on("POST", u"/products/batch"_s,
              [this](const RecordedRequest &request) { return submit(request); });
    server.on("GET", u"/products/batch/*"_s,
              [this](const RecordedRequest &request) { return status(request); });
}

void PoleepoCatalogFake::addProduct(const QString &sku, const QString &productId)
{
    m_products.insert(sku, productId.isEmpty() ? QString::number(m_nextProduct++) : productId);
    m_sentSkus.insert(sku);
}

FakeResponse PoleepoCatalogFake::listProducts(const RecordedRequest &request)
{
    const int offset = request.query.queryItemValue(u"offset"_s).toInt();
    const int max
            = request.query.hasQueryItem(u"max"_s) ? request.query.queryItemValue(u"max"_s).toInt() : 50;
    if (max < 1 || max > 100)
        return PoleepoFake::error(
                422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s,
                {QJsonObject {{u"field"_s, u"max"_s}, {u"message"_s, u"must be 1 to 100"_s}}});
    QStringList skus = m_products.keys();
    skus.sort();
    QJsonArray page;
    for (qsizetype i = offset; i < skus.size() && page.size() < max; ++i)
        page.append(QJsonObject {{u"id"_s, m_products.value(skus.at(i))}, {u"sku"_s, skus.at(i)}});
    QJsonObject answer {{u"data"_s, page}, {u"total"_s, int(skus.size())}};
    return FakeResponse::json(200, QJsonDocument(answer));
}

FakeResponse PoleepoCatalogFake::submit(const RecordedRequest &request)
{
    const QJsonValue products = request.json().object().value(u"products"_s);
    if (!products.isArray() || products.toArray().isEmpty())
        return PoleepoFake::error(
                422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s,
                {QJsonObject {{u"field"_s, u"products"_s}, {u"message"_s, u"must be a non-empty list"_s}}});
    // The whole batch is refused when an entry lacks what every product needs.
    const QJsonArray entries = products.toArray();
    QJsonArray errors;
    for (qsizetype i = 0; i < entries.size(); ++i) {
        const QJsonObject entry = entries.at(i).toObject();
        for (const QString &field : {u"sku"_s, u"title"_s}) {
            if (entry.value(field).toString().trimmed().isEmpty())
                errors.append(QJsonObject {{u"field"_s, u"products[%1].%2"_s.arg(i).arg(field)},
                                           {u"message"_s, u"is required"_s}});
        }
        const QJsonValue price = entry.value(u"price"_s);
        if (!price.isDouble())
            errors.append(QJsonObject {
                    {u"field"_s, u"products[%1].price"_s.arg(i)},
                    {u"message"_s,
                     price.isUndefined() || price.isNull() ? u"is required"_s : u"must be a number"_s}});
    }
    if (!errors.isEmpty())
        return PoleepoFake::error(422, u"VALIDATION_ERROR"_s, u"The given data was invalid."_s, errors);

    const QString id = u"B%1"_s.arg(m_nextBatch++);
    m_batches.insert(id, Batch {entries, process(entries), 0, {}});
    m_lastBatchId = id;
    return PoleepoFake::data(202,
                             QJsonObject {{u"batch_id"_s, id},
                                          {u"status"_s, u"PENDING"_s},
                                          {u"total"_s, int(entries.size())}});
}

QJsonArray PoleepoCatalogFake::process(const QJsonArray &entries)
{
    // A parent counts when it was sent in this batch or an earlier one.
    for (const QJsonValue &entry : entries)
        m_sentSkus.insert(entry.toObject().value(u"sku"_s).toString());
    QJsonArray results;
    for (const QJsonValue &value : entries) {
        const QJsonObject entry = value.toObject();
        const QString sku = entry.value(u"sku"_s).toString();
        const QString parent = entry.value(u"parent_sku"_s).toString();
        if (!parent.isEmpty() && !m_sentSkus.contains(parent)) {
            results.append(QJsonObject {
                    {u"sku"_s, sku},
                    {u"product_id"_s, QJsonValue::Null},
                    {u"status"_s, u"ERROR"_s},
                    {u"code"_s, u"PARENT_NOT_FOUND"_s},
                    {u"message"_s, u"Parent product with SKU %1 not found"_s.arg(parent)},
            });
            continue;
        }
        QString productId = entry.value(u"product_id"_s).toString();
        if (productId.isEmpty())
            productId = m_products.value(sku);
        if (productId.isEmpty())
            productId = QString::number(m_nextProduct++);
        m_products.insert(sku, productId);
        results.append(QJsonObject {{u"sku"_s, sku},
                                    {u"product_id"_s, productId},
                                    {u"status"_s, u"OK"_s},
                                    {u"code"_s, QJsonValue::Null},
                                    {u"message"_s, QJsonValue::Null}});
    }
    return results;
}

FakeResponse PoleepoCatalogFake::status(const RecordedRequest &request)
{
    const QString id = request.path.mid(QStringLiteral("/products/batch/").size());
    if (!m_batches.contains(id))
        return PoleepoFake::error(404, u"NOT_FOUND"_s, u"Batch not found"_s);
    Batch &batch = m_batches[id];

    // Seed 002: at most 5 status requests per batch; a refused request does not count.
    const QDateTime now = m_server.now();
    while (!batch.statusRequests.isEmpty() && batch.statusRequests.first().secsTo(now) >= statusWindowSeconds)
        batch.statusRequests.removeFirst();
    if (batch.statusRequests.size() >= statusRequestsAllowed) {
        const qint64 wait = statusWindowSeconds - batch.statusRequests.first().secsTo(now);
        FakeResponse refused = PoleepoFake::error(429, u"RATE_LIMITED"_s, u"Too many requests"_s);
        refused.headers.emplaceBack("Retry-After", QByteArray::number(std::max<qint64>(1, wait)));
        return refused;
    }
    batch.statusRequests.append(now);

    const int poll = batch.polls++;
    const bool done = poll >= m_processingPolls;
    QJsonArray results = done ? batch.results : QJsonArray();
    if (done && m_resultsAnswer)
        results = m_resultsAnswer(id, results);
    return PoleepoFake::data(200,
                             QJsonObject {
                                     {u"batch_id"_s, id},
                                     {u"status"_s, done ? u"COMPLETED"_s : u"PROCESSING"_s},
                                     {u"total"_s, int(batch.entries.size())},
                                     {u"processed"_s, int(results.size())},
                                     {u"results"_s, results},
                             });
}

} // namespace Bottega::Test
