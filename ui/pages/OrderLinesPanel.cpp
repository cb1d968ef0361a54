#include "ui/pages/OrderLinesPanel.h"

#include "core/orders/OrderInput.h"
#include "core/orders/OrderService.h"
#include "core/store/Database.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/SemanticColors.h"

#include <QColor>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScopedValueRollback>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

enum PickerRole { VariantIdRole = Qt::UserRole, KindRole, NameRole, SkuRole, PriceRole, RefusalRole };

// The picker lists this many products at most; a shop with more types to narrow it down.
constexpr int pickerProductLimit = 1000;

} // namespace

OrderLinesPanel::OrderLinesPanel(Database *database, OrderService *orders, QWidget *parent)
    : QWidget(parent), m_database(database), m_orders(orders), m_picker(new QComboBox(this)),
      m_quantity(new QSpinBox(this)), m_unitPrice(new QDoubleSpinBox(this)),
      m_add(new QPushButton(tr("Add line"), this)), m_remove(new QPushButton(tr("Remove line"), this)),
      m_table(new QTableWidget(0, AmountColumn + 1, this)), m_total(new QLabel(this)),
      m_message(new InlineMessage(this))
{
    m_picker->setObjectName(u"linePicker"_s);
    m_picker->setEditable(true);
    m_picker->setInsertPolicy(QComboBox::NoInsert);
    m_picker->completer()->setFilterMode(Qt::MatchContains);
    m_picker->completer()->setCompletionMode(QCompleter::PopupCompletion);
    m_picker->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_picker->setMinimumContentsLength(30);
    m_quantity->setObjectName(u"lineQuantity"_s);
    m_quantity->setRange(1, 100000);
    m_unitPrice->setObjectName(u"lineUnitPrice"_s);
    m_unitPrice->setRange(0, 1000000);
    m_unitPrice->setDecimals(2);
    m_add->setObjectName(u"addLineButton"_s);
    m_remove->setObjectName(u"removeLineButton"_s);
    m_message->setObjectName(u"linesMessage"_s);
    m_message->setCloseButtonVisible(true);

    m_table->setObjectName(u"lineTable"_s);
    m_table->setHorizontalHeaderLabels(
            {tr("Product"), tr("SKU"), tr("Quantity"), tr("Unit price"), tr("Amount")});
    // Quantity and unit price are edited in place; the other cells are not editable items.
    m_table->setEditTriggers(QAbstractItemView::DoubleClicked | QAbstractItemView::EditKeyPressed
                             | QAbstractItemView::AnyKeyPressed);
    connect(m_table, &QTableWidget::itemChanged, this, &OrderLinesPanel::cellEdited);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->setVisible(false);
    m_table->setWordWrap(false);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ProductColumn, QHeaderView::Stretch);
    m_total->setObjectName(u"linesTotal"_s);
    m_total->setAlignment(Qt::AlignRight | Qt::AlignVCenter);

    m_addRow = new QWidget(this);
    auto *add = new QHBoxLayout(m_addRow);
    add->setContentsMargins(0, 0, 0, 0);
    add->addWidget(m_picker, 1);
    add->addWidget(new QLabel(tr("Quantity"), m_addRow));
    add->addWidget(m_quantity);
    add->addWidget(new QLabel(tr("Unit price"), m_addRow));
    add->addWidget(m_unitPrice);
    add->addWidget(m_add);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_remove);
    bottom->addStretch(1);
    bottom->addWidget(m_total);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    // The message comes and goes under the table: the picker and the table's rows stay put.
    layout->addWidget(m_addRow);
    layout->addWidget(m_table, 1);
    layout->addWidget(m_message);
    layout->addLayout(bottom);

    connect(m_picker, &QComboBox::currentIndexChanged, this, &OrderLinesPanel::pickerChanged);
    connect(m_add, &QPushButton::clicked, this, &OrderLinesPanel::addPickedLine);
    connect(m_remove, &QPushButton::clicked, this, &OrderLinesPanel::removeSelectedLine);
    loadPicker();
    fillTable();
}

