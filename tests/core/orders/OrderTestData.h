// Orders test data: a Gelato T-shirt (three variants, print images by URL on "default" and "back")
// and a non-Gelato mug, stored through the repositories, and a complete valid order for them.
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "core/products/PrintImages.h"
#include "tests/core/products/PrintImagesTestProduct.h"

#include <gtest/gtest.h>

namespace Bottega::Test {

struct OrderTestData
{
    qint64 shirtId = 0, mugId = 0;
    qint64 shirtM = 0, shirtL = 0, shirtLRed = 0, mug = 0; // variant ids

    // imagesComplete: false leaves TS-L-R without its "back" image.
    static OrderTestData create(Database &db, bool imagesComplete = true)
    {
        using namespace Qt::StringLiterals;
        OrderTestData data;
        auto shirt = ProductRepository(db).create(makeTestProduct());
        EXPECT_TRUE(shirt.ok()) << shirt.error().toStdString();
        data.shirtId = *shirt;
        Product mugProduct;
        mugProduct.name = u"Mug"_s;
        mugProduct.sku = u"MUG"_s;
        mugProduct.listPrice = 9;
        Variant mugVariant;
        mugVariant.sku = u"MUG-W"_s;
        mugVariant.title = u"White"_s;
        mugProduct.variants = {mugVariant};
        auto mug = ProductRepository(db).create(mugProduct);
        EXPECT_TRUE(mug.ok()) << mug.error().toStdString();
        data.mugId = *mug;
        VariantRepository variants(db);
        data.shirtM = (*variants.findBySku(u"TS-M-O"_s))->id;
        data.shirtL = (*variants.findBySku(u"TS-L-O"_s))->id;
        data.shirtLRed = (*variants.findBySku(u"TS-L-R"_s))->id;
        data.mug = (*variants.findBySku(u"MUG-W"_s))->id;
        PrintImages images(db, nullptr);
        EXPECT_TRUE(images.set(data.shirtId, u"default"_s, u"https://img.example.com/front.png"_s).ok());
        if (imagesComplete) {
            EXPECT_TRUE(images.set(data.shirtId, u"back"_s, u"https://img.example.com/back.png"_s).ok());
        } else {
            EXPECT_TRUE(
                    images.set(data.shirtId, u"back"_s, u"https://img.example.com/back-m.png"_s, data.shirtM)
                            .ok());
            EXPECT_TRUE(
                    images.set(data.shirtId, u"back"_s, u"https://img.example.com/back-l.png"_s, data.shirtL)
                            .ok());
        }
        // An override: TS-L-O prints its own front.
        EXPECT_TRUE(
                images.set(data.shirtId, u"default"_s, u"https://img.example.com/front-l.png"_s, data.shirtL)
                        .ok());
        return data;
    }

    static Address address()
    {
        using namespace Qt::StringLiterals;
        Address a;
        a.kind = Address::Kind::Shipping;
        a.firstName = u"Anna"_s;
        a.lastName = u"Rossi"_s;
        a.companyName = u"Rossi Srl"_s;
        a.addressLine1 = u"Via Roma 1"_s;
        a.city = u"Milano"_s;
        a.postCode = u"20100"_s;
        a.country = u"IT"_s;
        a.email = u"anna@example.com"_s;
        a.phone = u"+39 02 123456"_s;
        return a;
    }

    static OrderLine line(qint64 variantId, qint64 quantity, double price)
    {
        OrderLine l;
        l.variantId = variantId;
        l.quantity = quantity;
        l.unitPrice = price;
        return l;
    }

    // Two Gelato lines (TS-M-O x2 at 25, TS-L-O x1 at 27) and a shipping line of 4.90.
    SalesOrder order(const QString &reference = QStringLiteral("WEB-1001")) const
    {
        using namespace Qt::StringLiterals;
        SalesOrder o;
        o.reference = reference;
        o.currency = u"EUR"_s;
        o.customerFirstName = u"Anna"_s;
        o.customerLastName = u"Rossi"_s;
        o.customerEmail = u"anna@example.com"_s;
        o.shippingAddress = address();
        o.lines = {line(shirtM, 2, 25), line(shirtL, 1, 27)};
        OrderLine shipping;
        shipping.kind = OrderLine::Kind::Shipping;
        shipping.productName = u"Shipping"_s;
        shipping.unitPrice = 4.9;
        o.lines.append(shipping);
        return o;
    }
};

} // namespace Bottega::Test
