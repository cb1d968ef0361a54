#include "ui/pages/ProductListPage.h"

#include "core/products/TemplateSync.h"
#include "core/publishing/Publishing.h"
#include "core/store/ProductRepository.h"
#include "ui/models/ProductTableModel.h"
#include "ui/pages/CatalogBrowserDialog.h"
#include "ui/pages/ProductEditorDialog.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"
#include "ui/widgets/RecordTable.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QProgressBar>
#include <QPushButton>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

ProductListPage::ProductListPage(Database *database, GelatoClient *gelato, QWidget *parent)
    : QWidget(parent), m_database(database), m_gelato(gelato), m_model(new ProductTableModel(database, this)),
      m_search(new QLineEdit(this)), m_filter(new QComboBox(this)), m_count(new QLabel(this)),
      m_newFromTemplate(new QPushButton(tr("New from Gelato template…"), this)),
      m_catalog(new QPushButton(tr("Gelato catalog…"), this)),
      m_publish(new QPushButton(tr("Publish on Poleepo"), this)),
      m_unpublish(new QPushButton(tr("Unpublish"), this)), m_view(new QTableView(this)),
      m_message(new InlineMessage(this)), m_syncRow(new QWidget(this)), m_syncStatus(new QLabel(m_syncRow)),
      m_syncProgress(new QProgressBar(m_syncRow)), m_cancelSync(new QPushButton(tr("Cancel"), m_syncRow)),
      m_searchDelay(new QTimer(this))
{
    setObjectName(u"productListPage"_s);
    m_search->setObjectName(u"productSearch"_s);
    m_search->setPlaceholderText(tr("Search name, SKU, EAN or template…"));
    m_search->setClearButtonEnabled(true);
    m_filter->setObjectName(u"productFilter"_s);
    m_filter->addItem(tr("All products"), int(Filter::All));
    m_filter->addItem(tr("Linked to Gelato"), int(Filter::LinkedToGelato));
    m_filter->addItem(tr("Print images missing"), int(Filter::PrintImagesMissing));
    m_filter->addItem(tr("Published on Poleepo"), int(Filter::PublishedOnPoleepo));
    m_filter->addItem(tr("Needs update"), int(Filter::NeedsUpdate));
    m_filter->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_count->setObjectName(u"productCount"_s);
    m_newFromTemplate->setObjectName(u"newFromTemplateButton"_s);
    m_catalog->setObjectName(u"catalogButton"_s);
    m_catalog->setEnabled(false);
    if (!m_gelato || !m_database) {
        m_newFromTemplate->setEnabled(false);
        m_newFromTemplate->setToolTip(tr("Needs a connection to Gelato: set it up on the Settings page."));
    }
    m_message->setObjectName(u"pageMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_syncRow->setObjectName(u"syncRow"_s);
    m_syncStatus->setObjectName(u"syncStatus"_s);
    m_syncProgress->setObjectName(u"syncProgress"_s);
    m_cancelSync->setObjectName(u"cancelSyncButton"_s);
    m_cancelSync->setToolTip(tr("Stop the synchronization: nothing of it is kept."));
    auto *syncLayout = new QHBoxLayout(m_syncRow);
    syncLayout->setContentsMargins(0, 0, 0, 0);
    syncLayout->addWidget(m_syncStatus);
    syncLayout->addWidget(m_syncProgress, 1);
    syncLayout->addWidget(m_cancelSync);
    m_syncRow->setVisible(false);

    m_view->setObjectName(u"productTable"_s);
    m_view->setModel(m_model);
    m_view->horizontalHeader()->setSortIndicator(ProductTableModel::NameColumn, Qt::AscendingOrder);
    m_view->setSortingEnabled(true);
    RecordTable::setUp(m_view, ProductTableModel::NameColumn,
                       {{ProductTableModel::SkuColumn, 110},
                        {ProductTableModel::PriceColumn, 80},
                        {ProductTableModel::QuantityColumn, 80},
                        // A UUID: its first characters tell templates apart (tooltip: the whole id);
                        // the room goes to the product's name (issue 13).
                        {ProductTableModel::TemplateColumn, 100},
                        {ProductTableModel::PublishedColumn, 90},
                        {ProductTableModel::NeedsUpdateColumn, 100},
                        {ProductTableModel::UpdatedColumn, 120}});
    // Several products at once for publishing (PROD-5); a double click still opens one.
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_publish->setObjectName(u"publishProductsButton"_s);
    m_unpublish->setObjectName(u"unpublishProductsButton"_s);

    m_searchDelay->setSingleShot(true);
    m_searchDelay->setInterval(250);

    auto *tools = new QHBoxLayout;
    tools->addWidget(m_search, 1);
    tools->addWidget(m_filter);
    tools->addWidget(m_newFromTemplate);
    tools->addWidget(m_catalog);
    auto *publishing = new QHBoxLayout;
    publishing->addStretch(1);
    publishing->addWidget(m_publish);
    publishing->addWidget(m_unpublish);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(tr("Products"),
                                     tr("Products and their variants; double-click one to edit it."), this));
    layout->addLayout(tools);
    layout->addWidget(m_message);
    layout->addWidget(m_syncRow);
    layout->addWidget(m_view, 1);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_count, 1);
    bottom->addLayout(publishing);
    layout->addLayout(bottom);

    connect(m_search, &QLineEdit::textChanged, m_searchDelay, qOverload<>(&QTimer::start));
    connect(m_searchDelay, &QTimer::timeout, this, &ProductListPage::applySearch);
    connect(m_newFromTemplate, &QPushButton::clicked, this, &ProductListPage::newFromTemplate);
    connect(m_catalog, &QPushButton::clicked, this, &ProductListPage::openCatalog);
    connect(m_cancelSync, &QPushButton::clicked, this, &ProductListPage::cancelSync);
    connect(m_filter, &QComboBox::currentIndexChanged, this, &ProductListPage::applySearch);
    connect(m_model, &ProductTableModel::errorOccurred, this,
            [this](const QString &error) { m_message->showMessage(InlineMessage::Type::Error, error); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProductListPage::updateCount);
    connect(m_model, &QAbstractItemModel::modelReset, this, &ProductListPage::updatePublishButtons);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProductListPage::updatePublishButtons);
    connect(m_publish, &QPushButton::clicked, this, [this] { publishSelected(true); });
    connect(m_unpublish, &QPushButton::clicked, this, [this] { publishSelected(false); });
    connect(m_view, &QAbstractItemView::doubleClicked, this, [this](const QModelIndex &index) {
        openEditor(index.data(ProductTableModel::IdRole).toLongLong());
    });

    if (!m_database)
        m_message->showMessage(InlineMessage::Type::Warning, tr("No database: products are unavailable."));
    updateCount();
    updatePublishButtons();
}

