// TimeRangeFilter: a list's filter on a time range, each end optional (a check box turns it on) and
// off at first, shown in the locale's date format; the API log and the Webhooks page share it. A
// range that ends before it starts is named as a problem for the page to show.
// Thread: the main (window) thread.
#pragma once

#include <QDateTime>
#include <QWidget>

class QCheckBox;
class QDateTimeEdit;

namespace Bottega {

class TimeRangeFilter final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(TimeRangeFilter)

public:
    explicit TimeRangeFilter(QWidget *parent = nullptr);

    // The ends turned on, in UTC; invalid when off.
    QDateTime from() const;
    QDateTime to() const;
    bool isOn() const; // either end
    // Turns on the valid ends at their times and off the others, without telling anyone.
    void setRange(const QDateTime &from, const QDateTime &to);
    // Empty, or what is wrong with the range (it ends before it starts).
    QString problem() const;

    QCheckBox *fromEnabled() const { return m_fromEnabled; }
    QDateTimeEdit *fromEdit() const { return m_from; }
    QCheckBox *toEnabled() const { return m_toEnabled; }
    QDateTimeEdit *toEdit() const { return m_to; }

Q_SIGNALS:
    void switched(); // an end turned on or off
    void edited(); // the time of an end changed

private:
    QCheckBox *m_fromEnabled;
    QDateTimeEdit *m_from;
    QCheckBox *m_toEnabled;
    QDateTimeEdit *m_to;
};

} // namespace Bottega
