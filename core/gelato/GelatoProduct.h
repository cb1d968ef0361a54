// GelatoProduct: one product of Gelato's catalog (`GET products/{uid}`, `products:search`): its UID,
// attributes and weight, and where it can be shipped.
#pragma once

#include <QMap>
#include <QString>
#include <QStringList>

namespace Bottega {

struct GelatoProduct
{
    QString uid;
    QMap<QString, QString> attributes; // "PaperFormat" → "DL"
    double weight = 0;
    QString weightUnit; // "grams" or "lbs"
    QStringList supportedCountries;
};

} // namespace Bottega
