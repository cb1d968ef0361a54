// GelatoConnectedOrder: one of the orders Gelato split a request into (connectedOrderIds); each
// has its own status and its own webhooks.
#pragma once

#include <QString>

namespace Bottega {

struct GelatoConnectedOrder
{
    qint64 id = 0; // 0 until stored
    qint64 orderId = 0;
    QString gelatoOrderId;
    QString status;
};

} // namespace Bottega
