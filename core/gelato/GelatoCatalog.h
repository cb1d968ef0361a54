// GelatoCatalog: a product catalog of Gelato (`GET catalogs`, `GET catalogs/{uid}`): its uid, title
// and, when read one by one, the attributes that define its products.
#pragma once

#include <QList>
#include <QString>

namespace Bottega {

struct GelatoCatalogAttributeValue
{
    QString uid; // "A1"
    QString title;
};

struct GelatoCatalogAttribute
{
    QString uid; // "PaperFormat"
    QString title;
    QList<GelatoCatalogAttributeValue> values;
};

struct GelatoCatalog
{
    QString uid; // "posters"
    QString title;
    QList<GelatoCatalogAttribute> attributes; // only from getCatalog()
};

} // namespace Bottega