ProductListPage::~ProductListPage() = default;

void ProductListPage::applySearch()
{
    m_searchDelay->stop();
    ProductRepository::Query query = m_model->query();
    query.text = m_search->text().trimmed();
    query.linkedToGelato.reset();
    query.printImagesMissing.reset();
    query.publishedPoleepo.reset();
    query.needsUpdate.reset();
    switch (Filter(m_filter->currentData().toInt())) {
    case Filter::All:
        break;
    case Filter::LinkedToGelato:
        query.linkedToGelato = true;
        break;
    case Filter::PrintImagesMissing:
        query.printImagesMissing = true;
        break;
    case Filter::PublishedOnPoleepo:
        query.publishedPoleepo = true;
        break;
    case Filter::NeedsUpdate:
        query.needsUpdate = true;
        break;
    }
    m_model->setQuery(query);
}

void ProductListPage::setFilter(Filter filter)
{
    m_filter->setCurrentIndex(m_filter->findData(int(filter)));
    applySearch();
}

void ProductListPage::openEditor(qint64 productId)
{
    if (!m_database || productId <= 0)
        return;
    ProductEditorDialog editor(m_database, m_gelato, productId, this);
    editor.setFileStore(m_files);
    editor.setTasks(m_tasks);
    editor.exec();
    if (editor.changed())
        m_model->refresh();
}

void ProductListPage::newFromTemplate()
{
    bool ok = false;
    const QString templateId
            = QInputDialog::getText(this, tr("New from Gelato template"),
                                    tr("Template Reference (the template's id in Gelato's dashboard):"),
                                    QLineEdit::Normal, QString(), &ok);
    if (ok && !templateId.trimmed().isEmpty())
        createFromTemplate(templateId.trimmed());
}

void ProductListPage::setTasks(BackgroundTasks *tasks)
{
    m_tasks = tasks;
    if (m_sync)
        m_sync->setTasks(tasks);
}

bool ProductListPage::isSynchronizing() const
{
    return m_sync && m_sync->isRunning();
}

void ProductListPage::cancelSync()
{
    if (!isSynchronizing())
        return;
    m_cancelSync->setEnabled(false);
    m_syncStatus->setText(tr("Cancelling the synchronization…"));
    m_sync->cancel();
}

