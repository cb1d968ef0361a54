#include "tests/ui/ProductFixture.h"

#include "core/store/Database.h"
#include "core/store/ProductRepository.h"

#include <QByteArrayView>

using namespace Qt::StringLiterals;

namespace Bottega::Test {

namespace {

QtMessageHandler s_previous = nullptr;
QStringList s_messages;

void collect(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (context.category && QByteArrayView(context.category).startsWith("qt.modeltest"))
        s_messages.append(message);
    else if (type >= QtWarningMsg && s_previous)
        s_previous(type, context, message);
}

Variant variant(const QString &sku, const QString &size, const QString &colour, int position)
{
    Variant result;
    result.sku = sku;
    result.title = size + u" / "_s + colour;
    result.gelatoProductUid
            = u"apparel_product_gca_t-shirt_gsi_"_s + size.toLower() + u"_gco_"_s + colour.toLower();
    result.position = position;
    result.options = {{u"Size"_s, size, 0}, {u"Color"_s, colour, 0}};
    return result;
}

} // namespace

ProductModelWarnings::ProductModelWarnings()
{
    s_messages.clear();
    m_previous = qInstallMessageHandler(&collect);
    s_previous = m_previous;
}

ProductModelWarnings::~ProductModelWarnings()
{
    qInstallMessageHandler(m_previous);
}

QStringList ProductModelWarnings::messages() const
{
    return s_messages;
}

void ProductFixture::SetUp()
{
    auto created = TestDatabase::create(Backend::Sqlite);
    ASSERT_TRUE(created.ok()) << created.error().toStdString();
    m_database = std::move(created).value();
}

Product ProductFixture::tShirt(const QString &name, const QString &sku)
{
    Product product;
    product.name = name;
    product.sku = sku;
    product.listPrice = 24.9;
    product.quantity = 12;
    product.gelatoTemplateId = u"c12a363e-0d4e-4d96-be4b-bf4138eb8743"_s;
    product.attributes = {{0, 0, u"Size"_s, 0, {{0, 0, u"M"_s, 0}, {0, 0, u"L"_s, 1}}},
                          {0, 0, u"Color"_s, 1, {{0, 0, u"Orange"_s, 0}, {0, 0, u"Red"_s, 1}}}};
    product.variants = {variant(sku + u"-M-O"_s, u"M"_s, u"Orange"_s, 0),
                        variant(sku + u"-L-O"_s, u"L"_s, u"Orange"_s, 1),
                        variant(sku + u"-L-R"_s, u"L"_s, u"Red"_s, 2)};
    product.placements = {u"default"_s, u"back"_s};
    PrintImage front;
    front.placement = u"default"_s;
    front.sourceKind = PrintImage::SourceKind::Url;
    front.source = u"https://cdn.example.com/front.pdf"_s;
    product.printImages = {front};
    return product;
}

qint64 ProductFixture::store(const Product &product)
{
    auto id = ProductRepository(db()).create(product);
    EXPECT_TRUE(id.ok()) << id.error().toStdString();
    return id.ok() ? id.value() : 0;
}

void ProductFixture::storeMany(int count)
{
    for (int index = 1; index <= count; ++index) {
        Product product;
        product.name = u"Product %1"_s.arg(index, 5, 10, QChar(u'0'));
        product.sku = u"SKU-%1"_s.arg(index, 5, 10, QChar(u'0'));
        product.listPrice = index;
        product.quantity = count - index;
        store(product);
    }
}

} // namespace Bottega::Test
