// ApiLogTableModel: the API log as a table (LOG-2), newest first, filtered and paged by key in SQL
// (ApiLogRepository::listSummaries, never OFFSET). It holds a window of at most maxRows rows of a
// log that may have millions: scrolling down reads older pages (fetchMore), scrolling back up
// newer ones (fetchNewer), and showOldest() jumps to the end without reading what lies between.
// Headers and bodies are read only for the row shown in detail. Lives on the window's thread.
#pragma once

#include "core/domain/ApiLogEntry.h"
#include "core/store/ApiLogRepository.h"

#include <QAbstractTableModel>
#include <QList>

namespace Bottega {

class Database;

class ApiLogTableModel final : public QAbstractTableModel
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ApiLogTableModel)

public:
    enum Column {
        TimeColumn,
        DirectionColumn,
        ServiceColumn,
        MethodColumn,
        EndpointColumn,
        StatusColumn,
        DurationColumn,
        SizeColumn,
        ErrorColumn
    };
    static constexpr int ColumnCount = ErrorColumn + 1;

    enum Role {
        RawRole = Qt::UserRole, // the typed value of the cell
        IdRole, // the row's id, in every column
    };

    // The database is not owned; null gives an empty table.
    explicit ApiLogTableModel(Database *database, QObject *parent = nullptr);
    ~ApiLogTableModel() override;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    bool canFetchMore(const QModelIndex &parent) const override; // older rows
    void fetchMore(const QModelIndex &parent) override;

    // The filters (limit and key are the model's own); shows the newest matching rows.
    void setFilter(const ApiLogRepository::Query &filter);
    ApiLogRepository::Query filter() const { return m_filter; }
    void showNewest();
    // The end of the log: the oldest matching rows, without reading the ones between.
    void showOldest();
    bool hasNewer() const { return m_newerLeft; }
    bool hasOlder() const { return m_olderLeft; }
    // Reads the page of rows just newer than the first one held and puts it on top; returns how
    // many rows came.
    int fetchNewer();

    void setPageSize(int rows);
    void setMaxRows(int rows); // the window held; older or newer rows beyond it are let go
    int pageSize() const { return m_pageSize; }

    ApiLogEntry entryAt(int row) const; // without headers and bodies
    int rowOf(qint64 id) const; // -1 if not held

Q_SIGNALS:
    void errorOccurred(const QString &message);

private:
    Result<QList<ApiLogEntry>> readPage(const std::optional<ApiLogRepository::Key> &after, bool oldestFirst);
    void trimTop();
    void trimBottom();

    Database *m_database;
    ApiLogRepository::Query m_filter;
    QList<ApiLogEntry> m_rows;
    int m_pageSize = 200;
    int m_maxRows = 5000;
    bool m_olderLeft = false;
    bool m_newerLeft = false;
    bool m_fetching = false;
};

} // namespace Bottega
