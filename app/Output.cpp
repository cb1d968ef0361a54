#include "app/Output.h"

#include "core/messages/MessageText.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace Bottega::Output {

QJsonObject message(const Message &message)
{
    return QJsonObject {{QStringLiteral("code"), message.code},
                        {QStringLiteral("args"),
                         QJsonArray::fromStringList(message.isText() ? QStringList() : message.args)},
                        {QStringLiteral("text"), MessageText::render(message)}};
}

QJsonObject storedMessage(const QString &stored)
{
    return message(Message::fromStored(stored));
}

namespace {

void write(FILE *stream, const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

} // namespace

void line(const QString &text)
{
    write(stdout, text + u'\n');
}

void json(const QJsonValue &value)
{
    QJsonDocument document;
    if (value.isArray())
        document = QJsonDocument(value.toArray());
    else
        document = QJsonDocument(value.toObject());
    write(stdout, QString::fromUtf8(document.toJson(QJsonDocument::Indented)));
}

void error(const QString &message)
{
    write(stderr, u"bottega: "_s + message + u'\n');
}

void table(const QList<QStringList> &rows)
{
    QList<qsizetype> widths;
    for (const QStringList &row : rows) {
        for (qsizetype i = 0; i < row.size(); ++i) {
            if (widths.size() <= i)
                widths.append(0);
            widths[i] = std::max(widths[i], row.at(i).size());
        }
    }
    QString text;
    for (const QStringList &row : rows) {
        QString printed;
        for (qsizetype i = 0; i < row.size(); ++i)
            printed += i + 1 < row.size() ? row.at(i).leftJustified(widths.at(i) + 2) : row.at(i);
        text += printed + u'\n';
    }
    write(stdout, text);
}

QJsonValue time(const QDateTime &time)
{
    return time.isValid() ? QJsonValue(time.toString(Qt::ISODate)) : QJsonValue(QJsonValue::Null);
}

QString timeText(const QDateTime &time)
{
    return time.isValid() ? time.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm:ss"))
                          : QStringLiteral("-");
}

} // namespace Bottega::Output
