// DisplayFormat: how the window writes durations and times, in one place so every page says
// "every 10 minutes" and shows local times the same way.
#pragma once

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

namespace Bottega {

class DisplayFormat final
{
    Q_DECLARE_TR_FUNCTIONS(Bottega::DisplayFormat)

public:
    DisplayFormat() = delete;

    // "90 seconds", "10 minutes", "2 hours", "1 day": the largest unit that divides it exactly.
    static QString duration(int seconds);
    // "Every 10 minutes"; 0 gives "Manual only".
    static QString interval(int seconds);
    // A UTC or local time shown in local time, short locale format; invalid gives whenInvalid.
    static QString dateTime(const QDateTime &time, const QString &whenInvalid = {});
    // The date as given (no time-zone shift: an estimated delivery day stays that day), short
    // locale format; invalid gives whenInvalid.
    static QString date(const QDateTime &time, const QString &whenInvalid = {});
    // A print placement as shown: Gelato's "default" is the front ("Default (front)"); the others
    // are Gelato's own names ("front", "back", "sleeve_left").
    static QString placement(const QString &name);
    // dateTime() with the seconds, in the same locale format (the API log, where calls of one
    // minute must be told apart).
    static QString dateTimeWithSeconds(const QDateTime &time, const QString &whenInvalid = {});
};

} // namespace Bottega
