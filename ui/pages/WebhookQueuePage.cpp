#include "ui/pages/WebhookQueuePage.h"

#include "core/settings/Settings.h"
#include "core/store/WebhookQueueRepository.h"
#include "core/webhooks/WebhookQueueActions.h"
#include "ui/DisplayFormat.h"
#include "ui/models/WebhookTableModel.h"
#include "ui/widgets/Confirm.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/TimeRangeFilter.h"
#include "ui/widgets/PageHeader.h"
#include "ui/widgets/StateBadgeDelegate.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSplitter>
#include <QSystemTrayIcon>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

WebhookQueuePage::WebhookQueuePage(Database *database, Settings *settings, QWidget *parent)
    : QWidget(parent), m_database(database), m_settings(settings),
      m_model(new WebhookTableModel(database, this)), m_state(new QComboBox(this)),
      m_source(new QComboBox(this)), m_event(new QLineEdit(this)), m_text(new QLineEdit(this)),
      m_range(new TimeRangeFilter(this)), m_empty(new QLabel(this)),
      m_table(new QTableView(this)), m_payload(new QPlainTextEdit(this)),
      m_retry(new QPushButton(tr("Retry selected"), this)), m_cleanUp(new QPushButton(tr("Clean up"), this)),
      m_message(new InlineMessage(this)), m_timer(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(
            tr("Webhooks"), tr("Calls received from Gelato and Poleepo, with their state and payload."),
            this));
    m_message->setCloseButtonVisible(true);
    layout->addWidget(m_message);

    m_state->setObjectName(u"stateFilter"_s);
    m_state->addItem(tr("Any state"), QString());
    for (auto state :
         {WebhookQueueItem::State::Pending, WebhookQueueItem::State::Processing,
          WebhookQueueItem::State::Done, WebhookQueueItem::State::Failed, WebhookQueueItem::State::Ignored})
        m_state->addItem(WebhookTableModel::stateDisplayName(state), WebhookQueueItem::stateName(state));
    m_source->setObjectName(u"sourceFilter"_s);
    m_source->addItem(tr("Any source"), QString());
    m_source->addItem(u"Gelato"_s, u"gelato"_s);
    m_source->addItem(u"Poleepo"_s, u"poleepo"_s);
    m_event->setObjectName(u"eventFilter"_s);
    m_event->setPlaceholderText(tr("Event"));
    m_event->setClearButtonEnabled(true);
    m_text->setObjectName(u"textFilter"_s);
    m_text->setPlaceholderText(tr("Search event id, error, note"));
    m_text->setClearButtonEnabled(true);
    m_retry->setObjectName(u"retryButton"_s);
    m_cleanUp->setObjectName(u"cleanUpButton"_s);
    m_cleanUp->setToolTip(tr("Removes Done and Ignored calls older than the retention period"));
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_state);
    filters->addWidget(m_source);
    filters->addWidget(m_event, 1);
    filters->addWidget(m_text, 2);
    filters->addWidget(m_retry);
    filters->addWidget(m_cleanUp);
    layout->addLayout(filters);

    // The time received, as the API log page's range: each end optional, off at first.
    m_range->fromEnabled()->setToolTip(tr("Only calls received from this time on"));
    m_range->toEnabled()->setToolTip(tr("Only calls received before this time"));
    auto *range = new QHBoxLayout;
    range->addWidget(m_range);
    range->addStretch(1);
    layout->addLayout(range);

    m_empty->setObjectName(u"emptyLabel"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->hide();
    layout->addWidget(m_empty);

    m_table->setObjectName(u"webhookTable"_s);
    m_table->setModel(m_model);
    m_table->setItemDelegateForColumn(WebhookTableModel::StateColumn,
                                      new StateBadgeDelegate(&WebhookTableModel::stateTone, m_table));
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Ids, times and event names are short and must be read whole; the note takes the rest.
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(WebhookTableModel::NoteColumn, QHeaderView::Stretch);
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_payload->setObjectName(u"payload"_s);
    m_payload->setReadOnly(true);
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setPlaceholderText(tr("Select a call to see its payload."));
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_table);
    splitter->addWidget(m_payload);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);
    layout->addWidget(splitter, 1);

    connect(m_state, &QComboBox::currentIndexChanged, this, &WebhookQueuePage::applyFilters);
    connect(m_source, &QComboBox::currentIndexChanged, this, &WebhookQueuePage::applyFilters);
    connect(m_event, &QLineEdit::textChanged, this, &WebhookQueuePage::applyFilters);
    connect(m_text, &QLineEdit::textChanged, this, &WebhookQueuePage::applyFilters);
    connect(m_range, &TimeRangeFilter::switched, this, &WebhookQueuePage::applyFilters);
    connect(m_range, &TimeRangeFilter::edited, this, &WebhookQueuePage::applyFilters);
    connect(m_model, &QAbstractItemModel::modelReset, this, &WebhookQueuePage::updateEmptyState);
    connect(m_retry, &QPushButton::clicked, this, &WebhookQueuePage::retrySelected);
    connect(m_cleanUp, &QPushButton::clicked, this, &WebhookQueuePage::cleanUp);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &WebhookQueuePage::showSelectedPayload);
    // A disabled button says why (issue 13).
    const auto updateRetry = [this] {
        const bool selected = m_table->selectionModel()->hasSelection();
        m_retry->setEnabled(selected);
        m_retry->setToolTip(selected ? tr("Puts the selected calls back in the queue, to be processed again")
                                     : tr("Select one or more calls in the list to retry them"));
    };
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, updateRetry);
    connect(m_model, &QAbstractItemModel::modelReset, this, updateRetry);
    updateRetry();
    connect(m_model, &WebhookTableModel::errorOccurred, this,
            [this](const QString &error) { m_message->showMessage(InlineMessage::Type::Error, error); });
    connect(m_timer, &QTimer::timeout, this, &WebhookQueuePage::updateFailedCount);

    if (!m_database) {
        m_message->showMessage(InlineMessage::Type::Warning,
                               tr("The webhook queue is unavailable: no database."));
        m_retry->setEnabled(false);
        m_cleanUp->setEnabled(false);
        m_retry->setToolTip(tr("The webhook queue is unavailable: no database."));
        m_cleanUp->setToolTip(m_retry->toolTip());
        return;
    }
    m_timer->start(5000);
    refresh();
}

