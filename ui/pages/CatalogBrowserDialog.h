// CatalogBrowserDialog: Gelato's product catalogs (PROD-7) as Gelato answers them: the catalogs,
// and the attributes and values that define one catalog's products, with a filter over them. Calls
// go through GelatoClient, asynchronously; a busy bar runs meanwhile and errors are shown inline.
#pragma once

#include "core/domain/Result.h"
#include "core/gelato/GelatoCatalog.h"

#include <QDialog>

class QLineEdit;
class QListWidget;
class QProgressBar;
class QTreeWidget;

namespace Bottega {

class GelatoClient;
class InlineMessage;

class CatalogBrowserDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(CatalogBrowserDialog)

public:
    // The client is not owned and must outlive the dialog; null shows that Gelato is not set up.
    explicit CatalogBrowserDialog(GelatoClient *gelato, QWidget *parent = nullptr);
    ~CatalogBrowserDialog() override;

    // Reads the catalogs again; the first one's details follow.
    void refresh();
    void showCatalog(const QString &catalogUid);
    bool isBusy() const { return m_pending > 0; }

    QListWidget *catalogList() const { return m_catalogs; }
    QTreeWidget *attributeTree() const { return m_attributes; }
    InlineMessage *message() const { return m_message; }
    // Shows only attributes and values whose uid or title contain the text.
    void setFilterText(const QString &text);

private:
    void setBusy(bool busy);
    void applyFilter();

    GelatoClient *m_gelato;
    int m_pending = 0;
    InlineMessage *m_message;
    QProgressBar *m_busy;
    QListWidget *m_catalogs;
    QLineEdit *m_filter;
    QTreeWidget *m_attributes;
};

} // namespace Bottega
