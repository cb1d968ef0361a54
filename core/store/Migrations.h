// Migrations: the numbered schema changes, oldest first, and the tiny dialect substitution that
// lets one SQL text serve SQLite and PostgreSQL. Database::migrate applies them.
#pragma once

#include "core/store/Database.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace Bottega {

struct Migration
{
    int version = 0;
    QString name;
    // Statements with placeholders: {{ID}} (identity primary key), {{BLOB}} (binary column).
    // A statement that starts with {{SQLITE}} or {{POSTGRESQL}} runs on that engine only.
    QStringList statements;
};

class Migrations final
{
public:
    static const QList<Migration> &all();
    static int latestVersion();
    // Replaces the placeholders with the engine's spelling.
    static QString forEngine(const QString &statement, DatabaseLocation::Engine engine);
};

// The statements of each migration, one file each (SchemaVersion1.cpp, ...).
QStringList schemaVersion1Statements();
QStringList schemaVersion2Statements();
QStringList schemaVersion3Statements();
QStringList schemaVersion4Statements();
QStringList schemaVersion5Statements();
QStringList schemaVersion6Statements();
QStringList schemaVersion7Statements();
QStringList schemaVersion8Statements();
QStringList schemaVersion9Statements();
QStringList schemaVersion10Statements();
QStringList schemaVersion11Statements();

} // namespace Bottega
