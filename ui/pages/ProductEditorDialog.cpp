#include "ui/pages/ProductEditorDialog.h"

#include "core/products/ProductEditing.h"
#include "core/publishing/Publishing.h"
#include "core/store/Database.h"
#include "core/store/ProductRepository.h"
#include "ui/models/VariantTableModel.h"
#include "ui/pages/PrintImagesPanel.h"
#include "ui/pages/VariantEditorDialog.h"
#include "ui/widgets/FieldErrorMarker.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/DescriptionEdit.h"
#include "ui/widgets/UnsavedChanges.h"

#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QDoubleSpinBox *moneyBox(QWidget *parent, double maximum = 1e9)
{
    auto *box = new QDoubleSpinBox(parent);
    box->setDecimals(2);
    box->setRange(0, maximum);
    return box;
}

} // namespace

ProductEditorDialog::ProductEditorDialog(Database *database, GelatoClient *gelato, qint64 productId,
                                         QWidget *parent)
    : QDialog(parent), m_database(database), m_gelato(gelato), m_productId(productId),
      m_message(new InlineMessage(this)), m_fieldErrors(m_message), m_tabs(new QTabWidget(this)),
      m_variants(new VariantTableModel(this)), m_printImages(new PrintImagesPanel(database, this))
{
    setObjectName(u"productEditor"_s);
    m_message->setObjectName(u"editorMessage"_s);
    m_message->setCloseButtonVisible(true);
    m_tabs->setObjectName(u"productTabs"_s);
    QWidget *general = createGeneralTab();
    m_tabs->addTab(general, tr("General"));
    m_tabs->addTab(createVariantsTab(), tr("Variants"));
    m_tabs->addTab(m_printImages, tr("Print images"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Close, this);
    m_save = buttons->button(QDialogButtonBox::Save);
    QWidget *gelatoSection = createGelatoSection();
    // The fields saved with Save; print images are stored as soon as they are set.
    m_unsaved = new UnsavedChanges(this);
    m_unsaved->watch(general);
    m_unsaved->watch(gelatoSection);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(gelatoSection);
    layout->addWidget(m_tabs, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            m_message->showMessage(InlineMessage::Type::Positive, tr("Saved."));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_printImages, &PrintImagesPanel::imagesChanged, this, [this] {
        m_changed = true;
        reload();
    });
    resize(1000, 680);
    reload();
}

ProductEditorDialog::~ProductEditorDialog() = default;

QWidget *ProductEditorDialog::createGelatoSection()
{
    auto *group = new QGroupBox(tr("Gelato"), this);
    group->setObjectName(u"gelatoSection"_s);
    m_templateReference = new QLineEdit(group);
    m_templateReference->setObjectName(u"templateReference"_s);
    m_templateReference->setPlaceholderText(tr("Template Reference from Gelato's dashboard"));
    m_fieldErrors.addField(u"template-id"_s, m_templateReference);
    m_synchronize = new QPushButton(tr("Synchronize"), group);
    m_synchronize->setObjectName(u"synchronizeButton"_s);
    if (!m_gelato || !m_database) {
        m_synchronize->setEnabled(false);
        m_synchronize->setToolTip(tr("Needs a connection to Gelato: set it up on the Settings page."));
    }
    m_cancelSync = new QPushButton(tr("Cancel"), group);
    m_cancelSync->setObjectName(u"cancelSyncButton"_s);
    m_cancelSync->setVisible(false);
    m_syncProgress = new QProgressBar(group);
    m_syncProgress->setObjectName(u"syncProgress"_s);
    m_syncProgress->setVisible(false);
    m_syncResult = new QLabel(group);
    m_syncResult->setObjectName(u"syncResult"_s);
    m_syncResult->setWordWrap(true);

    auto *row = new QHBoxLayout;
    row->addWidget(new QLabel(tr("Template Reference:"), group));
    row->addWidget(m_templateReference, 1);
    row->addWidget(m_synchronize);
    row->addWidget(m_cancelSync);
    auto *layout = new QVBoxLayout(group);
    layout->addLayout(row);
    layout->addWidget(m_syncProgress);
    layout->addWidget(m_syncResult);
    connect(m_synchronize, &QPushButton::clicked, this, &ProductEditorDialog::synchronize);
    connect(m_cancelSync, &QPushButton::clicked, this, &ProductEditorDialog::cancelSynchronization);
    return group;
}

QWidget *ProductEditorDialog::createGeneralTab()
{
    auto *page = new QWidget;
    m_name = new QLineEdit(page);
    m_name->setObjectName(u"nameField"_s);
    m_sku = new QLineEdit(page);
    m_sku->setObjectName(u"skuField"_s);
    m_internalCode = new QLineEdit(page);
    m_ean = new QLineEdit(page);
    m_category = new QLineEdit(page);
    m_listPrice = moneyBox(page);
    m_listPrice->setObjectName(u"priceField"_s);
    m_vatRate = moneyBox(page, 100);
    m_vatRate->setSuffix(u" %"_s);
    m_quantity = new QSpinBox(page);
    m_quantity->setRange(0, std::numeric_limits<int>::max());
    m_weight = moneyBox(page);
    m_shortDescription = new QLineEdit(page);
    m_longDescription = new DescriptionEdit(page);

    m_ean->setObjectName(u"eanField"_s);
    const QList<std::pair<QString, QWidget *>> fields {{u"name"_s, m_name},
                                                       {u"sku"_s, m_sku},
                                                       {u"internal-code"_s, m_internalCode},
                                                       {u"ean"_s, m_ean},
                                                       {u"category"_s, m_category},
                                                       {u"price"_s, m_listPrice},
                                                       {u"vat-rate"_s, m_vatRate},
                                                       {u"quantity"_s, m_quantity},
                                                       {u"weight"_s, m_weight},
                                                       {u"short-description"_s, m_shortDescription},
                                                       {u"long-description"_s, m_longDescription->source()}};
    for (const auto &[field, widget] : fields)
        m_fieldErrors.addField(field, widget);

    auto *left = new QFormLayout;
    left->addRow(tr("Name:"), m_name);
    left->addRow(tr("SKU:"), m_sku);
    left->addRow(tr("Internal code:"), m_internalCode);
    left->addRow(tr("EAN:"), m_ean);
    left->addRow(tr("Category:"), m_category);
    auto *right = new QFormLayout;
    right->addRow(tr("List price:"), m_listPrice);
    right->addRow(tr("VAT rate:"), m_vatRate);
    right->addRow(tr("Quantity:"), m_quantity);
    right->addRow(tr("Weight (g):"), m_weight);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addSpacing(12);
    columns->addLayout(right, 2);

    auto *descriptions = new QFormLayout;
    descriptions->addRow(tr("Short description:"), m_shortDescription);
    descriptions->addRow(tr("Description:"), m_longDescription);
    auto *layout = new QVBoxLayout(page);
    layout->addLayout(columns);
    layout->addLayout(descriptions, 1);
    return page;
}

QWidget *ProductEditorDialog::createVariantsTab()
{
    auto *page = new QWidget;
    m_variantView = new QTableView(page);
    m_variantView->setObjectName(u"variantTable"_s);
    m_variantView->setModel(m_variants);
    m_variantView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_variantView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_variantView->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_variantView->setAlternatingRowColors(true);
    m_variantView->setWordWrap(false);
    m_variantView->verticalHeader()->setVisible(false);
    m_variantView->horizontalHeader()->setStretchLastSection(true);
    m_variantView->horizontalHeader()->setMinimumSectionSize(60);
    const QList<std::pair<int, int>> widths
            = {{VariantTableModel::OptionsColumn, 160},     {VariantTableModel::ProductUidColumn, 150},
               {VariantTableModel::SkuColumn, 90},          {VariantTableModel::EanColumn, 110},
               {VariantTableModel::PriceExtraColumn, 80},   {VariantTableModel::QuantityColumn, 70},
               {VariantTableModel::PrintImagesColumn, 120}, {VariantTableModel::PublishedColumn, 80},
               {VariantTableModel::NeedsUpdateColumn, 90},  {VariantTableModel::PoleepoIdColumn, 120}};
    for (const auto &[column, width] : widths)
        m_variantView->setColumnWidth(
                column, std::max(width, m_variantView->horizontalHeader()->sectionSizeHint(column)));
    m_configure = new QPushButton(tr("Configure…"), page);
    m_configure->setObjectName(u"configureVariantButton"_s);
    m_publish = new QPushButton(tr("Publish on Poleepo"), page);
    m_publish->setObjectName(u"publishVariantsButton"_s);
    m_unpublish = new QPushButton(tr("Unpublish"), page);
    m_unpublish->setObjectName(u"unpublishVariantsButton"_s);
    m_publishHint = new QLabel(page);
    m_publishHint->setObjectName(u"publishHint"_s);
    m_publishHint->setWordWrap(true);
    m_publishHint->setStyleSheet(u"color: #c01c28;"_s);
    m_publishHint->setVisible(false);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_configure);
    buttons->addStretch(1);
    buttons->addWidget(m_publish);
    buttons->addWidget(m_unpublish);
    auto *layout = new QVBoxLayout(page);
    layout->addWidget(m_variantView, 1);
    layout->addWidget(m_publishHint);
    layout->addLayout(buttons);

    connect(m_configure, &QPushButton::clicked, this, &ProductEditorDialog::configureSelectedVariant);
    connect(m_publish, &QPushButton::clicked, this, [this] { publishSelectedVariants(true); });
    connect(m_unpublish, &QPushButton::clicked, this, [this] { publishSelectedVariants(false); });
    connect(m_variantView, &QAbstractItemView::doubleClicked, this,
            &ProductEditorDialog::configureSelectedVariant);
    connect(m_variants, &QAbstractItemModel::modelReset, this, &ProductEditorDialog::updateVariantButtons);
    connect(m_variantView->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &ProductEditorDialog::updateVariantButtons);
    updateVariantButtons();
    return page;
}

