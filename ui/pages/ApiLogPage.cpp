#include "ui/pages/ApiLogPage.h"

#include "core/store/Database.h"
#include "ui/DisplayFormat.h"
#include "ui/widgets/TimeRangeFilter.h"
#include "ui/models/ApiLogTableModel.h"
#include "ui/models/ApiLogText.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QPlainTextEdit *readOnlyText(const QString &name, QWidget *parent)
{
    auto *text = new QPlainTextEdit(parent);
    text->setObjectName(name);
    text->setReadOnly(true);
    text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    text->setLineWrapMode(QPlainTextEdit::NoWrap);
    return text;
}

// One side of a call: its headers above its body, the body's size and kind in a line between.
QWidget *callSide(const QString &title, QPlainTextEdit *headers, QLabel *bodyLabel, QPlainTextEdit *body,
                  QWidget *parent)
{
    auto *side = new QWidget(parent);
    auto *layout = new QVBoxLayout(side);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *heading = new QLabel(title, side);
    QFont bold = heading->font();
    bold.setBold(true);
    heading->setFont(bold);
    layout->addWidget(heading);
    headers->setMaximumHeight(headers->fontMetrics().lineSpacing() * 5 + 12);
    layout->addWidget(headers);
    layout->addWidget(bodyLabel);
    layout->addWidget(body, 1);
    return side;
}

QString bodyTitle(const ApiLogText::Body &body, qint64 fullSize)
{
    if (fullSize == 0 && body.text.isEmpty())
        return ApiLogPage::tr("Body: empty");
    const QString kind = body.json ? ApiLogPage::tr("JSON") : ApiLogPage::tr("text");
    if (body.truncated)
        return ApiLogPage::tr("Body: %1, %2, shown truncated").arg(ApiLogText::size(fullSize), kind);
    return ApiLogPage::tr("Body: %1, %2").arg(ApiLogText::size(fullSize), kind);
}

} // namespace

