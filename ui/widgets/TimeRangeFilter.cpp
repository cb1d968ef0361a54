#include "ui/widgets/TimeRangeFilter.h"

#include "ui/DisplayFormat.h"

#include <QCheckBox>
#include <QDateTimeEdit>
#include <QHBoxLayout>
#include <QLocale>
#include <QSignalBlocker>

using namespace Qt::StringLiterals;

namespace Bottega {

TimeRangeFilter::TimeRangeFilter(QWidget *parent)
    : QWidget(parent), m_fromEnabled(new QCheckBox(tr("From"), this)), m_from(new QDateTimeEdit(this)),
      m_toEnabled(new QCheckBox(tr("To"), this)), m_to(new QDateTimeEdit(this))
{
    const QDateTime now = QDateTime::currentDateTime();
    for (QDateTimeEdit *edit : {m_from, m_to}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QLocale().dateTimeFormat(QLocale::ShortFormat)); // as every date shown
        edit->setEnabled(false);
    }
    m_from->setObjectName(u"fromEdit"_s);
    m_to->setObjectName(u"toEdit"_s);
    m_fromEnabled->setObjectName(u"fromEnabled"_s);
    m_toEnabled->setObjectName(u"toEnabled"_s);
    m_from->setDateTime(now.addDays(-1));
    m_to->setDateTime(now);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_fromEnabled);
    layout->addWidget(m_from);
    layout->addWidget(m_toEnabled);
    layout->addWidget(m_to);

    connect(m_fromEnabled, &QCheckBox::toggled, m_from, &QWidget::setEnabled);
    connect(m_toEnabled, &QCheckBox::toggled, m_to, &QWidget::setEnabled);
    connect(m_fromEnabled, &QCheckBox::toggled, this, &TimeRangeFilter::switched);
    connect(m_toEnabled, &QCheckBox::toggled, this, &TimeRangeFilter::switched);
    connect(m_from, &QDateTimeEdit::dateTimeChanged, this, &TimeRangeFilter::edited);
    connect(m_to, &QDateTimeEdit::dateTimeChanged, this, &TimeRangeFilter::edited);
}

QDateTime TimeRangeFilter::from() const
{
    return m_fromEnabled->isChecked() ? m_from->dateTime().toUTC() : QDateTime();
}

QDateTime TimeRangeFilter::to() const
{
    return m_toEnabled->isChecked() ? m_to->dateTime().toUTC() : QDateTime();
}

bool TimeRangeFilter::isOn() const
{
    return m_fromEnabled->isChecked() || m_toEnabled->isChecked();
}

void TimeRangeFilter::setRange(const QDateTime &from, const QDateTime &to)
{
    const QSignalBlocker blockFrom(m_from), blockTo(m_to), blockFromOn(m_fromEnabled), blockToOn(m_toEnabled);
    m_fromEnabled->setChecked(from.isValid());
    m_from->setEnabled(from.isValid());
    if (from.isValid())
        m_from->setDateTime(from.toLocalTime());
    m_toEnabled->setChecked(to.isValid());
    m_to->setEnabled(to.isValid());
    if (to.isValid())
        m_to->setDateTime(to.toLocalTime());
}

QString TimeRangeFilter::problem() const
{
    const QDateTime start = from(), end = to();
    if (start.isValid() && end.isValid() && end < start)
        return tr("The time range ends (%1) before it starts (%2): change From or To.")
                .arg(DisplayFormat::dateTime(end), DisplayFormat::dateTime(start));
    return {};
}

} // namespace Bottega