void ProductEditorDialog::setFileStore(FileStore *files)
{
    m_files = files;
    m_printImages->setFileStore(files);
    reload();
}

void ProductEditorDialog::setTasks(BackgroundTasks *tasks)
{
    m_tasks = tasks;
    if (m_sync)
        m_sync->setTasks(tasks);
}

void ProductEditorDialog::reload()
{
    if (!m_database) {
        m_message->showMessage(InlineMessage::Type::Error, tr("No database: the product cannot be read."));
        return;
    }
    auto product = ProductRepository(*m_database).get(m_productId);
    if (!product) {
        m_message->showMessage(InlineMessage::Type::Error, product.error());
        return;
    }
    m_product = product.value();
    fillFields();
    m_variants->setProduct(m_product);
    m_printImages->setProduct(m_product);
    const int missing = int(m_printImages->missingPlacements().size());
    m_tabs->setTabText(PrintImagesTab,
                       missing ? tr("Print images (%n missing)", nullptr, missing) : tr("Print images"));
    m_tabs->setTabText(VariantsTab, tr("Variants (%1)").arg(m_product.variants.size()));
    m_unsaved->setClean();
}

void ProductEditorDialog::reject()
{
    if (isSynchronizing()) {
        cancelSynchronization();
        return;
    }
    if (m_unsaved->mayClose([this] { return save(); }))
        QDialog::reject();
}

