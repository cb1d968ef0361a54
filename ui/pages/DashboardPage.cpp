#include "ui/pages/DashboardPage.h"

#include "core/domain/Clock.h"
#include "core/domain/WebhookQueueItem.h"
#include "core/orders/OrderState.h"
#include "core/store/Database.h"
#include "core/store/ProductBatchRepository.h"
#include "core/scheduler/BackgroundTasks.h"
#include "ui/models/ApiLogText.h"
#include "ui/models/BatchTableModel.h"
#include "ui/models/WebhookTableModel.h"
#include "ui/widgets/ChartCard.h"
#include "ui/widgets/SemanticColors.h"
#include "ui/widgets/InlineMessage.h"
#include "ui/widgets/PageHeader.h"

#include <QGridLayout>
#include <QScrollArea>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <functional>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

struct Look
{
    QString key;
    QColor color;
};

// The orders' states in the order of their life, as the Orders page lists them.
QList<Look> orderLooks()
{
    using namespace OrderState;
    return {{Draft, SemanticColors::neutral()},       {Sending, SemanticColors::information().lighter(130)},
            {GelatoDraft, SemanticColors::sand()},    {Sent, SemanticColors::information()},
            {InProduction, SemanticColors::active()}, {Shipped, SemanticColors::teal()},
            {Delivered, SemanticColors::positive()},  {Cancelled, QColor(0x5d, 0x6d, 0x7e)},
            {Failed, SemanticColors::negative()},     {Returned, SemanticColors::warning()}};
}

// Stacked from the bottom: the finished calls first, the failed ones on top where they show.
QList<Look> webhookLooks()
{
    return {{u"Done"_s, SemanticColors::positive()},
            {u"Ignored"_s, SemanticColors::neutral()},
            {u"Pending"_s, SemanticColors::information()},
            {u"Processing"_s, SemanticColors::active()},
            {u"Failed"_s, SemanticColors::negative()}};
}

QList<Look> batchLooks()
{
    return {{u"new"_s, SemanticColors::neutral()},
            {u"PENDING"_s, SemanticColors::information()},
            {u"PROCESSING"_s, SemanticColors::active()},
            {u"COMPLETED"_s, SemanticColors::positive()},
            {u"FAILED"_s, SemanticColors::negative()}};
}

QList<Look> serviceLooks()
{
    return {{u"gelato"_s, SemanticColors::warning()},
            {u"poleepo"_s, SemanticColors::information()},
            {u"webhook"_s, SemanticColors::active()},
            {u"files"_s, SemanticColors::teal()},
            {u"server"_s, SemanticColors::sand()}};
}

// The series in `counts`, in the order of `looks`, then any key the looks do not know.
QList<ChartCard::Series> seriesOf(const QMap<QString, QList<qint64>> &counts, const QList<Look> &looks,
                                  const std::function<QString(const QString &)> &label)
{
    QList<ChartCard::Series> series;
    QStringList known;
    for (const Look &look : looks) {
        known.append(look.key);
        if (counts.contains(look.key))
            series.append({look.key, label(look.key), look.color, counts.value(look.key)});
    }
    int other = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (!known.contains(it.key()))
            series.append({it.key(), label(it.key()), SemanticColors::category(other++), it.value()});
    }
    return series;
}

QMap<QString, QList<qint64>> asSeries(const QMap<QString, qint64> &counts)
{
    QMap<QString, QList<qint64>> series;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > 0)
            series.insert(it.key(), {it.value()});
    }
    return series;
}

qint64 sum(const QMap<QString, qint64> &counts)
{
    qint64 total = 0;
    for (const qint64 count : counts)
        total += count;
    return total;
}

} // namespace

