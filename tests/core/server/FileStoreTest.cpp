// FileStore: signed, expiring file URLs served by the built-in server over loopback, and the
// per-install signing key.
#include "core/server/FileStore.h"

#include "tests/core/server/ServerTestBase.h"
#include "tests/support/TestClock.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMessageAuthenticationCode>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace Qt::StringLiterals;

namespace Bottega::Test {
namespace {

class FileStoreTest : public ServerTestBase
{
protected:
    void SetUp() override
    {
        ServerTestBase::SetUp();
        ASSERT_TRUE(dataDir.isValid());
        auto key = FileStore::loadOrCreateSigningKey(dataDir.path());
        ASSERT_TRUE(key.ok()) << qPrintable(key.error());
        signingKey = *key;
        store = std::make_unique<FileStore>(dataDir.path(), signingKey, &clock);
        store->registerRoutes(server);
    }

    QUrl publicBase() const { return QUrl(u"http://127.0.0.1:%1"_s.arg(port)); }

    // The path and query of a URL, as a request target on this test's server.
    QString target(const QUrl &signedUrl) const
    {
        return signedUrl.path() + u'?' + signedUrl.query(QUrl::FullyEncoded);
    }

    QTemporaryDir dataDir;
    QByteArray signingKey;
    TestClock clock;
    std::unique_ptr<FileStore> store;
};

const QByteArray pngBytes = QByteArray("\x89PNG\r\n\x1a\n", 8) + QByteArray(5000, '\x07');

TEST_F(FileStoreTest, IdsAreTheContentHashAndTheExtension)
{
    const auto id = store->addData(pngBytes, u"PNG"_s);
    ASSERT_TRUE(id.ok()) << qPrintable(id.error());

    EXPECT_EQ(*id,
              QString::fromLatin1(QCryptographicHash::hash(pngBytes, QCryptographicHash::Sha256).toHex())
                      + u".png"_s);
    EXPECT_TRUE(store->contains(*id));
    EXPECT_EQ(store->pathOf(*id), QDir(dataDir.path()).filePath(u"files/"_s + *id));
    EXPECT_EQ(*store->addData(pngBytes, u".png"_s), *id); // same content, same id, one file
    EXPECT_EQ(QDir(dataDir.filePath(u"files"_s)).entryList(QDir::Files).size(), 1);

    QFile source(dataDir.filePath(u"design.Pdf"_s));
    ASSERT_TRUE(source.open(QIODevice::WriteOnly));
    source.write("%PDF-1.4 test");
    source.close();
    const auto fromFile = store->add(source.fileName());
    ASSERT_TRUE(fromFile.ok()) << qPrintable(fromFile.error());
    EXPECT_TRUE(fromFile->endsWith(u".pdf"_s));
    EXPECT_FALSE(store->contains(u"../keys/file-signing.key"_s));
}

TEST_F(FileStoreTest, ASignedUrlServesTheFileWithItsType)
{
    const QString id = *store->addData(pngBytes, u"png"_s);
    const QUrl signedUrl = store->signedUrl(publicBase(), id, 3600);

    EXPECT_EQ(signedUrl.path(), u"/files/"_s + id);
    const QUrlQuery query(signedUrl);
    EXPECT_EQ(query.queryItemValue(u"exp"_s).toLongLong(), clock.now().toSecsSinceEpoch() + 3600);
    EXPECT_EQ(query.queryItemValue(u"sig"_s).size(), 64);

    const ClientAnswer answer = request("GET", signedUrl);

    EXPECT_EQ(answer.status, 200) << answer.body.constData();
    EXPECT_EQ(answer.body, pngBytes);
    EXPECT_EQ(answer.header("Content-Type"), "image/png");
    EXPECT_EQ(answer.header("Content-Length"), QByteArray::number(pngBytes.size()));
    ASSERT_EQ(log.size(), 1);
    EXPECT_EQ(log.entries().first().service, u"files"_s);
    EXPECT_EQ(log.entries().first().responseSize, pngBytes.size());
}

TEST_F(FileStoreTest, ContentTypesFollowTheExtension)
{
    const QList<std::pair<QString, QByteArray>> types
            = {{u"pdf"_s, "application/pdf"}, {u"tiff"_s, "image/tiff"}, {u"tif"_s, "image/tiff"},
               {u"svg"_s, "image/svg+xml"},   {u"jpeg"_s, "image/jpeg"}, {u"jpg"_s, "image/jpeg"}};
    for (const auto &[suffix, type] : types) {
        const QString id = *store->addData("content of " + suffix.toUtf8(), suffix);
        const ClientAnswer answer = request("GET", store->signedUrl(publicBase(), id));
        EXPECT_EQ(answer.status, 200) << qPrintable(suffix);
        EXPECT_EQ(answer.header("Content-Type"), type) << qPrintable(suffix);
        EXPECT_EQ(answer.body, "content of " + suffix.toUtf8());
    }
}

TEST_F(FileStoreTest, ALargeFileIsStreamedWhole)
{
    QByteArray big(3 * 1024 * 1024 + 17, Qt::Uninitialized);
    for (qsizetype i = 0; i < big.size(); ++i)
        big[i] = char(i * 31 % 251);
    const QString id = *store->addData(big, u"tiff"_s);

    const ClientAnswer answer = request("GET", store->signedUrl(publicBase(), id));

    EXPECT_EQ(answer.status, 200);
    EXPECT_EQ(answer.body.size(), big.size());
    EXPECT_TRUE(answer.body == big);
}

TEST_F(FileStoreTest, TamperedSignatureTamperedIdAndExpiryAll403Alike)
{
    const QString id = *store->addData(pngBytes, u"png"_s);
    const QString other = *store->addData("another file", u"png"_s);
    const QUrl good = store->signedUrl(publicBase(), id, 60);
    const QUrlQuery query(good);
    const QString exp = query.queryItemValue(u"exp"_s);
    EXPECT_EQ(exp, QString::number(clock.now().toSecsSinceEpoch() + 60));
    QString sig = query.queryItemValue(u"sig"_s);

    QString flipped = sig;
    flipped[0] = flipped[0] == u'a' ? u'b' : u'a';
    const ClientAnswer tamperedSig = get(u"/files/%1?exp=%2&sig=%3"_s.arg(id, exp, flipped));
    const ClientAnswer tamperedId = get(u"/files/%1?exp=%2&sig=%3"_s.arg(other, exp, sig));
    const ClientAnswer longerExp
            = get(u"/files/%1?exp=%2&sig=%3"_s.arg(id, QString::number(exp.toLongLong() + 1000), sig));
    const ClientAnswer missing = get(u"/files/"_s + id);
    clock.advance(61);
    const ClientAnswer expired = request("GET", good);
    clock.advance(-1); // the last second of its validity
    const ClientAnswer stillValid = request("GET", good);

    for (const ClientAnswer *answer : {&tamperedSig, &tamperedId, &longerExp, &missing, &expired}) {
        EXPECT_EQ(answer->status, 403);
        EXPECT_EQ(answer->body, tamperedSig.body); // the same answer: nothing tells which check failed
    }
    EXPECT_EQ(QJsonDocument::fromJson(tamperedSig.body).object().value("error"_L1).toString(),
              u"this link is not valid or has expired"_s);
    EXPECT_EQ(stillValid.status, 200);
    EXPECT_FALSE(store->verify(id, exp, flipped));
    EXPECT_FALSE(store->verify(id, u"soon"_s, sig));
}

TEST_F(FileStoreTest, AValidSignatureForAFileThatIsNotThereIs404)
{
    const QString id = QString(64, u'0') + u".pdf"_s;

    const ClientAnswer answer = request("GET", store->signedUrl(publicBase(), id));

    EXPECT_EQ(answer.status, 404);
}

TEST_F(FileStoreTest, PathTraversalNeverReachesAFileOutsideTheFolder)
{
    // Even with a correct signature (made here with the key itself), an id that is not a content id
    // never names a file: the key file itself is the prize.
    const QString exp = QString::number(clock.now().toSecsSinceEpoch() + 600);
    for (const QString &id : {u"../keys/file-signing.key"_s, u"..%2Fkeys%2Ffile-signing.key"_s,
                              u"%2E%2E/keys/file-signing.key"_s}) {
        const QString decoded = QUrl::fromPercentEncoding(id.toUtf8());
        const QByteArray sig = QMessageAuthenticationCode::hash(decoded.toUtf8() + '\n' + exp.toUtf8(),
                                                                signingKey, QCryptographicHash::Sha256)
                                       .toHex();
        const ClientAnswer answer = get(u"/files/%1?exp=%2&sig=%3"_s.arg(id, exp, QString::fromLatin1(sig)));
        EXPECT_TRUE(answer.status == 403 || answer.status == 404) << qPrintable(id) << " " << answer.status;
        EXPECT_NE(answer.body, signingKey);
        EXPECT_FALSE(answer.body.contains(signingKey));
    }
    const QByteArray rawAnswer = raw("GET /files/../keys/file-signing.key HTTP/1.1\r\nHost: x\r\n\r\n", 300);
    EXPECT_FALSE(rawAnswer.contains(signingKey));
    EXPECT_FALSE(rawAnswer.startsWith("HTTP/1.1 200"));
}

TEST(FileStoreKey, CreatedOnceWithOwnerOnlyModeAndReused)
{
    QTemporaryDir dataDir;
    const auto first = FileStore::loadOrCreateSigningKey(dataDir.path());
    ASSERT_TRUE(first.ok()) << qPrintable(first.error());
    const QString path = dataDir.filePath(u"keys/file-signing.key"_s);

    EXPECT_EQ(first->size(), 32);
    EXPECT_EQ(QFileInfo(path).size(), 32);
    EXPECT_EQ(QFile::permissions(path),
              QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser
                      | QFileDevice::WriteUser);
    EXPECT_EQ(QFile::permissions(dataDir.filePath(u"keys"_s))
                      & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::ExeOther),
              QFileDevice::Permissions());
    EXPECT_EQ(QDir(dataDir.filePath(u"keys"_s)).entryList(QDir::Files).size(), 1); // no temporary left