WebhookQueuePage::~WebhookQueuePage() = default;

bool WebhookQueuePage::applyFilters()
{
    WebhookQueueRepository::Query query;
    query.state = WebhookQueueItem::stateFromName(m_state->currentData().toString());
    query.source = m_source->currentData().toString();
    query.event = m_event->text().trimmed();
    query.text = m_text->text().trimmed();
    query.from = m_range->from();
    query.to = m_range->to();
    if (const QString problem = m_range->problem(); !problem.isEmpty()) {
        m_message->showMessage(InlineMessage::Type::Error, problem);
        return false;
    }
    if (m_message->type() == InlineMessage::Type::Error)
        m_message->clearMessage();
    m_model->setFilter(query);
    showSelectedPayload();
    return true;
}

void WebhookQueuePage::showState(const QString &state, const QDateTime &from, const QDateTime &to)
{
    {
        const QSignalBlocker blockState(m_state), blockSource(m_source), blockEvent(m_event),
                blockText(m_text);
        m_state->setCurrentIndex(state.isEmpty() ? 0 : std::max(0, m_state->findData(state)));
        m_source->setCurrentIndex(0);
        m_event->clear();
        m_text->clear();
        m_range->setRange(from, to);
    }
    (void)applyFilters();
}

void WebhookQueuePage::updateEmptyState()
{
    if (m_model->rowCount() > 0 || !m_database) {
        m_empty->hide();
        return;
    }
    const bool filtered = m_state->currentIndex() > 0 || m_source->currentIndex() > 0
            || !m_event->text().trimmed().isEmpty() || !m_text->text().trimmed().isEmpty()
            || m_range->isOn();
    m_empty->setText(filtered ? QCoreApplication::translate("Bottega::ApiLogPage", "No calls match these filters.")
                              : tr("No webhook calls received yet."));
    m_empty->show();
}

