// docs/architecture.md's "Who may include whom", enforced: the real tree breaks no rule, each rule fires
// on planted includes (naming file and line) and stays quiet on allowed ones, and the scanner finds a
// cycle planted into copies of real files on disk.
#include "tests/architecture/IncludeGraph.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <algorithm>
#include <gtest/gtest.h>

using namespace Qt::StringLiterals;

QT_BEGIN_NAMESPACE
// Lets GoogleTest print a QString as text when an expectation fails.
inline void PrintTo(const QString &string, std::ostream *stream)
{
    *stream << '"' << qPrintable(string) << '"';
}
QT_END_NAMESPACE

namespace Bottega::Architecture {
namespace {

// ui/ files that still include a header of core/gelato: only a value type the catalog-browsing use
// case (core/products/CatalogBrowsing) returns, never the client. Each pair must still exist: the
// test fails on an entry whose include is gone, so delete the entry when you remove the include.
// Never add to this list.
const QList<KnownUiClientInclude> knownUiClientIncludes = {
        {u"ui/models/CatalogProductModel.h"_s, u"core/gelato/GelatoProduct.h"_s},
};

CheckOptions options(QList<KnownUiClientInclude> known = {})
{
    return {qtCoreIncludeDir(), std::move(known)};
}

QList<Violation> checkPlanted(const QList<Include> &includes)
{
    return check(includes, options());
}

QString listed(const QList<Violation> &violations)
{
    QString text;
    for (const Violation &violation : violations)
        text += violation.toString() + u'\n';
    return text;
}

// Exactly one violation, at `file`:`line`, whose message contains each of `parts`.
void expectOneViolation(const QList<Violation> &violations, const QString &file, int line,
                        const QStringList &parts)
{
    ASSERT_EQ(violations.size(), 1) << qPrintable(listed(violations));
    EXPECT_EQ(violations.at(0).file, file) << qPrintable(listed(violations));
    EXPECT_EQ(violations.at(0).line, line) << qPrintable(listed(violations));
    for (const QString &part : parts)
        EXPECT_TRUE(violations.at(0).message.contains(part))
                << "missing \"" << qPrintable(part) << "\" in " << qPrintable(listed(violations));
}

// --- the real tree ---------------------------------------------------------------------------------

TEST(IncludeRules, QtCoreIncludeDirectoryIsQtCores)
{
    const QString dir = qtCoreIncludeDir();
    EXPECT_TRUE(isQtCoreHeader(dir, u"QString"_s)) << qPrintable(dir);
    EXPECT_TRUE(isQtCoreHeader(dir, u"QtCore/QDateTime"_s)) << qPrintable(dir);
    EXPECT_FALSE(isQtCoreHeader(dir, u"QHostAddress"_s)) << qPrintable(dir);
    EXPECT_FALSE(isQtCoreHeader(dir, u"QWidget"_s)) << qPrintable(dir);
}

TEST(IncludeRules, RealTreeBreaksNoRule)
{
    const SourceScan scan = scanTree(QStringLiteral(BOTTEGA_SOURCE_DIR));
    EXPECT_TRUE(scan.unreadableFiles.isEmpty()) << qPrintable(scan.unreadableFiles.join(u", "_s));
    // Guards against a wrong source directory passing vacuously.
    ASSERT_GT(scan.fileCount, 100);
    ASSERT_GT(scan.includes.size(), 500);

    const QList<Violation> violations = check(scan.includes, options(knownUiClientIncludes));
    EXPECT_TRUE(violations.isEmpty())
            << violations.size() << " include rule violation(s) (docs/architecture.md, "
            << "\"Who may include whom\"):\n"
            << qPrintable(listed(violations));
}

// --- cycles between core folders --------------------------------------------------------------------

TEST(IncludeRules, TwoFolderCycleNamesEachInclude)
{
    const auto violations = checkPlanted({
            {u"core/orders/OrderService.cpp"_s, 17, u"core/products/PrintImages.h"_s},
            {u"core/products/ProductEditing.cpp"_s, 5, u"core/orders/OrderState.h"_s},
    });
    expectOneViolation(violations, u"core/orders/OrderService.cpp"_s, 17,
                       {u"include cycle between core folders: core/orders -> core/products -> core/orders"_s,
                        u"core/orders -> core/products at core/orders/OrderService.cpp:17"_s,
                        u"core/products -> core/orders at core/products/ProductEditing.cpp:5"_s});
}

TEST(IncludeRules, CycleIsReportedAtTheEdgeWithFewestIncludes)
{
    const auto violations = checkPlanted({
            {u"core/orders/A.cpp"_s, 3, u"core/products/P.h"_s},
            {u"core/orders/B.cpp"_s, 4, u"core/products/P.h"_s},
            {u"core/products/Q.cpp"_s, 9, u"core/orders/O.h"_s},
    });
    expectOneViolation(violations, u"core/products/Q.cpp"_s, 9,
                       {u"core/orders -> core/products at core/orders/A.cpp:3 (and 1 more)"_s,
                        u"core/products -> core/orders at core/products/Q.cpp:9"_s});
}

TEST(IncludeRules, ThreeFolderCycleNamesEachInclude)
{
    const auto violations = checkPlanted({
            {u"core/fulfilment/Import.cpp"_s, 4, u"core/orders/OrderService.h"_s},
            {u"core/orders/OrderService.cpp"_s, 17, u"core/products/PrintImages.h"_s},
            {u"core/products/TemplateSync.cpp"_s, 8, u"core/fulfilment/Bridge.h"_s},
            {u"core/orders/OrderService.cpp"_s, 12, u"core/store/Database.h"_s},
    });
    expectOneViolation(violations, u"core/fulfilment/Import.cpp"_s, 4,
                       {u"core/fulfilment -> core/orders -> core/products -> core/fulfilment"_s,
                        u"core/fulfilment -> core/orders at core/fulfilment/Import.cpp:4"_s,
                        u"core/orders -> core/products at core/orders/OrderService.cpp:17"_s,
                        u"core/products -> core/fulfilment at core/products/TemplateSync.cpp:8"_s});
}

TEST(IncludeRules, EachCycleReportedOnce)
{
    // Two cycles sharing core/orders: both named, neither twice.
    const auto violations = checkPlanted({
            {u"core/orders/A.cpp"_s, 1, u"core/products/P.h"_s},
            {u"core/products/P.cpp"_s, 2, u"core/orders/A.h"_s},
            {u"core/orders/A.cpp"_s, 3, u"core/publishing/B.h"_s},
            {u"core/publishing/B.cpp"_s, 4, u"core/orders/A.h"_s},
    });
    ASSERT_EQ(violations.size(), 2) << qPrintable(listed(violations));
    EXPECT_TRUE(violations.at(0).message.contains(u"core/orders -> core/products -> core/orders"_s));
    EXPECT_TRUE(violations.at(1).message.contains(u"core/orders -> core/publishing -> core/orders"_s));
}

TEST(IncludeRules, OneWayUseOfUseCasesIsAllowed)
{
    EXPECT_TRUE(
            checkPlanted({
                                 {u"core/fulfilment/Import.cpp"_s, 4, u"core/orders/OrderService.h"_s},
                                 {u"core/orders/OrderService.cpp"_s, 17, u"core/products/PrintImages.h"_s},
                                 {u"core/fulfilment/Import.cpp"_s, 5, u"core/products/ProductCsv.h"_s},
                                 {u"core/orders/OrderService.cpp"_s, 3, u"core/orders/OrderState.h"_s},
                                 {u"core/products/ProductCsv.cpp"_s, 2, u"core/domain/Product.h"_s},
                         })
                    .isEmpty());
}

// --- layers -----------------------------------------------------------------------------------------

TEST(IncludeRules, CoreIncludingUiFails)
{
    expectOneViolation(checkPlanted({{u"core/orders/OrderService.cpp"_s, 7, u"ui/pages/OrdersPage.h"_s}}),
                       u"core/orders/OrderService.cpp"_s, 7,
                       {u"\"ui/pages/OrdersPage.h\""_s, u"nothing in core/ may include ui/ or app/"_s});
}

TEST(IncludeRules, CoreIncludingAppFails)
{
    expectOneViolation(checkPlanted({{u"core/store/Database.cpp"_s, 9, u"app/Runtime.h"_s}}),
                       u"core/store/Database.cpp"_s, 9, {u"nothing in core/ may include ui/ or app/"_s});
}

TEST(IncludeRules, UiIncludingAppFails)
{
    expectOneViolation(checkPlanted({{u"ui/MainWindow.cpp"_s, 12, u"app/Runtime.h"_s}}),
                       u"ui/MainWindow.cpp"_s, 12, {u"ui/ may not include app/"_s});
}

TEST(IncludeRules, AppMayIncludeEverything)
{
    EXPECT_TRUE(checkPlanted({
                                     {u"app/Runtime.cpp"_s, 3, u"ui/MainWindow.h"_s},
                                     {u"app/Runtime.cpp"_s, 4, u"core/gelato/GelatoClient.h"_s},
                                     {u"app/Runtime.cpp"_s, 5, u"core/store/Database.h"_s},
                                     {u"app/main.cpp"_s, 6, u"QApplication"_s},
                             })
                        .isEmpty());
}

TEST(IncludeRules, UiIncludingAClientOrHttpFails)
{
    for (const QString &header :
         {u"core/http/HttpClient.h"_s, u"core/gelato/GelatoClient.h"_s, u"core/poleepo/PoleepoClient.h"_s}) {
        expectOneViolation(checkPlanted({{u"ui/pages/OrdersPage.cpp"_s, 11, header}}),
                           u"ui/pages/OrdersPage.cpp"_s, 11,
                           {header, u"ui/ may not include core/http, core/gelato or core/poleepo"_s});
    }
}

TEST(IncludeRules, UiMayIncludeUseCasesStoreAndDomain)
{
    EXPECT_TRUE(
            checkPlanted({
                                 {u"ui/pages/OrdersPage.cpp"_s, 3, u"core/orders/OrderService.h"_s},
                                 {u"ui/models/OrderModel.cpp"_s, 4, u"core/store/SalesOrderRepository.h"_s},
                                 {u"ui/models/OrderModel.h"_s, 5, u"core/domain/SalesOrder.h"_s},
                                 {u"ui/pages/OrdersPage.cpp"_s, 6, u"QTableView"_s},
                         })
                    .isEmpty());
}

// --- clients and http keep out of the store ----------------------------------------------------------

TEST(IncludeRules, ClientOrHttpIncludingStoreFails)
{
    for (const QString &folder : {u"core/gelato"_s, u"core/poleepo"_s, u"core/http"_s}) {
        const QString file = folder + u"/Client.cpp"_s;
        expectOneViolation(checkPlanted({{file, 21, u"core/store/ApiLogRepository.h"_s}}), file, 21,
                           {folder + u" may not include core/store"_s});
    }
}

TEST(IncludeRules, ClientsMayIncludeHttpSettingsAndDomain)
{
    EXPECT_TRUE(
            checkPlanted({
                                 {u"core/gelato/GelatoClient.h"_s, 3, u"core/http/HttpClient.h"_s},
                                 {u"core/gelato/GelatoClient.cpp"_s, 4, u"core/settings/Settings.h"_s},
                                 {u"core/http/HttpClient.cpp"_s, 5, u"core/domain/ApiLogEntry.h"_s},
                                 {u"core/store/ApiLogRepository.cpp"_s, 6, u"core/domain/ApiLogEntry.h"_s},
                         })
                    .isEmpty());
}

// --- core/domain: Qt Core and standard C++ only --------------------------------------------------------

TEST(IncludeRules, DomainIncludingQtNetworkFails)
{
    expectOneViolation(
            checkPlanted({{u"core/domain/ListenAddress.h"_s, 6, u"QHostAddress"_s}}),
            u"core/domain/ListenAddress.h"_s, 6,
            {u"<QHostAddress>"_s, u"core/domain may include only core/domain, standard C++ and Qt Core"_s});
}

TEST(IncludeRules, DomainIncludingAnotherCoreFolderFails)
{
    expectOneViolation(checkPlanted({{u"core/domain/Product.h"_s, 8, u"core/store/SqlValues.h"_s}}),
                       u"core/domain/Product.h"_s, 8, {u"\"core/store/SqlValues.h\""_s});
}

TEST(IncludeRules, DomainIncludingAPlatformHeaderFails)
{
    expectOneViolation(checkPlanted({{u"core/domain/Clock.h"_s, 4, u"unistd.h"_s}}), u"core/domain/Clock.h"_s,
                       4, {u"<unistd.h>"_s});
}

TEST(IncludeRules, DomainMayIncludeQtCoreStandardCppAndItself)
{
    EXPECT_TRUE(checkPlanted({
                                     {u"core/domain/Product.h"_s, 3, u"QString"_s},
                                     {u"core/domain/Product.h"_s, 4, u"QtCore/QDateTime"_s},
                                     {u"core/domain/Product.h"_s, 5, u"optional"_s},
                                     {u"core/domain/Product.h"_s, 6, u"cstdint"_s},
                                     {u"core/domain/Product.h"_s, 7, u"core/domain/Variant.h"_s},
                             })
                        .isEmpty());
}

// --- the webhook request path only verifies and queues ------------------------------------------------

TEST(IncludeRules, RequestPathIncludingAUseCaseOrClientFails)
{
    for (const QString &folder : {u"core/webhooks"_s, u"core/server"_s}) {
        for (const QString &header :
             {u"core/orders/GelatoEventHandler.h"_s, u"core/products/TemplateSync.h"_s,
              u"core/publishing/BatchPublisher.h"_s, u"core/fulfilment/ShippingBridge.h"_s,
              u"core/gelato/GelatoParsers.h"_s, u"core/poleepo/PoleepoClient.h"_s}) {
            const QString file = folder + u"/Intake.cpp"_s;
            expectOneViolation(
                    checkPlanted({{file, 14, header}}), file, 14,
                    {header, folder + u" is on the webhook request path, which only verifies and queues"_s});
        }
    }
}

TEST(IncludeRules, RequestPathMayIncludeStoreServerAndSecrets)
{
    EXPECT_TRUE(
            checkPlanted({
                                 {u"core/webhooks/WebhookIntake.cpp"_s, 3,
                                  u"core/store/WebhookQueueRepository.h"_s},
                                 {u"core/webhooks/WebhookIntake.h"_s, 4, u"core/server/Server.h"_s},
                                 {u"core/webhooks/WebhookIntake.cpp"_s, 5, u"core/secrets/SecretStore.h"_s},
                                 {u"core/server/Server.cpp"_s, 6, u"core/http/HttpErrorText.h"_s},
                         })
                    .isEmpty());
}

// --- the list of known ui/ client includes -------------------------------------------------------------

TEST(IncludeRules, KnownUiClientIncludeIsToleratedOnlyForItsFile)
{
    const QList<Include> includes = {
            {u"ui/pages/SettingsPage.cpp"_s, 3, u"core/gelato/GelatoClient.h"_s},
            {u"ui/pages/OrdersPage.cpp"_s, 4, u"core/gelato/GelatoClient.h"_s},
    };
    expectOneViolation(
            check(includes, options({{u"ui/pages/SettingsPage.cpp"_s, u"core/gelato/GelatoClient.h"_s}})),
            u"ui/pages/OrdersPage.cpp"_s, 4, {u"ui/ may not include core/http"_s});
}

TEST(IncludeRules, KnownListDoesNotHideOtherRules)
{
    // The list tolerates client includes only: ui/ -> app/ still fails, and the entry is reported.
    const auto violations = check({{u"ui/MainWindow.cpp"_s, 2, u"app/Runtime.h"_s}},
                                  options({{u"ui/MainWindow.cpp"_s, u"app/Runtime.h"_s}}));
    ASSERT_EQ(violations.size(), 2) << qPrintable(listed(violations));
    EXPECT_TRUE(std::any_of(violations.cbegin(), violations.cend(), [](const Violation &violation) {
        return violation.file == u"ui/MainWindow.cpp" && violation.line == 2
                && violation.message.contains(u"ui/ may not include app/"_s);
    })) << qPrintable(listed(violations));
}

TEST(IncludeRules, StaleKnownUiClientIncludeFailsAtItsEntry)
{
    const int entryLine = __LINE__ + 1;
    const KnownUiClientInclude stale(u"ui/pages/SettingsPage.cpp"_s, u"core/gelato/GelatoClient.h"_s);
    const auto violations
            = check({{u"ui/pages/SettingsPage.cpp"_s, 3, u"core/orders/OrderService.h"_s}}, options({stale}));
    ASSERT_EQ(violations.size(), 1) << qPrintable(listed(violations));
    // From the source root with the presets' build directory; absolute with other generators.
    EXPECT_TRUE(violations.at(0).file.endsWith(u"tests/architecture/IncludeRulesTest.cpp"_s))
            << qPrintable(listed(violations));
    EXPECT_EQ(violations.at(0).line, entryLine);
    EXPECT_TRUE(violations.at(0).message.contains(
            u"stale entry in the known ui/ client includes: ui/pages/SettingsPage.cpp does not include "
            "\"core/gelato/GelatoClient.h\""_s))
            << qPrintable(listed(violations));
    EXPECT_TRUE(violations.at(0).message.endsWith(u"delete the entry"_s));
}

// --- the scanner ----------------------------------------------------------------------------------------

TEST(IncludeRulesScanner, ReadsIncludesWithTheirLinesAndSkipsCommentsAndStrings)
{
    // clang-format off (it would sort the #include lines inside the string)
    const QString text = uR"x(// The header comment.
#include "core/orders/OrderState.h"
  #  include <QString>
// #include "ui/InLineComment.h"
/* #include "ui/InBlockComment.h"
#include "ui/StillInBlockComment.h" */
const char *sql = R"sql(
#include "ui/InRawString.h"
)sql";
int n = 1'000; const char c = '"';
#include "../store/Database.h"
#include "Local.h"
)x"_s;
    // clang-format on
    const QList<Include> includes = parseIncludes(u"core/products/ProductEditing.cpp"_s, text);
    ASSERT_EQ(includes.size(), 4);
    EXPECT_EQ(includes.at(0).line, 2);
    EXPECT_EQ(includes.at(0).path, u"core/orders/OrderState.h"_s);
    EXPECT_EQ(includes.at(1).line, 3);
    EXPECT_EQ(includes.at(1).path, u"QString"_s);
    EXPECT_EQ(includes.at(2).line, 11);
    EXPECT_EQ(includes.at(2).path, u"core/store/Database.h"_s); // resolved from the including file's folder
    EXPECT_EQ(includes.at(3).line, 12);
    EXPECT_EQ(includes.at(3).path, u"core/products/Local.h"_s);
}

