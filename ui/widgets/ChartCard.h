// ChartCard: one figure of the dashboard: a title, the number beside it (a button that opens the
// list behind it) with a caption, and a Qt chart, or a sentence instead when there is nothing to
// chart. The chart takes its background, text and grid colours from the widget's palette and
// follows palette changes, so it reads in dark themes. Lives on the window's thread.
#pragma once

#include <QColor>
#include <QDate>
#include <QFrame>
#include <QList>

class QAbstractBarSeries;
class QBarSet;
class QChart;
class QChartView;
class QLabel;
class QStackedWidget;
class QToolButton;

namespace Bottega {

class ChartCard final : public QFrame
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(ChartCard)

public:
    // One bar (a category chart) or one stacked series (a daily chart): `key` is what a click
    // reports (a state, a service), `label` what the reader sees.
    struct Series
    {
        QString key;
        QString label;
        QColor color;
        QList<qint64> counts; // a category chart: one count; a daily chart: one per day
    };

    explicit ChartCard(const QString &title, QWidget *parent = nullptr);
    ~ChartCard() override;

    QString title() const;
    QChart *chart() const { return m_chart; }
    QChartView *chartView() const { return m_view; }
    QToolButton *numberButton() const { return m_number; }
    QString caption() const;

    // The number in the locale's digits, its caption ("orders") and what a click on it opens.
    void setNumber(qint64 number, const QString &caption, const QString &toolTip);
    // Shows the chart (after its series were set), or instead the sentence.
    void showChart();
    void showEmpty(const QString &text);
    bool isChartShown() const;
    QString emptyText() const;
    // Horizontal bars, one a series, top to bottom, each labelled with its count; shows the chart.
    void setCategoryBars(const QList<Series> &bars);
    // One stacked column a day, the series stacked in order and named in the legend; shows the chart.
    void setDailyBars(const QList<QDate> &days, const QList<Series> &series);
    QStringList categories() const;
    // The count drawn for key's bar at index (category charts: index 0), -1 without that bar.
    qint64 count(const QString &key, int index = 0) const;
    // Where key's bar at index is drawn, in the chart view's viewport (for tests that click it).
    QPoint barPosition(const QString &key, int index = 0) const;
    // Colours the chart's background, title, labels, legend and grid from the palette (again).
    void applyPalette();

Q_SIGNALS:
    void numberClicked();
    // A bar was clicked: its series' key, and (daily charts) the day's index.
    void barClicked(const QString &key, int index);

protected:
    void changeEvent(QEvent *event) override;

private:
    // Removes the series and axes, for a new set.
    void clearChart();
    QBarSet *addSet(QAbstractBarSeries *series, const Series &data, const QList<qint64> &values);
    QString hoverText(const QString &label, qint64 count, int index) const;

    bool m_daily = false;
    QList<QDate> m_days;
    QStringList m_keys; // in the order of the sets
    QLabel *m_title;
    QToolButton *m_number;
    QLabel *m_caption;
    QStackedWidget *m_body;
    QChart *m_chart;
    QChartView *m_view;
    QLabel *m_empty;
};

} // namespace Bottega
