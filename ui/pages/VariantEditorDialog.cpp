#include "ui/pages/VariantEditorDialog.h"

#include "core/products/PrintImages.h"
#include "core/products/ProductEditing.h"
#include "core/publishing/Publishing.h"
#include "core/store/ProductRepository.h"
#include "core/store/VariantRepository.h"
#include "ui/DisplayFormat.h"
#include "ui/models/VariantTableModel.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/UnsavedChanges.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Bottega {

VariantEditorDialog::VariantEditorDialog(Database *database, const Product &product, qint64 variantId,
                                         QWidget *parent)
    : QDialog(parent), m_database(database), m_message(new InlineMessage(this)), m_fieldErrors(m_message),
      m_title(new QLineEdit(this)), m_productUid(new QLineEdit(this)), m_sku(new QLineEdit(this)),
      m_ean(new QLineEdit(this)), m_upc(new QLineEdit(this)), m_isbn(new QLineEdit(this)),
      m_mpn(new QLineEdit(this)), m_priceExtra(new QDoubleSpinBox(this)), m_quantity(new QSpinBox(this)),
      m_weight(new QDoubleSpinBox(this)), m_published(new QCheckBox(tr("Published on Poleepo"), this)),
      m_poleepoState(new QLabel(this)), m_images(new QTableWidget(0, 3, this)),
      m_overrideUrl(new QPushButton(tr("Override from URL…"), this)),
      m_overrideFile(new QPushButton(tr("Override from file…"), this)),
      m_removeOverride(new QPushButton(tr("Remove override"), this))
{
    setObjectName(u"variantEditor"_s);
    for (const Variant &candidate : product.variants)
        if (candidate.id == variantId)
            m_variant = candidate;
    const QString options = VariantTableModel::optionsText(m_variant);
    setWindowTitle(tr("Variant: %1").arg(options.isEmpty() ? m_variant.title : options) + u"[*]"_s);

    m_sku->setObjectName(u"variantSku"_s);
    m_ean->setObjectName(u"variantEan"_s);
    const QList<std::pair<QString, QWidget *>> fields {{u"name"_s, m_title},
                                                       {u"product-uid"_s, m_productUid},
                                                       {u"sku"_s, m_sku},
                                                       {u"ean"_s, m_ean},
                                                       {u"upc"_s, m_upc},
                                                       {u"isbn"_s, m_isbn},
                                                       {u"mpn"_s, m_mpn},
                                                       {u"price-extra"_s, m_priceExtra},
                                                       {u"quantity"_s, m_quantity},
                                                       {u"weight"_s, m_weight},
                                                       {u"published"_s, m_published}};
    for (const auto &[field, widget] : fields)
        m_fieldErrors.addField(field, widget);
    m_priceExtra->setObjectName(u"variantPriceExtra"_s);
    m_priceExtra->setRange(-1e9, 1e9);
    m_priceExtra->setDecimals(2);
    m_quantity->setRange(0, std::numeric_limits<int>::max());
    m_weight->setRange(0, 1e9);
    m_weight->setDecimals(2);
    m_title->setText(m_variant.title);
    m_productUid->setText(m_variant.gelatoProductUid);
    m_productUid->setToolTip(tr("The Gelato product UID printed for this variant."));
    m_sku->setText(m_variant.sku);
    m_ean->setText(m_variant.ean);
    m_upc->setText(m_variant.upc);
    m_isbn->setText(m_variant.isbn);
    m_mpn->setText(m_variant.mpn);
    m_priceExtra->setValue(m_variant.priceExtra);
    m_quantity->setValue(int(std::clamp<qint64>(m_variant.quantity, 0, std::numeric_limits<int>::max())));
    m_weight->setValue(m_variant.weight);
    m_published->setChecked(m_variant.publishedPoleepo);
    m_message->setCloseButtonVisible(true);

    auto *left = new QFormLayout;
    left->addRow(tr("Title:"), m_title);
    left->addRow(tr("Product UID:"), m_productUid);
    left->addRow(tr("SKU:"), m_sku);
    left->addRow(tr("EAN:"), m_ean);
    left->addRow(tr("UPC:"), m_upc);
    auto *right = new QFormLayout;
    right->addRow(tr("ISBN:"), m_isbn);
    right->addRow(tr("MPN:"), m_mpn);
    right->addRow(tr("Price extra:"), m_priceExtra);
    right->addRow(tr("Quantity:"), m_quantity);
    right->addRow(tr("Weight (g):"), m_weight);
    right->addRow(QString(), m_published);
    m_published->setObjectName(u"variantPublished"_s);
    m_poleepoState->setObjectName(u"variantPoleepoState"_s);
    m_poleepoState->setWordWrap(true);
    m_poleepoState->setTextInteractionFlags(Qt::TextSelectableByMouse);
    right->addRow(QString(), m_poleepoState);
    auto *columns = new QHBoxLayout;
    columns->addLayout(left, 3);
    columns->addSpacing(12);
    columns->addLayout(right, 2);

    auto *imagesGroup = new QGroupBox(tr("Print images"), this);
    m_images->setObjectName(u"variantPrintImages"_s);
    m_images->setHorizontalHeaderLabels({tr("Placement"), tr("Uses"), tr("Source")});
    m_images->verticalHeader()->setVisible(false);
    m_images->horizontalHeader()->setStretchLastSection(true);
    m_images->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_images->setColumnWidth(0, 110);
    m_images->setColumnWidth(1, 190);
    m_images->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_images->setSelectionMode(QAbstractItemView::SingleSelection);
    auto *overrideButtons = new QHBoxLayout;
    overrideButtons->addWidget(m_overrideUrl);
    overrideButtons->addWidget(m_overrideFile);
    overrideButtons->addWidget(m_removeOverride);
    overrideButtons->addStretch(1);
    auto *imagesLayout = new QVBoxLayout(imagesGroup);
    imagesLayout->addWidget(m_images);
    imagesLayout->addLayout(overrideButtons);
    const auto updateButtons = [this] {
        const bool selected = m_database && !selectedPlacement().isEmpty();
        m_overrideUrl->setEnabled(selected);
        m_overrideFile->setEnabled(selected && m_files);
        m_removeOverride->setEnabled(selected);
    };
    connect(m_images, &QTableWidget::itemSelectionChanged, this, updateButtons);
    connect(m_overrideUrl, &QPushButton::clicked, this, [this] { askForOverride(false); });
    connect(m_overrideFile, &QPushButton::clicked, this, [this] { askForOverride(true); });
    connect(m_removeOverride, &QPushButton::clicked, this, [this] { removeOverride(selectedPlacement()); });
    updateButtons();
    fillImages(product);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addLayout(columns);
    layout->addWidget(imagesGroup, 1);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        if (save())
            accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    resize(760, 520);
    // Watched once filled: what the person changes from here on is unsaved until Save.
    m_unsaved = new UnsavedChanges(this);
    m_unsaved->watch(this);
}

