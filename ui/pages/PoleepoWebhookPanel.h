// PoleepoWebhookPanel: the Poleepo webhook records in Settings (CONF-4): each record's name, events
// and full URL to paste into Poleepo, with Copy; Add, Edit and Remove through WebhookRecordDialog.
#pragma once

#include "core/domain/WebhookRecord.h"

#include <QGroupBox>
#include <QList>
#include <QUrl>

class QPushButton;
class QTableWidget;

namespace Bottega {

class CopyableValue;
class Database;
class InlineMessage;
class SecretStore;
class WebhookRecordDialog;

class PoleepoWebhookPanel final : public QGroupBox
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(PoleepoWebhookPanel)

public:
    // Neither pointer is owned; without a database the panel says records are unavailable.
    PoleepoWebhookPanel(Database *database, SecretStore *secrets, QWidget *parent = nullptr);
    ~PoleepoWebhookPanel() override;

    void setPublicUrl(const QUrl &publicUrl);
    // Reads the records again.
    void reload();
    QList<WebhookRecord> records() const { return m_records; }
    // The URL shown for each record, in the table's order.
    QStringList urls() const;

    // Opens the dialog (window-modal, not blocking) for a new record or the selected one.
    WebhookRecordDialog *addRecord();
    WebhookRecordDialog *editSelected();
    // Asks (Confirm), then removes the selected record and its secret.
    void removeSelected();

private:
    WebhookRecordDialog *openDialog(const std::optional<WebhookRecord> &record);
    void updateSelection();

    Database *m_database;
    SecretStore *m_secrets;
    QUrl m_publicUrl;
    QList<WebhookRecord> m_records;
    QTableWidget *m_table;
    CopyableValue *m_selectedUrl;
    InlineMessage *m_message;
    QPushButton *m_add;
    QPushButton *m_edit;
    QPushButton *m_remove;
};

} // namespace Bottega
