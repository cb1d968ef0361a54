#include "tests/fuzz/FuzzSupport.h"

#include "core/domain/Product.h"
#include "core/store/ProductRepository.h"
#include "tests/core/products/PrintImagesTestProduct.h"

#include <QCoreApplication>
#include <QDir>
#include <QTemporaryDir>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>

using namespace Qt::StringLiterals;

namespace Bottega::Fuzz {

void ensureApplication()
{
    if (QCoreApplication::instance())
        return;
    static int argc = 1;
    static char name[] = "bottega-fuzz";
    static char *argv[] = {name, nullptr};
    static QCoreApplication application(argc, argv);
}

Database &database()
{
    // The folder is removed at exit; the store is never destroyed, since Qt SQL's connection
    // registry may be gone by the time static objects are.
    static std::unique_ptr<QTemporaryDir> folder;
    static Database *store = nullptr;
    if (store)
        return *store;
    ensureApplication();
    const QString base = QDir(u"/dev/shm"_s).exists() ? u"/dev/shm"_s : QDir::tempPath();
    folder = std::make_unique<QTemporaryDir>(base + u"/bottega-fuzz-XXXXXX"_s);
    if (!folder->isValid())
        fail("no temporary folder for the database", folder->errorString());
    DatabaseLocation location;
    location.sqlitePath = folder->filePath(u"fuzz.sqlite"_s);
    auto opened = Database::open(location);
    if (!opened)
        fail("cannot open the database", opened.error());
    store = opened->release();
    if (const auto migrated = store->migrate(); !migrated)
        fail("cannot migrate the database", migrated.error());

    ProductRepository products(*store);
    if (const auto shirt = products.create(Test::makeTestProduct()); !shirt)
        fail("cannot store the T-shirt", shirt.error());
    Product mug;
    mug.name = u"Mug"_s;
    mug.sku = u"MUG"_s;
    mug.listPrice = 9;
    Variant white;
    white.sku = u"MUG-W"_s;
    white.title = u"White"_s;
    mug.variants = {white};
    if (const auto stored = products.create(mug); !stored)
        fail("cannot store the mug", stored.error());
    return *store;
}

QByteArray bytes(const uint8_t *data, size_t size)
{
    return QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
}

QString text(const uint8_t *data, size_t size)
{
    return QString::fromUtf8(reinterpret_cast<const char *>(data), qsizetype(size));
}

void checkOrderLines(const SalesOrder &order, const char *what)
{
    for (const OrderLine &line : order.lines) {
        if (line.quantity <= 0)
            fail(what, u"accepted a line with quantity "_s + QString::number(line.quantity));
        if (!std::isfinite(line.unitPrice) || line.unitPrice < 0)
            fail(what, u"accepted a line with unit price "_s + QString::number(line.unitPrice));
    }
}

void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "bottega-fuzz: %s%s%s\n", what, detail.isEmpty() ? "" : ": ",
                 detail.toLocal8Bit().constData());
    std::abort();
}

} // namespace Bottega::Fuzz