    const auto second = FileStore::loadOrCreateSigningKey(dataDir.path());
    ASSERT_TRUE(second.ok());
    EXPECT_EQ(*second, *first);

    // A URL signed by one instance is valid for the next one with the same data dir.
    const FileStore before(dataDir.path(), *first);
    const FileStore after(dataDir.path(), *second);
    const QUrlQuery query(before.signedUrl(QUrl(u"https://shop.example/bottega/"_s), u"abc.png"_s));
    EXPECT_TRUE(after.verify(u"abc.png"_s, query.queryItemValue(u"exp"_s), query.queryItemValue(u"sig"_s)));
    EXPECT_EQ(before.signedUrl(QUrl(u"https://shop.example/bottega/"_s), u"abc.png"_s).path(),
              u"/bottega/files/abc.png"_s);

    QTemporaryDir otherDir;
    const auto otherKey = FileStore::loadOrCreateSigningKey(otherDir.path());
    ASSERT_TRUE(otherKey.ok());
    EXPECT_NE(*otherKey, *first);
}

TEST(FileStoreKey, ADamagedKeyIsReportedNotReplaced)
{
    QTemporaryDir dataDir;
    QDir().mkpath(dataDir.filePath(u"keys"_s));
    QFile damaged(dataDir.filePath(u"keys/file-signing.key"_s));
    ASSERT_TRUE(damaged.open(QIODevice::WriteOnly));
    damaged.write("short");
    damaged.close();

    const auto key = FileStore::loadOrCreateSigningKey(dataDir.path());

    ASSERT_FALSE(key.ok());
    EXPECT_TRUE(key.error().startsWith(damaged.fileName() + u" is damaged: 5 bytes instead of 32"_s))
            << qPrintable(key.error());
    QFile check(damaged.fileName());
    ASSERT_TRUE(check.open(QIODevice::ReadOnly));
    EXPECT_EQ(check.readAll(), "short");
}

} // namespace
} // namespace Bottega::Test
