// PrintImagesPanel: the product editor's Print images tab (PROD-3): one row per placement with a
// thumbnail or the URL, whether the product has a default image, which variants override it, and a
// clear red "missing" state when some variant would have nothing to print there. Removing a default
// image goes through Publishing: when it leaves published variants incomplete, the panel asks first
// (Confirm) and they are unpublished.
#pragma once

#include "core/domain/Product.h"

#include <QWidget>

class QPushButton;
class QTableWidget;

namespace Bottega {

class Database;
class FileStore;
class InlineMessage;

class PrintImagesPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PrintImagesPanel)

public:
    enum Column { PlacementColumn, ImageColumn, DefaultColumn, OverridesColumn, StateColumn };
    static constexpr int ColumnCount = StateColumn + 1;

    explicit PrintImagesPanel(Database *database, QWidget *parent = nullptr);
    ~PrintImagesPanel() override;

    void setProduct(const Product &product);
    QTableWidget *table() const { return m_table; }
    // Placements some variant (or the product, without variants) has no image for.
    QStringList missingPlacements() const;

    // Where local files are copied to; without one, "Set image from file…" is disabled.
    void setFileStore(FileStore *files);

    // Sets the product's default image of a placement from an http(s) URL or a local file, through
    // the PrintImages use case (checked by content, copied into the file store); errors inline.
    bool setDefaultImage(const QString &placement, const QString &urlOrFile);
    // Removes the product's default image of a placement (Publishing::removePrintImage), asking
    // first when published variants would be left without an image there; false when refused or
    // not confirmed.
    bool removeDefaultImage(const QString &placement);
    void selectPlacement(const QString &placement);
    QPushButton *removeButton() const { return m_remove; }
    InlineMessage *message() const { return m_message; }

Q_SIGNALS:
    // An image was set: the editor reads the product again.
    void imagesChanged();

private:
    void askForUrl();
    void askForFile();
    QString selectedPlacement() const;
    void updateButtons();

    Database *m_database;
    FileStore *m_files = nullptr;
    Product m_product;
    QTableWidget *m_table;
    QPushButton *m_fromUrl;
    QPushButton *m_fromFile;
    QPushButton *m_remove;
    InlineMessage *m_message;
};

} // namespace Bottega
