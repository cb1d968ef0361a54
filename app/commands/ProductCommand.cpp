// `bottega product list | show ID | set ID FIELD VALUE [--variant VID] | set-print-image ID PLACEMENT
// URL_OR_FILE [--variant VID] | import-csv FILE [--dry-run] | export-csv FILE`: products, their print
// images and the CSV bulk mapping (PROD-3, PROD-5, PROD-6).
#include "app/CommandLine.h"
#include "app/Output.h"
#include "app/Runtime.h"
#include "app/commands/Command.h"
#include "core/products/PrintImages.h"
#include "core/products/ProductCsv.h"
#include "core/products/ProductEditing.h"
#include "core/publishing/Publishing.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("Bottega::Commands", text);
}

QString yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}

// A positive id, or a usage error naming what was given.
std::optional<qint64> parseId(const QString &what, const QString &text)
{
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0) {
        Output::error(tr("%1: \"%2\" is not an id").arg(what, text));
        return std::nullopt;
    }
    return id;
}

// --variant VID, 0 when not given; nullopt after a usage error.
std::optional<qint64> variantOption(const CommandLine &commandLine)
{
    if (!commandLine.isSet(u"variant"_s))
        return 0;
    return parseId(u"--variant"_s, commandLine.option(u"variant"_s));
}

QJsonObject productJson(const Product &product)
{
    QJsonArray attributes;
    for (const ProductAttribute &attribute : product.attributes)
        attributes.append(attribute.name);
    QJsonArray variants;
    for (const Variant &variant : product.variants) {
        QJsonArray options;
        for (const VariantOption &option : variant.options)
            options.append(QJsonObject {{u"name"_s, option.name}, {u"value"_s, option.value}});
        const QStringList missing = PrintImages::missingPlacements(product, variant.id);
        variants.append(QJsonObject {{u"id"_s, variant.id},
                                     {u"productUid"_s, variant.gelatoProductUid},
                                     {u"options"_s, options},
                                     {u"sku"_s, variant.sku},
                                     {u"title"_s, variant.title},
                                     {u"ean"_s, variant.ean},
                                     {u"upc"_s, variant.upc},
                                     {u"isbn"_s, variant.isbn},
                                     {u"mpn"_s, variant.mpn},
                                     {u"priceExtra"_s, variant.priceExtra},
                                     {u"quantity"_s, variant.quantity},
                                     {u"weight"_s, variant.weight},
                                     {u"published"_s, variant.publishedPoleepo},
                                     {u"needsUpdate"_s, variant.needsUpdate},
                                     {u"poleepoProductId"_s, variant.poleepoProductId},
                                     {u"archived"_s, variant.archived},
                                     {u"printImagesComplete"_s, missing.isEmpty()},
                                     {u"missingPlacements"_s, QJsonArray::fromStringList(missing)}});
    }
    QJsonArray printImages;
    for (const PrintImage &image : product.printImages)
        printImages.append(QJsonObject {
                {u"placement"_s, image.placement},
                {u"variantId"_s,
                 image.variantId > 0 ? QJsonValue(image.variantId) : QJsonValue(QJsonValue::Null)},
                {u"source"_s, image.source},
                {u"sourceKind"_s, PrintImage::sourceKindName(image.sourceKind)},
                {u"contentType"_s, image.contentType}});
    return QJsonObject {{u"id"_s, product.id},
                        {u"name"_s, product.name},
                        {u"templateId"_s, product.gelatoTemplateId},
                        {u"productUid"_s, product.gelatoProductUid},
                        {u"sku"_s, product.sku},
                        {u"ean"_s, product.ean},
                        {u"price"_s, product.listPrice},
                        {u"vatRate"_s, product.vatRate},
                        {u"quantity"_s, product.quantity},
                        {u"category"_s, product.categoryPath},
                        {u"published"_s, product.publishedPoleepo},
                        {u"needsUpdate"_s, product.needsUpdate},
                        {u"archived"_s, product.archived},
                        {u"printImagesComplete"_s, PrintImages::isComplete(product)},
                        {u"attributes"_s, attributes},
                        {u"variants"_s, variants},
                        {u"placements"_s, QJsonArray::fromStringList(product.placements)},
                        {u"printImages"_s, printImages}};
}