ApiLogPage::ApiLogPage(Database *database, QWidget *parent)
    : QWidget(parent), m_database(database), m_model(new ApiLogTableModel(database, this)),
      m_message(new InlineMessage(this)), m_service(new QComboBox(this)), m_direction(new QComboBox(this)),
      m_status(new QComboBox(this)), m_endpoint(new QLineEdit(this)),
      m_range(new TimeRangeFilter(this)),
      m_newest(new QPushButton(tr("Newest"), this)), m_oldest(new QPushButton(tr("Oldest"), this)),
      m_empty(new QLabel(this)), m_view(new QTableView(this)), m_summary(new QLabel(this)),
      m_copyCurl(new QPushButton(tr("Copy as curl"), this)), m_related(new QPushButton(this)),
      m_requestHeaders(readOnlyText(u"requestHeaders"_s, this)), m_requestBodyLabel(new QLabel(this)),
      m_requestBody(readOnlyText(u"requestBody"_s, this)),
      m_responseHeaders(readOnlyText(u"responseHeaders"_s, this)), m_responseBodyLabel(new QLabel(this)),
      m_responseBody(readOnlyText(u"responseBody"_s, this)), m_filterDelay(new QTimer(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(
            tr("API log"), tr("Every call Bottega made or received, newest first. Secrets are hidden."),
            this));
    m_message->setCloseButtonVisible(true);
    layout->addWidget(m_message);

    m_service->setObjectName(u"serviceFilter"_s);
    m_service->addItem(tr("Any service"), QString());
    for (const ApiLogText::Service &service : ApiLogText::services())
        m_service->addItem(service.name, service.key);
    m_direction->setObjectName(u"directionFilter"_s);
    m_direction->addItem(tr("Made and received"), -1);
    m_direction->addItem(tr("Made by Bottega"), int(ApiLogEntry::Direction::Outbound));
    m_direction->addItem(tr("Received"), int(ApiLogEntry::Direction::Inbound));
    m_status->setObjectName(u"statusFilter"_s);
    m_status->addItem(tr("Any status"), 0);
    m_status->addItem(tr("2xx success"), 2);
    m_status->addItem(tr("4xx client error"), 4);
    m_status->addItem(tr("5xx server error"), 5);
    m_status->addItem(tr("Failed (no answer)"), -1);
    m_status->addItem(tr("Any error (4xx, 5xx, no answer)"), ApiLogRepository::Query::ErrorsClass);
    m_endpoint->setObjectName(u"endpointFilter"_s);
    m_endpoint->setPlaceholderText(tr("Endpoint contains…"));
    m_endpoint->setClearButtonEnabled(true);
    auto *filters = new QHBoxLayout;
    filters->addWidget(m_service);
    filters->addWidget(m_direction);
    filters->addWidget(m_status);
    filters->addWidget(m_endpoint, 1);
    layout->addLayout(filters);

    m_newest->setObjectName(u"newestButton"_s);
    m_oldest->setObjectName(u"oldestButton"_s);
    m_newest->setToolTip(tr("Back to the newest calls"));
    m_oldest->setToolTip(tr("Jump to the oldest calls, at the end of the log"));
    auto *range = new QHBoxLayout;
    range->addWidget(m_range);
    range->addStretch(1);
    range->addWidget(m_newest);
    range->addWidget(m_oldest);
    layout->addLayout(range);

    m_empty->setObjectName(u"emptyLabel"_s);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->hide();
    layout->addWidget(m_empty);

    m_view->setObjectName(u"apiLogTable"_s);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->setVerticalScrollMode(QAbstractItemView::ScrollPerItem);
    m_view->verticalHeader()->hide();
    // Fixed row heights: the view never measures a million rows' worth of text.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 8);
    m_view->setWordWrap(false);
    QHeaderView *columns = m_view->horizontalHeader();
    for (int column :
         {ApiLogTableModel::TimeColumn, ApiLogTableModel::DirectionColumn, ApiLogTableModel::ServiceColumn,
          ApiLogTableModel::MethodColumn, ApiLogTableModel::StatusColumn, ApiLogTableModel::DurationColumn,
          ApiLogTableModel::SizeColumn})
        columns->setSectionResizeMode(column, QHeaderView::ResizeToContents);
    // The endpoint takes the room left; the error shows its first line, whole in the detail.
    columns->setSectionResizeMode(ApiLogTableModel::EndpointColumn, QHeaderView::Stretch);
    columns->setSectionResizeMode(ApiLogTableModel::ErrorColumn, QHeaderView::Interactive);
    columns->resizeSection(ApiLogTableModel::ErrorColumn, 120);
    // ResizeToContents looks at the rows in view only, never all of them.
    columns->setResizeContentsPrecision(0);

    m_summary->setObjectName(u"summary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_copyCurl->setObjectName(u"copyCurlButton"_s);
    m_copyCurl->setToolTip(tr("Copies a curl command repeating this call; secrets stay hidden"));
    m_related->setObjectName(u"relatedButton"_s);
    m_related->hide();
    m_requestBodyLabel->setObjectName(u"requestBodyLabel"_s);
    m_responseBodyLabel->setObjectName(u"responseBodyLabel"_s);
    m_requestHeaders->setPlaceholderText(tr("No headers"));
    m_responseHeaders->setPlaceholderText(tr("No headers"));

    auto *detail = new QWidget(this);
    auto *detailLayout = new QVBoxLayout(detail);
    detailLayout->setContentsMargins(0, 0, 0, 0);
    auto *detailHead = new QHBoxLayout;
    detailHead->addWidget(m_summary, 1);
    detailHead->addWidget(m_related);
    detailHead->addWidget(m_copyCurl);
    detailLayout->addLayout(detailHead);
    // Request and response side by side: what was sent beside what came back.
    auto *sides = new QSplitter(Qt::Horizontal, detail);
    sides->setObjectName(u"callSides"_s);
    sides->addWidget(callSide(tr("Request"), m_requestHeaders, m_requestBodyLabel, m_requestBody, sides));
    sides->addWidget(callSide(tr("Response"), m_responseHeaders, m_responseBodyLabel, m_responseBody, sides));
    detailLayout->addWidget(sides, 1);

    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->addWidget(m_view);
    splitter->addWidget(detail);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({380, 320});
    layout->addWidget(splitter, 1);

    m_filterDelay->setSingleShot(true);
    m_filterDelay->setInterval(300);
    connect(m_filterDelay, &QTimer::timeout, this, &ApiLogPage::applyFilters);
    const auto applyNow = [this] {
        (void)applyFilters();
    };
    connect(m_service, &QComboBox::currentIndexChanged, this, applyNow);
    connect(m_direction, &QComboBox::currentIndexChanged, this, applyNow);
    connect(m_status, &QComboBox::currentIndexChanged, this, applyNow);
    connect(m_endpoint, &QLineEdit::textChanged, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_range, &TimeRangeFilter::switched, this, applyNow);
    connect(m_range, &TimeRangeFilter::edited, m_filterDelay, qOverload<>(&QTimer::start));
    connect(m_newest, &QPushButton::clicked, this, &ApiLogPage::showNewest);
    connect(m_oldest, &QPushButton::clicked, this, &ApiLogPage::showOldest);
    connect(m_copyCurl, &QPushButton::clicked, this, &ApiLogPage::copyCurl);
    connect(m_related, &QPushButton::clicked, this, &ApiLogPage::openRelated);
    connect(m_model, &ApiLogTableModel::errorOccurred, this,
            [this](const QString &error) { m_message->showMessage(InlineMessage::Type::Error, error); });
    connect(m_model, &QAbstractItemModel::modelReset, this, &ApiLogPage::updateEmptyState);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &ApiLogPage::showSelected);
    // The window let go of rows above the ones in view: keep those in view where they were.
    connect(m_model, &QAbstractItemModel::rowsRemoved, this,
            [this](const QModelIndex &, int first, int last) {
                QScrollBar *bar = m_view->verticalScrollBar();
                if (first == 0)
                    bar->setValue(std::max(0, bar->value() - (last - first + 1)));
            });
    // Scrolled back to the top of a window that starts below the newest rows: the page above.
    connect(m_view->verticalScrollBar(), &QScrollBar::valueChanged, this, [this](int value) {
        if (value == m_view->verticalScrollBar()->minimum() && m_model->hasNewer())
            QMetaObject::invokeMethod(this, &ApiLogPage::fetchNewerAtTop, Qt::QueuedConnection);
    });

    clearDetail();
    if (!m_database)
        m_message->showMessage(InlineMessage::Type::Warning, tr("No database: the API log is unavailable."));
    else
        m_model->showNewest();
}

