// The scanner and the checker of the include rules (docs/architecture.md, "Who may include whom").
#include "tests/architecture/IncludeGraph.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QLibraryInfo>
#include <QMap>
#include <QRegularExpression>
#include <QSet>
#include <algorithm>
#include <tuple>

using namespace Qt::StringLiterals;

namespace Bottega::Architecture {

namespace {

// The folders whose files are scanned, and the layers an include path can belong to.
const QStringList scannedFolders = {u"core"_s, u"ui"_s, u"app"_s};
const QStringList sourceSuffixes = {u"h"_s, u"hpp"_s, u"hxx"_s, u"cpp"_s, u"cc"_s, u"cxx"_s};

// The clients and the HTTP layer below them: ui/ calls use cases instead.
const QStringList uiForbiddenFolders = {u"core/http"_s, u"core/gelato"_s, u"core/poleepo"_s};
// Clients and http reach the store only through a sink interface that app wires up.
const QStringList storeFreeFolders = {u"core/gelato"_s, u"core/poleepo"_s, u"core/http"_s};
// The webhook request path verifies and queues; handlers (use cases) are registered by app.
const QStringList requestPathFolders = {u"core/webhooks"_s, u"core/server"_s};
const QStringList requestPathForbiddenFolders
        = {u"core/orders"_s,     u"core/products"_s, u"core/publishing"_s,
           u"core/fulfilment"_s, u"core/gelato"_s,   u"core/poleepo"_s};

bool isProjectPath(const QString &path)
{
    return std::any_of(scannedFolders.cbegin(), scannedFolders.cend(),
                       [&path](const QString &folder) { return path.startsWith(folder + u'/'); });
}

// "core", "ui" or "app"; empty for anything else.
QString layerOf(const QString &path)
{
    return isProjectPath(path) ? path.section(u'/', 0, 0) : QString();
}

// "core/orders" for anything inside core/orders; empty outside a folder of core/.
QString coreFolderOf(const QString &path)
{
    if (!path.startsWith(u"core/"_s) || path.count(u'/') < 2)
        return {};
    return path.section(u'/', 0, 1);
}

// The include as the compiler finds it: project paths as written (the source root is on the include
// path), other quoted names beside the including file first.
QString resolve(const QString &file, const QString &spelled, bool quoted)
{
    if (isProjectPath(spelled))
        return QDir::cleanPath(spelled);
    if (!quoted)
        return spelled;
    const QString beside = QDir::cleanPath(QFileInfo(file).path() + u'/' + spelled);
    return beside.startsWith(u"../"_s) ? spelled : beside;
}

// How an include is written in a message: "core/store/Database.h" or <QHostAddress>.
QString spelled(const QString &path)
{
    return isProjectPath(path) ? u'"' + path + u'"' : u'<' + path + u'>';
}

bool isIdentifierChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'_';
}

// Whether the quote at `quote` opens a raw string literal: R"( with an optional u8, u, U or L prefix.
bool opensRawString(QStringView line, qsizetype quote)
{
    qsizetype start = quote;
    while (start > 0 && isIdentifierChar(line[start - 1]))
        --start;
    const QStringView prefix = line.sliced(start, quote - start);
    return prefix == u"R" || prefix == u"u8R" || prefix == u"uR" || prefix == u"UR" || prefix == u"LR";
}

// The index just past the literal that starts with the quote character at `open`.
qsizetype skipLiteral(QStringView line, qsizetype open)
{
    const QChar quote = line[open];
    qsizetype i = open + 1;
    while (i < line.size() && line[i] != quote)
        i += line[i] == u'\\' ? 2 : 1;
    return i + 1;
}

// The rule a non-cycle include breaks, as the message to show; empty if it breaks none.
QString brokenRule(const Include &include, const QString &qtCoreIncludeDir)
{
    const QString fromLayer = layerOf(include.file);
    const QString fromFolder = coreFolderOf(include.file);
    const QString toLayer = layerOf(include.path);
    const QString toFolder = coreFolderOf(include.path);
    const QString what = u"includes "_s + spelled(include.path) + u": "_s;

    if (fromLayer == u"core" && (toLayer == u"ui" || toLayer == u"app"))
        return what + u"nothing in core/ may include ui/ or app/ (core has no Widgets and knows no window)"_s;
    if (fromLayer == u"ui" && toLayer == u"app")
        return what + u"ui/ may not include app/ (app starts the window, not the other way round)"_s;
    if (fromLayer == u"ui" && uiForbiddenFolders.contains(toFolder))
        return what
                + u"ui/ may not include core/http, core/gelato or core/poleepo; pages call a use case "
                  "(core/orders, core/products, ...) instead"_s;
    if (storeFreeFolders.contains(fromFolder) && toFolder == u"core/store")
        return what + fromFolder
                + u" may not include core/store; clients and http reach the store only through a sink "
                  "interface that app wires up"_s;
    if (fromFolder == u"core/domain" && toFolder != u"core/domain"
        && (isProjectPath(include.path)
            || !(isStandardCppHeader(include.path) || isQtCoreHeader(qtCoreIncludeDir, include.path))))
        return what + u"core/domain may include only core/domain, standard C++ and Qt Core headers"_s;
    if (requestPathFolders.contains(fromFolder) && requestPathForbiddenFolders.contains(toFolder))
        return what + fromFolder
                + u" is on the webhook request path, which only verifies and queues: it may not include a "
                  "use case (core/orders, core/products, core/publishing, core/fulfilment) or a client "
                  "(core/gelato, core/poleepo); handlers are registered by app"_s;
    return {};
}

// The core-folder graph: for each edge, the first include that makes it and how many do.
struct Edge
{
    Include witness;
    int count = 0;
};
using Graph = QMap<QString, QMap<QString, Edge>>;

// The shortest path of folders from `from` to `to`, both included; empty if there is none.
QStringList shortestPath(const Graph &graph, const QString &from, const QString &to)
{
    QMap<QString, QString> parent {{from, QString()}};
    QStringList queue {from};
    for (qsizetype next = 0; next < queue.size(); ++next) {
        const QString node = queue.at(next);
        if (node == to) {
            QStringList path;
            for (QString step = to; !step.isEmpty(); step = parent.value(step))
                path.prepend(step);
            return path;
        }
        const auto targets = graph.value(node);
        for (auto it = targets.cbegin(); it != targets.cend(); ++it) {
            if (!parent.contains(it.key())) {
                parent.insert(it.key(), node);
                queue.append(it.key());
            }
        }
    }
    return {};
}

QString describeEdge(const QString &from, const QString &to, const Edge &edge)
{
    QString text = from + u" -> "_s + to + u" at "_s + edge.witness.file + u':'
            + QString::number(edge.witness.line);
    if (edge.count > 1)
        text += u" (and %1 more)"_s.arg(edge.count - 1);
    return text;
}

// One violation per cycle: the shortest cycle through each edge that lies on one, reported once.
QList<Violation> cycles(const QList<Include> &includes)
{
    Graph graph;
    for (const Include &include : includes) {
        const QString from = coreFolderOf(include.file);
        const QString to = coreFolderOf(include.path);
        if (from.isEmpty() || to.isEmpty() || from == to)
            continue;
        Edge &edge = graph[from][to];
        if (edge.count++ == 0)
            edge.witness = include;
    }

    QList<Violation> violations;
    QSet<QString> reported;
    for (auto from = graph.cbegin(); from != graph.cend(); ++from) {
        for (auto to = from->cbegin(); to != from->cend(); ++to) {
            const QStringList back = shortestPath(graph, to.key(), from.key());
            if (back.isEmpty())
                continue;
            // The cycle's folders, each once, starting at the smallest so each cycle has one name.
            QStringList nodes = QStringList {from.key()} + back.first(back.size() - 1);
            std::rotate(nodes.begin(), std::min_element(nodes.begin(), nodes.end()), nodes.end());
            const QString name = nodes.join(u" -> "_s) + u" -> "_s + nodes.first();
            if (reported.contains(name))
                continue;
            reported.insert(name);

            QStringList edges;
            Edge weakest; // reported at the edge with the fewest includes: the likely one to cut
            for (qsizetype i = 0; i < nodes.size(); ++i) {
                const QString &a = nodes.at(i);
                const QString &b = nodes.at((i + 1) % nodes.size());
                const Edge edge = graph.value(a).value(b);
                edges.append(describeEdge(a, b, edge));
                if (weakest.count == 0 || edge.count < weakest.count)
                    weakest = edge;
            }
            violations.append({weakest.witness.file, weakest.witness.line,
                               u"include cycle between core folders: "_s + name + u" ("_s
                                       + edges.join(u"; "_s)
                                       + u"); use-case folders use each other in one direction only"_s});
        }
    }
    return violations;
}

// Where a list entry was written. Ninja hands sources to the compiler relative to the build directory
// ("../tests/architecture/..."), a child of the source root under the presets: shown from the root.
QString sourcePath(const std::source_location &where)
{
    QString path = QDir::cleanPath(QString::fromUtf8(where.file_name()));
    while (path.startsWith(u"../"_s))
        path.remove(0, 3);
    return path;
}

} // namespace

