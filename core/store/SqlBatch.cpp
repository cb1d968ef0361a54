#include "core/store/SqlBatch.h"

#include "core/store/Database.h"
#include "core/store/SqlStatement.h"
#include "core/store/SqliteStatement.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QSqlQuery>
#include <QThread>

using namespace Qt::StringLiterals;

namespace Bottega {

namespace {

// The same test as Qt's drivers make before writing a value: NULL, or a null string or bytes.
bool isNullValue(const QVariant &value)
{
    if (value.isNull())
        return true;
    switch (value.typeId()) {
    case QMetaType::QString:
        return static_cast<const QString *>(value.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(value.constData())->isNull();
    default:
        return false;
    }
}

// The statement's text split at its "?" placeholders, outside quoted literals and identifiers.
QStringList splitAtPlaceholders(const QString &sql)
{
    QStringList pieces;
    QString piece;
    QChar quote;
    for (const QChar ch : sql) {
        if (!quote.isNull()) {
            if (ch == quote)
                quote = QChar();
            piece += ch;
        } else if (ch == u'?') {
            pieces.append(piece);
            piece.clear();
        } else {
            if (ch == u'\'' || ch == u'"')
                quote = ch;
            piece += ch;
        }
    }
    pieces.append(piece);
    return pieces;
}

} // namespace

SqlBatch::SqlBatch(const Database &database) : m_database(database) { }

SqlBatch::~SqlBatch()
{
    // The driver may be gone (the connection removed) or belong to another thread: then the
    // statements end with their connection.
    if (m_prepared.isEmpty() || !m_script || m_thread != QThread::currentThread() || !m_script->driver()
        || !m_script->driver()->isOpen())
        return;
    QString script;
    for (const QString &name : std::as_const(m_prepared))
        script += u"DEALLOCATE "_s + name + u";\n"_s;
    (void)m_script->exec(script);
}

void SqlBatch::add(const QString &sql, QVariantList values, Text what, Text notFound, qsizetype rows)
{
    m_writes.append({sql, std::move(values), std::move(what), std::move(notFound), rows});
}

Result<void> SqlBatch::flush()
{
    if (m_writes.isEmpty())
        return {};
    // Connections are per thread: statements prepared on another thread's connection are dropped.
    if (m_thread != QThread::currentThread()) {
        m_statements.clear();
        m_prepared.clear();
        m_sent.clear();
        m_script.reset();
        m_thread = QThread::currentThread();
    }
    const QList<Write> writes = std::exchange(m_writes, {});
    return m_database.engine() == Database::Engine::PostgreSql ? flushScript(writes) : flushPrepared(writes);
}

Result<void> SqlBatch::flushPrepared(const QList<Write> &writes)
{
    for (const Write &write : writes) {
        auto &prepared = m_statements[write.sql];
        if (!prepared)
            prepared = std::make_shared<SqliteStatement>(m_database.connection(), write.sql.toUtf8());
        SqliteStatement &statement = *prepared;
        statement.reset();
        for (const QVariant &value : write.values)
            statement.bind(value);
        const auto stepped = statement.step();
        const int changed = statement.changes();
        statement.reset(); // done: nothing of it stays open until the next flush
        if (!stepped)
            return makeError(write.what() + u": "_s + stepped.error());
        if (write.notFound && changed < write.rows)
            return makeError(write.notFound());
    }
    return {};
}

Result<void> SqlBatch::flushScript(const QList<Write> &writes)
{
    if (!m_script) {
        m_script = std::make_unique<QSqlQuery>(m_database.connection());
        m_script->setForwardOnly(false); // every statement's result is read at once
    }
    const QSqlDriver *driver = m_script->driver();
    Q_CONSTINIT static QBasicAtomicInt counter = Q_BASIC_ATOMIC_INITIALIZER(0);
    QString script;
    QSqlField field;
    QHash<QString, QString> preparing; // statements PREPAREd in this message, by text
    QStringList preparedBy; // per write: the name its PREPARE gives, when it comes with one
    for (const Write &write : writes) {
        auto pieces = m_pieces.constFind(write.sql);
        if (pieces == m_pieces.cend())
            pieces = m_pieces.insert(write.sql, splitAtPlaceholders(write.sql));
        if (pieces->size() != write.values.size() + 1)
            return makeError(write.what() + u": "_s
                             + u"%1 values for %2 placeholders"_s.arg(write.values.size()).arg(pieces->size() - 1));
        QString name = m_prepared.value(write.sql, preparing.value(write.sql));
        QString prepare;
        if (name.isEmpty() && ++m_sent[write.sql] >= 2) {
            prepare = name = u"bottega_batch_%1"_s.arg(counter.fetchAndAddRelaxed(1) + 1);
            preparing.insert(write.sql, name);
            script += u"PREPARE "_s + name + u" AS "_s;
            for (qsizetype i = 0; i < write.values.size(); ++i)
                script += pieces->at(i) + u'$' + QString::number(i + 1);
            script += pieces->constLast() + u";\n"_s;
        }
        preparedBy.append(prepare);
        if (!name.isEmpty())
            script += u"EXECUTE "_s + name + u" ("_s;
        for (qsizetype i = 0; i < write.values.size(); ++i) {
            if (name.isEmpty())
                script += pieces->at(i);
            else if (i > 0)
                script += u", "_s;
            const QVariant &value = write.values.at(i);
            field.setMetaType(value.metaType());
            if (isNullValue(value))
                field.clear();
            else
                field.setValue(value);
            script += driver->formatValue(field);
        }
        script += name.isEmpty() ? pieces->constLast() : u")"_s;
        script += u";\n"_s;
    }

    // One result per statement, in order; after a failure the server runs no more of them.
    QSqlQuery &query = *m_script;
    bool first = true;
    const auto next = [&] {
        const bool ok = first ? query.exec(script) : query.nextResult();
        first = false;
        return ok;
    };
    const auto failure = [&query](const Write &write) -> Result<void> {
        const QSqlError error = query.lastError();
        return makeError(write.what() + u": "_s
                         + (error.isValid() ? SqlStatement::errorText(error) : u"no result from the database"_s));
    };
    Result<void> result;
    for (qsizetype i = 0; i < writes.size() && result; ++i) {
        const Write &write = writes.at(i);
        if (!preparedBy.at(i).isEmpty()) {
            if (!next()) {
                result = failure(write);
                break;
            }
            // Prepared now, whatever becomes of the transaction: a rollback does not undo PREPARE.
            m_prepared.insert(write.sql, preparedBy.at(i));
        }
        if (!next())
            result = failure(write);
        else if (write.notFound && query.numRowsAffected() < write.rows)
            result = makeError(write.notFound());
    }
    query.finish();
    return result;
}

} // namespace Bottega
