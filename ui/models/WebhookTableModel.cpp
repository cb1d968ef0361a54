#include "ui/models/WebhookTableModel.h"

#include "core/messages/MessageText.h"
#include "core/store/Database.h"
#include "ui/DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace Bottega {

WebhookTableModel::WebhookTableModel(Database *database, QObject *parent)
    : QAbstractTableModel(parent), m_database(database)
{
}

WebhookTableModel::~WebhookTableModel() = default;

int WebhookTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_items.size());
}

int WebhookTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant WebhookTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case IdColumn:
        return tr("ID");
    case ReceivedColumn:
        return tr("Received");
    case SourceColumn:
        return tr("Source");
    case EventColumn:
        return tr("Event");
    case EventIdColumn:
        return tr("Event ID");
    case StateColumn:
        return tr("State");
    case AttemptsColumn:
        return tr("Attempts");
    case NoteColumn:
        return tr("Error or note");
    }
    return {};
}

QString WebhookTableModel::stateDisplayName(WebhookQueueItem::State state)
{
    switch (state) {
    case WebhookQueueItem::State::Pending:
        return tr("Pending");
    case WebhookQueueItem::State::Processing:
        return tr("Processing");
    case WebhookQueueItem::State::Done:
        return tr("Done");
    case WebhookQueueItem::State::Failed:
        return tr("Failed");
    case WebhookQueueItem::State::Ignored:
        return tr("Ignored");
    }
    return WebhookQueueItem::stateName(state);
}

StateBadgeDelegate::Tone WebhookTableModel::stateTone(const QModelIndex &index)
{
    using Tone = StateBadgeDelegate::Tone;
    switch (WebhookQueueItem::State(index.data(RawRole).toInt())) {
    case WebhookQueueItem::State::Pending:
        return Tone::Information;
    case WebhookQueueItem::State::Processing:
        return Tone::Progress;
    case WebhookQueueItem::State::Done:
        return Tone::Positive;
    case WebhookQueueItem::State::Failed:
        return Tone::Negative;
    case WebhookQueueItem::State::Ignored:
        break;
    }
    return Tone::Neutral;
}

QVariant WebhookTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_items.size())
        return {};
    const WebhookQueueItem &item = m_items.at(index.row());
    if (role == IdRole)
        return item.id;
    if (role != Qt::DisplayRole && role != RawRole && role != Qt::ToolTipRole)
        return {};
    const bool raw = role == RawRole;
    switch (Column(index.column())) {
    case IdColumn:
        return raw ? QVariant(item.id) : QVariant(QString::number(item.id));
    case ReceivedColumn:
        return raw ? QVariant(item.receivedAt)
                   : QVariant(DisplayFormat::dateTime(item.receivedAt));
    case SourceColumn:
        return item.source;
    case EventColumn:
        return item.event;
    case EventIdColumn:
        return item.eventId;
    case StateColumn:
        return raw ? QVariant(int(item.state)) : QVariant(stateDisplayName(item.state));
    case AttemptsColumn:
        return raw ? QVariant(item.attempts) : QVariant(QString::number(item.attempts));
    case NoteColumn:
        return MessageText::renderStored(item.lastError.isEmpty() ? item.note : item.lastError);
    }
    return {};
}

bool WebhookTableModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_more;
}

void WebhookTableModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent))
        return;
    const QList<WebhookQueueItem> page = readPage(int(m_items.size()));
    if (page.isEmpty())
        return;
    beginInsertRows({}, int(m_items.size()), int(m_items.size() + page.size() - 1));
    m_items.append(page);
    endInsertRows();
}

void WebhookTableModel::setFilter(const WebhookQueueRepository::Query &filter)
{
    m_filter = filter;
    refresh();
}

void WebhookTableModel::setPageSize(int rows)
{
    m_pageSize = qMax(1, rows);
}

void WebhookTableModel::refresh()
{
    // As many rows as the view already showed, so that a periodic refresh does not shrink it.
    const int rows = qMax(m_pageSize, int(m_items.size()));
    const int pageSize = m_pageSize;
    m_pageSize = rows;
    QList<WebhookQueueItem> first = readPage(0);
    m_pageSize = pageSize;
    beginResetModel();
    m_items = std::move(first);
    endResetModel();
}

QList<WebhookQueueItem> WebhookTableModel::readPage(int offset)
{
    m_more = false;
    if (!m_database)
        return {};
    WebhookQueueRepository::Query query = m_filter;
    query.limit = m_pageSize + 1; // one more tells whether another page exists
    query.offset = offset;
    auto items = WebhookQueueRepository(*m_database).list(query);
    if (!items) {
        Q_EMIT errorOccurred(items.error());
        return {};
    }
    m_more = items->size() > m_pageSize;
    if (m_more)
        items->removeLast();
    return *items;
}

WebhookQueueItem WebhookTableModel::itemAt(int row) const
{
    return m_items.value(row);
}

} // namespace Bottega
