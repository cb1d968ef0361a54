// The include rules of docs/architecture.md ("Who may include whom") as code: a scanner that reads the
// #include lines of core/, ui/ and app/, and check(), a pure function from those includes to the
// violations, each naming file and line. Used by IncludeRulesTest; depends on Qt Core only.
#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QStringView>
#include <source_location>
#include <utility>

namespace Bottega::Architecture {

// One #include line. `path` is project-relative ("core/store/Database.h") for the project's own
// headers, quoted includes resolved against the including file's folder as the compiler does;
// anything else keeps its name as written ("QString", "optional", "QtCore/QDateTime").
struct Include
{
    QString file; // the including file, relative to the source root: "core/orders/OrderService.cpp"
    int line = 0;
    QString path;
};

struct Violation
{
    QString file;
    int line = 0;
    QString message;

    // "file:line: message", the form compilers use, so editors and terminals can jump to it.
    QString toString() const;
    friend bool operator==(const Violation &, const Violation &) = default;
};

// A ui/ include of a client header (core/http, core/gelato, core/poleepo) that exists today and is
// tolerated until it is removed. An entry whose include no longer exists is itself reported, at the
// entry's own place in the source, so the list only shrinks.
struct KnownUiClientInclude
{
    KnownUiClientInclude(QString file, QString path,
                         std::source_location where = std::source_location::current())
        : file(std::move(file)), path(std::move(path)), where(where)
    {
    }

    QString file;
    QString path;
    std::source_location where;
};

struct CheckOptions
{
    // The directory holding Qt Core's headers (".../include/qt6/QtCore"): core/domain may include
    // a non-project header only if it is standard C++ or exists there.
    QString qtCoreIncludeDir;
    QList<KnownUiClientInclude> knownUiClientIncludes;
};

struct SourceScan
{
    QList<Include> includes;
    int fileCount = 0;
    QStringList unreadableFiles;
};

// The includes of one file's text; `file` is its path relative to the source root.
QList<Include> parseIncludes(const QString &file, QStringView text);

// Every C++ source and header under core/, ui/ and app/ of `sourceRoot`, in a stable order.
SourceScan scanTree(const QString &sourceRoot);

// The violations of the rules, sorted by file and line. Pure: the same includes give the same answer.
QList<Violation> check(const QList<Include> &includes, const CheckOptions &options);

// Whether `name` (as written between < >) is one of the C++ standard library's headers.
bool isStandardCppHeader(const QString &name);

// Whether `name` (as written between < >) is a header of Qt Core, i.e. exists in `qtCoreIncludeDir`.
bool isQtCoreHeader(const QString &qtCoreIncludeDir, const QString &name);

// The QtCore include directory this test was built against (BOTTEGA_QTCORE_INCLUDE_DIR from CMake),
// or the running Qt's if the build did not say.
QString qtCoreIncludeDir();

} // namespace Bottega::Architecture