QString Violation::toString() const
{
    return file + u':' + QString::number(line) + u": "_s + message;
}

QList<Include> parseIncludes(const QString &file, QStringView text)
{
    static const QRegularExpression directive(uR"(^\s*#\s*include\s*([<"])([^>"]+)[>"])"_s);
    enum class State { Code, BlockComment, RawString };
    State state = State::Code;
    QString rawStringEnd; // )delimiter"

    QList<Include> includes;
    int lineNumber = 0;
    for (const QStringView line : text.split(u'\n')) {
        ++lineNumber;
        qsizetype i = 0;
        if (state == State::Code) {
            const QRegularExpressionMatch match = directive.match(line);
            if (match.hasMatch()) {
                includes.append(
                        {file, lineNumber, resolve(file, match.captured(2), match.captured(1) == u"\"")});
                i = match.capturedEnd(0);
            }
        }
        // Follow comments and literals to the end of the line, so that an #include inside a comment
        // or a raw string on a later line is not taken for one.
        while (i < line.size()) {
            if (state == State::BlockComment) {
                const qsizetype end = line.indexOf(u"*/", i);
                state = end < 0 ? State::BlockComment : State::Code;
                i = end < 0 ? line.size() : end + 2;
            } else if (state == State::RawString) {
                const qsizetype end = line.indexOf(rawStringEnd, i);
                state = end < 0 ? State::RawString : State::Code;
                i = end < 0 ? line.size() : end + rawStringEnd.size();
            } else if (line.sliced(i).startsWith(u"//")) {
                i = line.size();
            } else if (line.sliced(i).startsWith(u"/*")) {
                state = State::BlockComment;
                i += 2;
            } else if (line[i] == u'"' && opensRawString(line, i)) {
                const qsizetype open = line.indexOf(u'(', i);
                if (open < 0)
                    break;
                rawStringEnd = u')' + line.sliced(i + 1, open - i - 1).toString() + u'"';
                state = State::RawString;
                i = open + 1;
            } else if (line[i] == u'"' || (line[i] == u'\'' && !(i > 0 && line[i - 1].isDigit()))) {
                i = skipLiteral(line, i); // a digit before ' makes it a digit separator (1'000)
            } else {
                ++i;
            }
        }
    }
    return includes;
}

