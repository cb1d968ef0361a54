// OrderListPage: the Orders page (ORD-1): every sales order, searched by reference or customer,
// filtered by local state, source and Gelato status, sorted and paged in SQL; New order, Import
// CSV… and a double click that opens the order editor. It re-reads when an order changes.
#pragma once

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTableView;
class QTimer;

namespace Bottega {

class BackgroundTasks;
class Database;
class InlineMessage;
class OrderService;
class OrderTableModel;
class PackageTypes;
class ShipWithPoleepo;

class OrderListPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderListPage)

public:
    // Neither is owned; without a database the page says orders are unavailable, without the
    // service New order and Import CSV… are disabled.
    explicit OrderListPage(Database *database, OrderService *orders, QWidget *parent = nullptr);
    ~OrderListPage() override;
    // CSV imports then run on the worker thread, with progress (not owned; null: on this thread).
    void setTasks(BackgroundTasks *tasks) { m_tasks = tasks; }
    // Handed to the order editor's Info Poleepo tab; not owned.
    void setShipping(ShipWithPoleepo *shipping, PackageTypes *packageTypes);

    OrderTableModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QComboBox *stateFilter() const { return m_state; }
    QComboBox *sourceFilter() const { return m_source; }
    QComboBox *gelatoStatusFilter() const { return m_gelatoStatus; }
    QComboBox *channelFilter() const { return m_channel; }
    QLineEdit *search() const { return m_search; }
    QLabel *countLabel() const { return m_count; }

    // Applies the search text and filters now (typing waits a moment before it asks the database).
    void applyFilters();
    // Reads the channels again (after an import); keeps the chosen one.
    void updateChannels();
    // The orders in one local state (empty: all), the other filters cleared (the dashboard's bars).
    void showState(const QString &state);
    // Opens the editor of an order (0: a new one), modal; re-reads the list afterwards.
    void openEditor(qint64 orderId);
    // Asks for a CSV file and shows the import preview.
    void importCsv();
    void importCsvFile(const QString &path);

private:
    void updateCount();

    Database *m_database;
    OrderService *m_orders;
    ShipWithPoleepo *m_shipping = nullptr;
    PackageTypes *m_packageTypes = nullptr;
    OrderTableModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_state;
    QComboBox *m_source;
    QComboBox *m_gelatoStatus;
    QComboBox *m_channel; // the marketplaces orders came from; hidden while there are none
    BackgroundTasks *m_tasks = nullptr; // not owned: where imports run, when set
    QPushButton *m_new;
    QPushButton *m_import;
    QTableView *m_view;
    QLabel *m_count;
    InlineMessage *m_message;
    QTimer *m_searchDelay;
    QTimer *m_refreshDelay;
};

} // namespace Bottega
