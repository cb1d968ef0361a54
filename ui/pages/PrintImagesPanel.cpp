#include "ui/pages/PrintImagesPanel.h"

#include "core/products/PrintImages.h"
#include "core/publishing/Publishing.h"
#include "core/server/FileStore.h"
#include "ui/DisplayFormat.h"
#include "ui/models/VariantTableModel.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/InlineMessage.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

const QColor missingColour(0xc0, 0x1c, 0x28);

QTableWidgetItem *item(const QString &text)
{
    auto *cell = new QTableWidgetItem(text);
    cell->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return cell;
}

} // namespace

PrintImagesPanel::PrintImagesPanel(Database *database, QWidget *parent)
    : QWidget(parent), m_database(database), m_table(new QTableWidget(0, ColumnCount, this)),
      m_fromUrl(new QPushButton(tr("Set image from URL…"), this)),
      m_fromFile(new QPushButton(tr("Set image from file…"), this)),
      m_remove(new QPushButton(tr("Remove image"), this)), m_message(new InlineMessage(this))
{
    setObjectName(u"printImagesPanel"_s);
    m_table->setObjectName(u"printImageTable"_s);
    m_table->setHorizontalHeaderLabels(
            {tr("Placement"), tr("Image"), tr("Product default"), tr("Variant overrides"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setIconSize(QSize(48, 48));
    m_table->verticalHeader()->setVisible(false);
    m_table->verticalHeader()->setDefaultSectionSize(56);
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Never narrower than the header text, which is longer in Italian.
    const std::pair<int, int> widths[]
            = {{PlacementColumn, 110}, {ImageColumn, 300}, {DefaultColumn, 130}, {OverridesColumn, 200}};
    for (const auto &[column, width] : widths)
        m_table->setColumnWidth(column,
                                std::max(width, m_table->horizontalHeader()->sectionSizeHint(column)));
    m_fromUrl->setObjectName(u"setFromUrlButton"_s);
    m_fromFile->setObjectName(u"setFromFileButton"_s);
    m_remove->setObjectName(u"removeImageButton"_s);
    m_message->setCloseButtonVisible(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_fromUrl);
    buttons->addWidget(m_fromFile);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_fromUrl, &QPushButton::clicked, this, &PrintImagesPanel::askForUrl);
    connect(m_fromFile, &QPushButton::clicked, this, &PrintImagesPanel::askForFile);
    connect(m_remove, &QPushButton::clicked, this, [this] { removeDefaultImage(selectedPlacement()); });
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &PrintImagesPanel::updateButtons);
    updateButtons();
}

void PrintImagesPanel::updateButtons()
{
    const QString placement = selectedPlacement();
    QString why;
    if (!m_database)
        why = tr("No database: print images cannot be changed.");
    else if (placement.isEmpty())
        why = tr("Select a placement first.");
    m_fromUrl->setEnabled(why.isEmpty());
    m_fromUrl->setToolTip(why);
    m_fromFile->setEnabled(why.isEmpty() && m_files);
    m_fromFile->setToolTip(!why.isEmpty()    ? why
                                   : m_files ? QString()
                                             : tr("Needs the file store of the running app."));
    if (why.isEmpty()) {
        const bool hasDefault = std::any_of(m_product.printImages.cbegin(), m_product.printImages.cend(),
                                            [&placement](const PrintImage &image) {
                                                return image.placement == placement && image.variantId == 0;
                                            });
        if (!hasDefault)
            why = tr("This placement has no default image to remove.");
    }
    m_remove->setEnabled(why.isEmpty());
    m_remove->setToolTip(why.isEmpty() ? tr("Remove the product's default image of this placement.") : why);
}

void PrintImagesPanel::selectPlacement(const QString &placement)
{
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, PlacementColumn)->data(Qt::UserRole).toString() == placement)
            m_table->selectRow(row);
}

bool PrintImagesPanel::removeDefaultImage(const QString &placement)
{
    if (!m_database || placement.isEmpty())
        return false;
    Publishing publishing(*m_database);
    auto affected = publishing.wouldUnpublish(m_product.id, placement);
    if (!affected) {
        m_message->showMessage(InlineMessage::Type::Error, affected.error());
        return false;
    }
    if (!affected->isEmpty()) {
        QStringList names;
        for (const Variant &variant : std::as_const(m_product.variants))
            if (affected->contains(variant.id))
                names.append(variant.sku.isEmpty() ? VariantTableModel::optionsText(variant) : variant.sku);
        const QString question
                = tr("Without this image, %n published variant(s) would have nothing to print on \"%1\" and "
                     "will be unpublished from Poleepo: %2. Remove the image and unpublish them?",
                     nullptr, int(names.size()))
                          .arg(placement, names.join(u", "_s));
        if (!Confirm::ask(this, tr("Remove print image"), question))
            return false;
    }
    auto removed = publishing.removePrintImage(m_product.id, placement);
    if (!removed) {
        m_message->showMessage(InlineMessage::Type::Error, removed.error());
        return false;
    }
    Q_EMIT imagesChanged();
    if (!removed->isEmpty())
        m_message->showMessage(
                InlineMessage::Type::Information,
                tr("Image removed; %n variant(s) unpublished from Poleepo.", nullptr, int(removed->size())));
    return true;
}

PrintImagesPanel::~PrintImagesPanel() = default;

