#include "ui/pages/CatalogBrowserDialog.h"

#include "core/products/CatalogBrowsing.h"
#include "ui/models/CatalogProductModel.h"
#include "ui/widgets/InlineMessage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QTableWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QTableWidget *makeTable(const QString &name, const QStringList &headers, QWidget *parent)
{
    auto *table = new QTableWidget(0, int(headers.size()), parent);
    table->setObjectName(name);
    table->setHorizontalHeaderLabels(headers);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->verticalHeader()->setVisible(false);
    table->horizontalHeader()->setStretchLastSection(true);
    return table;
}

void fillTable(QTableWidget *table, const QList<QStringList> &rows)
{
    table->setRowCount(int(rows.size()));
    for (int row = 0; row < rows.size(); ++row)
        for (int column = 0; column < rows.at(row).size(); ++column)
            table->setItem(row, column, new QTableWidgetItem(rows.at(row).at(column)));
    table->resizeColumnsToContents();
}

} // namespace

CatalogBrowserDialog::CatalogBrowserDialog(CatalogBrowsing *catalog, QWidget *parent)
    : QDialog(parent), m_catalog(catalog), m_message(new InlineMessage(this)), m_busy(new QProgressBar(this)),
      m_catalogs(new QListWidget(this)), m_filter(new QLineEdit(this)), m_attributes(new QTreeWidget(this)),
      m_productModel(new CatalogProductModel(this)), m_products(new QTableView(this)),
      m_country(new QLineEdit(this)), m_currency(new QLineEdit(this))
{
    setObjectName(u"catalogBrowser"_s);
    setWindowTitle(tr("Gelato catalog"));
    m_message->setCloseButtonVisible(true);
    m_busy->setObjectName(u"catalogBusy"_s);
    m_busy->setRange(0, 0); // indeterminate: Gelato does not say how long it takes
    m_busy->setMaximumHeight(6);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_catalogs->setObjectName(u"catalogList"_s);
    m_filter->setObjectName(u"attributeFilter"_s);
    m_filter->setPlaceholderText(tr("Filter attributes and values…"));
    m_filter->setClearButtonEnabled(true);
    m_attributes->setObjectName(u"attributeTree"_s);
    m_attributes->setHeaderLabels({tr("Attribute / value"), tr("Gelato UID")});
    m_attributes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_attributes->header()->setStretchLastSection(false);
    m_attributes->header()->resizeSection(1, 110);

    m_attributes->setToolTip(tr("Check values to search only for products that have them."));

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Catalogs"), left));
    leftLayout->addWidget(m_catalogs, 1);
    leftLayout->addWidget(m_filter);
    leftLayout->addWidget(m_attributes, 3);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(buildProductPane());
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({330, 770});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_busy);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &CatalogBrowserDialog::applyFilter);
    connect(m_catalogs, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (current)
            showCatalog(current->data(Qt::UserRole).toString());
    });
    connect(m_products->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) { showProduct(current.row()); });
    resize(1100, 700);
    if (!m_catalog)
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("Gelato is not set up: enter its API key on the Settings page."));
    else
        refresh();
}

CatalogBrowserDialog::~CatalogBrowserDialog() = default;

void CatalogBrowserDialog::setBusy(bool busy)
{
    m_pending += busy ? 1 : -1;
    m_busy->setVisible(m_pending > 0);
}

void CatalogBrowserDialog::refresh()
{
    if (!m_catalog)
        return;
    setBusy(true);
    m_catalog->catalogs(this, [this](const Result<QList<GelatoCatalog>> &catalogs) {
        setBusy(false);
        if (!catalogs) {
            m_message->showMessage(InlineMessage::Type::Error, catalogs.error());
            return;
        }
        m_message->clearMessage();
        m_catalogs->clear();
        for (const GelatoCatalog &catalog : catalogs.value()) {
            auto *item
                    = new QListWidgetItem(catalog.title.isEmpty() ? catalog.uid : catalog.title, m_catalogs);
            item->setData(Qt::UserRole, catalog.uid);
            item->setToolTip(catalog.uid);
        }
        if (m_catalogs->count() > 0)
            m_catalogs->setCurrentRow(0);
    });
}

