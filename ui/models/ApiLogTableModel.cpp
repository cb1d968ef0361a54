#include "ui/models/ApiLogTableModel.h"

#include "core/store/Database.h"
#include "ui/DisplayFormat.h"
#include "ui/models/ApiLogText.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

ApiLogTableModel::ApiLogTableModel(Database *database, QObject *parent)
    : QAbstractTableModel(parent), m_database(database)
{
}

ApiLogTableModel::~ApiLogTableModel() = default;

int ApiLogTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ApiLogTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ApiLogTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size())
        return {};
    const ApiLogEntry &entry = m_rows.at(index.row());
    if (role == IdRole)
        return entry.id;
    if (role == RawRole) {
        switch (Column(index.column())) {
        case TimeColumn:
            return entry.time;
        case DirectionColumn:
            return int(entry.direction);
        case ServiceColumn:
            return entry.service;
        case MethodColumn:
            return QString::fromLatin1(entry.method);
        case EndpointColumn:
            return entry.url;
        case StatusColumn:
            return entry.status;
        case DurationColumn:
            return entry.durationMs;
        case SizeColumn:
            return entry.requestSize + entry.responseSize;
        case ErrorColumn:
            return entry.error;
        }
        return {};
    }
    if (role == Qt::ToolTipRole && (index.column() == EndpointColumn || index.column() == ErrorColumn))
        return index.column() == EndpointColumn ? entry.url : entry.error;
    if (role == Qt::TextAlignmentRole && (index.column() == DurationColumn || index.column() == SizeColumn))
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole)
        return {};
    switch (Column(index.column())) {
    // Seconds matter in a log (a retry, a burst), so not the short locale format.
    case TimeColumn:
        return DisplayFormat::dateTimeWithSeconds(entry.time);
    case DirectionColumn:
        return ApiLogText::direction(entry.direction);
    case ServiceColumn:
        return ApiLogText::serviceName(entry.service); // as the service filter names it
    case MethodColumn:
        return QString::fromLatin1(entry.method);
    case EndpointColumn:
        return entry.url;
    case StatusColumn:
        return ApiLogText::status(entry.status);
    case DurationColumn:
        return tr("%1 ms").arg(entry.durationMs);
    case SizeColumn:
        return tr("%1 / %2").arg(ApiLogText::shortSize(entry.requestSize),
                                 ApiLogText::shortSize(entry.responseSize));
    case ErrorColumn:
        return entry.error.section(u'\n', 0, 0);
    }
    return {};
}

QVariant ApiLogTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (Column(section)) {
    case TimeColumn:
        return tr("Time");
    case DirectionColumn:
        return tr("Direction");
    case ServiceColumn:
        return tr("Service");
    case MethodColumn:
        return tr("Method");
    case EndpointColumn:
        return tr("Endpoint");
    case StatusColumn:
        return tr("Status");
    case DurationColumn:
        return tr("Duration");
    case SizeColumn:
        return tr("Sent / received");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

Result<QList<ApiLogEntry>> ApiLogTableModel::readPage(const std::optional<ApiLogRepository::Key> &after,
                                                      bool oldestFirst)
{
    if (!m_database)
        return QList<ApiLogEntry>();
    ApiLogRepository::Query page = m_filter;
    page.limit = m_pageSize;
    page.after = after;
    page.oldestFirst = oldestFirst;
    auto rows = ApiLogRepository(*m_database).listSummaries(page);
    if (rows && oldestFirst)
        std::reverse(rows->begin(), rows->end()); // the table is newest first
    return rows;
}

void ApiLogTableModel::setFilter(const ApiLogRepository::Query &filter)
{
    m_filter = filter;
    showNewest();
}

void ApiLogTableModel::showNewest()
{
    auto rows = readPage(std::nullopt, false);
    beginResetModel();
    m_rows = rows ? *rows : QList<ApiLogEntry>();
    m_olderLeft = rows && rows->size() == m_pageSize;
    m_newerLeft = false;
    endResetModel();
    if (!rows)
        Q_EMIT errorOccurred(rows.error());
}

void ApiLogTableModel::showOldest()
{
    auto rows = readPage(std::nullopt, true);
    beginResetModel();
    m_rows = rows ? *rows : QList<ApiLogEntry>();
    m_olderLeft = false;
    m_newerLeft = rows && rows->size() == m_pageSize;
    endResetModel();
    if (!rows)
        Q_EMIT errorOccurred(rows.error());
}

bool ApiLogTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_olderLeft;
}

void ApiLogTableModel::fetchMore(const QModelIndex &parent)
{
    // Views may ask again from inside rowsAboutToBeInserted: that page is on its way.
    if (!canFetchMore(parent) || m_fetching || m_rows.isEmpty())
        return;
    auto rows = readPage(ApiLogRepository::Key::of(m_rows.constLast()), false);
    if (!rows) {
        m_olderLeft = false; // the view would ask again at once and repeat the error
        Q_EMIT errorOccurred(rows.error());
        return;
    }
    m_olderLeft = rows->size() == m_pageSize;
    if (rows->isEmpty())
        return;
    m_fetching = true;
    beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + rows->size() - 1));
    m_rows.append(*rows);
    endInsertRows();
    m_fetching = false;
    trimTop();
}

int ApiLogTableModel::fetchNewer()
{
    if (!m_newerLeft || m_fetching || m_rows.isEmpty())
        return 0;
    auto rows = readPage(ApiLogRepository::Key::of(m_rows.constFirst()), true);
    if (!rows) {
        m_newerLeft = false;
        Q_EMIT errorOccurred(rows.error());
        return 0;
    }
    m_newerLeft = rows->size() == m_pageSize;
    if (rows->isEmpty())
        return 0;
    m_fetching = true;
    beginInsertRows({}, 0, int(rows->size() - 1));
    m_rows = *rows + m_rows;
    endInsertRows();
    m_fetching = false;
    trimBottom();
    return int(rows->size());
}

void ApiLogTableModel::trimTop()
{
    const int excess = int(m_rows.size()) - m_maxRows;
    if (excess <= 0)
        return;
    beginRemoveRows({}, 0, excess - 1);
    m_rows.remove(0, excess);
    endRemoveRows();
    m_newerLeft = true;
}

void ApiLogTableModel::trimBottom()
{
    const int excess = int(m_rows.size()) - m_maxRows;
    if (excess <= 0)
        return;
    beginRemoveRows({}, int(m_rows.size()) - excess, int(m_rows.size()) - 1);
    m_rows.resize(m_rows.size() - excess);
    endRemoveRows();
    m_olderLeft = true;
}

void ApiLogTableModel::setPageSize(int rows)
{
    m_pageSize = std::max(1, rows);
    m_maxRows = std::max(m_maxRows, 2 * m_pageSize);
}

void ApiLogTableModel::setMaxRows(int rows)
{
    m_maxRows = std::max(rows, 2 * m_pageSize);
}

ApiLogEntry ApiLogTableModel::entryAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : ApiLogEntry {};
}

int ApiLogTableModel::rowOf(qint64 id) const
{
    for (int row = 0; row < m_rows.size(); ++row)
        if (m_rows.at(row).id == id)
            return row;
    return -1;
}

} // namespace Bottega
