#include "ui/pages/OrderProblemText.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

QString OrderProblemText::describe(const QList<OrderProblem> &problems, int shown)
{
    if (problems.isEmpty())
        return {};
    QList<OrderProblem> sorted = problems;
    std::stable_partition(sorted.begin(), sorted.end(), [](const OrderProblem &problem) {
        return problem.kind != OrderProblem::Kind::ShippingAddress
                && problem.kind != OrderProblem::Kind::BillingAddress;
    });
    QStringList lines = {tr("Cannot get a rate or confirm yet:")};
    for (const OrderProblem &problem : std::as_const(sorted)) {
        if (shown > 0 && lines.size() > shown) {
            lines.append(
                    tr("• and %n more (each is marked where it is)", nullptr, int(sorted.size()) - shown));
            break;
        }
        lines.append(u"• "_s + problem.message);
    }
    return lines.join(u'\n');
}

} // namespace Bottega
