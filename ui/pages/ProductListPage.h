// ProductListPage: the Products page (PROD-1): every product, searched by name or SKU, filtered
// (linked to Gelato, print images missing, on Poleepo, needs update) and sorted in SQL; a double
// click opens the product editor; "Publish on Poleepo" / "Unpublish" for whole selected products
// (PROD-5, through Publishing, as `product set ID published`); Publish is disabled, saying why, when
// Publishing would refuse the selection. "New from Gelato template…" stores the
// template on the worker thread through BackgroundTasks when the window hands them over, with its
// progress and a Cancel here and in the status bar.
#pragma once

#include <QModelIndexList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QTableView;
class QTimer;

namespace Bottega {

class BackgroundTasks;
class CatalogBrowsing;
class Database;
class FileStore;
class GelatoClient;
class InlineMessage;
class ProductTableModel;
class TemplateSync;

class ProductListPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ProductListPage)

public:
    enum class Filter { All, LinkedToGelato, PrintImagesMissing, PublishedOnPoleepo, NeedsUpdate };
    Q_ENUM(Filter)

    // Neither is owned; a null database shows that products are unavailable, a null Gelato client
    // disables what needs Gelato. The client is only handed to the TemplateSync use case.
    explicit ProductListPage(Database *database, GelatoClient *gelato = nullptr, QWidget *parent = nullptr);
    ~ProductListPage() override;

    ProductTableModel *model() const { return m_model; }
    // Handed to the product editor for print images from local files.
    void setFileStore(FileStore *files) { m_files = files; }
    // Template syncs (here and in the product editor) then store on the worker thread, with progress
    // (not owned; null: on this thread).
    void setTasks(BackgroundTasks *tasks);
    // What "Gelato catalog…" browses (not owned); null disables that button.
    void setCatalogBrowsing(CatalogBrowsing *catalog);
    QTableView *view() const { return m_view; }
    // Applies the search text and filter now (typing waits a moment before it asks the database).
    void applySearch();
    void setFilter(Filter filter);

    // Opens the editor of a product, modal; refreshes the list when it was saved.
    void openEditor(qint64 productId);

    // "New from Gelato template…": asks for the Template Reference, synchronizes it into a new (or
    // the already linked) product and opens its editor.
    void newFromTemplate();
    void createFromTemplate(const QString &templateId);
    bool isSynchronizing() const;
    // Stops a running "New from Gelato template…"; nothing of it is kept.
    void cancelSync();
    QProgressBar *syncProgress() const { return m_syncProgress; }
    QLabel *syncStatus() const { return m_syncStatus; }
    // Opens the Gelato catalog browser (PROD-7), modal.
    void openCatalog();

    // The ids of the selected products, in table order.
    QList<qint64> selectedProductIds() const;
    // Publishes (or unpublishes) the selected products with all their variants through Publishing;
    // false when it refused, with the reason (which products, variants, placements) shown.
    bool publishSelected(bool published);
    QPushButton *publishButton() const { return m_publish; }
    QPushButton *unpublishButton() const { return m_unpublish; }
    InlineMessage *message() const { return m_message; }

Q_SIGNALS:
    // A template was synchronized into this product from "New from Gelato template…".
    void productCreated(qint64 productId);

private:
    void updateCount();
    void updatePublishButtons();
    // Why the selected products cannot be published (Publishing's own check, one line per refused
    // variant or product), "" when they can or when the selection is too large to check here.
    QString publishRefusal(const QModelIndexList &rows) const;

    Database *m_database;
    GelatoClient *m_gelato;
    CatalogBrowsing *m_catalogBrowsing = nullptr;
    FileStore *m_files = nullptr;
    BackgroundTasks *m_tasks = nullptr;
    TemplateSync *m_sync = nullptr; // "New from Gelato template…", created on first use
    ProductTableModel *m_model;
    QLineEdit *m_search;
    QComboBox *m_filter;
    QLabel *m_count;
    QPushButton *m_newFromTemplate;
    QPushButton *m_catalog;
    QPushButton *m_publish;
    QPushButton *m_unpublish;
    QTableView *m_view;
    InlineMessage *m_message;
    QWidget *m_syncRow; // shown while a template sync runs: its step, progress and Cancel
    QLabel *m_syncStatus;
    QProgressBar *m_syncProgress;
    QPushButton *m_cancelSync;
    QTimer *m_searchDelay;
};

} // namespace Bottega
