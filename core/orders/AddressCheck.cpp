#include "core/orders/AddressCheck.h"

#include <QHash>
#include <QRegularExpression>
#include <QSet>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// Countries where Gelato accepts an address without a post code. A list, not a rule (the notes
// say so): the countries that have no postal code system, or (IE, HK) where it is optional.
const QSet<QString> &countriesWithoutPostCodes()
{
    static const QSet<QString> countries = {
            u"AE"_s, u"AG"_s, u"AN"_s, u"AO"_s, u"AW"_s, u"BF"_s, u"BI"_s, u"BJ"_s, u"BO"_s, u"BS"_s, u"BW"_s,
            u"BZ"_s, u"CD"_s, u"CF"_s, u"CG"_s, u"CI"_s, u"CK"_s, u"CM"_s, u"DJ"_s, u"DM"_s, u"ER"_s, u"FJ"_s,
            u"GD"_s, u"GH"_s, u"GM"_s, u"GQ"_s, u"GY"_s, u"HK"_s, u"IE"_s, u"JM"_s, u"KE"_s, u"KI"_s, u"KM"_s,
            u"KN"_s, u"KP"_s, u"LC"_s, u"ML"_s, u"MO"_s, u"MR"_s, u"MS"_s, u"MW"_s, u"NA"_s, u"NR"_s, u"NU"_s,
            u"QA"_s, u"RW"_s, u"SB"_s, u"SC"_s, u"SL"_s, u"SO"_s, u"SR"_s, u"ST"_s, u"SY"_s, u"TF"_s, u"TK"_s,
            u"TL"_s, u"TO"_s, u"TT"_s, u"TV"_s, u"TZ"_s, u"UG"_s, u"VU"_s, u"YE"_s, u"ZA"_s, u"ZW"_s,
    };
    return countries;
}

struct PostCodeFormat
{
    QRegularExpression pattern; // on the trimmed, upper-cased post code
    QString example;
};

// Post code formats of the countries Bottega's shops ship to most (Europe, North America,
// Australia, Japan), from each postal service's published format. Countries not listed are
// checked for Gelato's length limit only.
const QHash<QString, PostCodeFormat> &postCodeFormats()
{
    static const QHash<QString, PostCodeFormat> formats = [] {
        const QList<std::tuple<QStringList, QString, QString>> table = {
                {{u"IT"_s, u"DE"_s, u"FR"_s, u"ES"_s, u"FI"_s, u"HR"_s, u"EE"_s, u"MX"_s, u"TR"_s},
                 u"\\d{5}"_s,
                 u"00184"_s},
                {{u"AT"_s, u"CH"_s, u"BE"_s, u"DK"_s, u"NO"_s, u"HU"_s, u"SI"_s, u"BG"_s, u"AU"_s, u"NZ"_s,
                  u"CY"_s},
                 u"\\d{4}"_s,
                 u"1010"_s},
                {{u"SE"_s, u"CZ"_s, u"SK"_s, u"GR"_s}, u"\\d{3} ?\\d{2}"_s, u"114 55"_s},
                {{u"NL"_s}, u"\\d{4} ?[A-Z]{2}"_s, u"1011 AB"_s},
                {{u"PT"_s}, u"\\d{4}-\\d{3}"_s, u"1000-001"_s},
                {{u"PL"_s}, u"\\d{2}-\\d{3}"_s, u"00-950"_s},
                {{u"LU"_s}, u"(L-)?\\d{4}"_s, u"1009"_s},
                {{u"SM"_s}, u"4789\\d"_s, u"47890"_s},
                {{u"VA"_s}, u"00120"_s, u"00120"_s},
                {{u"MC"_s}, u"980\\d{2}"_s, u"98000"_s},
                {{u"US"_s}, u"\\d{5}(-\\d{4})?"_s, u"10001"_s},
                {{u"CA"_s}, u"[A-Z]\\d[A-Z] ?\\d[A-Z]\\d"_s, u"K1A 0B1"_s},
                {{u"GB"_s}, u"[A-Z]{1,2}\\d[A-Z\\d]? ?\\d[A-Z]{2}"_s, u"SW1A 1AA"_s},
                {{u"JP"_s}, u"\\d{3}-?\\d{4}"_s, u"100-0001"_s},
        };
        QHash<QString, PostCodeFormat> byCountry;
        for (const auto &[countries, pattern, example] : table) {
            const QRegularExpression anchored(QRegularExpression::anchoredPattern(pattern));
            for (const QString &country : countries)
                byCountry.insert(country, {anchored, example});
        }
        return byCountry;
    }();
    return formats;
}

