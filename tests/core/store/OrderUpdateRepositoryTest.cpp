// OrderUpdateRepository on SQLite and PostgreSQL: what a queue pass reads ahead answers exactly as
// the query it saves would (PERF-2), and stops answering for an order once a package of it is written.
#include "core/store/OrderUpdateRepository.h"

#include "core/store/OrderPackageRepository.h"
#include "core/store/SalesOrderRepository.h"
#include "tests/support/database/TestDatabase.h"

#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

class OrderUpdateRepositoryTest : public DatabaseTest
{
protected:
    qint64 createOrder(const QString &reference, const QString &gelatoOrderId)
    {
        SalesOrder order;
        order.reference = reference;
        order.state = u"sent"_s;
        order.gelatoOrderId = gelatoOrderId;
        order.isGelato = true;
        const auto id = SalesOrderRepository(db()).create(order);
        EXPECT_TRUE(id.ok()) << qPrintable(id.error());
        return id.ok() ? *id : 0;
    }

    qint64 storePackage(qint64 orderId, const QString &gelatoOrderId, const QString &packageId,
                        const QString &trackingCode)
    {
        OrderPackage package;
        package.orderId = orderId;
        package.gelatoOrderId = gelatoOrderId;
        package.packageId = packageId;
        package.trackingCode = trackingCode;
        package.carrier = u"DHL"_s;
        const auto id = OrderPackageRepository(db()).savePackage(package);
        EXPECT_TRUE(id.ok()) << qPrintable(id.error());
        return id.ok() ? *id : 0;
    }
};

struct Lookup
{
    QString gelatoOrderId, packageId, trackingCode;
};

// The id of the package findPackage answers (0: none), or -1 on an error.
qint64 found(OrderUpdateRepository &store, qint64 orderId, const Lookup &lookup)
{
    const auto package = store.findPackage(orderId, lookup.gelatoOrderId, lookup.packageId, lookup.trackingCode);
    EXPECT_TRUE(package.ok()) << qPrintable(package.error());
    return !package.ok() ? -1 : package->has_value() ? (*package)->id : 0;
}

TEST_P(OrderUpdateRepositoryTest, PackagesReadAheadAreFoundAsTheQueryFindsThem)
{
    const qint64 order = createOrder(u"R-1"_s, u"g-1"_s);
    const qint64 other = createOrder(u"R-2"_s, u"g-2"_s);
    const qint64 first = storePackage(order, u"g-1"_s, u"p1"_s, u"T1"_s);
    const qint64 second = storePackage(order, u"g-1"_s, u"T2"_s, u"T2"_s);
    const qint64 sameCode = storePackage(order, u"g-1"_s, u"p3"_s, u"T1"_s); // a later parcel, same code
    const qint64 untracked = storePackage(order, u"g-1"_s, u"p4"_s, QString());
    const qint64 part = storePackage(order, u"g-1-part"_s, u"p5"_s, u"T5"_s); // a connected order's
    const qint64 elsewhere = storePackage(other, u"g-2"_s, u"p1"_s, u"T1"_s);

    const QList<std::pair<Lookup, qint64>> cases {
            {{u"g-1"_s, u"p3"_s, u"T1"_s}, sameCode}, // the package id wins over an earlier tracking code
            {{u"g-1"_s, QString(), u"T1"_s}, first}, // by tracking code: the oldest
            {{u"g-1"_s, u"T2"_s, u"T2"_s}, second},
            {{u"g-1"_s, u"unknown"_s, u"T2"_s}, second},
            {{u"g-1"_s, u"p4"_s, QString()}, untracked},
            {{u"g-1"_s, u"new"_s, QString()}, 0}, // an empty tracking code matches no package
            {{u"g-1"_s, u"p5"_s, u"T5"_s}, 0}, // another Gelato order's parcel
            {{u"g-1-part"_s, u"p5"_s, u"T5"_s}, part},
            {{u"g-1"_s, u"p9"_s, u"T9"_s}, 0},
    };
    // Without reading ahead: the query.
    {
        OrderUpdateRepository store(db());
        for (const auto &[lookup, expected] : cases)
            EXPECT_EQ(found(store, order, lookup), expected) << qPrintable(lookup.packageId + u' ' + lookup.trackingCode);
        EXPECT_EQ(found(store, other, {u"g-2"_s, u"p1"_s, u"T1"_s}), elsewhere);
    }
    // Read ahead, as a queue pass does: the same answers, inside the pass's transaction.
    const auto pass = db().transaction([&](QSqlDatabase &) -> Result<void> {
        OrderUpdateRepository store(db());
        if (auto r = store.readAhead({u"g-1"_s, u"g-2"_s}); !r)
            return r;
        for (const auto &[lookup, expected] : cases)
            EXPECT_EQ(found(store, order, lookup), expected) << qPrintable(lookup.packageId + u' ' + lookup.trackingCode);
        EXPECT_EQ(found(store, other, {u"g-2"_s, u"p1"_s, u"T1"_s}), elsewhere);

        // A parcel this object stores (collected, not yet sent) is found by the next lookup, and a
        // change to a package is seen too: the order's packages are read again.
        store.deferWrites();
        OrderPackage parcel;
        parcel.orderId = order;
        parcel.gelatoOrderId = u"g-1"_s;
        parcel.packageId = u"T9"_s;
        parcel.trackingCode = u"T9"_s;
        if (auto r = store.insertPackage(parcel); !r)
            return r;
        const qint64 stored = found(store, order, {u"g-1"_s, u"p9"_s, u"T9"_s});
        EXPECT_GT(stored, 0);
        EXPECT_NE(stored, first);
        const auto current = store.findPackage(order, u"g-1"_s, u"T2"_s, u"T2"_s);
        if (!current)
            return makeError(current.error());
        OrderPackage moved = current->value_or(OrderPackage());
        EXPECT_EQ(moved.id, second);
        moved.trackingCode = u"T2-new"_s;
        if (auto r = store.updatePackage(moved); !r)
            return r;
        EXPECT_EQ(found(store, order, {u"g-1"_s, QString(), u"T2-new"_s}), second);
        EXPECT_EQ(found(store, order, {u"g-1"_s, u"x"_s, u"T2"_s}), 0);
        // The other order's packages were not written: still answered as before.
        EXPECT_EQ(found(store, other, {u"g-2"_s, QString(), u"T1"_s}), elsewhere);
        return store.endDeferred(true);
    });
    ASSERT_TRUE(pass.ok()) << qPrintable(pass.error());
}

} // namespace

BOTTEGA_INSTANTIATE_BACKEND_TESTS(OrderUpdateRepositoryTest);
