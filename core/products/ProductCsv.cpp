#include "core/products/ProductCsv.h"

#include "core/store/Database.h"
#include "core/store/PrintImageRepository.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "core/csv/CsvFormat.h"

#include <QFile>
#include <QHash>
#include <QRegularExpression>
#include <QSaveFile>
#include <QUrl>
#include <map>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

const QString colProductId = u"Product ID"_s;
const QString colProductName = u"Product Name"_s;
const QString colTemplateId = u"Template ID"_s;
const QString colVariantId = u"Variant ID"_s;
const QString colVariantTitle = u"Variant Title"_s;
const QString colSku = u"SKU"_s;
const QString colOptions = u"Options"_s;
const QString colProductUid = u"Product UID"_s;
const QString colDesignUrl = u"Design File URL"_s;

// "Size: M; Color: Orange"
QString optionsText(const Variant &variant)
{
    QStringList parts;
    for (const VariantOption &option : variant.options)
        parts.append(option.name + u": "_s + option.value);
    return parts.join(u"; "_s);
}

// The image Gelato prints on the variant's first placement: its override, else the product's.
const PrintImage *designImage(const Product &product, qint64 variantId)
{
    if (product.placements.isEmpty())
        return nullptr;
    const QString &placement = product.placements.constFirst();
    const PrintImage *fallback = nullptr;
    for (const PrintImage &image : product.printImages) {
        if (image.placement != placement)
            continue;
        if (variantId > 0 && image.variantId == variantId)
            return &image;
        if (image.variantId == 0)
            fallback = &image;
    }
    return fallback;
}

QString designUrl(const Product &product, qint64 variantId)
{
    const PrintImage *image = designImage(product, variantId);
    return image && image->sourceKind == PrintImage::SourceKind::Url ? image->source : QString();
}

bool isHttpUrl(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    const QString scheme = url.scheme().toLower();
    return url.isValid() && (scheme == "http"_L1 || scheme == "https"_L1) && !url.host().isEmpty();
}

bool isProductUid(const QString &text)
{
    // Gelato's UIDs: "apparel_product_gca_t-shirt_gsc_crewneck_..._gpr_4-0".
    static const QRegularExpression uid(u"^[A-Za-z0-9][A-Za-z0-9_.\\-]{0,254}$"_s);
    return uid.match(text).hasMatch();
}

// One variant's planned writes.
struct Plan
{
    Variant variant;
    std::optional<QString> productUid;
    std::optional<QString> designUrl;
    QString placement;
};

} // namespace

ProductCsv::ProductCsv(const Database &database) : m_database(database) { }

QStringList ProductCsv::exportColumns()
{
    return {colProductId, colProductName, colTemplateId, colVariantId, colVariantTitle,
            colSku,       colOptions,     colProductUid, colDesignUrl};
}

Result<QString> ProductCsv::exportText()
{
    ProductRepository products(m_database);
    ProductRepository::Query query;
    query.limit = 0;
    auto list = products.list(query);
    if (!list)
        return makeError(list.error());
    QString text = CsvFormat::line(exportColumns());
    for (const Product &summary : *list) {
        auto product = products.get(summary.id);
        if (!product)
            return makeError(product.error());
        const QString productId = QString::number(product->id);
        bool anyVariant = false;
        for (const Variant &variant : product->variants) {
            if (variant.archived)
                continue;
            anyVariant = true;
            text += CsvFormat::line({productId, product->name, product->gelatoTemplateId,
                                     QString::number(variant.id), variant.title, variant.sku,
                                     optionsText(variant), variant.gelatoProductUid,
                                     designUrl(*product, variant.id)});
        }
        if (!anyVariant)
            text += CsvFormat::line({productId, product->name, product->gelatoTemplateId, QString(),
                                     QString(), product->sku, QString(), product->gelatoProductUid,
                                     designUrl(*product, 0)});
    }
    return text;
}

Result<void> ProductCsv::exportFile(const QString &path)
{
    auto text = exportText();
    if (!text)
        return makeError(text.error());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(text->toUtf8()) < 0 || !file.commit())
        return makeError(tr("cannot write \"%1\": %2").arg(path, file.errorString()));
    return {};
}

Result<ProductCsvReport> ProductCsv::importFile(const QString &path, bool dryRun)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return makeError(tr("cannot read \"%1\": %2").arg(path, file.errorString()));
    return importText(QString::fromUtf8(file.readAll()), dryRun);
}

