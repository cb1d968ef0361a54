#include "core/store/SqliteStatement.h"

#include <QSqlDatabase>
#include <QDateTime>
#include <QHash>
#include <QMutex>
#include <QSet>
#include <QSqlDriver>
#include <QVariant>
#include <sqlite3.h>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

sqlite3 *handleOf(const QSqlDatabase &connection)
{
    if (!connection.isOpen() || connection.driverName() != "QSQLITE"_L1 || !connection.driver())
        return nullptr;
    const QVariant handle = connection.driver()->handle();
    if (!handle.isValid() || qstrcmp(handle.typeName(), "sqlite3*") != 0)
        return nullptr;
    return *static_cast<sqlite3 *const *>(handle.constData());
}

// The statements prepared on each connection, so that they are finalized before Qt closes it
// (SQLite refuses to close a connection with statements left; Qt would then leak it).
QMutex registryMutex;
QHash<sqlite3 *, QSet<SqliteStatement *>> &registry()
{
    static QHash<sqlite3 *, QSet<SqliteStatement *>> statements;
    return statements;
}

} // namespace

void SqliteStatement::finalizeAll(const QSqlDatabase &connection)
{
    sqlite3 *handle = handleOf(connection);
    if (!handle)
        return;
    QSet<SqliteStatement *> statements;
    {
        QMutexLocker lock(&registryMutex);
        statements = registry().take(handle);
    }
    for (SqliteStatement *statement : std::as_const(statements)) {
        sqlite3_finalize(statement->m_statement);
        statement->m_statement = nullptr;
        statement->m_handle = nullptr;
        statement->m_prepareError = u"the database connection was closed"_s;
    }
}

SqliteStatement::SqliteStatement(const QSqlDatabase &connection, const QByteArray &sql)
    : m_handle(handleOf(connection))
{
    if (!m_handle) {
        m_prepareError = u"not an SQLite connection"_s;
        return;
    }
    // Kept for the connection's life: SQLITE_PREPARE_PERSISTENT tells SQLite so.
    if (sqlite3_prepare_v3(m_handle, sql.constData(), int(sql.size()), SQLITE_PREPARE_PERSISTENT, &m_statement,
                           nullptr)
        != SQLITE_OK) {
        m_prepareError = error();
        sqlite3_finalize(m_statement);
        m_statement = nullptr;
        return;
    }
    QMutexLocker lock(&registryMutex);
    registry()[m_handle].insert(this);
}

SqliteStatement::~SqliteStatement()
{
    if (!m_statement)
        return;
    {
        QMutexLocker lock(&registryMutex);
        if (auto found = registry().find(m_handle); found != registry().end()) {
            found->remove(this);
            if (found->isEmpty())
                registry().erase(found);
        }
    }
    sqlite3_finalize(m_statement);
}

QString SqliteStatement::error() const
{
    return m_handle ? QString::fromUtf8(sqlite3_errmsg(m_handle)) : m_prepareError;
}

SqliteStatement &SqliteStatement::bind(qint64 value)
{
    if (m_statement)
        sqlite3_bind_int64(m_statement, m_next, value);
    ++m_next;
    return *this;
}

SqliteStatement &SqliteStatement::bind(const QString &text)
{
    if (m_statement) {
        // UTF-16 as it is (SQLite converts it while storing); empty text is '' rather than NULL.
        static const char16_t empty = 0;
        const void *data = text.isEmpty() ? static_cast<const void *>(&empty) : static_cast<const void *>(text.utf16());
        sqlite3_bind_text16(m_statement, m_next, data, int(text.size() * sizeof(char16_t)), SQLITE_STATIC);
    }
    ++m_next;
    return *this;
}

SqliteStatement &SqliteStatement::bindTextOrNull(const QString &text)
{
    return text.isEmpty() ? bindNull() : bind(text);
}

SqliteStatement &SqliteStatement::bind(const QByteArray &bytes)
{
    if (m_statement) {
        static const char empty = 0;
        sqlite3_bind_blob(m_statement, m_next, bytes.isEmpty() ? &empty : bytes.constData(), int(bytes.size()),
                          SQLITE_STATIC);
    }
    ++m_next;
    return *this;
}

SqliteStatement &SqliteStatement::bindNull()
{
    if (m_statement)
        sqlite3_bind_null(m_statement, m_next);
    ++m_next;
    return *this;
}

SqliteStatement &SqliteStatement::bind(double value)
{
    if (m_statement)
        sqlite3_bind_double(m_statement, m_next, value);
    ++m_next;
    return *this;
}

SqliteStatement &SqliteStatement::bind(const QVariant &value)
{
    if (value.isNull())
        return bindNull();
    switch (value.typeId()) {
    case QMetaType::QString: {
        const auto *text = static_cast<const QString *>(value.constData());
        return text->isNull() ? bindNull() : bind(*text);
    }
    case QMetaType::QByteArray: {
        const auto *bytes = static_cast<const QByteArray *>(value.constData());
        return bytes->isNull() ? bindNull() : bind(*bytes);
    }
    case QMetaType::Bool:
    case QMetaType::Int:
    case QMetaType::UInt:
    case QMetaType::LongLong:
        return bind(value.toLongLong());
    case QMetaType::Double:
        return bind(value.toDouble());
    case QMetaType::QDateTime: {
        const QDateTime time = value.toDateTime();
        return time.isValid() ? bindCopy(time.toString(Qt::ISODateWithMs)) : bindNull();
    }
    case QMetaType::QDate: {
        const QDate date = value.toDate();
        return date.isValid() ? bindCopy(date.toString(Qt::ISODate)) : bindNull();
    }
    case QMetaType::QTime: {
        const QTime time = value.toTime();
        return time.isValid() ? bindCopy(time.toString(u"hh:mm:ss.zzz")) : bindNull();
    }
    default:
        return bindCopy(value.toString());
    }
}

SqliteStatement &SqliteStatement::bindCopy(const QString &text)
{
    if (m_statement)
        sqlite3_bind_text16(m_statement, m_next, text.utf16(), int(text.size() * sizeof(char16_t)), SQLITE_TRANSIENT);
    ++m_next;
    return *this;
}

int SqliteStatement::changes() const
{
    return m_handle ? sqlite3_changes(m_handle) : 0;
}

Result<bool> SqliteStatement::step()
{
    if (!m_statement)
        return makeError(m_prepareError);
    switch (sqlite3_step(m_statement)) {
    case SQLITE_ROW:
        return true;
    case SQLITE_DONE:
        return false;
    default: {
        const QString message = error();
        reset();
        return makeError(message);
    }
    }
}

qint64 SqliteStatement::integer(int column) const
{
    return m_statement ? sqlite3_column_int64(m_statement, column) : 0;
}

void SqliteStatement::reset()
{
    if (m_statement) {
        sqlite3_reset(m_statement);
        sqlite3_clear_bindings(m_statement);
    }
    m_next = 1;
}

qint64 SqliteStatement::lastInsertRowId() const
{
    return m_handle ? sqlite3_last_insert_rowid(m_handle) : 0;
}

} // namespace Bottega
