#include "ui/pages/CatalogBrowserDialog.h"

#include "core/gelato/GelatoClient.h"
#include "ui/widgets/InlineMessage.h"

#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QProgressBar>
#include <QSplitter>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Bottega {

CatalogBrowserDialog::CatalogBrowserDialog(GelatoClient *gelato, QWidget *parent)
    : QDialog(parent), m_gelato(gelato), m_message(new InlineMessage(this)), m_busy(new QProgressBar(this)),
      m_catalogs(new QListWidget(this)), m_filter(new QLineEdit(this)), m_attributes(new QTreeWidget(this))
{
    setObjectName(u"catalogBrowser"_s);
    setWindowTitle(tr("Gelato catalog"));
    m_message->setCloseButtonVisible(true);
    m_busy->setObjectName(u"catalogBusy"_s);
    m_busy->setRange(0, 0); // indeterminate: Gelato does not say how long it takes
    m_busy->setMaximumHeight(6);
    m_busy->setTextVisible(false);
    m_busy->setVisible(false);
    m_catalogs->setObjectName(u"catalogList"_s);
    m_filter->setObjectName(u"attributeFilter"_s);
    m_filter->setPlaceholderText(tr("Filter attributes and values…"));
    m_filter->setClearButtonEnabled(true);
    m_attributes->setObjectName(u"attributeTree"_s);
    m_attributes->setHeaderLabels({tr("Attribute / value"), tr("Gelato UID")});
    m_attributes->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    m_attributes->header()->setStretchLastSection(false);
    m_attributes->header()->resizeSection(1, 220);

    auto *left = new QWidget(this);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    leftLayout->addWidget(new QLabel(tr("Catalogs"), left));
    leftLayout->addWidget(m_catalogs, 1);
    auto *right = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_filter);
    rightLayout->addWidget(m_attributes, 1);
    auto *splitter = new QSplitter(this);
    splitter->addWidget(left);
    splitter->addWidget(right);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({260, 740});

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_message);
    layout->addWidget(m_busy);
    layout->addWidget(splitter, 1);
    layout->addWidget(buttons);

    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_filter, &QLineEdit::textChanged, this, &CatalogBrowserDialog::applyFilter);
    connect(m_catalogs, &QListWidget::currentItemChanged, this, [this](QListWidgetItem *current) {
        if (current)
            showCatalog(current->data(Qt::UserRole).toString());
    });
    resize(1000, 640);
    if (!m_gelato)
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("Gelato is not set up: enter its API key on the Settings page."));
    else
        refresh();
}

CatalogBrowserDialog::~CatalogBrowserDialog() = default;

void CatalogBrowserDialog::setBusy(bool busy)
{
    m_pending += busy ? 1 : -1;
    m_busy->setVisible(m_pending > 0);
}

void CatalogBrowserDialog::refresh()
{
    if (!m_gelato)
        return;
    setBusy(true);
    m_gelato->listCatalogs(this, [this](const Result<QList<GelatoCatalog>> &catalogs) {
        setBusy(false);
        if (!catalogs) {
            m_message->showMessage(InlineMessage::Type::Error, catalogs.error());
            return;
        }
        m_message->clearMessage();
        m_catalogs->clear();
        for (const GelatoCatalog &catalog : catalogs.value()) {
            auto *item
                    = new QListWidgetItem(catalog.title.isEmpty() ? catalog.uid : catalog.title, m_catalogs);
            item->setData(Qt::UserRole, catalog.uid);
            item->setToolTip(catalog.uid);
        }
        if (m_catalogs->count() > 0)
            m_catalogs->setCurrentRow(0);
    });
}

void CatalogBrowserDialog::showCatalog(const QString &catalogUid)
{
    if (!m_gelato)
        return;
    setBusy(true);
    m_gelato->getCatalog(catalogUid, this, [this, catalogUid](const Result<GelatoCatalog> &catalog) {
        setBusy(false);
        // An answer for a catalog no longer selected is old news.
        if (!m_catalogs->currentItem()
            || m_catalogs->currentItem()->data(Qt::UserRole).toString() != catalogUid)
            return;
        m_attributes->clear();
        if (!catalog) {
            m_message->showMessage(InlineMessage::Type::Error, catalog.error());
            return;
        }
        m_message->clearMessage();
        for (const GelatoCatalogAttribute &attribute : catalog.value().attributes) {
            auto *parent = new QTreeWidgetItem(m_attributes, {attribute.title, attribute.uid});
            for (const GelatoCatalogAttributeValue &value : attribute.values)
                new QTreeWidgetItem(parent, {value.title, value.uid});
        }
        m_attributes->expandAll();
        applyFilter();
    });
}

void CatalogBrowserDialog::setFilterText(const QString &text)
{
    m_filter->setText(text);
    applyFilter();
}

void CatalogBrowserDialog::applyFilter()
{
    const QString text = m_filter->text().trimmed();
    const auto matches = [&text](const QTreeWidgetItem *item) {
        return text.isEmpty() || item->text(0).contains(text, Qt::CaseInsensitive)
                || item->text(1).contains(text, Qt::CaseInsensitive);
    };
    for (int row = 0; row < m_attributes->topLevelItemCount(); ++row) {
        QTreeWidgetItem *attribute = m_attributes->topLevelItem(row);
        const bool attributeMatches = matches(attribute);
        bool anyValue = false;
        for (int child = 0; child < attribute->childCount(); ++child) {
            const bool shown = attributeMatches || matches(attribute->child(child));
            attribute->child(child)->setHidden(!shown);
            anyValue = anyValue || shown;
        }
        attribute->setHidden(!attributeMatches && !anyValue);
    }
}

} // namespace Bottega