OrderLinesPanel::~OrderLinesPanel() = default;

void OrderLinesPanel::loadPicker()
{
    m_picker->clear();
    if (m_database) {
        const auto goods = OrderInput(*m_database).catalogue(pickerProductLimit);
        if (!goods)
            m_message->showMessage(InlineMessage::Type::Error, goods.error());
        for (const OrderInput::Goods &entry : goods ? goods.value() : QList<OrderInput::Goods> {}) {
            // Each variant by its own SKU; never the parent's, which several variants share.
            QString text = entry.sku.isEmpty() ? entry.name : tr("%1 (%2)").arg(entry.name, entry.sku);
            QString refusal;
            if (!entry.missingPrintImages.isEmpty()) {
                text = tr("%1 — print images incomplete").arg(text);
                refusal = tr("Cannot be ordered from Gelato until its print images are complete (missing: %1)")
                                  .arg(entry.missingPrintImages.join(u", "_s));
            }
            m_picker->addItem(text, entry.variantId);
            const int index = m_picker->count() - 1;
            m_picker->setItemData(index, int(OrderLine::Kind::Product), KindRole);
            m_picker->setItemData(index, entry.name, NameRole);
            m_picker->setItemData(index, entry.sku, SkuRole);
            m_picker->setItemData(index, entry.price, PriceRole);
            if (!refusal.isEmpty()) {
                m_picker->setItemData(index, refusal, RefusalRole);
                m_picker->setItemData(index, refusal, Qt::ToolTipRole);
                m_picker->setItemData(index, SemanticColors::negative(), Qt::ForegroundRole);
            }
        }
    }
    // Services and shipping may sit beside Gelato goods (ORD-2).
    for (const auto &[kind, name] : {std::pair {OrderLine::Kind::Service, tr("Service")},
                                     std::pair {OrderLine::Kind::Shipping, tr("Shipping")}}) {
        m_picker->addItem(name, qint64(0));
        const int index = m_picker->count() - 1;
        m_picker->setItemData(index, int(kind), KindRole);
        m_picker->setItemData(index, name, NameRole);
        m_picker->setItemData(index, 0.0, PriceRole);
    }
    m_picker->setCurrentIndex(0);
    pickerChanged();
}

void OrderLinesPanel::pickerChanged()
{
    if (m_picker->currentIndex() >= 0)
        m_unitPrice->setValue(m_picker->currentData(PriceRole).toDouble());
    // A variant that cannot be added says why where the user would click.
    const QString refusal = m_picker->currentData(RefusalRole).toString();
    m_add->setEnabled(refusal.isEmpty());
    m_add->setToolTip(refusal.isEmpty() ? tr("Adds the chosen product with this quantity and price") : refusal);
    m_picker->setToolTip(refusal);
}

bool OrderLinesPanel::pickVariant(qint64 variantId)
{
    const int index = m_picker->findData(variantId, VariantIdRole);
    if (index < 0)
        return false;
    m_picker->setCurrentIndex(index);
    return true;
}

void OrderLinesPanel::setOrder(const SalesOrder &order)
{
    m_order = order;
    m_message->clearMessage();
    fillTable();
}

void OrderLinesPanel::setReadOnly(bool readOnly)
{
    // An order already sent cannot change: the controls to change it would only be noise.
    m_readOnly = readOnly;
    m_addRow->setVisible(!readOnly);
    m_remove->setVisible(!readOnly);
    fillTable();
}