void ProductEditorDialog::fillFields()
{
    setWindowTitle(tr("Product: %1").arg(m_product.name) + u"[*]"_s);
    m_name->setText(m_product.name);
    m_sku->setText(m_product.sku);
    m_internalCode->setText(m_product.internalCode);
    m_ean->setText(m_product.ean);
    m_category->setText(m_product.categoryPath);
    m_listPrice->setValue(m_product.listPrice);
    m_vatRate->setValue(m_product.vatRate);
    m_quantity->setValue(int(std::clamp<qint64>(m_product.quantity, 0, std::numeric_limits<int>::max())));
    m_weight->setValue(m_product.weight);
    m_shortDescription->setText(m_product.shortDescription);
    m_longDescription->setText(m_product.longDescription);
    m_templateReference->setText(m_product.gelatoTemplateId);
    m_syncResult->setText(m_product.gelatoTemplateId.isEmpty()
                                  ? tr("Not linked to a Gelato template.")
                                  : tr("Linked to Gelato template %1.").arg(m_product.gelatoTemplateId));
}

bool ProductEditorDialog::save()
{
    if (!m_database)
        return false;
    // Only what the person changed goes to the use case, field by field as `product set` takes
    // them, so the same checks apply and a value stored earlier is not checked again.
    const auto number = [](double value) {
        return QString::number(value, 'f', 2);
    };
    const QList<ProductEditing::FieldValue> form {{u"name"_s, m_name->text()},
                                                  {u"sku"_s, m_sku->text()},
                                                  {u"internal-code"_s, m_internalCode->text()},
                                                  {u"ean"_s, m_ean->text().trimmed()},
                                                  {u"category"_s, m_category->text()},
                                                  {u"price"_s, number(m_listPrice->value())},
                                                  {u"vat-rate"_s, number(m_vatRate->value())},
                                                  {u"quantity"_s, QString::number(m_quantity->value())},
                                                  {u"weight"_s, number(m_weight->value())},
                                                  {u"short-description"_s, m_shortDescription->text()},
                                                  {u"long-description"_s, m_longDescription->text()},
                                                  {u"template-id"_s, m_templateReference->text()}};
    const QHash<QString, QString> stored {{u"name"_s, m_product.name},
                                          {u"sku"_s, m_product.sku},
                                          {u"internal-code"_s, m_product.internalCode},
                                          {u"ean"_s, m_product.ean},
                                          {u"category"_s, m_product.categoryPath},
                                          {u"price"_s, number(m_product.listPrice)},
                                          {u"vat-rate"_s, number(m_product.vatRate)},
                                          {u"quantity"_s, QString::number(m_product.quantity)},
                                          {u"weight"_s, number(m_product.weight)},
                                          {u"short-description"_s, m_product.shortDescription},
                                          {u"long-description"_s, m_product.longDescription},
                                          {u"template-id"_s, m_product.gelatoTemplateId}};
    QList<ProductEditing::FieldValue> changes;
    for (const ProductEditing::FieldValue &field : form) {
        // Descriptions are kept as typed; the use case trims the other texts.
        const bool asTyped = field.field.endsWith(u"description"_s);
        if ((asTyped ? field.value : field.value.trimmed()) != stored.value(field.field))
            changes.append(field);
    }
    m_fieldErrors.clear();
    if (changes.isEmpty()) {
        m_unsaved->setClean();
        return true;
    }
    QString refused;
    if (auto saved = ProductEditing(*m_database).setFields(m_productId, changes, 0, &refused); !saved) {
        if (refused != u"template-id"_s)
            m_tabs->setCurrentIndex(GeneralTab);
        m_fieldErrors.show(refused, saved.error());
        return false;
    }
    m_changed = true;
    reload();
    return true;
}