void VariantEditorDialog::reject()
{
    if (m_unsaved->mayClose([this] { return save(); }))
        QDialog::reject();
}

VariantEditorDialog::~VariantEditorDialog() = default;

QString VariantEditorDialog::poleepoStateText() const
{
    return m_poleepoState->text();
}

void VariantEditorDialog::fillPoleepoState(const Product &product)
{
    QStringList parts;
    parts.append(m_variant.poleepoProductId.isEmpty()
                         ? tr("Not on Poleepo yet")
                         : tr("Poleepo product id %1").arg(m_variant.poleepoProductId));
    if (m_variant.publishedPoleepo && m_variant.needsUpdate)
        parts.append(tr("needs update"));
    if (m_variant.poleepoLastSentAt.isValid())
        parts.append(tr("last sent %1").arg(DisplayFormat::dateTime(m_variant.poleepoLastSentAt)));
    m_poleepoState->setText(parts.join(u" · "_s));
    // Publishing an incomplete variant is refused: the box says why instead of failing on Save.
    const QString refusal = m_variant.publishedPoleepo ? QString() : Publishing::refusal(product, m_variant);
    m_published->setEnabled(m_database && refusal.isEmpty());
    m_published->setToolTip(refusal.isEmpty() ? tr("Sent to Poleepo with the next product batch.") : refusal);
}