ApiLogPage::~ApiLogPage() = default;

QCheckBox *ApiLogPage::fromEnabled() const
{
    return m_range->fromEnabled();
}

QDateTimeEdit *ApiLogPage::fromEdit() const
{
    return m_range->fromEdit();
}

QCheckBox *ApiLogPage::toEnabled() const
{
    return m_range->toEnabled();
}

QDateTimeEdit *ApiLogPage::toEdit() const
{
    return m_range->toEdit();
}

bool ApiLogPage::applyFilters()
{
    m_filterDelay->stop();
    ApiLogRepository::Query query;
    query.service = m_service->currentData().toString();
    if (const int direction = m_direction->currentData().toInt(); direction >= 0)
        query.direction = ApiLogEntry::Direction(direction);
    query.statusClass = m_status->currentData().toInt();
    query.text = m_endpoint->text().trimmed();
    query.from = m_range->from();
    query.to = m_range->to();
    if (const QString problem = m_range->problem(); !problem.isEmpty()) {
        m_message->showMessage(InlineMessage::Type::Error, problem);
        return false;
    }
    if (m_message->type() == InlineMessage::Type::Error)
        m_message->clearMessage();
    m_model->setFilter(query);
    return true;
}

void ApiLogPage::showErrors(const QString &service, const QDateTime &from, const QDateTime &to)
{
    const QSignalBlocker blockService(m_service), blockStatus(m_status), blockDirection(m_direction),
            blockEndpoint(m_endpoint);
    m_service->setCurrentIndex(std::max(0, m_service->findData(service)));
    m_status->setCurrentIndex(m_status->findData(ApiLogRepository::Query::ErrorsClass));
    m_direction->setCurrentIndex(0);
    m_endpoint->clear();
    m_range->setRange(from, to);
    (void)applyFilters();
}

void ApiLogPage::showNewest()
{
    m_model->showNewest();
    m_view->scrollToTop();
}

void ApiLogPage::showOldest()
{
    m_model->showOldest();
    m_view->scrollToBottom();
}

void ApiLogPage::fetchNewerAtTop()
{
    QScrollBar *bar = m_view->verticalScrollBar();
    if (bar->value() != bar->minimum())
        return;
    const int added = m_model->fetchNewer();
    // Keep the rows that were in view where they were: the new ones sit above them.
    if (added > 0)
        bar->setValue(bar->value() + added);
}

