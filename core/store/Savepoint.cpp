#include "core/store/Savepoint.h"

#include "core/store/Database.h"

#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace Bottega {

Savepoint::Savepoint(const Database &database, const QString &name) : m_database(database), m_name(name) { }

Savepoint::~Savepoint()
{
    if (m_open)
        (void)rollback();
}

// Savepoint statements run unprepared: PostgreSQL cannot PREPARE them.
Result<void> Savepoint::run(const QString &sql)
{
    QSqlQuery query(m_database.connection());
    if (!query.exec(sql))
        return makeError(sql + u": "_s + query.lastError().text());
    return {};
}

Result<void> Savepoint::begin()
{
    if (auto r = run(u"SAVEPOINT "_s + m_name); !r)
        return r;
    m_open = true;
    return {};
}

Result<void> Savepoint::release()
{
    m_open = false;
    return run(u"RELEASE SAVEPOINT "_s + m_name);
}

Result<void> Savepoint::rollback()
{
    m_open = false;
    if (auto r = run(u"ROLLBACK TO SAVEPOINT "_s + m_name); !r)
        return r;
    return run(u"RELEASE SAVEPOINT "_s + m_name);
}

} // namespace Bottega