DashboardPage::DashboardPage(Database *database, QWidget *parent)
    : QWidget(parent), m_database(database), m_message(new InlineMessage(this)),
      m_orders(new ChartCard(tr("Orders by state"), this)),
      m_webhooks(new ChartCard(tr("Webhook calls by state, last %1 days").arg(DayCount), this)),
      m_batches(new ChartCard(tr("Product batches by state"), this)),
      m_apiErrors(new ChartCard(tr("API errors by service, last %1 days").arg(DayCount), this)),
      m_changeCheck(new QTimer(this)), m_refreshSoon(new QTimer(this))
{
    setObjectName(u"dashboardPage"_s);
    m_orders->setObjectName(u"ordersCard"_s);
    m_webhooks->setObjectName(u"webhooksCard"_s);
    m_batches->setObjectName(u"batchesCard"_s);
    m_apiErrors->setObjectName(u"apiErrorsCard"_s);
    m_message->setCloseButtonVisible(true);

    // The cards scroll rather than make the window taller than a small screen.
    auto *cards = new QWidget(this);
    auto *grid = new QGridLayout(cards);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(8);
    grid->addWidget(m_orders, 0, 0);
    grid->addWidget(m_webhooks, 0, 1);
    grid->addWidget(m_batches, 1, 0);
    grid->addWidget(m_apiErrors, 1, 1);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(new PageHeader(
            tr("Dashboard"), tr("Counts at a glance; click a bar or a number to open the list behind it."),
            this));
    layout->addWidget(m_message);
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(u"dashboardScroll"_s);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setWidget(cards);
    layout->addWidget(scroll, 1);

    // A burst of changes (a batch of webhooks, an import) is counted once.
    m_refreshSoon->setSingleShot(true);
    m_refreshSoon->setInterval(300);
    m_changeCheck->setInterval(ChangeCheckMs);
    connect(m_refreshSoon, &QTimer::timeout, this, &DashboardPage::refresh);
    connect(m_changeCheck, &QTimer::timeout, this, &DashboardPage::checkForChanges);

    connect(m_orders, &ChartCard::barClicked, this,
            [this](const QString &state) { Q_EMIT ordersRequested(state); });
    connect(m_orders, &ChartCard::numberClicked, this, [this] { Q_EMIT ordersRequested(QString()); });
    // A bar is one state on one day: the Webhooks page gets both, so it lists the calls the bar counts.
    connect(m_webhooks, &ChartCard::barClicked, this, [this](const QString &state, int day) {
        if (day >= 0 && day + 1 < m_range.boundaries.size())
            Q_EMIT webhooksRequested(state, m_range.boundaries.at(day), m_range.boundaries.at(day + 1));
    });
    connect(m_webhooks, &ChartCard::numberClicked, this,
            [this] { Q_EMIT webhooksRequested(QString(), m_range.start(), m_range.end()); });
    connect(m_batches, &ChartCard::barClicked, this,
            [this](const QString &status) { Q_EMIT batchesRequested(status, false); });
    connect(m_batches, &ChartCard::numberClicked, this,
            [this] { Q_EMIT batchesRequested(QString(), false); });
    connect(m_apiErrors, &ChartCard::barClicked, this, [this](const QString &service, int day) {
        if (day >= 0 && day + 1 < m_range.boundaries.size())
            Q_EMIT apiErrorsRequested(service, m_range.boundaries.at(day), m_range.boundaries.at(day + 1));
    });
    connect(m_apiErrors, &ChartCard::numberClicked, this,
            [this] { Q_EMIT apiErrorsRequested(QString(), m_range.start(), m_range.end()); });

    if (!m_database)
        showUnavailable();
}

DashboardPage::~DashboardPage() = default;

ChartCard *DashboardPage::card(Card card) const
{
    switch (card) {
    case Card::Orders:
        return m_orders;
    case Card::Webhooks:
        return m_webhooks;
    case Card::Batches:
        return m_batches;
    case Card::ApiErrors:
        return m_apiErrors;
    }
    return nullptr;
}

void DashboardPage::refresh()
{
    m_refreshSoon->stop();
    if (!m_database) {
        showUnavailable();
        return;
    }
    m_stale = false;
    if (!m_tasks) {
        ++m_countCount;
        showFigures(count(*m_database));
        return;
    }
    if (m_counting) { // what changed meanwhile may be missed by the count under way
        m_countAgain = true;
        return;
    }
    ++m_countCount;
    m_counting = true;
    m_tasks->read(this, [this, database = m_database]() -> std::function<void()> {
        auto figures = std::make_shared<Figures>(count(*database)); // on the worker
        return [this, figures] { // back here
            m_counting = false;
            showFigures(*figures);
            if (std::exchange(m_countAgain, false))
                refresh();
        };
    });
}

DashboardPage::Figures DashboardPage::count(Database &database)
{
    Figures figures;
    DashboardQueries queries(database);
    // The marker first: whatever changes while counting moves it again for the next check.
    if (auto marker = queries.changeMarker())
        figures.marker = *marker;
    else
        figures.errors.append(marker.error());
    figures.range = DayRange::lastDays(database.clock().now(), DayCount);
    if (auto orders = queries.ordersByState())
        figures.orders = *orders;
    else
        figures.errors.append(orders.error());
    if (auto webhooks = queries.webhooksByStateAndDay(figures.range))
        figures.webhooks = *webhooks;
    else
        figures.errors.append(webhooks.error());
    ProductBatchRepository::Query withErrors;
    withErrors.withErrors = true;
    auto batches = queries.batchesByState();
    auto batchErrors = ProductBatchRepository(database).count(withErrors);
    if (batches && batchErrors) {
        figures.batches = *batches;
        figures.batchErrors = *batchErrors;
    } else {
        figures.errors.append(batches ? batchErrors.error() : batches.error());
    }
    if (auto apiErrors = queries.apiErrorsByServiceAndDay(figures.range))
        figures.apiErrors = *apiErrors;
    else
        figures.errors.append(apiErrors.error());
    return figures;
}

