#include "ui/widgets/RecordTable.h"

#include <QHeaderView>
#include <QTableView>
#include <algorithm>

namespace Bottega::RecordTable {

void setUp(QTableView *view, int stretchColumn, const QList<std::pair<int, int>> &minimumWidths)
{
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setSelectionMode(QAbstractItemView::SingleSelection);
    view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->setVisible(false);
    QHeaderView *header = view->horizontalHeader();
    header->setHighlightSections(false);
    // One column takes what the others leave, so the table fits without scrolling sideways.
    header->setSectionResizeMode(stretchColumn, QHeaderView::Stretch);
    header->setMinimumSectionSize(60);
    // Never narrower than the header text, which is longer in Italian.
    for (const auto &[column, width] : minimumWidths)
        view->setColumnWidth(column, std::max(width, header->sectionSizeHint(column)));
}

} // namespace Bottega::RecordTable