// Copies `files` (relative to the source root) into `dir`, keeping their paths.
void copyRealFiles(const QDir &dir, const QStringList &files)
{
    const QDir root(QStringLiteral(BOTTEGA_SOURCE_DIR));
    for (const QString &file : files) {
        ASSERT_TRUE(dir.mkpath(QFileInfo(file).path()));
        ASSERT_TRUE(QFile::copy(root.filePath(file), dir.filePath(file))) << qPrintable(file);
    }
}

// The 1-based line of `file` (under `dir`) that is exactly `text`; 0 if none.
int lineOf(const QDir &dir, const QString &file, const QString &text)
{
    QFile source(dir.filePath(file));
    if (!source.open(QIODevice::ReadOnly))
        return 0;
    const QStringList lines = QString::fromUtf8(source.readAll()).split(u'\n');
    return int(lines.indexOf(text)) + 1;
}

TEST(IncludeRulesScanner, FindsACyclePlantedIntoCopiesOfRealFiles)
{
    QTemporaryDir dir;
    ASSERT_TRUE(dir.isValid());
    const QDir tree(dir.path());
    copyRealFiles(tree,
                  {u"core/orders/OrderService.cpp"_s, u"core/orders/OrderState.h"_s,
                   u"core/products/ProductEditing.cpp"_s, u"core/products/PrintImages.h"_s});
    // Not scanned: tests may include anything, and only C++ files count.
    ASSERT_TRUE(tree.mkpath(u"tests/core"_s));
    QFile testFile(tree.filePath(u"tests/core/SomeTest.cpp"_s));
    ASSERT_TRUE(testFile.open(QIODevice::WriteOnly));
    testFile.write("#include \"core/products/ProductEditing.h\"\n#include \"ui/MainWindow.h\"\n");
    testFile.close();
    QFile notes(tree.filePath(u"core/products/notes.txt"_s));
    ASSERT_TRUE(notes.open(QIODevice::WriteOnly));
    notes.write("#include \"ui/MainWindow.h\"\n");
    notes.close();

    const int ordersToProducts
            = lineOf(tree, u"core/orders/OrderService.cpp"_s, u"#include \"core/products/PrintImages.h\""_s);
    ASSERT_GT(ordersToProducts, 0) << "core/orders/OrderService.cpp no longer includes core/products; "
                                      "pick another core/orders file that does";
    SourceScan scan = scanTree(dir.path());
    EXPECT_EQ(scan.fileCount, 4);
    EXPECT_TRUE(check(scan.includes, options()).isEmpty())
            << qPrintable(listed(check(scan.includes, options())));

    // Plant core/products -> core/orders as the second line of the copied ProductEditing.cpp.
    QFile editing(tree.filePath(u"core/products/ProductEditing.cpp"_s));
    ASSERT_TRUE(editing.open(QIODevice::ReadOnly));
    QList<QByteArray> lines = editing.readAll().split('\n');
    editing.close();
    lines.insert(1, "#include \"core/orders/OrderState.h\"");
    ASSERT_TRUE(editing.open(QIODevice::WriteOnly | QIODevice::Truncate));
    editing.write(lines.join('\n'));
    editing.close();

    scan = scanTree(dir.path());
    const QList<Violation> violations = check(scan.includes, options());
    // One include each way: reported at the first edge of the cycle, naming both.
    expectOneViolation(
            violations, u"core/orders/OrderService.cpp"_s, ordersToProducts,
            {u"core/orders -> core/products -> core/orders"_s,
             u"core/orders -> core/products at core/orders/OrderService.cpp:%1"_s.arg(ordersToProducts),
             u"core/products -> core/orders at core/products/ProductEditing.cpp:2"_s});
}

} // namespace
} // namespace Bottega::Architecture
