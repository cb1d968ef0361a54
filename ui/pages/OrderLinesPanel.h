// OrderLinesPanel: the lines of an order being edited: a picker over our products' variants (plus a
// service or shipping line), quantity and unit price; a line ORD-2 refuses is not added and the
// rule's message is shown where the user added it.
#pragma once

#include "core/domain/SalesOrder.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTableWidgetItem;

namespace Bottega {

class Database;
class InlineMessage;
class OrderService;

class OrderLinesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderLinesPanel)

public:
    enum Column { ProductColumn, SkuColumn, QuantityColumn, UnitPriceColumn, AmountColumn };

    // Neither is owned; the picker reads products from the database, the rule from the service.
    OrderLinesPanel(Database *database, OrderService *orders, QWidget *parent = nullptr);
    ~OrderLinesPanel() override;

    // The order the lines belong to (its currency and the rest of ORD-2's context) and its lines.
    void setOrder(const SalesOrder &order);
    QList<OrderLine> lines() const { return m_order.lines; }
    void setReadOnly(bool readOnly);

    // Adds the picked variant (or service/shipping) with the quantity and price typed; false (and
    // the refusal shown) when OrderService::checkLine says no.
    bool addPickedLine();
    void removeSelectedLine();
    // Selects the picker entry of a variant; false when it is not offered.
    bool pickVariant(qint64 variantId);

    QComboBox *picker() const { return m_picker; }
    QSpinBox *quantity() const { return m_quantity; }
    QDoubleSpinBox *unitPrice() const { return m_unitPrice; }
    QTableWidget *table() const { return m_table; }
    InlineMessage *message() const { return m_message; }

Q_SIGNALS:
    void changed();

private:
    void loadPicker();
    void pickerChanged();
    void fillTable();
    // A quantity or unit price typed into the table: checked, then kept (or refused, named).
    void cellEdited(QTableWidgetItem *item);
    void updateTotal();

    Database *m_database;
    OrderService *m_orders;
    SalesOrder m_order;
    QWidget *m_addRow = nullptr;
    QComboBox *m_picker;
    QSpinBox *m_quantity;
    QDoubleSpinBox *m_unitPrice;
    QPushButton *m_add;
    QPushButton *m_remove;
    QTableWidget *m_table;
    QLabel *m_total;
    InlineMessage *m_message;
    bool m_readOnly = false;
    bool m_filling = false;
};

} // namespace Bottega
