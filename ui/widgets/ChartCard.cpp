#include "ui/widgets/ChartCard.h"

#include <QAbstractAxis>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QCursor>
#include <QEvent>
#include <QGridLayout>
#include <QHorizontalStackedBarSeries>
#include <QLabel>
#include <QLegend>
#include <QLocale>
#include <QStackedBarSeries>
#include <QStackedWidget>
#include <QToolButton>
#include <QToolTip>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// A count axis from 0 with whole-number ticks: 0..max in steps of 1, 2, 5, 10, 20, 50, ...
QValueAxis *countAxis(qint64 max)
{
    auto *axis = new QValueAxis;
    const qint64 factors[] = {1, 2, 5};
    qint64 magnitude = 1;
    qint64 step = 1;
    for (int k = 0; max > 4 * step;) {
        if (++k == 3) {
            k = 0;
            magnitude *= 10;
        }
        step = factors[k] * magnitude;
    }
    const qint64 ticks = std::max<qint64>(1, (max + step - 1) / step);
    axis->setRange(0, double(ticks * step));
    axis->setTickCount(int(ticks) + 1);
    axis->setLabelFormat(u"%d"_s);
    return axis;
}

} // namespace

ChartCard::ChartCard(const QString &title, QWidget *parent)
    : QFrame(parent), m_title(new QLabel(title, this)), m_number(new QToolButton(this)),
      m_caption(new QLabel(this)), m_body(new QStackedWidget(this)), m_chart(new QChart),
      m_view(new QChartView(m_chart, this)), m_empty(new QLabel(this))
{
    setFrameShape(QFrame::StyledPanel);
    m_title->setObjectName(u"cardTitle"_s);
    m_title->setTextFormat(Qt::PlainText);
    QFont titleFont = m_title->font();
    titleFont.setBold(true);
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.15);
    m_title->setFont(titleFont);

    // The number is the card's link to the list behind it: large, and a button for the keyboard too.
    m_number->setObjectName(u"cardNumber"_s);
    m_number->setAutoRaise(true);
    m_number->setCursor(Qt::PointingHandCursor);
    QFont numberFont = m_number->font();
    numberFont.setBold(true);
    numberFont.setPointSizeF(numberFont.pointSizeF() * 1.8);
    m_number->setFont(numberFont);
    m_caption->setObjectName(u"cardCaption"_s);
    m_caption->setTextFormat(Qt::PlainText);
    m_caption->setWordWrap(true);

    m_chart->setMargins(QMargins(2, 2, 2, 2));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_view->setObjectName(u"cardChart"_s);
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setMinimumHeight(160);
    m_view->setCursor(Qt::PointingHandCursor);
    m_empty->setObjectName(u"cardEmpty"_s);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setWordWrap(true);
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setForegroundRole(QPalette::PlaceholderText);
    m_body->addWidget(m_view);
    m_body->addWidget(m_empty);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(10, 8, 10, 8);
    layout->addWidget(m_title, 0, 0, 1, 2);
    layout->addWidget(m_number, 1, 0, Qt::AlignLeft | Qt::AlignVCenter);
    layout->addWidget(m_caption, 1, 1);
    layout->addWidget(m_body, 2, 0, 1, 2);
    layout->setColumnStretch(1, 1);
    layout->setRowStretch(2, 1);

    connect(m_number, &QToolButton::clicked, this, &ChartCard::numberClicked);
    applyPalette();
}

ChartCard::~ChartCard() = default;

QString ChartCard::title() const
{
    return m_title->text();
}

QString ChartCard::caption() const
{
    return m_caption->text();
}

void ChartCard::setNumber(qint64 number, const QString &caption, const QString &toolTip)
{
    m_number->setText(QLocale().toString(number));
    m_caption->setText(caption);
    m_number->setToolTip(toolTip);
    m_caption->setToolTip(toolTip);
}

void ChartCard::showChart()
{
    applyPalette(); // new series and axes take the chart theme's colours
    m_body->setCurrentWidget(m_view);
}

void ChartCard::showEmpty(const QString &text)
{
    m_empty->setText(text);
    m_body->setCurrentWidget(m_empty);
}

bool ChartCard::isChartShown() const
{
    return m_body->currentWidget() == m_view;
}

QString ChartCard::emptyText() const
{
    return isChartShown() ? QString() : m_empty->text();
}

void ChartCard::setCategoryBars(const QList<Series> &bars)
{
    clearChart();
    m_daily = false;
    m_days.clear();
    // Qt draws the first category at the bottom: reversed, the first bar is on top.
    const int n = int(bars.size());
    QStringList labels;
    auto *series = new QHorizontalStackedBarSeries;
    series->setBarWidth(0.7);
    qint64 max = 0;
    for (int i = 0; i < n; ++i) {
        const Series &bar = bars.at(i);
        const qint64 count = bar.counts.value(0);
        max = std::max(max, count);
        labels.prepend(u"%1 (%2)"_s.arg(bar.label, QLocale().toString(count)));
        QList<qint64> values(n, 0);
        values[n - 1 - i] = count;
        addSet(series, bar, values);
    }
    m_chart->addSeries(series);
    auto *categories = new QBarCategoryAxis;
    categories->append(labels);
    categories->setGridLineVisible(false);
    categories->setTruncateLabels(false);
    // Room for every state's name: Qt Charts skips labels that do not fit their category.
    m_view->setMinimumHeight(std::max(160, 24 * n + 40));
    m_chart->addAxis(categories, Qt::AlignLeft);
    series->attachAxis(categories);
    QValueAxis *counts = countAxis(max);
    m_chart->addAxis(counts, Qt::AlignBottom);
    series->attachAxis(counts);
    m_chart->legend()->setVisible(false);
    showChart();
}

