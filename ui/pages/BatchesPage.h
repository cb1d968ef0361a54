// BatchesPage: the product batches sent to Poleepo (BATCH-4): newest first with state, counts and
// times, paged in SQL; a filter for the batches with errors; the entries of the selected batch with
// their outcome and Poleepo's code and message; "Resubmit failed items" (BatchGeneration::resubmit).
// It counts the batches with errors for the sidebar.
#pragma once

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QPushButton;
class QTableView;
class QTimer;

namespace Bottega {

class BatchGeneration;
class BatchItemTableModel;
class BatchTableModel;
class Database;
class InlineMessage;

class BatchesPage final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(BatchesPage)

public:
    // Neither is owned; without a database the page says the batches are unavailable, without
    // batch generation it cannot resubmit.
    explicit BatchesPage(Database *database, BatchGeneration *generation, QWidget *parent = nullptr);
    ~BatchesPage() override;

    BatchTableModel *model() const { return m_model; }
    BatchItemTableModel *itemModel() const { return m_items; }
    // Batches with failed items not sent again; -1 until counted.
    int errorBatchCount() const { return m_errorCount; }

    // Reads the batches, the selected batch's items and the error count again.
    void refresh();
    void setErrorsOnly(bool errorsOnly);
    // The batches in one state (empty: any), only those with errors if asked (the dashboard's bars).
    void showBatches(const QString &status, bool errorsOnly);
    // Selects the batch with this id if it is loaded; false if not.
    bool selectBatch(qint64 id);
    qint64 selectedBatchId() const;
    // BatchGeneration::resubmit of the selected batch; the outcome is shown in the page's banner.
    void resubmitSelected();

Q_SIGNALS:
    void errorBatchCountChanged(int count);
    // A resubmission answered (for tests): the new batch's id, or 0 with the error in the banner.
    void resubmitFinished(qint64 newBatchId);

private:
    void showSelectedBatch();
    // Counts the batches with errors; when the count changed, reloadWhenChanged reads the list again.
    void updateErrorCount(bool reloadWhenChanged);
    // Reads the list again, keeping the selected batch selected.
    void reloadBatches();

    Database *m_database;
    BatchGeneration *m_generation;
    BatchTableModel *m_model;
    BatchItemTableModel *m_items;
    QComboBox *m_state;
    QCheckBox *m_errorsOnly;
    QLabel *m_summary;
    QPushButton *m_refresh;
    QPushButton *m_resubmit;
    QTableView *m_table;
    QTableView *m_itemTable;
    QLabel *m_itemsTitle;
    InlineMessage *m_message;
    QTimer *m_timer;
    int m_errorCount = -1;
    bool m_resubmitting = false;
};

} // namespace Bottega
