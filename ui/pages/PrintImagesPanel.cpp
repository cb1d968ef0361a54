#include "ui/pages/PrintImagesPanel.h"

#include "core/store/PrintImageRepository.h"
#include "ui/models/VariantTableModel.h"
#include "ui/widgets/InlineMessage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QIcon>
#include <QInputDialog>
#include <QPushButton>
#include <QStyle>
#include <QTableWidget>
#include <QUrl>
#include <QVBoxLayout>

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
      m_fromFile(new QPushButton(tr("Set image from file…"), this)), m_message(new InlineMessage(this))
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
    m_table->setColumnWidth(PlacementColumn, 110);
    m_table->setColumnWidth(ImageColumn, 300);
    m_table->setColumnWidth(DefaultColumn, 130);
    m_table->setColumnWidth(OverridesColumn, 200);
    m_fromUrl->setObjectName(u"setFromUrlButton"_s);
    m_fromFile->setObjectName(u"setFromFileButton"_s);
    // Local files are copied into the file store and checked by content: the PrintImages use case.
    m_fromFile->setEnabled(false);
    m_fromFile->setToolTip(tr("Needs the file store, not available in this version."));
    m_message->setCloseButtonVisible(true);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_fromUrl);
    buttons->addWidget(m_fromFile);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_fromUrl, &QPushButton::clicked, this, &PrintImagesPanel::askForUrl);
    connect(m_table, &QTableWidget::itemSelectionChanged, this,
            [this] { m_fromUrl->setEnabled(m_database && !selectedPlacement().isEmpty()); });
    m_fromUrl->setEnabled(false);
}

PrintImagesPanel::~PrintImagesPanel() = default;

void PrintImagesPanel::setProduct(const Product &product)
{
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

        m_table->setItem(row, PlacementColumn, item(placement));
        auto *image = item(defaultImage ? defaultImage->source : tr("No image"));
        if (defaultImage) {
            // A URL is shown as its text (Bottega does not download it to draw it); a stored file
            // shows a file icon until the file store can give its path.
            image->setToolTip(defaultImage->source);
            if (defaultImage->sourceKind == PrintImage::SourceKind::Url) {
                image->setForeground(palette().link());
            } else {
                image->setIcon(fileIcon);
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
}

QStringList PrintImagesPanel::missingPlacements() const
{
    QStringList missing;
    for (int row = 0; row < m_table->rowCount(); ++row)
        if (m_table->item(row, StateColumn)->data(Qt::UserRole).toBool())
            missing.append(m_table->item(row, PlacementColumn)->text());
    return missing;
}

QString PrintImagesPanel::selectedPlacement() const
{
    const auto rows = m_table->selectionModel()->selectedRows(PlacementColumn);
    return rows.isEmpty() ? QString() : rows.first().data().toString();
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
        setDefaultFromUrl(placement, url.trimmed());
}

bool PrintImagesPanel::setDefaultFromUrl(const QString &placement, const QString &url)
{
    if (!m_database)
        return false;
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid() || (parsed.scheme() != "http"_L1 && parsed.scheme() != "https"_L1)
        || parsed.host().isEmpty()) {
        m_message->showMessage(InlineMessage::Type::Error,
                               tr("image URL \"%1\": only http and https URLs are accepted").arg(url));
        return false;
    }
    PrintImage image;
    image.productId = m_product.id;
    image.placement = placement;
    image.sourceKind = PrintImage::SourceKind::Url;
    image.source = url;
    if (auto stored = PrintImageRepository(*m_database).set(image); !stored) {
        m_message->showMessage(InlineMessage::Type::Error, stored.error());
        return false;
    }
    Q_EMIT imagesChanged();
    return true;
}

} // namespace Bottega