void ProductEditorDialog::synchronize()
{
    if (!m_gelato || !m_database || isSynchronizing())
        return;
    const QString templateId = m_templateReference->text().trimmed();
    if (templateId.isEmpty()) {
        m_syncResult->setText(tr("Template Reference: enter the id of the Gelato template first."));
        m_templateReference->setFocus();
        return;
    }
    if (!m_sync) {
        m_sync = new TemplateSync(*m_database, *m_gelato, this);
        m_sync->setTasks(m_tasks);
        connect(m_sync, &TemplateSync::progress, this, [this](qint64 done, qint64 total, const QString &what) {
            m_syncProgress->setRange(0, int(total)); // 0, 0: busy while the count is unknown
            m_syncProgress->setValue(int(done));
            m_syncProgress->setFormat(what);
        });
        connect(m_sync, &TemplateSync::finished, this, &ProductEditorDialog::syncFinished);
    }
    m_synchronize->setEnabled(false);
    m_cancelSync->setEnabled(true);
    m_cancelSync->setVisible(true);
    setEditable(false);
    m_syncProgress->setRange(0, 0); // busy until the first step is known
    m_syncProgress->setVisible(true);
    m_syncResult->setText(tr("Synchronizing with Gelato template %1…").arg(templateId));
    m_sync->start(templateId, m_productId);
}

