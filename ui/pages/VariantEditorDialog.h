// VariantEditorDialog: configures one variant (PROD-4): its Gelato product UID, codes, extra price,
// stock and publication on Poleepo (PROD-5, through Publishing, with Poleepo's product id, Needs
// update and when it was last sent), and shows per placement which print image it uses (its own
// override, the product's default, or none).
#pragma once

#include "core/domain/Product.h"
#include "ui/widgets/FieldErrorMarker.h"

#include <QDialog>

class QCheckBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace Bottega {

class Database;
class FileStore;
class InlineMessage;
class UnsavedChanges;

class VariantEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(VariantEditorDialog)

public:
    // product: read whole (ProductRepository::get); the database must outlive the dialog.
    VariantEditorDialog(Database *database, const Product &product, qint64 variantId,
                        QWidget *parent = nullptr);
    ~VariantEditorDialog() override;

    const Variant &variant() const { return m_variant; }
    QTableWidget *printImageTable() const { return m_images; }
    InlineMessage *message() const { return m_message; }
    QLineEdit *skuField() const { return m_sku; }
    QDoubleSpinBox *priceExtraField() const { return m_priceExtra; }
    // Print overrides of this variant (PROD-4) through the PrintImages use case: an http(s) URL or,
    // with a file store, a local file; removing one falls back to the product's default.
    void setFileStore(FileStore *files);
    bool setOverride(const QString &placement, const QString &urlOrFile);
    // Through Publishing: when removing it leaves a published variant without an image for the
    // placement, asks first (Confirm) and then unpublishes it. False when refused or not confirmed.
    bool removeOverride(const QString &placement);
    bool imagesChanged() const { return m_imagesChanged; }

    // Writes the changed fields through ProductEditing (as `product set --variant`) and "Published
    // on Poleepo" through Publishing (as `product set … published --variant`); false when one was
    // refused, with its message shown at that field, and then nothing is written.
    bool save();
    // Cancel, Esc, the window's close button: asks Save / Discard / Cancel when fields changed.
    void reject() override;
    QLineEdit *eanField() const { return m_ean; }
    QCheckBox *publishedField() const { return m_published; }
    // "Poleepo product id 123 · needs update · last sent …".
    QString poleepoStateText() const;
    const FieldErrorMarker &fieldErrors() const { return m_fieldErrors; }

private:
    void fillImages(const Product &product);
    void fillPoleepoState(const Product &product);
    void reloadImages();
    QString selectedPlacement() const;
    void askForOverride(bool fromFile);

    Database *m_database;
    FileStore *m_files = nullptr;
    bool m_imagesChanged = false;
    Variant m_variant;
    InlineMessage *m_message;
    UnsavedChanges *m_unsaved = nullptr;
    FieldErrorMarker m_fieldErrors; // shows ProductEditing's refusals at their fields
    QLineEdit *m_title;
    QLineEdit *m_productUid;
    QLineEdit *m_sku;
    QLineEdit *m_ean;
    QLineEdit *m_upc;
    QLineEdit *m_isbn;
    QLineEdit *m_mpn;
    QDoubleSpinBox *m_priceExtra;
    QSpinBox *m_quantity;
    QDoubleSpinBox *m_weight;
    QCheckBox *m_published;
    QLabel *m_poleepoState;
    QTableWidget *m_images;
    QPushButton *m_overrideUrl;
    QPushButton *m_overrideFile;
    QPushButton *m_removeOverride;
};

} // namespace Bottega
