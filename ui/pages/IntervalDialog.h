// IntervalDialog: asks for a job's new interval as a number and a unit. The dialog does not judge
// the value itself: OK hands it to an apply function (the scheduler) and shows that function's
// error inline, staying open, so the user reads the real rule ("below the minimum of 600 s").
#pragma once

#include "core/domain/Result.h"

#include <QDialog>
#include <functional>

class QComboBox;
class QSpinBox;

namespace Bottega {

class InlineMessage;

class IntervalDialog final : public QDialog
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(IntervalDialog)

public:
    using Apply = std::function<Result<void>(int seconds)>;

    IntervalDialog(const QString &jobTitle, int currentSeconds, int minimumSeconds, Apply apply,
                   QWidget *parent = nullptr);
    ~IntervalDialog() override;

    int seconds() const;
    void setSeconds(int seconds);
    QString errorText() const; // the apply function's last error, empty if none

    // Applies the value; closes the dialog on success, shows the error otherwise.
    void accept() override;

private:
    QSpinBox *m_value;
    QComboBox *m_unit;
    InlineMessage *m_error;
    Apply m_apply;
};

} // namespace Bottega
