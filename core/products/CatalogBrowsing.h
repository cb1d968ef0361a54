// CatalogBrowsing: the use case behind the Gelato catalog browser (PROD-7): Gelato's catalogs, one
// catalog's attributes, a product search narrowed by attribute values, and for one product its
// prices (by quantity), stock per region and the shipment methods of a country. It returns Gelato's
// value types as they are; the window shows them. Answers come later, from the event loop, and not
// at all once `context` is gone. Used on the window's thread.
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoCatalog.h"
#include "core/gelato/GelatoPrice.h"
#include "core/gelato/GelatoProduct.h"
#include "core/gelato/GelatoShipmentMethod.h"
#include "core/gelato/GelatoStockAvailability.h"

#include <QMap>
#include <QStringList>
#include <functional>

class QObject;

namespace Bottega {

class GelatoClient;

class CatalogBrowsing final
{
public:
    template<typename T> using Callback = std::function<void(Result<T>)>;

    // A page of search results; the attribute filters narrow it further.
    static constexpr int searchLimit = 50;

    // The client is not owned and must outlive this object.
    explicit CatalogBrowsing(GelatoClient &gelato);

    void catalogs(QObject *context, Callback<QList<GelatoCatalog>> done);
    // One catalog with its attributes and their values.
    void catalog(const QString &catalogUid, QObject *context, Callback<GelatoCatalog> done);
    // attributeFilters: attribute uid → accepted value uids; the first searchLimit products.
    void searchProducts(const QString &catalogUid, const QMap<QString, QStringList> &attributeFilters,
                        QObject *context, Callback<QList<GelatoProduct>> done);
    // country, currency: ISO codes in any case, or empty for Gelato's defaults. Sorted by quantity.
    void prices(const QString &productUid, const QString &country, const QString &currency, QObject *context,
                Callback<QList<GelatoPrice>> done);
    void stock(const QString &productUid, QObject *context, Callback<QList<GelatoStockAvailability>> done);
    void shipmentMethods(const QString &country, QObject *context,
                         Callback<QList<GelatoShipmentMethod>> done);

private:
    GelatoClient &m_gelato;
};

} // namespace Bottega