void ApiLogPage::updateEmptyState()
{
    clearDetail();
    if (m_model->rowCount() > 0 || !m_database) {
        m_empty->hide();
        return;
    }
    const ApiLogRepository::Query filter = m_model->filter();
    const bool filtered = !filter.service.isEmpty() || filter.direction || filter.statusClass != 0
            || !filter.text.isEmpty() || filter.from.isValid() || filter.to.isValid();
    m_empty->setText(filtered ? tr("No calls match these filters.") : tr("No calls have been logged yet."));
    m_empty->show();
}

void ApiLogPage::showSelected()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid()) {
        clearDetail();
        return;
    }
    const qint64 id = current.data(ApiLogTableModel::IdRole).toLongLong();
    if (id != m_shown.id) // showEntry() selecting its row lands here too
        showEntry(id);
}

void ApiLogPage::showEntry(qint64 id)
{
    if (!m_database)
        return;
    ApiLogRepository repository(*m_database);
    const auto entry = repository.get(id);
    if (!entry) {
        clearDetail();
        m_message->showMessage(InlineMessage::Type::Error, entry.error());
        return;
    }
    m_shown = *entry;
    if (const int row = m_model->rowOf(id); row >= 0 && m_view->currentIndex().row() != row)
        m_view->setCurrentIndex(m_model->index(row, 0));

    QStringList facts {DisplayFormat::dateTimeWithSeconds(m_shown.time),
                       ApiLogText::direction(m_shown.direction),
                       m_shown.service,
                       QString::fromLatin1(m_shown.method) + u' ' + m_shown.url,
                       ApiLogText::status(m_shown.status),
                       tr("%1 ms").arg(m_shown.durationMs)};
    if (m_shown.attempts > 1)
        facts.append(tr("%n attempts", nullptr, m_shown.attempts));
    QString summary = facts.join(u" · "_s);
    if (!m_shown.error.isEmpty())
        summary += u'\n' + tr("Error: %1").arg(m_shown.error);
    m_summary->setText(summary);

    m_requestHeaders->setPlainText(m_shown.requestHeaders);
    m_responseHeaders->setPlainText(m_shown.responseHeaders);
    const ApiLogText::Body request = ApiLogText::body(m_shown.requestBody, m_shown.requestSize);
    const ApiLogText::Body response = ApiLogText::body(m_shown.responseBody, m_shown.responseSize);
    m_requestBody->setPlainText(request.text);
    m_responseBody->setPlainText(response.text);
    m_requestBodyLabel->setText(bodyTitle(request, m_shown.requestSize));
    m_responseBodyLabel->setText(bodyTitle(response, m_shown.responseSize));
    m_copyCurl->setEnabled(true);

    const auto related = repository.relatedOf(m_shown);
    m_shownRelated = related ? *related : ApiLogRepository::Related {};
    switch (m_shownRelated.kind) {
    case ApiLogRepository::Related::Kind::Order:
        m_related->setText(tr("Open order %1").arg(m_shownRelated.label));
        m_related->show();
        break;
    case ApiLogRepository::Related::Kind::Webhook:
        m_related->setText(tr("Open webhook %1").arg(m_shownRelated.id));
        m_related->show();
        break;
    case ApiLogRepository::Related::Kind::None:
        m_related->hide();
        break;
    }
}

void ApiLogPage::clearDetail()
{
    m_shown = {};
    m_shownRelated = {};
    m_summary->setText(tr("Select a call to see its request and response."));
    m_requestHeaders->clear();
    m_requestBody->clear();
    m_responseHeaders->clear();
    m_responseBody->clear();
    m_requestBodyLabel->setText(tr("Body"));
    m_responseBodyLabel->setText(tr("Body"));
    m_copyCurl->setEnabled(false);
    m_related->hide();
}

QString ApiLogPage::curlCommand() const
{
    return m_shown.id > 0 ? ApiLogText::curl(m_shown) : QString();
}

void ApiLogPage::copyCurl()
{
    if (const QString command = curlCommand(); !command.isEmpty())
        QApplication::clipboard()->setText(command);
}

void ApiLogPage::openRelated()
{
    switch (m_shownRelated.kind) {
    case ApiLogRepository::Related::Kind::Order:
        Q_EMIT openOrderRequested(m_shownRelated.id);
        break;
    case ApiLogRepository::Related::Kind::Webhook:
        Q_EMIT openWebhookRequested(m_shownRelated.id);
        break;
    case ApiLogRepository::Related::Kind::None:
        break;
    }
}

} // namespace Bottega
