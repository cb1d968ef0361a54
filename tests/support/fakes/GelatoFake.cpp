#include "tests/support/fakes/GelatoFake.h"

#include "tests/support/TestUtil.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

GelatoFake::GelatoFake(QObject *parent) : FakeHttpServer(parent)
{
    m_templates.insert(QString::fromLatin1(tshirtId), readTestData(u"gelato/templates/tshirt.json"_s));
    m_templates.insert(QString::fromLatin1(threeId), threeVariantTemplate());
    m_templates.insert(QString::fromLatin1(singleId),
                       templateJson(QString::fromLatin1(singleId), u"Poster 50x70"_s,
                                    {{u"Poster 50x70"_s, {}, {u"1"_s}, {}}}));
    m_templates.insert(QString::fromLatin1(emptyId),
                       templateJson(QString::fromLatin1(emptyId), u"Nothing"_s, {}));
    m_templates.insert(QString::fromLatin1(bigId), generatedTemplate(QString::fromLatin1(bigId), 500));

    on("GET", u"/ecommerce/v1/templates/*"_s, [this](const RecordedRequest &request) {
        const QString id = request.path.mid(QStringLiteral("/ecommerce/v1/templates/").size());
        if (!m_templates.contains(id))
            return FakeResponse::json(404, R"({"code":"not_found","message":"Template not found"})");
        return FakeResponse::json(200, m_templates.value(id));
    });
    onJson("GET", u"/product/v3/catalogs"_s, 200, readTestData(u"gelato/product/catalogs.json"_s));
    on("GET", u"/product/v3/catalogs/*"_s, [](const RecordedRequest &request) {
        if (request.path == u"/product/v3/catalogs/posters"_s)
            return FakeResponse::json(200, readTestData(u"gelato/product/catalog-posters.json"_s));
        return FakeResponse::json(404, R"({"code":"not_found","message":"Catalog not found"})");
    });
    on("POST", u"/product/v3/catalogs/*"_s, [](const RecordedRequest &request) {
        if (request.path.endsWith(u"/products:search"_s))
            return FakeResponse::json(200, readTestData(u"gelato/product/search-products.json"_s));
        return FakeResponse::json(404, R"({"code":"not_found","message":"Not found"})");
    });
    on("GET", u"/product/v3/products/*"_s, [](const RecordedRequest &request) {
        const QByteArray product = readTestData(u"gelato/product/product.json"_s);
        const QString uid = QJsonDocument::fromJson(product).object().value(u"productUid"_s).toString();
        if (request.path.endsWith(u"/prices"_s))
            return FakeResponse::json(200, readTestData(u"gelato/product/prices.json"_s));
        if (request.path == u"/product/v3/products/"_s + uid)
            return FakeResponse::json(200, product);
        return FakeResponse::json(404, R"({"code":"not_found","message":"Product not found"})");
    });
    onJson("POST", u"/product/v3/stock/region-availability"_s, 200,
           readTestData(u"gelato/product/stock-availability.json"_s));
    onJson("GET", u"/shipment/v1/shipment-methods"_s, 200,
           readTestData(u"gelato/shipment/shipment-methods.json"_s));
}

GelatoFake::~GelatoFake() = default;

FakeResponse GelatoFake::answer(const RecordedRequest &request)
{
    if (request.header("X-API-KEY") != m_key)
        return FakeResponse::json(
                401, R"({"code":"invalid_api_key_provided","message":"Access denied. Token is invalid."})");
    return FakeHttpServer::answer(request);
}

QByteArray GelatoFake::templateJson(const QString &id, const QString &title,
                                    const QList<VariantSpec> &variants)
{
    QJsonArray list;
    for (qsizetype i = 0; i < variants.size(); ++i) {
        const VariantSpec &spec = variants.at(i);
        QJsonArray options;
        QString uid = u"apparel_product_gca_t-shirt"_s;
        for (const auto &[name, value] : spec.options) {
            options.append(QJsonObject {{u"name"_s, name}, {u"value"_s, value}});
            uid += u"_"_s + name.toLower() + u"_"_s + value.toLower();
        }
        QJsonArray placeholders;
        for (const QString &area : spec.printAreas) {
            placeholders.append(QJsonObject {{u"name"_s, QString(u"Image"_s + area)},
                                             {u"printArea"_s, area},
                                             {u"height"_s, 137.25},
                                             {u"width"_s, 244.0}});
        }
        list.append(QJsonObject {
                {u"id"_s, spec.id.isEmpty() ? QString(id + u"-v"_s + QString::number(i)) : spec.id},
                {u"title"_s, spec.title},
                {u"productUid"_s, spec.options.isEmpty() ? u"flat_product_pf_500x700-mm"_s : uid},
                {u"variantOptions"_s, options},
                {u"imagePlaceholders"_s, placeholders},
                {u"someFutureField"_s, true}, // unknown fields are ignored
        });
    }
    const QJsonObject object {
            {u"id"_s, id},
            {u"templateName"_s, QString(u"Template for "_s + title)},
            {u"title"_s, title},
            {u"description"_s, QString(u"<p>"_s + title + u"</p>"_s)},
            {u"previewUrl"_s, QString(u"https://example.com/preview/"_s + id + u".png"_s)},
            {u"variants"_s, list},
            {u"productType"_s, u"Printable Material"_s},
            {u"vendor"_s, u"Gelato"_s},
            {u"createdAt"_s, u"2023-06-13T11:02:47+0000"_s},
            {u"updatedAt"_s, u"2023-06-13T11:02:47+0000"_s},
    };
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QByteArray GelatoFake::threeVariantTemplate()
{
    return templateJson(
            QString::fromLatin1(threeId), u"Orange and Red Tee"_s,
            {{u"M - Orange"_s, {{u"Size"_s, u"M"_s}, {u"Color"_s, u"Orange"_s}}, {u"front"_s}, {}},
             {u"L - Orange"_s, {{u"Size"_s, u"L"_s}, {u"Color"_s, u"Orange"_s}}, {u"front"_s}, {}},
             {u"L - Red"_s, {{u"Size"_s, u"L"_s}, {u"Color"_s, u"Red"_s}}, {u"Front"_s, u"back"_s}, {}}});
}

QByteArray GelatoFake::generatedTemplate(const QString &id, int variantCount)
{
    // Sizes × colours × fits: enough distinct combinations for 500 variants.
    const QStringList sizes {u"XS"_s,  u"S"_s,   u"M"_s,   u"L"_s,   u"XL"_s,
                             u"2XL"_s, u"3XL"_s, u"4XL"_s, u"5XL"_s, u"6XL"_s};
    QList<VariantSpec> variants;
    for (int i = 0; i < variantCount; ++i) {
        const QString size = sizes.at(i % sizes.size());
        const QString colour = u"Colour "_s + QString::number((i / sizes.size()) % 25);
        const QString fit = u"Fit "_s + QString::number(i / (sizes.size() * 25));
        variants.append({size + u" - "_s + colour + u" - "_s + fit,
                         {{u"Size"_s, size}, {u"Color"_s, colour}, {u"Fit"_s, fit}},
                         {u"front"_s, u"back"_s},
                         {}});
    }
    return templateJson(id, u"Big Tee"_s, variants);
}

} // namespace Bottega::Test