SourceScan scanTree(const QString &sourceRoot)
{
    const QDir root(sourceRoot);
    QStringList files;
    for (const QString &folder : scannedFolders) {
        QDirIterator it(root.filePath(folder), QDir::Files, QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QFileInfo info = it.nextFileInfo();
            if (sourceSuffixes.contains(info.suffix()))
                files.append(root.relativeFilePath(info.filePath()));
        }
    }
    files.sort();

    SourceScan scan;
    for (const QString &file : std::as_const(files)) {
        QFile source(root.filePath(file));
        if (!source.open(QIODevice::ReadOnly)) {
            scan.unreadableFiles.append(file);
            continue;
        }
        ++scan.fileCount;
        scan.includes += parseIncludes(file, QString::fromUtf8(source.readAll()));
    }
    return scan;
}

QList<Violation> check(const QList<Include> &unsortedIncludes, const CheckOptions &options)
{
    QList<Include> includes = unsortedIncludes;
    std::stable_sort(includes.begin(), includes.end(), [](const Include &a, const Include &b) {
        return std::tie(a.file, a.line) < std::tie(b.file, b.line);
    });

    QList<Violation> violations = cycles(includes);
    QList<bool> knownIncludeSeen(options.knownUiClientIncludes.size(), false);
    for (const Include &include : std::as_const(includes)) {
        const QString message = brokenRule(include, options.qtCoreIncludeDir);
        if (message.isEmpty())
            continue;
        const auto known
                = std::find_if(options.knownUiClientIncludes.cbegin(), options.knownUiClientIncludes.cend(),
                               [&include](const KnownUiClientInclude &known) {
                                   return known.file == include.file && known.path == include.path;
                               });
        const bool uiIncludesClient
                = layerOf(include.file) == u"ui" && uiForbiddenFolders.contains(coreFolderOf(include.path));
        if (uiIncludesClient && known != options.knownUiClientIncludes.cend()) {
            knownIncludeSeen[known - options.knownUiClientIncludes.cbegin()] = true;
            continue;
        }
        violations.append({include.file, include.line, message});
    }
    for (qsizetype i = 0; i < options.knownUiClientIncludes.size(); ++i) {
        if (knownIncludeSeen.at(i))
            continue;
        const KnownUiClientInclude &known = options.knownUiClientIncludes.at(i);
        violations.append(
                {sourcePath(known.where), int(known.where.line()),
                 u"stale entry in the known ui/ client includes: "_s + known.file + u" does not include "_s
                         + spelled(known.path)
                         + u" from core/http, core/gelato or core/poleepo (any more); delete the entry"_s});
    }

    std::stable_sort(violations.begin(), violations.end(), [](const Violation &a, const Violation &b) {
        return std::tie(a.file, a.line, a.message) < std::tie(b.file, b.line, b.message);
    });
    return violations;
}