void WebhookQueuePage::refresh()
{
    m_model->refresh();
    updateFailedCount();
}

void WebhookQueuePage::updateFailedCount()
{
    if (!m_database)
        return;
    // The failed ones only: a count of every state walked the whole queue on the window's thread
    // every 5 s (tens of ms with 60,000 calls, PERF-7).
    const auto counts = WebhookQueueRepository(*m_database).countInState(WebhookQueueItem::State::Failed);
    if (!counts)
        return;
    const int failed = int(*counts);
    // Only a rise is news: the first count and falls (retries, clean up) are not.
    if (m_failedCount >= 0 && failed > m_failedCount) {
        notifyFailures(failed - m_failedCount, failed);
        m_model->refresh();
    }
    if (failed != m_failedCount) {
        m_failedCount = failed;
        Q_EMIT failedCountChanged(failed);
    }
}

void WebhookQueuePage::notifyFailures(int newlyFailed, int failed)
{
    const QString text = tr("%n webhook call(s) failed: see the Failed ones in the list.", "", failed);
    // The window may be hidden behind others or minimised: the tray reaches the user anyway.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        if (!m_tray) {
            m_tray = new QSystemTrayIcon(QApplication::windowIcon(), this);
            m_tray->setToolTip(tr("Bottega"));
            // A click on the message brings the window, and this page's list, to the front.
            connect(m_tray, &QSystemTrayIcon::messageClicked, this, [this] {
                if (QWidget *top = window()) {
                    top->showNormal();
                    top->raise();
                    top->activateWindow();
                }
            });
        }
        m_tray->show();
        m_tray->showMessage(tr("%n webhook call(s) just failed", "", newlyFailed), text,
                            QSystemTrayIcon::Warning);
        Q_EMIT failureNotified(text, true);
        return;
    }
    m_message->showMessage(InlineMessage::Type::Error, text);
    Q_EMIT failureNotified(text, false);
}

void WebhookQueuePage::showSelectedPayload()
{
    const QModelIndexList rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty()) {
        m_payload->clear();
        return;
    }
    const WebhookQueueItem item = m_model->itemAt(rows.first().row());
    const QJsonDocument document = QJsonDocument::fromJson(item.body);
    QString text = document.isNull() ? QString::fromUtf8(item.body)
                                     : QString::fromUtf8(document.toJson(QJsonDocument::Indented));
    if (!item.headers.isEmpty())
        text = item.headers + u"\n\n"_s + text;
    m_payload->setPlainText(text);
}

void WebhookQueuePage::retrySelected()
{
    if (!m_database)
        return;
    QList<qint64> ids;
    for (const QModelIndex &index : m_table->selectionModel()->selectedRows())
        ids.append(m_model->itemAt(index.row()).id);
    if (ids.isEmpty()) {
        m_message->showMessage(InlineMessage::Type::Information, tr("Select the calls to retry first."));
        return;
    }
    const auto requeued = WebhookQueueActions(*m_database).retry(ids);
    if (!requeued)
        m_message->showMessage(InlineMessage::Type::Error, requeued.error());
    else
        m_message->showMessage(InlineMessage::Type::Positive,
                               tr("%n call(s) back in the queue.", "", *requeued));
    refresh();
}

void WebhookQueuePage::cleanUp()
{
    if (!m_database)
        return;
    const int days = m_settings ? m_settings->webhookRetentionDays() : 30;
    if (!Confirm::ask(this, tr("Clean up webhooks"),
                      tr("Remove the Done and Ignored calls processed more than %n day(s) ago? This cannot "
                         "be undone.",
                         "", days)))
        return;
    const auto removed = WebhookQueueActions(*m_database).cleanup(days);
    if (!removed)
        m_message->showMessage(InlineMessage::Type::Error, removed.error());
    else
        m_message->showMessage(
                InlineMessage::Type::Positive,
                tr("%n processed call(s) older than %1 days removed.", "", *removed).arg(days));
    refresh();
}

} // namespace Bottega