Result<ProductCsvReport> ProductCsv::importText(const QString &text, bool dryRun)
{
    auto records = CsvFormat::parse(text);
    if (!records)
        return makeError(records.error());
    ProductCsvReport report;
    if (records->isEmpty()) {
        report.errors.append({1, tr("the file is empty: it needs a header row")});
        return report;
    }

    // Columns by name, case and surrounding spaces ignored.
    QHash<QString, qsizetype> columns;
    const QStringList header = records->constFirst();
    for (qsizetype i = 0; i < header.size(); ++i)
        columns.insert(header.at(i).trimmed().toLower(), i);
    QStringList missing;
    for (const QString &required : {colProductUid, colDesignUrl}) {
        if (!columns.contains(required.toLower()))
            missing.append(u'"' + required + u'"');
    }
    if (!columns.contains(colVariantId.toLower()) && !columns.contains(colSku.toLower()))
        missing.append(tr("\"%1\" or \"%2\"").arg(colVariantId, colSku));
    if (!missing.isEmpty()) {
        report.errors.append({1, tr("missing column %1").arg(missing.join(u", "_s))});
        return report;
    }
    const auto cell = [&](const QStringList &record, const QString &name) {
        const qsizetype index = columns.value(name.toLower(), -1);
        return index >= 0 && index < record.size() ? record.at(index).trimmed() : QString();
    };

    VariantRepository variants(m_database);
    ProductRepository products(m_database);
    std::map<qint64, Product> productCache;
    QHash<qint64, int> rowOfVariant;
    QList<Plan> plans;
    for (qsizetype r = 1; r < records->size(); ++r) {
        const QStringList &record = records->at(r);
        const int row = int(r) + 1;
        const QString idText = cell(record, colVariantId);
        const QString sku = cell(record, colSku);
        const QString uid = cell(record, colProductUid);
        const QString url = cell(record, colDesignUrl);
        if (uid.isEmpty() && url.isEmpty())
            continue; // nothing to map on this row
        std::optional<Variant> variant;
        if (!idText.isEmpty()) {
            bool ok = false;
            const qint64 id = idText.toLongLong(&ok);
            if (!ok || id <= 0) {
                report.errors.append({row, tr("Variant ID \"%1\" is not a number").arg(idText)});
                continue;
            }
            auto found = variants.get(id);
            if (!found) {
                report.errors.append({row, tr("no variant with Variant ID %1").arg(id)});
                continue;
            }
            if (!sku.isEmpty() && found->sku != sku) {
                report.errors.append(
                        {row, tr("Variant ID %1 has SKU \"%2\", not \"%3\"").arg(idText, found->sku, sku)});
                continue;
            }
            variant = *found;
        } else if (!sku.isEmpty()) {
            auto found = variants.findBySku(sku);
            if (!found)
                return makeError(found.error());
            if (!found->has_value()) {
                report.errors.append({row, tr("unknown SKU \"%1\"").arg(sku)});
                continue;
            }
            variant = **found;
        } else {
            report.errors.append({row, tr("no Variant ID or SKU to find the variant by")});
            continue;
        }
        bool rowOk = true;
        if (!uid.isEmpty() && !isProductUid(uid)) {
            report.errors.append({row,
                                  tr("Product UID \"%1\" is not a Gelato product UID (letters, digits, "
                                     "\"_\", \"-\" and \".\" only)")
                                          .arg(uid)});
            rowOk = false;
        }
        if (!url.isEmpty() && !isHttpUrl(url)) {
            report.errors.append({row, tr("Design File URL \"%1\" is not an http(s) URL").arg(url)});
            rowOk = false;
        }
        if (rowOfVariant.contains(variant->id)) {
            report.errors.append({row,
                                  tr("variant %1 is already mapped on row %2")
                                          .arg(variant->id)
                                          .arg(rowOfVariant.value(variant->id))});
            rowOk = false;
        }
        if (!rowOk)
            continue;
        rowOfVariant.insert(variant->id, row);

        auto cached = productCache.find(variant->productId);
        if (cached == productCache.end()) {
            auto product = products.get(variant->productId);
            if (!product)
                return makeError(product.error());
            cached = productCache.emplace(variant->productId, std::move(*product)).first;
        }
        const Product &product = cached->second;
        Plan plan {*variant, std::nullopt, std::nullopt, QString()};
        if (!uid.isEmpty() && uid != variant->gelatoProductUid) {
            plan.productUid = uid;
            report.changes.append({row, product.id, variant->id, variant->sku, colProductUid,
                                   variant->gelatoProductUid, uid});
        }
        if (!url.isEmpty()) {
            if (product.placements.isEmpty()) {
                report.errors.append({row,
                                      tr("product %1 has no print placements: synchronize its Gelato "
                                         "template before mapping a Design File URL")
                                              .arg(product.id)});
                continue;
            }
            const QString current = designUrl(product, variant->id);
            if (url != current) {
                plan.designUrl = url;
                plan.placement = product.placements.constFirst();
                report.changes.append(
                        {row, product.id, variant->id, variant->sku, colDesignUrl, current, url});
            }
        }
        if (plan.productUid || plan.designUrl)
            plans.append(plan);
    }
    if (dryRun || !report.errors.isEmpty() || plans.isEmpty())
        return report;

    PrintImageRepository images(m_database);
    auto written = m_database.transaction([&](QSqlDatabase &) -> Result<void> {
        for (Plan &plan : plans) {
            if (plan.productUid) {
                plan.variant.gelatoProductUid = *plan.productUid;
                if (auto r = variants.update(plan.variant); !r)
                    return r;
            }
            if (plan.designUrl) {
                PrintImage image;
                image.productId = plan.variant.productId;
                image.variantId = plan.variant.id;
                image.placement = plan.placement;
                image.sourceKind = PrintImage::SourceKind::Url;
                image.source = *plan.designUrl;
                if (auto id = images.set(image); !id)
                    return makeError(id.error());
            }
        }
        return {};
    });
    if (!written)
        return makeError(written.error());
    report.applied = true;
    return report;
}

} // namespace Bottega
