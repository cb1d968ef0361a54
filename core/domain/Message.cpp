#include "core/domain/Message.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Bottega {

QString Message::toStored() const
{
    if (code.isEmpty())
        return args.value(0);
    const QJsonObject object {{u"code"_s, code}, {u"args"_s, QJsonArray::fromStringList(args)}};
    return QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Compact));
}

Message Message::fromStored(const QString &stored)
{
    // Only our own shape is a coded message: an object of "code" (and "args") alone.
    if (!stored.startsWith(u'{') || !stored.contains("\"code\""_L1))
        return Message(stored);
    const QJsonObject object = QJsonDocument::fromJson(stored.toUtf8()).object();
    const QJsonValue code = object.value("code"_L1);
    const QJsonValue args = object.value("args"_L1);
    const qsizetype keys = object.size();
    if (!code.isString() || code.toString().isEmpty() || !(args.isArray() || args.isUndefined())
        || keys != (args.isUndefined() ? 1 : 2))
        return Message(stored);
    QStringList list;
    for (const QJsonValue &arg : args.toArray())
        list.append(arg.toString());
    return of(code.toString(), list);
}

} // namespace Bottega
