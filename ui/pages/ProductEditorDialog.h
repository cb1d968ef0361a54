// ProductEditorDialog: edits one product (PROD-1..4): its general fields, its Gelato link
// (Template Reference, Synchronize with progress and a result), its variants (each configured in a
// VariantEditorDialog), publishing a selection of them on Poleepo (PROD-5, through Publishing) and
// its print images per placement. With BackgroundTasks, Synchronize stores on the worker thread (its
// progress in counts here and in the status bar; Cancel, or Esc, rolls it back).
#pragma once

#include "core/domain/Product.h"
#include "core/products/TemplateSync.h"
#include "ui/widgets/FieldErrorMarker.h"

#include <QDialog>

class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;

namespace Bottega {

class BackgroundTasks;
class DescriptionEdit;

class Database;
class FileStore;
class GelatoClient;
class InlineMessage;
class UnsavedChanges;
class TemplateSync;
class PrintImagesPanel;
class VariantTableModel;

class ProductEditorDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductEditorDialog)

public:
    enum Tab { GeneralTab, VariantsTab, PrintImagesTab };

    // Neither is owned; both must outlive the dialog. Without a Gelato client (null), Synchronize
    // is disabled and says why.
    ProductEditorDialog(Database *database, GelatoClient *gelato, qint64 productId,
                        QWidget *parent = nullptr);
    ~ProductEditorDialog() override;

    // Where print images from local files go (PrintImages); null disables that.
    void setFileStore(FileStore *files);
    // Synchronize then stores on the worker thread (not owned; null: on this thread).
    void setTasks(BackgroundTasks *tasks);

    // Reads the product again from the store.
    void reload();
    // Writes the changed general fields through ProductEditing (as `product set`); false when it
    // refused one, with its message shown at that field.
    bool save();
    // Close, Esc, the window's close button: asks Save / Discard / Cancel when fields changed. While
    // a synchronization runs, it is cancelled first and the dialog stays to say so.
    void reject() override;
    const FieldErrorMarker &fieldErrors() const { return m_fieldErrors; }
    // Something was saved: the list must be read again.
    bool changed() const { return m_changed; }

    const Product &product() const { return m_product; }
    QTabWidget *tabs() const { return m_tabs; }
    VariantTableModel *variantModel() const { return m_variants; }
    QTableView *variantView() const { return m_variantView; }
    PrintImagesPanel *printImages() const { return m_printImages; }
    InlineMessage *message() const { return m_message; }

    // Synchronize: fetches the Template Reference and applies it (TemplateSync), showing progress
    // and then "3 variants created, 1 removed" or the error under the field.
    void synchronize();
    bool isSynchronizing() const;
    // Stops a running synchronization; nothing of it is kept.
    void cancelSynchronization();
    QProgressBar *syncProgress() const { return m_syncProgress; }
    QString syncResultText() const;
    // "3 variants created, 1 removed"; "Already up to date" when nothing changed.
    static QString summaryText(const TemplateSyncSummary &summary);

    // Opens the variant editor of the selected variant (modal).
    void configureSelectedVariant();

    // The ids of the variants selected in the Variants tab, in table order.
    QList<qint64> selectedVariantIds() const;
    void selectVariants(const QList<qint64> &variantIds);
    // "Publish on Poleepo" / "Unpublish" for the selected variants through Publishing (as
    // `product set … published --variant`); false when it refused, with the reason shown.
    bool publishSelectedVariants(bool published);
    QPushButton *publishButton() const { return m_publish; }
    QPushButton *unpublishButton() const { return m_unpublish; }
    QPushButton *configureButton() const { return m_configure; }
    // Why the selection cannot be published, shown under the variants ("" when it can be).
    QString publishHint() const;

private:
    QWidget *createGeneralTab();
    QWidget *createGelatoSection();
    QWidget *createVariantsTab();
    void fillFields();

    void syncFinished(const Result<TemplateSyncSummary> &result);
    void setEditable(bool editable);
    void updateVariantButtons();

    Database *m_database;
    GelatoClient *m_gelato;
    FileStore *m_files = nullptr;
    BackgroundTasks *m_tasks = nullptr;
    TemplateSync *m_sync = nullptr;
    qint64 m_productId;
    Product m_product;
    bool m_changed = false;

    InlineMessage *m_message;

    UnsavedChanges *m_unsaved = nullptr;
    FieldErrorMarker m_fieldErrors; // shows ProductEditing's refusals at their fields
    QTabWidget *m_tabs;
    QLineEdit *m_name = nullptr;
    QLineEdit *m_sku = nullptr;
    QLineEdit *m_internalCode = nullptr;
    QLineEdit *m_ean = nullptr;
    QLineEdit *m_category = nullptr;
    QDoubleSpinBox *m_listPrice = nullptr;
    QDoubleSpinBox *m_vatRate = nullptr;
    QSpinBox *m_quantity = nullptr;
    QDoubleSpinBox *m_weight = nullptr;
    QLineEdit *m_shortDescription = nullptr;
    DescriptionEdit *m_longDescription = nullptr;
    QLineEdit *m_templateReference = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_synchronize = nullptr;
    QPushButton *m_cancelSync = nullptr;
    QProgressBar *m_syncProgress = nullptr;
    QLabel *m_syncResult = nullptr;
    VariantTableModel *m_variants;
    QTableView *m_variantView = nullptr;
    QPushButton *m_configure = nullptr;
    QPushButton *m_publish = nullptr;
    QPushButton *m_unpublish = nullptr;
    QLabel *m_publishHint = nullptr;
    PrintImagesPanel *m_printImages;
};

} // namespace Bottega