void printProduct(const Product &product)
{
    Output::line(tr("Product %1: %2").arg(product.id).arg(product.name));
    Output::line(
            tr("Template: %1").arg(product.gelatoTemplateId.isEmpty() ? u"-"_s : product.gelatoTemplateId));
    Output::line(tr("Price: %1  Quantity: %2  Published: %3  Needs update: %4")
                         .arg(product.listPrice, 0, 'f', 2)
                         .arg(product.quantity)
                         .arg(yesNo(product.publishedPoleepo), yesNo(product.needsUpdate)));
    Output::line(tr("Placements: %1")
                         .arg(product.placements.isEmpty() ? u"-"_s : product.placements.join(u", "_s)));
    QList<QStringList> table {{tr("VARIANT"), tr("SKU"), tr("OPTIONS"), tr("PRODUCT UID"), tr("PUBLISHED"),
                               tr("NEEDS UPDATE"), tr("POLEEPO ID"), tr("PRINT IMAGES")}};
    for (const Variant &variant : product.variants) {
        QStringList options;
        for (const VariantOption &option : variant.options)
            options.append(option.name + u'=' + option.value);
        const QStringList missing = PrintImages::missingPlacements(product, variant.id);
        table.append({QString::number(variant.id), variant.sku, options.join(u", "_s),
                      variant.gelatoProductUid, yesNo(variant.publishedPoleepo), yesNo(variant.needsUpdate),
                      variant.poleepoProductId.isEmpty() ? u"-"_s : variant.poleepoProductId,
                      missing.isEmpty() ? tr("complete") : tr("missing: %1").arg(missing.join(u", "_s))});
    }
    if (product.variants.isEmpty())
        Output::line(tr("No variants: a product without variants cannot be published on Poleepo; "
                        "synchronize it with its Gelato template first."));
    else
        Output::table(table);
    for (const PrintImage &image : product.printImages)
        Output::line(tr("Print image %1 (%2): %3")
                             .arg(image.placement,
                                  image.variantId > 0 ? tr("variant %1").arg(image.variantId) : tr("default"),
                                  image.source));
}

int list(Runtime &runtime, bool json)
{
    ProductRepository products(runtime.database());
    ProductRepository::Query query;
    query.limit = 0;
    const auto summaries = products.list(query);
    if (!summaries) {
        Output::error(summaries.error());
        return ExitFailure;
    }
    QJsonArray rows;
    QList<QStringList> table {{tr("ID"), tr("NAME"), tr("TEMPLATE"), tr("VARIANTS"), tr("PRINT IMAGES"),
                               tr("PUBLISHED"), tr("NEEDS UPDATE")}};
    for (const Product &summary : *summaries) {
        const auto product = products.get(summary.id);
        if (!product) {
            Output::error(product.error());
            return ExitFailure;
        }
        const bool complete = PrintImages::isComplete(*product);
        rows.append(QJsonObject {{u"id"_s, product->id},
                                 {u"name"_s, product->name},
                                 {u"templateId"_s, product->gelatoTemplateId},
                                 {u"variants"_s, product->variants.size()},
                                 {u"printImagesComplete"_s, complete},
                                 {u"published"_s, product->publishedPoleepo},
                                 {u"needsUpdate"_s, product->needsUpdate}});
        table.append({QString::number(product->id), product->name, product->gelatoTemplateId,
                      QString::number(product->variants.size()), complete ? tr("complete") : tr("missing"),
                      yesNo(product->publishedPoleepo), yesNo(product->needsUpdate)});
    }
    if (json)
        Output::json(rows);
    else
        Output::table(table);
    return ExitOk;
}

int show(Runtime &runtime, qint64 id, bool json)
{
    const auto product = ProductRepository(runtime.database()).get(id);
    if (!product) {
        Output::error(product.error());
        return ExitFailure;
    }
    if (json)
        Output::json(productJson(*product));
    else
        printProduct(*product);
    return ExitOk;
}

