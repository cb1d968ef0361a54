// WebhookRecordDialog: adds or edits one Poleepo webhook record (CONF-4): its name (part of the URL,
// no spaces), its secret (written to the secret store as poleepo.webhook-secret.<name>, never
// shown) and its events; once saved it shows the full URL to paste into Poleepo, with Copy.
#pragma once

#include "core/domain/WebhookRecord.h"

#include <QDialog>
#include <QUrl>
#include <optional>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace Bottega {

class CopyableValue;
class Database;
class InlineMessage;
class SecretStore;

class WebhookRecordDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookRecordDialog)

public:
    // existing: the record to edit (its name stays); none: a new one. Neither pointer is owned.
    WebhookRecordDialog(Database *database, SecretStore *secrets, const QUrl &publicUrl,
                        const std::optional<WebhookRecord> &existing, QWidget *parent = nullptr);
    ~WebhookRecordDialog() override;

    // "<public>/poleepo/webhook/<name>"; invalid when the public URL is not usable.
    static QUrl webhookUrlFor(const QUrl &publicUrl, const QString &name);
    static bool isValidName(const QString &name);

    // Validates, stores the record, then writes the secret (when one was typed); saved() or an
    // error in the dialog follows.
    void save();
    QString url() const;
    bool isSaved() const { return m_saved; }

Q_SIGNALS:
    void saved(const QString &name);

private:
    void finishSave(const QString &name);
    void setBusy(bool busy);

    Database *m_database;
    SecretStore *m_secrets;
    QUrl m_publicUrl;
    std::optional<WebhookRecord> m_existing;
    QLineEdit *m_name;
    QLineEdit *m_secret;
    QCheckBox *m_statusOrder;
    QCheckBox *m_statusShipment;
    QCheckBox *m_active;
    InlineMessage *m_message;
    QLabel *m_urlLabel;
    CopyableValue *m_url;
    QPushButton *m_saveButton;
    QPushButton *m_closeButton;
    bool m_saved = false;
};

} // namespace Bottega