void ChartCard::setDailyBars(const QList<QDate> &days, const QList<Series> &series)
{
    clearChart();
    m_daily = true;
    m_days = days;
    auto *bars = new QStackedBarSeries;
    bars->setBarWidth(0.75);
    for (const Series &one : series)
        addSet(bars, one, one.counts);
    qint64 max = 0;
    for (int day = 0; day < days.size(); ++day) {
        qint64 sum = 0;
        for (const Series &one : series)
            sum += one.counts.value(day);
        max = std::max(max, sum);
    }
    m_chart->addSeries(bars);
    // The day of the month under each column (more does not fit 14 columns); the dates in the title.
    QStringList labels;
    for (const QDate &day : days)
        labels.append(QString::number(day.day()));
    auto *axis = new QBarCategoryAxis;
    axis->append(labels);
    axis->setGridLineVisible(false);
    axis->setTruncateLabels(false);
    if (!days.isEmpty())
        axis->setTitleText(tr("%1 – %2").arg(QLocale().toString(days.first(), u"d MMM"_s),
                                             QLocale().toString(days.last(), u"d MMM yyyy"_s)));
    m_chart->addAxis(axis, Qt::AlignBottom);
    bars->attachAxis(axis);
    QValueAxis *counts = countAxis(max);
    m_chart->addAxis(counts, Qt::AlignLeft);
    bars->attachAxis(counts);
    m_chart->legend()->setVisible(true);
    showChart();
}

QBarSet *ChartCard::addSet(QAbstractBarSeries *series, const Series &data, const QList<qint64> &values)
{
    auto *set = new QBarSet(data.label);
    for (const qint64 value : values)
        set->append(double(value));
    set->setColor(data.color);
    set->setBorderColor(data.color);
    series->append(set);
    m_keys.append(data.key);
    const QString key = data.key;
    const QString label = data.label;
    connect(set, &QBarSet::clicked, this,
            [this, key](int index) { Q_EMIT barClicked(key, m_daily ? index : 0); });
    connect(set, &QBarSet::hovered, this, [this, set, label](bool entered, int index) {
        if (entered)
            QToolTip::showText(QCursor::pos(), hoverText(label, qint64(set->at(index)), index), m_view);
        else
            QToolTip::hideText();
    });
    return set;
}

QString ChartCard::hoverText(const QString &label, qint64 count, int index) const
{
    if (m_daily && index >= 0 && index < m_days.size())
        return tr("%1, %2: %3")
                .arg(QLocale().toString(m_days.at(index), QLocale::ShortFormat), label,
                     QLocale().toString(count));
    return tr("%1: %2").arg(label, QLocale().toString(count));
}

QStringList ChartCard::categories() const
{
    for (QAbstractAxis *axis : m_chart->axes()) {
        if (auto *categories = qobject_cast<QBarCategoryAxis *>(axis))
            return categories->categories();
    }
    return {};
}

qint64 ChartCard::count(const QString &key, int index) const
{
    const qsizetype at = m_keys.indexOf(key);
    if (at < 0 || m_chart->series().isEmpty())
        return -1;
    auto *series = qobject_cast<QAbstractBarSeries *>(m_chart->series().first());
    const QBarSet *set = series->barSets().at(at);
    if (!m_daily)
        return qint64(set->sum());
    return index >= 0 && index < set->count() ? qint64(set->at(index)) : -1;
}

QPoint ChartCard::barPosition(const QString &key, int index) const
{
    const qsizetype at = m_keys.indexOf(key);
    if (at < 0 || m_chart->series().isEmpty())
        return {};
    auto *series = qobject_cast<QAbstractBarSeries *>(m_chart->series().first());
    const QList<QBarSet *> sets = series->barSets();
    QPointF value;
    if (m_daily) {
        double below = 0;
        for (qsizetype i = 0; i < at; ++i)
            below += sets.at(i)->at(index);
        value = QPointF(index, below + sets.at(at)->at(index) / 2);
    } else {
        const int category = int(sets.size() - 1 - at);
        value = QPointF(sets.at(at)->sum() / 2, category);
    }
    const QPointF inChart = m_chart->mapToPosition(value, series);
    return m_view->mapFromScene(m_chart->mapToScene(inChart));
}

void ChartCard::clearChart()
{
    m_chart->removeAllSeries();
    m_keys.clear();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
}

void ChartCard::applyPalette()
{
    const QPalette colors = palette();
    const QColor text = colors.color(QPalette::WindowText);
    QColor grid = text;
    grid.setAlphaF(0.15);
    m_chart->setBackgroundBrush(colors.brush(QPalette::Window));
    m_chart->setBackgroundPen(Qt::NoPen);
    m_chart->setPlotAreaBackgroundVisible(false);
    m_chart->setTitleBrush(text);
    m_chart->legend()->setLabelColor(text);
    m_chart->legend()->setBorderColor(Qt::transparent);
    m_view->setBackgroundBrush(colors.brush(QPalette::Window));
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(text);
        axis->setTitleBrush(text);
        axis->setLinePenColor(grid);
        axis->setGridLineColor(grid);
        axis->setShadesVisible(false);
    }
}

void ChartCard::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyPalette();
}

} // namespace Bottega
