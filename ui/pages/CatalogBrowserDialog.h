// CatalogBrowserDialog: Gelato's product catalogs (PROD-7) as Gelato answers them: the catalogs, the
// attributes that define one catalog's products (checked values filter a product search), the found
// products, and for one product its prices, stock per region and the shipment methods of a country.
// Calls go through the CatalogBrowsing use case, asynchronously; a busy bar runs meanwhile and errors
// are inline.
#pragma once

#include "core/domain/Result.h"

#include <QDialog>
#include <QMap>
#include <QStringList>

class QLineEdit;
class QListWidget;
class QProgressBar;
class QTableView;
class QTableWidget;
class QTreeWidget;

namespace Bottega {

class CatalogBrowsing;
class CatalogProductModel;
class InlineMessage;

class CatalogBrowserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogBrowserDialog)

public:
    // The use case is not owned and must outlive the dialog; null shows that Gelato is not set up.
    explicit CatalogBrowserDialog(CatalogBrowsing *catalog, QWidget *parent = nullptr);
    ~CatalogBrowserDialog() override;

    // Reads the catalogs again; the first one's details follow.
    void refresh();
    void showCatalog(const QString &catalogUid);
    bool isBusy() const { return m_pending > 0; }

    QListWidget *catalogList() const { return m_catalogs; }
    QTreeWidget *attributeTree() const { return m_attributes; }
    InlineMessage *message() const { return m_message; }
    // Shows only attributes and values whose uid or title contain the text.
    void setFilterText(const QString &text);

    // Checks (or unchecks) an attribute's value in the tree; checked values filter the search.
    void setValueChecked(const QString &attributeUid, const QString &valueUid, bool checked);
    QMap<QString, QStringList> attributeFilters() const;
    // Searches the selected catalog with the checked attribute values.
    void search();
    // Reads prices, stock and shipment methods of the product in that row of the results.
    void showProduct(int row);
    void setCountry(const QString &country);
    void setCurrency(const QString &currency);

    CatalogProductModel *productModel() const { return m_productModel; }
    QTableView *productTable() const { return m_products; }
    QTableWidget *priceTable() const { return m_prices; }
    QTableWidget *stockTable() const { return m_stock; }
    QTableWidget *shipmentTable() const { return m_shipments; }

private:
    void setBusy(bool busy);
    void applyFilter();
    void showError(const QString &error);
    QWidget *buildProductPane();
    QString currentCatalog() const;

    CatalogBrowsing *m_catalog;
    int m_pending = 0;
    int m_productRequest = 0; // the latest showProduct(); older answers are dropped
    InlineMessage *m_message;
    QProgressBar *m_busy;
    QListWidget *m_catalogs;
    QLineEdit *m_filter;
    QTreeWidget *m_attributes;
    CatalogProductModel *m_productModel;
    QTableView *m_products;
    QLineEdit *m_country;
    QLineEdit *m_currency;
    QTableWidget *m_prices;
    QTableWidget *m_stock;
    QTableWidget *m_shipments;
};

} // namespace Bottega
