// GelatoPrice: Gelato's price of a product for a quantity (`GET products/{uid}/prices`).
#pragma once

#include <QString>

namespace Bottega {

struct GelatoPrice
{
    QString productUid;
    QString country;
    int quantity = 0;
    double price = 0;
    QString currency;
};

} // namespace Bottega
