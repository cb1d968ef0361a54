// RecordTable: how the window's paged record lists (products, orders) look and behave: whole rows
// selected one at a time, read-only, alternating colours, no row numbers, one column taking the
// width the others leave, and every other column at least as wide as its (translated) title.
#pragma once

#include <QList>
#include <utility>

class QTableView;

namespace Bottega::RecordTable {

// minimumWidths: (column, pixels); a column whose title needs more gets what the title needs.
void setUp(QTableView *view, int stretchColumn, const QList<std::pair<int, int>> &minimumWidths);

} // namespace Bottega::RecordTable