bool isStandardCppHeader(const QString &name)
{
    // The C++ standard library's headers (C++23), and the C library's under their <cname> names.
    static const QSet<QString> headers = {
            u"algorithm"_s,
            u"any"_s,
            u"array"_s,
            u"atomic"_s,
            u"barrier"_s,
            u"bit"_s,
            u"bitset"_s,
            u"charconv"_s,
            u"chrono"_s,
            u"codecvt"_s,
            u"compare"_s,
            u"complex"_s,
            u"concepts"_s,
            u"condition_variable"_s,
            u"coroutine"_s,
            u"deque"_s,
            u"exception"_s,
            u"execution"_s,
            u"expected"_s,
            u"filesystem"_s,
            u"flat_map"_s,
            u"flat_set"_s,
            u"format"_s,
            u"forward_list"_s,
            u"fstream"_s,
            u"functional"_s,
            u"future"_s,
            u"generator"_s,
            u"initializer_list"_s,
            u"iomanip"_s,
            u"ios"_s,
            u"iosfwd"_s,
            u"iostream"_s,
            u"istream"_s,
            u"iterator"_s,
            u"latch"_s,
            u"limits"_s,
            u"list"_s,
            u"locale"_s,
            u"map"_s,
            u"mdspan"_s,
            u"memory"_s,
            u"memory_resource"_s,
            u"mutex"_s,
            u"new"_s,
            u"numbers"_s,
            u"numeric"_s,
            u"optional"_s,
            u"ostream"_s,
            u"print"_s,
            u"queue"_s,
            u"random"_s,
            u"ranges"_s,
            u"ratio"_s,
            u"regex"_s,
            u"scoped_allocator"_s,
            u"semaphore"_s,
            u"set"_s,
            u"shared_mutex"_s,
            u"source_location"_s,
            u"span"_s,
            u"spanstream"_s,
            u"sstream"_s,
            u"stack"_s,
            u"stacktrace"_s,
            u"stdexcept"_s,
            u"stdfloat"_s,
            u"stop_token"_s,
            u"streambuf"_s,
            u"string"_s,
            u"string_view"_s,
            u"syncstream"_s,
            u"system_error"_s,
            u"thread"_s,
            u"tuple"_s,
            u"type_traits"_s,
            u"typeindex"_s,
            u"typeinfo"_s,
            u"unordered_map"_s,
            u"unordered_set"_s,
            u"utility"_s,
            u"valarray"_s,
            u"variant"_s,
            u"vector"_s,
            u"version"_s,
            u"cassert"_s,
            u"cctype"_s,
            u"cerrno"_s,
            u"cfenv"_s,
            u"cfloat"_s,
            u"cinttypes"_s,
            u"climits"_s,
            u"clocale"_s,
            u"cmath"_s,
            u"csetjmp"_s,
            u"csignal"_s,
            u"cstdarg"_s,
            u"cstddef"_s,
            u"cstdint"_s,
            u"cstdio"_s,
            u"cstdlib"_s,
            u"cstring"_s,
            u"ctime"_s,
            u"cuchar"_s,
            u"cwchar"_s,
            u"cwctype"_s,
    };
    return headers.contains(name);
}

bool isQtCoreHeader(const QString &qtCoreIncludeDir, const QString &name)
{
    if (qtCoreIncludeDir.isEmpty() || name.isEmpty() || name.contains(u".."_s))
        return false;
    const QString inModule = name.startsWith(u"QtCore/"_s) ? name.sliced(7) : name;
    return QFileInfo(QDir(qtCoreIncludeDir).filePath(inModule)).isFile();
}

QString qtCoreIncludeDir()
{
#ifdef BOTTEGA_QTCORE_INCLUDE_DIR
    return QStringLiteral(BOTTEGA_QTCORE_INCLUDE_DIR);
#else
    return QLibraryInfo::path(QLibraryInfo::HeadersPath) + u"/QtCore"_s;
#endif
}

} // namespace Bottega::Architecture