int setField(Runtime &runtime, const CommandLine &commandLine, qint64 id, qint64 variantId)
{
    const QStringList &args = commandLine.arguments;
    // PROD-5: "published" goes through the publishing use case, as the window's selection does.
    if (args.at(2) == u"published"_s) {
        const QString flag = args.at(3).toLower();
        if (flag != u"true"_s && flag != u"false"_s) {
            Output::error(tr("published: \"%1\" is not true or false").arg(args.at(3)));
            return ExitUsage;
        }
        Publishing publishing(runtime.database());
        if (variantId > 0) {
            auto variant = VariantRepository(runtime.database()).get(variantId);
            if (!variant || variant->productId != id) {
                Output::error(variant ? tr("variant %1 is not a variant of product %2").arg(variantId).arg(id)
                                      : variant.error());
                return ExitFailure;
            }
        }
        auto changed = variantId > 0 ? publishing.setVariantsPublished({variantId}, flag == u"true"_s)
                                     : publishing.setProductsPublished({id}, flag == u"true"_s);
        if (!changed) {
            Output::error(changed.error());
            return ExitFailure;
        }
    } else if (auto set = ProductEditing(runtime.database()).set(id, args.at(2), args.at(3), variantId);
               !set) {
        Output::error(set.error());
        return ExitFailure;
    }
    if (commandLine.json)
        return show(runtime, id, true);
    Output::line(
            variantId > 0
                    ? tr("product %1, variant %2: %3 = %4").arg(id).arg(variantId).arg(args.at(2), args.at(3))
                    : tr("product %1: %2 = %3").arg(id).arg(args.at(2), args.at(3)));
    return ExitOk;
}

int setPrintImage(Runtime &runtime, const CommandLine &commandLine, qint64 id, qint64 variantId)
{
    const QStringList &args = commandLine.arguments;
    PrintImages printImages(runtime.database(), &runtime.files());
    const auto image = printImages.set(id, args.at(2), args.at(3), variantId);
    if (!image) {
        Output::error(image.error());
        return ExitFailure;
    }
    const auto complete = printImages.isProductComplete(id);
    if (commandLine.json) {
        Output::json(QJsonObject {
                {u"productId"_s, id},
                {u"variantId"_s, variantId > 0 ? QJsonValue(variantId) : QJsonValue(QJsonValue::Null)},
                {u"placement"_s, image->placement},
                {u"sourceKind"_s, PrintImage::sourceKindName(image->sourceKind)},
                {u"source"_s, image->source},
                {u"fileId"_s, image->fileId},
                {u"contentType"_s, image->contentType},
                {u"printImagesComplete"_s, complete.ok() && *complete}});
        return ExitOk;
    }
    Output::line(tr("product %1: print image \"%2\" (%3) set from %4")
                         .arg(QString::number(id), image->placement,
                              variantId > 0 ? tr("variant %1").arg(variantId) : tr("default"),
                              image->source));
    if (complete.ok())
        Output::line(*complete ? tr("Print images complete.") : tr("Print images still missing."));
    return ExitOk;
}

