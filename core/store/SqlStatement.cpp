#include "core/store/SqlStatement.h"

#include "core/store/SqlValues.h"

#include <QSqlError>
#include <QSqlRecord>

using namespace Qt::StringLiterals;

namespace Bottega {

QString SqlStatement::errorText(const QSqlError &error)
{
    QString text = error.databaseText().trimmed();
    const QString driver = error.driverText().trimmed();
    if (text.isEmpty())
        return driver.isEmpty() ? u"unknown database error"_s : driver;
    return text;
}

SqlStatement::SqlStatement(const QSqlDatabase &connection, const QString &sql)
    : m_query(connection), m_sql(sql)
{
    m_query.setForwardOnly(true);
    m_prepared = m_query.prepare(sql);
    if (!m_prepared)
        m_prepareError = errorText(m_query.lastError());
}

SqlStatement &SqlStatement::bind(const QVariant &value)
{
    m_query.addBindValue(value);
    return *this;
}

Result<void> SqlStatement::exec(const QString &what)
{
    if (!m_prepared)
        return makeError(what + u": "_s + m_prepareError);
    m_columns.clear();
    if (!m_query.exec())
        return makeError(what + u": "_s + errorText(m_query.lastError()));
    return {};
}

bool SqlStatement::next()
{
    return m_query.next();
}

QVariant SqlStatement::value(const QString &column) const
{
    if (m_columns.isEmpty()) {
        const QSqlRecord record = m_query.record();
        for (int i = 0; i < record.count(); ++i)
            m_columns.insert(record.fieldName(i).toLower(), i);
    }
    const auto found = m_columns.constFind(column);
    if (found == m_columns.cend()) {
        // A programming error (a column missing from the SELECT): loud in logs and tests.
        qWarning("SqlStatement: no column \"%s\" in: %s", qUtf8Printable(column), qUtf8Printable(m_sql));
        return {};
    }
    return m_query.value(*found);
}

QString SqlStatement::text(const QString &column) const
{
    return value(column).toString();
}

qint64 SqlStatement::integer(const QString &column) const
{
    return value(column).toLongLong();
}

double SqlStatement::number(const QString &column) const
{
    return Sql::toNumber(value(column));
}

bool SqlStatement::flag(const QString &column) const
{
    return value(column).toLongLong() != 0;
}

QDateTime SqlStatement::time(const QString &column) const
{
    return Sql::toTime(value(column));
}

QByteArray SqlStatement::bytes(const QString &column) const
{
    return value(column).toByteArray();
}

int SqlStatement::rowsAffected() const
{
    return m_query.numRowsAffected();
}

Result<void> SqlStatement::execOne(const QString &what, const QString &notFound)
{
    if (auto r = exec(what); !r)
        return r;
    if (rowsAffected() == 0)
        return makeError(notFound);
    return {};
}

SqlStatement &SqlStatement::bindAll(const QVariantList &values)
{
    for (const QVariant &value : values)
        bind(value);
    return *this;
}

QString SqlStatement::placeholders(qsizetype count)
{
    QStringList marks;
    marks.fill(QStringLiteral("?"), count);
    return marks.join(u',');
}

void SqlStatement::appendPage(QString &sql, QVariantList &values, int limit, int offset)
{
    if (limit <= 0)
        return;
    sql += QStringLiteral(" LIMIT ? OFFSET ?");
    values.append(limit);
    values.append(qMax(0, offset));
}

Result<qint64> SqlStatement::count(const QSqlDatabase &connection, const QString &table, const QString &where,
                                   const QVariantList &values, const QString &what)
{
    SqlStatement select(connection, QStringLiteral("SELECT COUNT(*) AS n FROM ") + table + where);
    select.bindAll(values);
    if (auto r = select.exec(what); !r)
        return makeError(r.error());
    return select.next() ? select.integer(QStringLiteral("n")) : 0;
}

} // namespace Bottega
