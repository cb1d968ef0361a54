// OrderProblemText: how the order editor words what blocks Get rate and Confirm: the whole list for
// tooltips, a few lines for the banner (address problems are also marked at their fields).
#pragma once

#include "core/orders/OrderService.h"

#include <QCoreApplication>

namespace Bottega {

class OrderProblemText final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::OrderProblemText)

public:
    OrderProblemText() = delete;

    // "Cannot get a rate or confirm yet:" and one bullet per problem, the order's own problems
    // (lines, print images) before the address ones; empty when nothing blocks. At most `shown`
    // bullets when shown > 0, then "and N more".
    static QString describe(const QList<OrderProblem> &problems, int shown = 0);
};

} // namespace Bottega
