// PagedTableModel: the paging every SQL-backed list shares (products, orders): refresh() reads the
// count and the first page, later pages arrive through canFetchMore()/fetchMore() as the view
// scrolls; filters and sort live in the repository's Query, whose limit and offset are the model's.
// A template cannot declare signals, so read errors go to readFailed(), which the subclass turns
// into its errorOccurred() signal.
#pragma once

#include "core/domain/Result.h"
#include "core/store/Database.h"

#include <QAbstractTableModel>
#include <QList>
#include <algorithm>

namespace Bottega {

// Repository: constructed from a Database, with list(Query) → Result<QList<Row>> and
// count(Query) → Result<qint64>; Query has limit and offset. Row has an `id`.
template<typename Repository, typename Row> class PagedTableModel : public QAbstractTableModel
{
public:
    using Query = typename Repository::Query;

    int rowCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(m_rows.size());
    }

    bool canFetchMore(const QModelIndex &parent) const override
    {
        return !parent.isValid() && m_rows.size() < m_total;
    }

    void fetchMore(const QModelIndex &parent) override
    {
        // Views and testers may ask again from inside rowsAboutToBeInserted: that page is on its way.
        if (!canFetchMore(parent) || !m_database || m_fetching)
            return;
        Query page = m_query;
        page.limit = m_pageSize;
        page.offset = int(m_rows.size());
        auto rows = Repository(*m_database).list(page);
        if (!rows) {
            // Stop asking: the view would call again at once and repeat the error.
            m_total = m_rows.size();
            readFailed(rows.error());
            return;
        }
        if (rows.value().isEmpty()) {
            m_total = m_rows.size(); // rows went away since the count
            return;
        }
        m_fetching = true;
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows.value().size() - 1));
        m_rows.append(rows.value());
        endInsertRows();
        m_fetching = false;
    }

    // Filters and search (limit and offset are the model's own); reloads from the first page.
    void setQuery(const Query &query)
    {
        m_query = query;
        refresh();
    }
    Query query() const { return m_query; }

    // Sorts in SQL. The same order asked again (a view sorts once when sorting is enabled and again
    // for its indicator) reads nothing. A template: not every Query can be sorted (batches).
    template<typename Sort> void setSort(Sort sort, bool descending)
    {
        if (m_query.sort == sort && m_query.descending == descending)
            return;
        m_query.sort = sort;
        m_query.descending = descending;
        refresh();
    }

    // Reads the count and the first page again (after an edit, an import, a sync).
    void refresh()
    {
        // The count and the first page inside the reset: a view only asks for more once it has
        // shown something, and rows inserted while a reset is being announced would confuse it.
        beginResetModel();
        m_rows.clear();
        m_total = 0;
        QString error;
        if (m_database) {
            Repository repository(*m_database);
            Query page = m_query;
            page.limit = m_pageSize;
            page.offset = 0;
            auto count = repository.count(m_query);
            auto rows = count ? repository.list(page) : Result<QList<Row>>(makeError(count.error()));
            if (rows) {
                m_rows = rows.value();
                m_total = std::max<qint64>(count.value(), m_rows.size());
            } else {
                error = rows.error();
            }
        }
        endResetModel();
        if (!error.isEmpty())
            readFailed(error);
    }

    void setPageSize(int rows) { m_pageSize = std::max(1, rows); }
    int pageSize() const { return m_pageSize; }
    qint64 totalCount() const { return m_total; } // matching rows, loaded or not

    // The loaded row with this id; -1 if not loaded.
    int rowOf(qint64 id) const
    {
        for (int row = 0; row < m_rows.size(); ++row)
            if (m_rows.at(row).id == id)
                return row;
        return -1;
    }

protected:
    // The database is not owned; null gives an empty table. Subclasses call refresh() once built.
    PagedTableModel(Database *database, QObject *parent) : QAbstractTableModel(parent), m_database(database)
    {
    }

    virtual void readFailed(const QString &message) = 0;

    Row rowAt(int row) const { return row >= 0 && row < m_rows.size() ? m_rows.at(row) : Row {}; }

    Database *m_database;
    Query m_query;
    QList<Row> m_rows;

private:
    qint64 m_total = 0;
    int m_pageSize = 200;
    bool m_fetching = false;
};

} // namespace Bottega
