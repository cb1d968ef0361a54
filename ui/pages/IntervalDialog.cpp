#include "ui/pages/IntervalDialog.h"

#include "ui/DisplayFormat.h"
#include "ui/widgets/InlineMessage.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>
#include <algorithm>
#include <limits>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

constexpr int unitSeconds[] = {1, 60, 3600, 86400};

} // namespace

IntervalDialog::IntervalDialog(const QString &jobTitle, int currentSeconds, int minimumSeconds, Apply apply,
                               QWidget *parent)
    : QDialog(parent), m_value(new QSpinBox(this)), m_unit(new QComboBox(this)),
      m_error(new InlineMessage(this)), m_apply(std::move(apply))
{
    setObjectName(u"intervalDialog"_s);
    setWindowTitle(tr("Change interval"));
    m_value->setObjectName(u"value"_s);
    m_unit->setObjectName(u"unit"_s);
    m_error->setObjectName(u"error"_s);
    // No minimum here on purpose: the scheduler knows each job's rule and says it in words.
    m_value->setRange(0, 99999);
    m_unit->addItem(tr("seconds"), unitSeconds[0]);
    m_unit->addItem(tr("minutes"), unitSeconds[1]);
    m_unit->addItem(tr("hours"), unitSeconds[2]);
    m_unit->addItem(tr("days"), unitSeconds[3]);

    auto *row = new QHBoxLayout;
    row->addWidget(m_value, 1);
    row->addWidget(m_unit);

    auto *intro = new QLabel(
            tr("How often should \"%1\" run? 0 means only when started by hand.").arg(jobTitle), this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Every:"), row);
    if (minimumSeconds > 0)
        form->addRow(QString(),
                     new QLabel(tr("Minimum: %1").arg(DisplayFormat::duration(minimumSeconds)), this));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &IntervalDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &IntervalDialog::reject);
    connect(m_value, &QSpinBox::valueChanged, m_error, &InlineMessage::clearMessage);
    connect(m_unit, &QComboBox::currentIndexChanged, m_error, &InlineMessage::clearMessage);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addStretch(1);
    layout->addWidget(buttons);

    setSeconds(currentSeconds);
    setMinimumWidth(420);
}

IntervalDialog::~IntervalDialog() = default;

int IntervalDialog::seconds() const
{
    // 99999 days does not fit an int; the scheduler then says the value is out of range.
    const qint64 value = qint64(m_value->value()) * m_unit->currentData().toInt();
    return int(std::min<qint64>(value, std::numeric_limits<int>::max()));
}

void IntervalDialog::setSeconds(int seconds)
{
    // The largest unit that shows the value exactly: 600 s is "10 minutes".
    int unit = 0;
    for (int i = int(std::size(unitSeconds)) - 1; i > 0; --i) {
        if (seconds > 0 && seconds % unitSeconds[i] == 0) {
            unit = i;
            break;
        }
    }
    m_unit->setCurrentIndex(unit);
    m_value->setValue(seconds / unitSeconds[unit]);
}

QString IntervalDialog::errorText() const
{
    return m_error->hasMessage() ? m_error->text() : QString();
}

void IntervalDialog::accept()
{
    if (m_apply) {
        const Result<void> result = m_apply(seconds());
        if (!result) {
            m_error->showMessage(InlineMessage::Type::Error, result.error());
            return;
        }
    }
    QDialog::accept();
}

} // namespace Bottega