int importCsv(Runtime &runtime, const CommandLine &commandLine)
{
    const QString path = commandLine.arguments.at(1);
    const bool dryRun = commandLine.isSet(u"dry-run"_s);
    const auto report = ProductCsv(runtime.database()).importFile(path, dryRun);
    if (!report) {
        Output::error(report.error());
        return ExitFailure;
    }
    if (commandLine.json) {
        QJsonArray changes;
        for (const ProductCsvChange &change : report->changes)
            changes.append(QJsonObject {{u"row"_s, change.row},
                                        {u"productId"_s, change.productId},
                                        {u"variantId"_s, change.variantId},
                                        {u"sku"_s, change.sku},
                                        {u"column"_s, change.column},
                                        {u"oldValue"_s, change.oldValue},
                                        {u"newValue"_s, change.newValue}});
        QJsonArray errors;
        for (const ProductCsvRowError &error : report->errors)
            errors.append(QJsonObject {{u"row"_s, error.row}, {u"message"_s, error.message}});
        Output::json(QJsonObject {{u"dryRun"_s, dryRun},
                                  {u"applied"_s, report->applied},
                                  {u"changes"_s, changes},
                                  {u"errors"_s, errors}});
    } else {
        for (const ProductCsvRowError &error : report->errors)
            Output::line(tr("row %1: %2").arg(error.row).arg(error.message));
        if (report->errors.isEmpty()) {
            for (const ProductCsvChange &change : report->changes)
                Output::line(tr("row %1: variant %2 (%3): %4 \"%5\" -> \"%6\"")
                                     .arg(change.row)
                                     .arg(change.variantId)
                                     .arg(change.sku, change.column, change.oldValue, change.newValue));
            Output::line(dryRun ? QCoreApplication::translate(
                                 "Bottega::Commands",
                                 "%n change(s) would be made (dry run: nothing written).", nullptr,
                                 int(report->changes.size()))
                                : QCoreApplication::translate("Bottega::Commands", "%n change(s) applied.",
                                                              nullptr, int(report->changes.size())));
        }
    }
    if (!report->errors.isEmpty()) {
        Output::error(QCoreApplication::translate("Bottega::Commands",
                                                  "%1: %n row(s) with errors, nothing changed", nullptr,
                                                  int(report->errors.size()))
                              .arg(path));
        return ExitFailure;
    }
    return ExitOk;
}

int exportCsv(Runtime &runtime, const CommandLine &commandLine)
{
    const QString path = commandLine.arguments.at(1);
    if (auto written = ProductCsv(runtime.database()).exportFile(path); !written) {
        Output::error(written.error());
        return ExitFailure;
    }
    if (commandLine.json)
        Output::json(QJsonObject {{u"file"_s, path}});
    else
        Output::line(tr("Products exported to %1").arg(path));
    return ExitOk;
}

int usage()
{
    Output::error(
            tr("usage: bottega product list | show ID | set ID FIELD VALUE [--variant VID] | "
               "set-print-image ID PLACEMENT URL_OR_FILE [--variant VID] | import-csv FILE [--dry-run] | "
               "export-csv FILE | sync-template TEMPLATE_ID [--product ID]"));
    return ExitUsage;
}

int run(Runtime &runtime, const CommandLine &commandLine)
{
    const QStringList &args = commandLine.arguments;
    const QString action = args.value(0);
    const bool takesVariant = action == u"set"_s || action == u"set-print-image"_s;
    if ((commandLine.isSet(u"variant"_s) && !takesVariant)
        || (commandLine.isSet(u"dry-run"_s) && action != u"import-csv"_s))
        return usage();

    if (action == u"list"_s && args.size() == 1)
        return list(runtime, commandLine.json);
    if (action == u"show"_s && args.size() == 2) {
        const auto id = parseId(u"product show"_s, args.at(1));
        return id ? show(runtime, *id, commandLine.json) : ExitUsage;
    }
    if (takesVariant && args.size() == 4) {
        const auto id = parseId(u"product "_s + action, args.at(1));
        const auto variantId = variantOption(commandLine);
        if (!id || !variantId)
            return ExitUsage;
        return action == u"set"_s ? setField(runtime, commandLine, *id, *variantId)
                                  : setPrintImage(runtime, commandLine, *id, *variantId);
    }
    if (action == u"import-csv"_s && args.size() == 2)
        return importCsv(runtime, commandLine);
    if (action == u"export-csv"_s && args.size() == 2)
        return exportCsv(runtime, commandLine);
    return usage();
}

} // namespace

void product(Runtime &runtime, const CommandLine &commandLine, CommandDone done)
{
    // sync-template waits for Gelato: it answers through `done` later (SyncTemplateCommand.cpp).
    if (commandLine.arguments.value(0) == u"sync-template"_s) {
        if (commandLine.isSet(u"variant"_s) || commandLine.isSet(u"dry-run"_s))
            return done(usage());
        const bool json = commandLine.json;
        return productSyncTemplate(
                runtime, commandLine, [&runtime, json](qint64 id) { return show(runtime, id, json); },
                std::move(done));
    }
    if (commandLine.isSet(u"product"_s))
        return done(usage());
    done(run(runtime, commandLine));
}

} // namespace Bottega::Commands
