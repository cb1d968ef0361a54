#include "ui/pages/PoleepoWebhookPanel.h"

#include "core/secrets/SecretNames.h"
#include "core/secrets/SecretStore.h"
#include "core/store/WebhookRecordRepository.h"
#include "ui/pages/WebhookRecordDialog.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/CopyableValue.h"
#include "ui/widgets/InlineMessage.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

PoleepoWebhookPanel::PoleepoWebhookPanel(Database *database, SecretStore *secrets, QWidget *parent)
    : QGroupBox(tr("Poleepo webhooks"), parent), m_database(database), m_secrets(secrets),
      m_table(new QTableWidget(0, 3, this)), m_selectedUrl(new CopyableValue({}, this)),
      m_message(new InlineMessage(this)), m_add(new QPushButton(tr("Add…"), this)),
      m_edit(new QPushButton(tr("Edit…"), this)), m_remove(new QPushButton(tr("Remove"), this))
{
    setObjectName(u"poleepoWebhookPanel"_s);
    m_table->setObjectName(u"recordTable"_s);
    m_selectedUrl->setObjectName(u"selectedRecordUrl"_s);
    m_add->setObjectName(u"addRecord"_s);
    m_edit->setObjectName(u"editRecord"_s);
    m_remove->setObjectName(u"removeRecord"_s);

    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Events"), tr("URL")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setWordWrap(false);
    m_table->setMinimumHeight(110);

    auto *intro = new QLabel(tr("One record per Poleepo webhook: Poleepo calls its URL and signs each call "
                                "with the record's secret key."),
                             this);
    intro->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table);
    layout->addWidget(m_selectedUrl);
    layout->addLayout(buttons);
    layout->addWidget(m_message);

    connect(m_add, &QPushButton::clicked, this, [this] { addRecord(); });
    connect(m_edit, &QPushButton::clicked, this, [this] { editSelected(); });
    connect(m_remove, &QPushButton::clicked, this, &PoleepoWebhookPanel::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &PoleepoWebhookPanel::updateSelection);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this] { editSelected(); });
    if (!m_database) {
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("Webhook records are unavailable: no database."));
        m_add->setEnabled(false);
    }
    reload();
}

PoleepoWebhookPanel::~PoleepoWebhookPanel() = default;

void PoleepoWebhookPanel::setPublicUrl(const QUrl &publicUrl)
{
    m_publicUrl = publicUrl;
    reload();
}

QStringList PoleepoWebhookPanel::urls() const
{
    QStringList urls;
    for (int row = 0; row < m_table->rowCount(); ++row)
        urls.append(m_table->item(row, 2)->text());
    return urls;
}

void PoleepoWebhookPanel::reload()
{
    const QString selected = m_table->currentRow() >= 0 && m_table->currentRow() < m_records.size()
            ? m_records.at(m_table->currentRow()).name
            : QString();
    m_records.clear();
    if (m_database) {
        const auto all = WebhookRecordRepository(*m_database).list();
        if (!all)
            m_message->showMessage(InlineMessage::Type::Error, all.error());
        else
            m_records = *all;
    }
    m_table->setRowCount(int(m_records.size()));
    for (int row = 0; row < m_records.size(); ++row) {
        const WebhookRecord &record = m_records.at(row);
        const QUrl url = WebhookRecordDialog::webhookUrlFor(m_publicUrl, record.name);
        QString name = record.name;
        if (!record.active)
            name += u' ' + tr("(inactive)");
        m_table->setItem(row, 0, new QTableWidgetItem(name));
        m_table->setItem(row, 1, new QTableWidgetItem(record.events.join(u", "_s)));
        m_table->setItem(row, 2, new QTableWidgetItem(url.toString()));
        if (record.name == selected)
            m_table->selectRow(row);
    }
    updateSelection();
}

void PoleepoWebhookPanel::updateSelection()
{
    const int row = m_table->currentRow();
    const bool selected = !m_table->selectedItems().isEmpty() && row >= 0 && row < m_records.size();
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
    m_selectedUrl->setVisible(selected);
    m_selectedUrl->setValue(selected ? m_table->item(row, 2)->text() : QString());
}

WebhookRecordDialog *PoleepoWebhookPanel::openDialog(const std::optional<WebhookRecord> &record)
{
    if (!m_database)
        return nullptr;
    auto *dialog = new WebhookRecordDialog(m_database, m_secrets, m_publicUrl, record, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &WebhookRecordDialog::saved, this, [this](const QString &name) {
        reload();
        m_message->showMessage(InlineMessage::Type::Positive, tr("Poleepo webhook %1 saved.").arg(name));
    });
    dialog->open();
    return dialog;
}

WebhookRecordDialog *PoleepoWebhookPanel::addRecord()
{
    return openDialog(std::nullopt);
}

WebhookRecordDialog *PoleepoWebhookPanel::editSelected()
{
    const int row = m_table->currentRow();
    if (row < 0 || row >= m_records.size())
        return nullptr;
    return openDialog(m_records.at(row));
}

void PoleepoWebhookPanel::removeSelected()
{
    const int row = m_table->currentRow();
    if (!m_database || row < 0 || row >= m_records.size())
        return;
    const WebhookRecord record = m_records.at(row);
    if (!Confirm::ask(
                this, tr("Remove Poleepo webhook"),
                tr("Remove the webhook %1? Poleepo's calls to its URL will be refused.").arg(record.name)))
        return;
    if (auto r = WebhookRecordRepository(*m_database).remove(record.id); !r) {
        m_message->showMessage(InlineMessage::Type::Error, r.error());
        return;
    }
    // The secret goes too: it would only wait for a record of the same name.
    if (m_secrets && m_secrets->isWritable())
        m_secrets->remove(SecretNames::poleepoWebhookSecret(record.name), [](const Result<void> &) {});
    m_message->showMessage(InlineMessage::Type::Positive, tr("Poleepo webhook %1 removed.").arg(record.name));
    reload();
}

} // namespace Bottega