void VariantEditorDialog::fillImages(const Product &product)
{
    for (const Variant &candidate : product.variants) {
        if (candidate.id == m_variant.id) {
            // Publication follows the store (removing an image may have unpublished it); the
            // person's other edits stay as typed.
            const QSignalBlocker quiet(m_published);
            if (candidate.publishedPoleepo != m_variant.publishedPoleepo)
                m_published->setChecked(candidate.publishedPoleepo);
            m_variant.publishedPoleepo = candidate.publishedPoleepo;
            m_variant.needsUpdate = candidate.needsUpdate;
        }
    }
    fillPoleepoState(product);
    m_images->setRowCount(int(product.placements.size()));
    for (int row = 0; row < product.placements.size(); ++row) {
        const QString placement = product.placements.at(row);
        const PrintImage *own = nullptr;
        const PrintImage *fallback = nullptr;
        for (const PrintImage &image : product.printImages) {
            if (image.placement != placement)
                continue;
            if (image.variantId == m_variant.id)
                own = &image;
            else if (image.variantId == 0)
                fallback = &image;
        }
        const PrintImage *used = own ? own : fallback;
        auto *uses = new QTableWidgetItem(own                ? tr("Its own override")
                                                  : fallback ? tr("The product's default")
                                                             : tr("Missing"));
        if (!used) {
            uses->setForeground(QColor(0xc0, 0x1c, 0x28));
            QFont bold = uses->font();
            bold.setBold(true);
            uses->setFont(bold);
        }
        auto *name = new QTableWidgetItem(DisplayFormat::placement(placement));
        name->setData(Qt::UserRole, placement); // the stored name
        m_images->setItem(row, 0, name);
        m_images->setItem(row, 1, uses);
        m_images->setItem(row, 2, new QTableWidgetItem(used ? used->source : QString()));
    }
}

void VariantEditorDialog::setFileStore(FileStore *files)
{
    m_files = files;
    m_overrideFile->setEnabled(m_files && m_database && !selectedPlacement().isEmpty());
}

QString VariantEditorDialog::selectedPlacement() const
{
    const auto rows = m_images->selectionModel()->selectedRows(0);
    return rows.isEmpty() ? QString() : rows.first().data(Qt::UserRole).toString();
}

void VariantEditorDialog::askForOverride(bool fromFile)
{
    const QString placement = selectedPlacement();
    if (placement.isEmpty())
        return;
    QString source;
    if (fromFile) {
        source = QFileDialog::getOpenFileName(
                this, tr("Print image for \"%1\"").arg(DisplayFormat::placement(placement)), QString(),
                tr("Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)"));
    } else {
        source = QInputDialog::getText(
                this, tr("Override print image"),
                tr("URL of the image for \"%1\" (http or https):").arg(DisplayFormat::placement(placement)));
    }
    if (!source.trimmed().isEmpty())
        setOverride(placement, source.trimmed());
}

bool VariantEditorDialog::setOverride(const QString &placement, const QString &urlOrFile)
{
    if (!m_database || m_variant.id == 0)
        return false;
    auto stored
            = PrintImages(*m_database, m_files).set(m_variant.productId, placement, urlOrFile, m_variant.id);
    if (!stored) {
        m_message->showMessage(InlineMessage::Type::Error, stored.error());
        return false;
    }
    m_imagesChanged = true;
    reloadImages();
    return true;
}