void CatalogBrowserDialog::showCatalog(const QString &catalogUid)
{
    if (!m_catalog)
        return;
    setBusy(true);
    m_catalog->catalog(catalogUid, this, [this, catalogUid](const Result<GelatoCatalog> &catalog) {
        setBusy(false);
        // An answer for a catalog no longer selected is old news.
        if (!m_catalogs->currentItem()
            || m_catalogs->currentItem()->data(Qt::UserRole).toString() != catalogUid)
            return;
        m_attributes->clear();
        m_productModel->setProducts({});
        showProduct(-1);
        if (!catalog) {
            m_message->showMessage(InlineMessage::Type::Error, catalog.error());
            return;
        }
        m_message->clearMessage();
        for (const GelatoCatalogAttribute &attribute : catalog.value().attributes) {
            auto *parent = new QTreeWidgetItem(m_attributes, {attribute.title, attribute.uid});
            for (const GelatoCatalogAttributeValue &value : attribute.values) {
                auto *item = new QTreeWidgetItem(parent, {value.title, value.uid});
                item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
                item->setCheckState(0, Qt::Unchecked);
            }
        }
        m_attributes->expandAll();
        applyFilter();
    });
}

void CatalogBrowserDialog::setFilterText(const QString &text)
{
    m_filter->setText(text);
    applyFilter();
}

void CatalogBrowserDialog::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    const auto matches = [&text](const QTreeWidgetItem *item) {
        return text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive)
                || item->text(1).contains(text, Qt::CaseInsensitive);
    };
    for (int row = 0; row < m_attributes->topLevelItemCount(); ++row) {
        QTreeWidgetItem *attribute = m_attributes->topLevelItem(row);
        const bool attributeMatches = matches(attribute);
        bool anyValue = false;
        for (int child = 0; child < attribute->childCount(); ++child) {
            const bool shown = attributeMatches || matches(attribute->child(child));
            attribute->child(child)->setHidden(!shown);
            anyValue = anyValue || shown;
        }
        attribute->setHidden(!attributeMatches && !anyValue);
    }
}

QWidget *CatalogBrowserDialog::buildProductPane()
{
    auto *pane = new QWidget(this);
    auto *searchButton = new QPushButton(tr("Search products"), pane);
    searchButton->setObjectName(u"catalogSearch"_s);
    m_country->setObjectName(u"catalogCountry"_s);
    m_country->setText(u"US"_s);
    m_country->setMaximumWidth(60);
    m_country->setToolTip(tr("ISO country code for prices and shipment methods"));
    m_currency->setObjectName(u"catalogCurrency"_s);
    m_currency->setText(u"USD"_s);
    m_currency->setMaximumWidth(60);
    m_currency->setToolTip(tr("ISO currency code for prices; empty for Gelato's default"));
    auto *bar = new QHBoxLayout;
    bar->addWidget(searchButton);
    bar->addStretch(1);
    bar->addWidget(new QLabel(tr("Country"), pane));
    bar->addWidget(m_country);
    bar->addWidget(new QLabel(tr("Currency"), pane));
    bar->addWidget(m_currency);

    m_products->setObjectName(u"catalogProducts"_s);
    m_products->setModel(m_productModel);
    m_products->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_products->setSelectionMode(QAbstractItemView::SingleSelection);
    m_products->verticalHeader()->setVisible(false);
    m_products->horizontalHeader()->setSectionResizeMode(CatalogProductModel::AttributesColumn,
                                                         QHeaderView::Stretch);
    m_products->horizontalHeader()->resizeSection(CatalogProductModel::UidColumn, 260);

    m_prices = makeTable(u"catalogPrices"_s, {tr("Quantity"), tr("Price"), tr("Currency"), tr("Country")},
                         pane);
    m_stock = makeTable(u"catalogStock"_s,
                        {tr("Product UID"), tr("Region"), tr("Status"), tr("Replenishment")}, pane);
    m_shipments
            = makeTable(u"catalogShipments"_s, {tr("Method"), tr("Type"), tr("Tracking"), tr("For")}, pane);
    auto *tabs = new QTabWidget(pane);
    tabs->addTab(m_prices, tr("Prices"));
    tabs->addTab(m_stock, tr("Stock"));
    tabs->addTab(m_shipments, tr("Shipment methods"));
    auto *split = new QSplitter(Qt::Vertical, pane);
    split->addWidget(m_products);
    split->addWidget(tabs);
    split->setSizes({330, 270});

    auto *layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(split, 1);
    connect(searchButton, &QPushButton::clicked, this, &CatalogBrowserDialog::search);
    connect(m_country, &QLineEdit::editingFinished, this,
            [this] { showProduct(m_products->currentIndex().row()); });
    connect(m_currency, &QLineEdit::editingFinished, this,
            [this] { showProduct(m_products->currentIndex().row()); });
    return pane;
}

void CatalogBrowserDialog::showError(const QString &error)
{
    m_message->showMessage(InlineMessage::Type::Error, error);
}

QString CatalogBrowserDialog::currentCatalog() const
{
    return m_catalogs->currentItem() ? m_catalogs->currentItem()->data(Qt::UserRole).toString() : QString();
}