void ProductListPage::createFromTemplate(const QString &templateId)
{
    if (!m_gelato || !m_database || isSynchronizing())
        return;
    if (!m_sync) {
        m_sync = new TemplateSync(*m_database, *m_gelato, this);
        m_sync->setTasks(m_tasks);
        connect(m_sync, &TemplateSync::progress, this, [this](qint64 done, qint64 total, const QString &what) {
            m_syncStatus->setText(what);
            m_syncProgress->setRange(0, int(total)); // 0, 0: busy while the count is unknown
            m_syncProgress->setValue(int(done));
        });
        connect(m_sync, &TemplateSync::finished, this, [this](const Result<TemplateSyncSummary> &result) {
            m_syncRow->setVisible(false);
            m_newFromTemplate->setEnabled(true);
            if (!result) {
                if (m_sync->wasCancelled())
                    m_message->showMessage(InlineMessage::Type::Warning,
                                           tr("Synchronization cancelled: nothing was stored."));
                else
                    m_message->showMessage(InlineMessage::Type::Error, result.error());
                return;
            }
            m_message->showMessage(InlineMessage::Type::Positive,
                                   ProductEditorDialog::summaryText(result.value()));
            m_model->refresh();
            Q_EMIT productCreated(result.value().productId);
        });
    }
    m_newFromTemplate->setEnabled(false);
    m_message->clearMessage(); // the step and its count are shown in the row below
    m_syncStatus->clear();
    m_syncProgress->setRange(0, 0);
    m_cancelSync->setEnabled(true);
    m_syncRow->setVisible(true);
    m_sync->start(templateId);
}

void ProductListPage::setCatalogBrowsing(CatalogBrowsing *catalog)
{
    m_catalogBrowsing = catalog;
    m_catalog->setEnabled(m_catalogBrowsing != nullptr);
}

void ProductListPage::openCatalog()
{
    CatalogBrowserDialog browser(m_catalogBrowsing, this);
    browser.exec();
}

QList<qint64> ProductListPage::selectedProductIds() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_view->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : rows)
        ids.append(m_model->productAt(row).id);
    return ids;
}

QString ProductListPage::publishRefusal(const QModelIndexList &rows) const
{
    // Each product is read whole for the check: a selection beyond this many is checked on the click.
    constexpr int checkedAtMost = 100;
    if (!m_database || rows.size() > checkedAtMost)
        return {};
    QList<int> sorted;
    for (const QModelIndex &index : rows)
        sorted.append(index.row());
    std::sort(sorted.begin(), sorted.end());
    QStringList refusals;
    ProductRepository products(*m_database);
    for (const int row : std::as_const(sorted)) {
        auto product = products.get(m_model->productAt(row).id);
        if (!product)
            continue; // a read error is shown by the click's own check
        // The check Publishing applies when asked, and the product editor's Variants tab shows.
        if (const QString why = Publishing::refusal(*product); !why.isEmpty())
            refusals.append(why);
    }
    QStringList lines = refusals.join(u'\n').split(u'\n');
    constexpr int shownAtMost = 12;
    if (lines.size() > shownAtMost) {
        const int more = int(lines.size()) - (shownAtMost - 1);
        lines = lines.mid(0, shownAtMost - 1);
        lines.append(tr("…and %n more.", nullptr, more));
    }
    return refusals.isEmpty() ? QString() : lines.join(u'\n');
}

void ProductListPage::updatePublishButtons()
{
    const auto rows = m_view->selectionModel()->selectedRows();
    bool anyPublished = false;
    for (const QModelIndex &index : rows)
        anyPublished = anyPublished || m_model->productAt(index.row()).publishedPoleepo;
    QString why;
    if (!m_database)
        why = tr("No database: products are unavailable.");
    else if (rows.isEmpty())
        why = tr("Select one or more products first.");
    const QString publishWhy = why.isEmpty() ? publishRefusal(rows) : why;
    m_publish->setEnabled(publishWhy.isEmpty());
    m_publish->setToolTip(publishWhy.isEmpty()
                                  ? tr("Publish the selected products on Poleepo with all their variants; "
                                       "each variant needs complete print images.")
                                  : publishWhy);
    if (why.isEmpty() && !anyPublished)
        why = rows.size() == 1 ? tr("This product is not published on Poleepo.")
                               : tr("None of the selected products is published on Poleepo.");
    m_unpublish->setEnabled(why.isEmpty());
    m_unpublish->setToolTip(why.isEmpty()
                                    ? tr("Stop publishing the selected products and all their variants on "
                                         "Poleepo.")
                                    : why);
}

bool ProductListPage::publishSelected(bool published)
{
    const QList<qint64> selected = selectedProductIds();
    if (!m_database || selected.isEmpty())
        return false;
    auto changed = Publishing(*m_database).setProductsPublished(selected, published);
    if (!changed) {
        m_message->showMessage(InlineMessage::Type::Error, changed.error());
        return false;
    }
    const int count = int(selected.size());
    m_message->showMessage(InlineMessage::Type::Positive,
                           published ? tr("%n product(s) published on Poleepo with their variants: sent "
                                          "with the next product batch.",
                                          nullptr, count)
                                     : tr("%n product(s) no longer published on Poleepo.", nullptr, count));
    m_model->refresh();
    return true;
}

void ProductListPage::updateCount()
{
    m_count->setText(tr("%n product(s)", nullptr, int(m_model->totalCount())));
}

} // namespace Bottega
