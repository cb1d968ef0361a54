#include "core/products/CatalogBrowsing.h"

#include "core/gelato/GelatoClient.h"

#include <algorithm>

namespace Bottega {

CatalogBrowsing::CatalogBrowsing(GelatoClient &gelato) : m_gelato(gelato) { }

void CatalogBrowsing::catalogs(QObject *context, Callback<QList<GelatoCatalog>> done)
{
    m_gelato.listCatalogs(context, std::move(done));
}

void CatalogBrowsing::catalog(const QString &catalogUid, QObject *context, Callback<GelatoCatalog> done)
{
    m_gelato.getCatalog(catalogUid, context, std::move(done));
}

void CatalogBrowsing::searchProducts(const QString &catalogUid,
                                     const QMap<QString, QStringList> &attributeFilters, QObject *context,
                                     Callback<QList<GelatoProduct>> done)
{
    m_gelato.searchProducts(catalogUid, attributeFilters, searchLimit, 0, context, std::move(done));
}

void CatalogBrowsing::prices(const QString &productUid, const QString &country, const QString &currency,
                             QObject *context, Callback<QList<GelatoPrice>> done)
{
    m_gelato.getPrices(productUid, country.trimmed().toUpper(), currency.trimmed().toUpper(), context,
                       [done](Result<QList<GelatoPrice>> prices) {
                           if (prices)
                               std::stable_sort(prices->begin(), prices->end(),
                                                [](const GelatoPrice &a, const GelatoPrice &b) {
                                                    return a.quantity < b.quantity;
                                                });
                           done(std::move(prices));
                       });
}

void CatalogBrowsing::stock(const QString &productUid, QObject *context,
                            Callback<QList<GelatoStockAvailability>> done)
{
    m_gelato.stockAvailability({productUid}, context, std::move(done));
}

void CatalogBrowsing::shipmentMethods(const QString &country, QObject *context,
                                      Callback<QList<GelatoShipmentMethod>> done)
{
    m_gelato.shipmentMethods(country.trimmed().toUpper(), context, std::move(done));
}

} // namespace Bottega