void OrderLinesPanel::cellEdited(QTableWidgetItem *item)
{
    if (m_filling || !item || item->row() >= m_order.lines.size())
        return;
    // Items are only rewritten here, never replaced: this runs inside the item's own setData().
    const QScopedValueRollback filling(m_filling, true);
    const QLocale locale;
    const int row = item->row();
    OrderLine &line = m_order.lines[row];
    const QString text = item->text().trimmed();
    bool ok = false;
    if (item->column() == QuantityColumn) {
        const qint64 quantity = locale.toLongLong(text, &ok);
        if (!ok || quantity <= 0) {
            m_message->showMessage(InlineMessage::Type::Error,
                                   tr("Line %1: the quantity must be a whole number above 0, not \"%2\"")
                                           .arg(row + 1)
                                           .arg(text));
            item->setText(locale.toString(line.quantity));
            return;
        }
        line.quantity = quantity;
        item->setText(locale.toString(quantity));
    } else if (item->column() == UnitPriceColumn) {
        const double price = locale.toDouble(text, &ok);
        if (!ok || price < 0) {
            m_message->showMessage(InlineMessage::Type::Error,
                                   tr("Line %1: the unit price must be a number of 0 or more, not \"%2\"")
                                           .arg(row + 1)
                                           .arg(text));
            item->setText(locale.toString(line.unitPrice, 'f', 2));
            return;
        }
        line.unitPrice = price;
        item->setText(locale.toString(price, 'f', 2));
    } else {
        return;
    }
    m_message->clearMessage();
    if (QTableWidgetItem *amount = m_table->item(row, AmountColumn))
        amount->setText(locale.toString(double(line.quantity) * line.unitPrice, 'f', 2));
    updateTotal();
    Q_EMIT changed();
}

bool OrderLinesPanel::addPickedLine()
{
    const int index = m_picker->currentIndex();
    if (index < 0)
        return false;
    OrderLine line;
    line.variantId = m_picker->itemData(index, VariantIdRole).toLongLong();
    line.kind = OrderLine::Kind(m_picker->itemData(index, KindRole).toInt());
    line.productName = m_picker->itemData(index, NameRole).toString();
    line.sku = m_picker->itemData(index, SkuRole).toString();
    line.quantity = m_quantity->value();
    line.unitPrice = m_unitPrice->value();
    line.position = int(m_order.lines.size());
    if (m_orders) {
        // ORD-2: the service knows which goods are Gelato's; its message is the rule's own.
        if (const auto allowed = m_orders->checkLine(m_order, line); !allowed) {
            m_message->showMessage(InlineMessage::Type::Error, allowed.error());
            return false;
        }
    }
    m_message->clearMessage();
    m_order.lines.append(line);
    fillTable();
    Q_EMIT changed();
    return true;
}

void OrderLinesPanel::removeSelectedLine()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_order.lines.size())
        return;
    m_order.lines.removeAt(row);
    for (int i = 0; i < m_order.lines.size(); ++i)
        m_order.lines[i].position = i;
    fillTable();
    Q_EMIT changed();
}

void OrderLinesPanel::fillTable()
{
    // Filling sets items, which must not read as the user's edits.
    const QScopedValueRollback filling(m_filling, true);
    const QLocale locale;
    m_table->setRowCount(int(m_order.lines.size()));
    for (int row = 0; row < m_order.lines.size(); ++row) {
        const OrderLine &line = m_order.lines.at(row);
        const double amount = double(line.quantity) * line.unitPrice;
        const QStringList cells = {line.productName, line.sku, locale.toString(line.quantity),
                                   locale.toString(line.unitPrice, 'f', 2), locale.toString(amount, 'f', 2)};
        for (int column = 0; column < cells.size(); ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            if (column >= QuantityColumn)
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            const bool editable = !m_readOnly && (column == QuantityColumn || column == UnitPriceColumn);
            item->setFlags(editable ? item->flags() | Qt::ItemIsEditable
                                    : item->flags() & ~Qt::ItemIsEditable);
            m_table->setItem(row, column, item);
        }
    }
    updateTotal();
}

void OrderLinesPanel::updateTotal()
{
    double total = 0;
    for (const OrderLine &line : std::as_const(m_order.lines))
        total += double(line.quantity) * line.unitPrice;
    m_total->setText(tr("Lines total: %1 %2").arg(QLocale().toString(total, 'f', 2), m_order.currency));
}

} // namespace Bottega