void CatalogBrowserDialog::setValueChecked(const QString &attributeUid, const QString &valueUid, bool checked)
{
    for (int row = 0; row < m_attributes->topLevelItemCount(); ++row) {
        QTreeWidgetItem *attribute = m_attributes->topLevelItem(row);
        if (attribute->text(1) != attributeUid)
            continue;
        for (int child = 0; child < attribute->childCount(); ++child)
            if (attribute->child(child)->text(1) == valueUid)
                attribute->child(child)->setCheckState(0, checked ? Qt::Checked : Qt::Unchecked);
    }
}

QMap<QString, QStringList> CatalogBrowserDialog::attributeFilters() const
{
    QMap<QString, QStringList> filters;
    for (int row = 0; row < m_attributes->topLevelItemCount(); ++row) {
        const QTreeWidgetItem *attribute = m_attributes->topLevelItem(row);
        for (int child = 0; child < attribute->childCount(); ++child)
            if (attribute->child(child)->checkState(0) == Qt::Checked)
                filters[attribute->text(1)].append(attribute->child(child)->text(1));
    }
    return filters;
}

void CatalogBrowserDialog::setCountry(const QString &country)
{
    m_country->setText(country);
}

void CatalogBrowserDialog::setCurrency(const QString &currency)
{
    m_currency->setText(currency);
}

void CatalogBrowserDialog::search()
{
    const QString catalogUid = currentCatalog();
    if (!m_catalog || catalogUid.isEmpty())
        return;
    setBusy(true);
    m_catalog->searchProducts(catalogUid, attributeFilters(), this,
                              [this, catalogUid](const Result<QList<GelatoProduct>> &products) {
                                  setBusy(false);
                                  if (currentCatalog() != catalogUid)
                                      return; // the person moved on to another catalog
                                  if (!products) {
                                      showError(products.error());
                                      return;
                                  }
                                  m_message->clearMessage();
                                  m_productModel->setProducts(products.value());
                                  showProduct(-1);
                                  if (products.value().isEmpty())
                                      m_message->showMessage(InlineMessage::Type::Information,
                                                             tr("No product of this catalog has the "
                                                                "checked attribute values."));
                              });
}

void CatalogBrowserDialog::showProduct(int row)
{
    const QString uid = m_productModel->productAt(row).uid;
    ++m_productRequest;
    fillTable(m_prices, {});
    fillTable(m_stock, {});
    fillTable(m_shipments, {});
    if (!m_catalog || uid.isEmpty())
        return;
    const QString country = m_country->text();
    const QString currency = m_currency->text();
    // Three independent calls: each fills its own tab as soon as it answers. An answer for an
    // earlier product, country or currency is old news, hence the request number.
    const int request = ++m_productRequest;
    setBusy(true);
    m_catalog->prices(
            uid, country, currency, this, [this, request](const Result<QList<GelatoPrice>> &prices) {
                setBusy(false);
                if (request != m_productRequest)
                    return;
                if (!prices) {
                    showError(prices.error());
                    return;
                }
                QList<QStringList> rows;
                for (const GelatoPrice &price : prices.value())
                    rows.append({QString::number(price.quantity), QLocale().toString(price.price, 'f', 2),
                                 price.currency, price.country});
                fillTable(m_prices, rows);
            });
    setBusy(true);
    m_catalog->stock(uid, this, [this, request](const Result<QList<GelatoStockAvailability>> &stock) {
        setBusy(false);
        if (request != m_productRequest)
            return;
        if (!stock) {
            showError(stock.error());
            return;
        }
        QList<QStringList> rows;
        for (const GelatoStockAvailability &product : stock.value())
            for (const GelatoRegionAvailability &region : product.regions)
                rows.append(
                        {product.productUid, region.stockRegionUid, region.status, region.replenishmentDate});
        fillTable(m_stock, rows);
    });
    setBusy(true);
    m_catalog->shipmentMethods(
            country, this, [this, request](const Result<QList<GelatoShipmentMethod>> &methods) {
                setBusy(false);
                if (request != m_productRequest)
                    return;
                if (!methods) {
                    showError(methods.error());
                    return;
                }
                QList<QStringList> rows;
                for (const GelatoShipmentMethod &method : methods.value()) {
                    QStringList audience;
                    if (method.isBusiness)
                        audience.append(tr("business"));
                    if (method.isPrivate)
                        audience.append(tr("private"));
                    rows.append({method.name, method.type, method.hasTracking ? tr("yes") : tr("no"),
                                 audience.join(u", "_s)});
                }
                fillTable(m_shipments, rows);
            });
}

} // namespace Bottega