bool ProductEditorDialog::isSynchronizing() const
{
    return m_sync && m_sync->isRunning();
}

void ProductEditorDialog::cancelSynchronization()
{
    if (!isSynchronizing())
        return;
    m_cancelSync->setEnabled(false);
    m_syncResult->setText(tr("Cancelling the synchronization…"));
    m_sync->cancel();
}

QString ProductEditorDialog::syncResultText() const
{
    return m_syncResult->text();
}

QString ProductEditorDialog::summaryText(const TemplateSyncSummary &summary)
{
    if (!summary.changed())
        return tr("Already up to date: nothing changed.");
    QStringList parts;
    if (summary.variantsCreated)
        parts.append(tr("%n variant(s) created", nullptr, summary.variantsCreated));
    if (summary.variantsUpdated)
        parts.append(parts.isEmpty() ? tr("%n variant(s) updated", nullptr, summary.variantsUpdated)
                                     : tr("%n updated", nullptr, summary.variantsUpdated));
    if (summary.variantsRemoved)
        parts.append(parts.isEmpty() ? tr("%n variant(s) removed", nullptr, summary.variantsRemoved)
                                     : tr("%n removed", nullptr, summary.variantsRemoved));
    if (summary.variantsArchived)
        parts.append(tr("%n archived because on an order", nullptr, summary.variantsArchived));
    if (parts.isEmpty())
        return tr("Product updated from the template.");
    return parts.join(u", "_s) + u'.';
}

void ProductEditorDialog::setEditable(bool editable)
{
    // While a synchronization stores, the product it rewrites (name, description, variants,
    // placements) is read again when it ends: nothing typed meanwhile would survive, so nothing can be.
    m_tabs->setEnabled(editable);
    m_templateReference->setEnabled(editable);
    m_save->setEnabled(editable);
    m_save->setToolTip(editable ? QString() : tr("Wait until the synchronization has ended."));
}

void ProductEditorDialog::syncFinished(const Result<TemplateSyncSummary> &result)
{
    setEditable(true);
    m_syncProgress->setVisible(false);
    m_cancelSync->setVisible(false);
    m_synchronize->setEnabled(true);
    if (!result && m_sync->wasCancelled()) {
        m_syncResult->setStyleSheet(QString());
        m_syncResult->setText(tr("Synchronization cancelled: nothing was changed."));
        return;
    }
    if (!result) {
        m_syncResult->setText(result.error());
        m_syncResult->setStyleSheet(u"color: #c01c28;"_s);
        return;
    }
    m_syncResult->setStyleSheet(QString());
    m_changed = true;
    reload();
    m_syncResult->setText(summaryText(result.value()));
}

void ProductEditorDialog::configureSelectedVariant()
{
    const QList<qint64> selected = selectedVariantIds();
    if (selected.size() != 1 || !m_database)
        return;
    VariantEditorDialog editor(m_database, m_product, selected.constFirst(), this);
    editor.setFileStore(m_files);
    // Overrides are stored as soon as they are set, even when the fields are not saved.
    if (editor.exec() == QDialog::Accepted || editor.imagesChanged()) {
        m_changed = true;
        reload();
        selectVariants(selected);
    }
}

QList<qint64> ProductEditorDialog::selectedVariantIds() const
{
    QList<int> rows;
    for (const QModelIndex &index : m_variantView->selectionModel()->selectedRows())
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    QList<qint64> ids;
    for (int row : rows)
        ids.append(m_variants->variantAt(row).id);
    return ids;
}

void ProductEditorDialog::selectVariants(const QList<qint64> &variantIds)
{
    QItemSelection selection;
    for (qint64 id : variantIds) {
        const int row = m_variants->rowOf(id);
        if (row >= 0)
            selection.select(m_variants->index(row, 0),
                             m_variants->index(row, VariantTableModel::ColumnCount - 1));
    }
    m_variantView->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect);
}