void PrintImagesPanel::setProduct(const Product &product)
{
    const QString selected = selectedPlacement(); // kept across a reload
    m_product = product;
    m_table->setRowCount(0);
    m_table->setRowCount(int(product.placements.size()));
    const QIcon fileIcon = style()->standardIcon(QStyle::SP_FileIcon);
    for (int row = 0; row < product.placements.size(); ++row) {
        const QString placement = product.placements.at(row);
        const PrintImage *defaultImage = nullptr;
        QStringList overrides;
        for (const PrintImage &image : std::as_const(m_product.printImages)) {
            if (image.placement != placement)
                continue;
            if (image.variantId == 0) {
                defaultImage = &image;
                continue;
            }
            for (const Variant &variant : std::as_const(m_product.variants))
                if (variant.id == image.variantId)
                    overrides.append(variant.sku.isEmpty() ? VariantTableModel::optionsText(variant)
                                                           : variant.sku);
        }
        int missingVariants = 0;
        for (const Variant &variant : std::as_const(m_product.variants))
            if (!variant.archived
                && VariantTableModel::missingPlacements(m_product, variant.id).contains(placement))
                ++missingVariants;
        const bool missing = missingVariants > 0 || (m_product.variants.isEmpty() && !defaultImage);

        // Gelato's "default" is the front; the stored name stays in the item's data.
        QTableWidgetItem *name = item(DisplayFormat::placement(placement));
        name->setData(Qt::UserRole, placement);
        m_table->setItem(row, PlacementColumn, name);
        auto *image = item(defaultImage ? defaultImage->source : tr("No image"));
        if (defaultImage) {
            // A URL is shown as its text (Bottega does not download it to draw it); a stored file
            // shows its thumbnail when Qt can draw it (PNG, JPEG, SVG…), else a file icon.
            image->setToolTip(defaultImage->source);
            if (defaultImage->sourceKind == PrintImage::SourceKind::Url) {
                image->setForeground(palette().link());
            } else {
                const QString path = m_files ? m_files->pathOf(defaultImage->fileId) : QString();
                const QPixmap thumbnail = path.isEmpty() ? QPixmap() : QPixmap(path);
                image->setIcon(thumbnail.isNull()
                                       ? fileIcon
                                       : QIcon(thumbnail.scaled(m_table->iconSize(), Qt::KeepAspectRatio,
                                                                Qt::SmoothTransformation)));
            }
        }
        m_table->setItem(row, ImageColumn, image);
        m_table->setItem(row, DefaultColumn, item(defaultImage ? tr("✓ Default") : tr("—")));
        m_table->setItem(row, OverridesColumn,
                         item(overrides.isEmpty() ? tr("None") : overrides.join(u", "_s)));
        auto *state = item(missing ? (missingVariants > 0
                                              ? tr("Missing for %n variant(s)", nullptr, missingVariants)
                                              : tr("Missing"))
                                   : tr("Complete"));
        if (missing) {
            state->setForeground(missingColour);
            QFont bold = state->font();
            bold.setBold(true);
            state->setFont(bold);
            state->setIcon(style()->standardIcon(QStyle::SP_MessageBoxCritical));
        }
        state->setData(Qt::UserRole, missing);
        m_table->setItem(row, StateColumn, state);
    }
    if (product.placements.isEmpty())
        m_message->showMessage(InlineMessage::Type::Information,
                               tr("This product has no print placements: synchronize it with its Gelato "
                                  "template first."));
    else
        m_message->clearMessage();
    if (!selected.isEmpty())
        selectPlacement(selected);
    updateButtons();
}

QStringList PrintImagesPanel::missingPlacements() const
{
    QStringList missing;
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, StateColumn)->data(Qt::UserRole).toBool())
            missing.append(m_table->item(row, PlacementColumn)->data(Qt::UserRole).toString());
    return missing;
}

QString PrintImagesPanel::selectedPlacement() const
{
    const auto rows = m_table->selectionModel()->selectedRows(PlacementColumn);
    return rows.isEmpty() ? QString() : rows.first().data(Qt::UserRole).toString();
}

void PrintImagesPanel::askForUrl()
{
    const QString placement = selectedPlacement();
    if (placement.isEmpty())
        return;
    bool ok = false;
    const QString url = QInputDialog::getText(
            this, tr("Set print image"), tr("URL of the image for \"%1\" (http or https):").arg(placement),
            QLineEdit::Normal, QString(), &ok);
    if (ok)
        setDefaultImage(placement, url.trimmed());
}

bool PrintImagesPanel::setDefaultImage(const QString &placement, const QString &urlOrFile)
{
    if (!m_database)
        return false;
    auto stored = PrintImages(*m_database, m_files).set(m_product.id, placement, urlOrFile);
    if (!stored) {
        m_message->showMessage(InlineMessage::Type::Error, stored.error());
        return false;
    }
    Q_EMIT imagesChanged();
    return true;
}

void PrintImagesPanel::setFileStore(FileStore *files)
{
    m_files = files;
    updateButtons();
}

void PrintImagesPanel::askForFile()
{
    const QString placement = selectedPlacement();
    if (placement.isEmpty())
        return;
    const QString file
            = QFileDialog::getOpenFileName(this, tr("Print image for \"%1\"").arg(placement), QString(),
                                           tr("Print files (*.pdf *.png *.tif *.tiff *.svg *.jpg *.jpeg)"));
    if (!file.isEmpty())
        setDefaultImage(placement, file);
}

} // namespace Bottega
