#include "ui/models/BatchTableModel.h"

#include "core/messages/MessageText.h"
#include "ui/DisplayFormat.h"

using namespace Qt::StringLiterals;

namespace Bottega {

BatchTableModel::BatchTableModel(Database *database, QObject *parent) : PagedTableModel(database, parent)
{
    refresh();
}

BatchTableModel::~BatchTableModel() = default;

int BatchTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString BatchTableModel::stateDisplayName(const QString &status)
{
    if (status == u"new"_s)
        return tr("Not submitted");
    if (status == u"PENDING"_s)
        return tr("Pending");
    if (status == u"PROCESSING"_s)
        return tr("Processing");
    if (status == u"COMPLETED"_s)
        return tr("Completed");
    if (status == u"FAILED"_s)
        return tr("Failed");
    return status;
}

StateBadgeDelegate::Tone BatchTableModel::stateTone(const QModelIndex &index)
{
    using Tone = StateBadgeDelegate::Tone;
    const QString status = index.data(RawRole).toString();
    const int errors = index.siblingAtColumn(ErrorsColumn).data(RawRole).toInt();
    if (status == u"FAILED"_s)
        return Tone::Negative;
    if (status == u"COMPLETED"_s)
        return errors > 0 ? Tone::Warning : Tone::Positive;
    if (status == u"PROCESSING"_s)
        return Tone::Progress;
    if (status == u"PENDING"_s)
        return Tone::Information;
    return Tone::Neutral;
}

QVariant BatchTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (Column(section)) {
    case IdColumn:
        return tr("ID");
    case StateColumn:
        return tr("State");
    case TotalColumn:
        return tr("Total");
    case ProcessedColumn:
        return tr("Processed");
    case ErrorsColumn:
        return tr("Errors");
    case CreatedColumn:
        return tr("Created");
    case SubmittedColumn:
        return tr("Submitted");
    case PolledColumn:
        return tr("Last polled");
    case PoleepoIdColumn:
        return tr("Poleepo batch");
    case ErrorColumn:
        return tr("Error");
    }
    return {};
}

QVariant BatchTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const ProductBatch &batch = m_rows.at(index.row());
    if (role == IdRole)
        return batch.id;
    if (role == Qt::TextAlignmentRole) {
        switch (Column(index.column())) {
        case IdColumn:
        case TotalColumn:
        case ProcessedColumn:
        case ErrorsColumn:
            return QVariant(Qt::AlignRight | Qt::AlignVCenter);
        default:
            return {};
        }
    }
    if (role != Qt::DisplayRole && role != RawRole && role != Qt::ToolTipRole)
        return {};
    const bool raw = role == RawRole;
    const auto time = [raw](const QDateTime &at) {
        return raw ? QVariant(at) : QVariant(DisplayFormat::dateTime(at, tr("—")));
    };
    switch (Column(index.column())) {
    case IdColumn:
        return raw ? QVariant(batch.id) : QVariant(QString::number(batch.id));
    case StateColumn:
        return raw ? QVariant(batch.status) : QVariant(stateDisplayName(batch.status));
    case TotalColumn:
        return raw ? QVariant(batch.total) : QVariant(QString::number(batch.total));
    case ProcessedColumn:
        return raw ? QVariant(batch.processed) : QVariant(QString::number(batch.processed));
    case ErrorsColumn:
        return raw ? QVariant(batch.errors) : QVariant(QString::number(batch.errors));
    case CreatedColumn:
        return time(batch.createdAt);
    case SubmittedColumn:
        return time(batch.submittedAt);
    case PolledColumn:
        return time(batch.lastPolledAt);
    case PoleepoIdColumn:
        return batch.poleepoBatchId;
    case ErrorColumn:
        return MessageText::renderStored(batch.error);
    }
    return {};
}

} // namespace Bottega