QString ProductEditorDialog::publishHint() const
{
    return m_publishHint->isHidden() ? QString() : m_publishHint->text();
}

void ProductEditorDialog::updateVariantButtons()
{
    const auto rows = m_variantView->selectionModel()->selectedRows();
    const bool one = rows.size() == 1;
    m_configure->setEnabled(one && m_database);
    m_configure->setToolTip(one ? tr("Edits the selected variant's print images, price extra and codes")
                                : tr("Select one variant to configure it."));
    QStringList refusals;
    bool anyPublished = false;
    bool anyUnpublished = false;
    for (const QModelIndex &index : rows) {
        const Variant variant = m_variants->variantAt(index.row());
        anyPublished = anyPublished || variant.publishedPoleepo;
        anyUnpublished = anyUnpublished || !variant.publishedPoleepo;
        if (!variant.publishedPoleepo) {
            const QString why = index.data(VariantTableModel::PublishRefusalRole).toString();
            if (!why.isEmpty())
                refusals.append(why);
        }
    }
    // PROD-5: a product without variants has nothing Poleepo could sell; say so where one publishes.
    if (m_variants->rowCount() == 0 && m_product.id > 0)
        refusals.append(Publishing::refusal(m_product));
    QString publishWhy;
    if (!m_database)
        publishWhy = tr("No database: the product cannot be changed.");
    else if (m_variants->rowCount() == 0 && !refusals.isEmpty())
        publishWhy = refusals.join(u'\n');
    else if (rows.isEmpty())
        publishWhy = tr("Select one or more variants first.");
    else if (!refusals.isEmpty())
        publishWhy = refusals.join(u'\n');
    else if (!anyUnpublished)
        publishWhy = rows.size() == 1 ? tr("This variant is already published on Poleepo.")
                                      : tr("The selected variants are already published on Poleepo.");
    m_publish->setEnabled(publishWhy.isEmpty());
    m_publish->setToolTip(publishWhy.isEmpty() ? tr("Publish the selected variants on Poleepo: they are sent "
                                                    "with the next product batch.")
                                               : publishWhy);
    QString unpublishWhy;
    if (!m_database)
        unpublishWhy = tr("No database: the product cannot be changed.");
    else if (rows.isEmpty())
        unpublishWhy = tr("Select one or more variants first.");
    else if (!anyPublished)
        unpublishWhy = rows.size() == 1 ? tr("This variant is not published on Poleepo.")
                                        : tr("None of the selected variants is published on Poleepo.");
    m_unpublish->setEnabled(unpublishWhy.isEmpty());
    m_unpublish->setToolTip(unpublishWhy.isEmpty() ? tr("Stop publishing the selected variants on Poleepo.")
                                                   : unpublishWhy);
    // The reason is written out, not only in a tooltip: "which variants, which placements".
    m_publishHint->setText(refusals.join(u'\n'));
    m_publishHint->setVisible(!refusals.isEmpty());
}

bool ProductEditorDialog::publishSelectedVariants(bool published)
{
    const QList<qint64> selected = selectedVariantIds();
    if (!m_database || selected.isEmpty())
        return false;
    auto changed = Publishing(*m_database).setVariantsPublished(selected, published);
    if (!changed) {
        m_message->showMessage(InlineMessage::Type::Error, changed.error());
        return false;
    }
    m_changed = true;
    // Only the variants are read again: what the person typed in the other tabs stays.
    if (auto product = ProductRepository(*m_database).get(m_productId)) {
        m_product.variants = product->variants;
        m_product.publishedPoleepo = product->publishedPoleepo;
        m_product.needsUpdate = product->needsUpdate;
        m_variants->setProduct(m_product);
        m_printImages->setProduct(m_product);
    }
    selectVariants(selected);
    const int count = int(selected.size());
    m_message->showMessage(InlineMessage::Type::Positive,
                           published ? tr("%n variant(s) published on Poleepo: sent with the next product "
                                          "batch.",
                                          nullptr, count)
                                     : tr("%n variant(s) no longer published on Poleepo.", nullptr, count));
    return true;
}

} // namespace Bottega