void DashboardPage::showFigures(const Figures &figures)
{
    if (figures.marker)
        m_marker = figures.marker;
    m_range = figures.range;
    if (figures.orders)
        showOrders(*figures.orders);
    if (figures.webhooks)
        showWebhooks(*figures.webhooks);
    if (figures.batches)
        showBatches(*figures.batches, figures.batchErrors);
    if (figures.apiErrors)
        showApiErrors(*figures.apiErrors);
    if (figures.errors.isEmpty())
        m_message->clearMessage();
    else
        m_message->showMessage(InlineMessage::Type::Error, figures.errors.join(u'\n'));
}

void DashboardPage::dataChanged()
{
    if (isVisible())
        m_refreshSoon->start();
    else
        m_stale = true;
}

void DashboardPage::checkForChanges()
{
    if (!m_database)
        return;
    const QDate today = m_database->clock().now().toLocalTime().date();
    const auto marker = DashboardQueries(*m_database).changeMarker();
    if (m_stale || !marker || !m_marker || *marker != *m_marker || m_range.days.value(DayCount - 1) != today)
        refresh();
}

void DashboardPage::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_database)
        return;
    checkForChanges();
    m_changeCheck->start();
}

void DashboardPage::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_changeCheck->stop();
}

void DashboardPage::showOrders(const QMap<QString, qint64> &counts)
{
    const qint64 total = sum(counts);
    m_orders->setNumber(total, tr("order(s) in all", nullptr, int(total)), tr("Opens the list of orders"));
    if (total == 0) {
        m_orders->showEmpty(tr("No orders yet."));
        return;
    }
    m_orders->setCategoryBars(seriesOf(asSeries(counts), orderLooks(), OrderState::displayName));
}

void DashboardPage::showWebhooks(const DailyCounts &counts)
{
    const qint64 total = counts.total();
    const qint64 failed = counts.total(u"Failed"_s);
    m_webhooks->setNumber(total,
                          tr("call(s) received in the last %1 days, %2 failed", nullptr, int(total))
                                  .arg(DayCount)
                                  .arg(failed),
                          tr("Opens the webhook queue"));
    if (total == 0) {
        m_webhooks->showEmpty(tr("No webhook calls received in the last %1 days.").arg(DayCount));
        return;
    }
    // The same words as the Webhooks page's states.
    const auto label = [](const QString &state) {
        const auto known = WebhookQueueItem::stateFromName(state);
        return known ? WebhookTableModel::stateDisplayName(*known) : state;
    };
    m_webhooks->setDailyBars(counts.days, seriesOf(counts.series, webhookLooks(), label));
}

void DashboardPage::showBatches(const QMap<QString, qint64> &counts, qint64 withErrors)
{
    const qint64 total = sum(counts);
    m_batches->setNumber(
            total, tr("batch(es), %1 with failed items to resubmit", nullptr, int(total)).arg(withErrors),
            tr("Opens the list of batches"));
    if (total == 0) {
        m_batches->showEmpty(
                tr("No product batches yet: they appear here once products are published to Poleepo."));
        return;
    }
    m_batches->setCategoryBars(seriesOf(asSeries(counts), batchLooks(), BatchTableModel::stateDisplayName));
}

void DashboardPage::showApiErrors(const DailyCounts &counts)
{
    const qint64 total = counts.total();
    m_apiErrors->setNumber(
            total,
            tr("call(s) that failed or were answered with an error in the last %1 days", nullptr, int(total))
                    .arg(DayCount),
            tr("Opens the API log with these calls"));
    if (total == 0) {
        m_apiErrors->showEmpty(tr("No API errors in the last %1 days.").arg(DayCount));
        return;
    }
    // The same names as the API log page's service filter.
    m_apiErrors->setDailyBars(counts.days, seriesOf(counts.series, serviceLooks(), ApiLogText::serviceName));
}

void DashboardPage::showUnavailable()
{
    m_message->showMessage(InlineMessage::Type::Warning, tr("No database: the dashboard is unavailable."));
    for (ChartCard *card : {m_orders, m_webhooks, m_batches, m_apiErrors}) {
        card->setNumber(0, QString(), QString());
        card->numberButton()->setEnabled(false);
        card->showEmpty(tr("Unavailable without a database."));
    }
}

} // namespace Bottega