// The readable name of a Gelato address field, as the messages use it.
QString fieldName(const QString &field)
{
    if (field == "firstName"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "first name");
    if (field == "lastName"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "last name");
    if (field == "companyName"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "company");
    if (field == "addressLine1"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "street (address line 1)");
    if (field == "addressLine2"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "address line 2");
    if (field == "city"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "city");
    if (field == "postCode"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "post code");
    if (field == "state"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "state");
    if (field == "country"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "country");
    if (field == "email"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "email");
    if (field == "phone"_L1)
        return QCoreApplication::translate("Bottega::AddressCheck", "phone");
    return field;
}

} // namespace

int AddressCheck::maximumLength(const QString &field)
{
    if (field == "firstName"_L1 || field == "lastName"_L1 || field == "phone"_L1)
        return 25;
    if (field == "companyName"_L1)
        return 60;
    if (field == "addressLine1"_L1 || field == "addressLine2"_L1)
        return 35;
    if (field == "city"_L1)
        return 30;
    if (field == "postCode"_L1)
        return 15;
    return 0;
}

bool AddressCheck::countryHasPostCodes(const QString &countryCode)
{
    return !countriesWithoutPostCodes().contains(countryCode.trimmed().toUpper());
}

QString AddressCheck::postCodeExample(const QString &countryCode)
{
    return postCodeFormats().value(countryCode.trimmed().toUpper()).example;
}

bool AddressCheck::isPostCodeValid(const QString &countryCode, const QString &postCode)
{
    const auto format = postCodeFormats().constFind(countryCode.trimmed().toUpper());
    return format == postCodeFormats().cend() || format->pattern.match(postCode.trimmed().toUpper()).hasMatch();
}

QList<FieldProblem> AddressCheck::check(const Address &address)
{
    QList<FieldProblem> problems;
    const QString country = address.country.trimmed().toUpper();
    for (const QString &field : Address::fieldNames()) {
        const QString value = address.field(field).trimmed();
        bool required = field == "firstName"_L1 || field == "lastName"_L1 || field == "addressLine1"_L1
                || field == "city"_L1 || field == "country"_L1;
        if (field == "email"_L1)
            required = address.kind == Address::Kind::Shipping;
        if (field == "postCode"_L1)
            required = country.isEmpty() || countryHasPostCodes(country);
        if (value.isEmpty()) {
            if (required)
                problems.append({field, tr("%1 is required").arg(fieldName(field))});
            continue;
        }
        if (const int limit = maximumLength(field); limit > 0 && value.size() > limit) {
            problems.append({field, tr("%1 is longer than %2 characters").arg(fieldName(field)).arg(limit)});
            continue;
        }
        if (field == "country"_L1
            && (value.size() != 2 || !value.at(0).isLetter() || !value.at(1).isLetter())) {
            problems.append(
                    {field, tr("country \"%1\" is not a two-letter ISO code (IT, DE, ...)").arg(value)});
        } else if (field == "email"_L1
                   && (!value.contains(u'@') || value.startsWith(u'@') || value.endsWith(u'@'))) {
            problems.append({field, tr("email \"%1\" is not an email address").arg(value)});
        } else if (field == "postCode"_L1 && !isPostCodeValid(country, value)) {
            problems.append({field, tr("post code \"%1\" does not fit the format used in %2 (for example %3)")
                                            .arg(value, country, postCodeExample(country))});
        }
    }
    return problems;
}

QString AddressCheck::describe(const QList<FieldProblem> &problems, Address::Kind kind)
{
    QStringList messages;
    for (const FieldProblem &problem : problems)
        messages.append(problem.message);
    const QString where = kind == Address::Kind::Shipping ? tr("shipping address") : tr("billing address");
    return where % ": "_L1 % messages.join("; "_L1);
}

} // namespace Bottega
