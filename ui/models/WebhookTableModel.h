// WebhookTableModel: the webhook queue as a table (HOOK-5), filtered and paged in SQL: the first
// page is read on refresh, the next ones as the view scrolls (fetchMore). Display text is for
// people; RawRole carries the typed value so that sorting never parses display text.
#pragma once

#include "core/domain/WebhookQueueItem.h"
#include "core/store/WebhookQueueRepository.h"
#include "ui/widgets/StateBadgeDelegate.h"

#include <QAbstractTableModel>
#include <QList>

namespace Bottega {

class Database;

class WebhookTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(WebhookTableModel)

public:
    enum Column {
        IdColumn,
        ReceivedColumn,
        SourceColumn,
        EventColumn,
        EventIdColumn,
        StateColumn,
        AttemptsColumn,
        NoteColumn
    };
    static constexpr int ColumnCount = NoteColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell
        IdRole, // the row's queue id, in every column
    };

    // The database is not owned; null gives an empty table.
    explicit WebhookTableModel(Database *database, QObject *parent = nullptr);
    ~WebhookTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    // A queue state in the reader's language ("Done": "Completato").
    static QString stateDisplayName(WebhookQueueItem::State state);
    // The badge colour of the state cell at index (StateBadgeDelegate).
    static StateBadgeDelegate::Tone stateTone(const QModelIndex &index);
    bool canFetchMore(const QModelIndex &parent) const override;
    void fetchMore(const QModelIndex &parent) override;

    // The filter (limit and offset are the model's own); reads the first page again.
    void setFilter(const WebhookQueueRepository::Query &filter);
    void refresh();
    void setPageSize(int rows);

    WebhookQueueItem itemAt(int row) const;

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    QList<WebhookQueueItem> readPage(int offset);

    Database *m_database;
    WebhookQueueRepository::Query m_filter;
    QList<WebhookQueueItem> m_items;
    int m_pageSize = 200;
    bool m_more = false;
};

} // namespace Bottega
