#include "core/orders/CompanyMatch.h"

#include <QRegularExpression>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

QStringList sortedWords(const QString &text)
{
    QStringList words = CompanyMatch::normalized(text).split(u' ', Qt::SkipEmptyParts);
    words.sort();
    return words;
}

} // namespace

QString CompanyMatch::normalized(const QString &text)
{
    QString out;
    out.reserve(text.size());
    for (const QChar c : text)
        out.append(c.isLetterOrNumber() ? c.toLower() : u' ');
    return out.simplified();
}

QString CompanyMatch::addressText(const GelatoBillingEntity &entity)
{
    QStringList parts;
    for (const QString &part : {entity.addressLine1, entity.addressLine2})
        if (!part.trimmed().isEmpty())
            parts.append(part.trimmed());
    const QString town
            = QStringList {entity.postCode.trimmed(), entity.city.trimmed(), entity.state.trimmed()}
                      .filter(QRegularExpression(u"\\S"_s))
                      .join(u' ');
    if (!town.isEmpty())
        parts.append(town);
    if (!entity.country.trimmed().isEmpty())
        parts.append(entity.country.trimmed());
    return parts.join(", "_L1);
}

CompanyCheck CompanyMatch::compare(const QString &companyName, const QString &billingAddress,
                                   const GelatoBillingEntity &entity)
{
    CompanyCheck check;
    QStringList differences;
    if (normalized(companyName) != normalized(entity.companyName))
        differences.append(tr("company name: settings say \"%1\", Gelato bills \"%2\"")
                                   .arg(companyName.trimmed(), entity.companyName.trimmed()));
    // The address in settings is free text: compare its words, in any order.
    const QString gelatoAddress = addressText(entity);
    if (sortedWords(billingAddress) != sortedWords(gelatoAddress))
        differences.append(tr("billing address: settings say \"%1\", Gelato bills \"%2\"")
                                   .arg(billingAddress.simplified(), gelatoAddress));
    check.state = differences.isEmpty() ? CompanyCheck::State::Matches : CompanyCheck::State::Mismatch;
    check.message = differences.isEmpty()
            ? tr("the company in settings matches the billing entity Gelato reports")
            : tr("the company in settings does not match Gelato's billing entity (Gelato refuses orders "
                 "otherwise): %1")
                      .arg(differences.join("; "_L1));
    return check;
}

} // namespace Bottega