bool VariantEditorDialog::removeOverride(const QString &placement)
{
    if (!m_database || m_variant.id == 0 || placement.isEmpty())
        return false;
    Publishing publishing(*m_database);
    auto affected = publishing.wouldUnpublish(m_variant.productId, placement, m_variant.id);
    if (!affected) {
        m_message->showMessage(InlineMessage::Type::Error, affected.error());
        return false;
    }
    if (!affected->isEmpty()
        && !Confirm::ask(this, tr("Remove print image"),
                         tr("Without its own image this variant has nothing to print on \"%1\", so it "
                            "will be unpublished from Poleepo. Remove the image and unpublish it?")
                                 .arg(placement)))
        return false;
    if (auto removed = publishing.removePrintImage(m_variant.productId, placement, m_variant.id); !removed) {
        m_message->showMessage(InlineMessage::Type::Error, removed.error());
        return false;
    }
    m_imagesChanged = true;
    reloadImages();
    return true;
}

void VariantEditorDialog::reloadImages()
{
    auto product = ProductRepository(*m_database).get(m_variant.productId);
    if (!product) {
        m_message->showMessage(InlineMessage::Type::Error, product.error());
        return;
    }
    m_message->clearMessage();
    fillImages(product.value());
}

bool VariantEditorDialog::save()
{
    if (!m_database || m_variant.id == 0)
        return false;
    // Only what the person changed goes to the use case, with `product set --variant`'s checks.
    const auto number = [](double value) {
        return QString::number(value, 'f', 2);
    };
    const QList<std::pair<ProductEditing::FieldValue, QString>> form {
            {{u"name"_s, m_title->text().trimmed()}, m_variant.title},
            {{u"product-uid"_s, m_productUid->text().trimmed()}, m_variant.gelatoProductUid},
            {{u"sku"_s, m_sku->text().trimmed()}, m_variant.sku},
            {{u"ean"_s, m_ean->text().trimmed()}, m_variant.ean},
            {{u"upc"_s, m_upc->text().trimmed()}, m_variant.upc},
            {{u"isbn"_s, m_isbn->text().trimmed()}, m_variant.isbn},
            {{u"mpn"_s, m_mpn->text().trimmed()}, m_variant.mpn},
            {{u"price-extra"_s, number(m_priceExtra->value())}, number(m_variant.priceExtra)},
            {{u"quantity"_s, QString::number(m_quantity->value())}, QString::number(m_variant.quantity)},
            {{u"weight"_s, number(m_weight->value())}, number(m_variant.weight)}};
    QList<ProductEditing::FieldValue> changes;
    for (const auto &[field, stored] : form)
        if (field.value != stored)
            changes.append(field);
    const bool publish = m_published->isChecked();
    const bool publishing = publish != m_variant.publishedPoleepo;
    m_fieldErrors.clear();
    if (changes.isEmpty() && !publishing) {
        m_unsaved->setClean();
        return true;
    }
    // PROD-5: "published" goes through Publishing, as the variants table and the command line do;
    // its refusal is known before anything is written.
    Publishing publication(*m_database);
    if (publishing && publish) {
        if (auto publishable = publication.checkPublishable({m_variant.id}); !publishable) {
            m_fieldErrors.show(u"published"_s, publishable.error());
            return false;
        }
    }
    QString refused;
    if (!changes.isEmpty()) {
        if (auto saved
            = ProductEditing(*m_database).setFields(m_variant.productId, changes, m_variant.id, &refused);
            !saved) {
            m_fieldErrors.show(refused, saved.error());
            return false;
        }
    }
    if (publishing) {
        if (auto set = publication.setVariantsPublished({m_variant.id}, publish); !set) {
            m_fieldErrors.show(u"published"_s, set.error());
            return false;
        }
    }
    if (auto reread = VariantRepository(*m_database).get(m_variant.id))
        m_variant = reread.value();
    m_unsaved->setClean();
    return true;
}

} // namespace Bottega
