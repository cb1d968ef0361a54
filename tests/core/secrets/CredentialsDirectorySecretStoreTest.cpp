#include "core/secrets/CredentialsDirectorySecretStore.h"

#include "tests/core/secrets/SecretTestCalls.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <gtest/gtest.h>

using namespace Bottega;
using namespace Bottega::Test;
using namespace Qt::StringLiterals;

namespace {

class CredentialsDirectoryTest : public ::testing::Test
{
protected:
    void writeFile(const QString &name, const QByteArray &content)
    {
        QFile file(m_dir.filePath(name));
        ASSERT_TRUE(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

    QTemporaryDir m_dir;
};

} // namespace

TEST_F(CredentialsDirectoryTest, ReadsFilesNamedAsTheSecretWithoutTrailingNewline)
{
    writeFile(u"gelato.api-key"_s, "k123\n");
    writeFile(u"poleepo.client-secret"_s, "dos secret \r\n");
    writeFile(u"poleepo.client-id"_s, "no-newline");
    CredentialsDirectorySecretStore store(m_dir.path());
    EXPECT_FALSE(store.isWritable());
    EXPECT_EQ(store.directory(), m_dir.path());

    const SecretLookup found = readSecret(store, u"gelato.api-key"_s);
    EXPECT_EQ(found.status, SecretLookup::Status::Found);
    EXPECT_EQ(found.value, u"k123"_s);
    EXPECT_EQ(found.source, u"credentials directory"_s);
    EXPECT_EQ(readSecret(store, u"poleepo.client-secret"_s).value, u"dos secret "_s);
    EXPECT_EQ(readSecret(store, u"poleepo.client-id"_s).value, u"no-newline"_s);
    EXPECT_EQ(readSecret(store, u"gelato.webhook-secret"_s).status, SecretLookup::Status::NotFound);
}

TEST_F(CredentialsDirectoryTest, UsesTheCredentialsDirectoryVariable)
{
    writeFile(u"gelato.webhook-secret"_s, "from-systemd\n");
    qputenv("CREDENTIALS_DIRECTORY", QFile::encodeName(m_dir.path()));
    CredentialsDirectorySecretStore store;
    qunsetenv("CREDENTIALS_DIRECTORY");
    EXPECT_EQ(store.directory(), m_dir.path());
    EXPECT_EQ(readSecret(store, u"gelato.webhook-secret"_s).value, u"from-systemd"_s);
}

TEST_F(CredentialsDirectoryTest, WithoutADirectoryNothingIsFound)
{
    qunsetenv("CREDENTIALS_DIRECTORY");
    CredentialsDirectorySecretStore store;
    EXPECT_TRUE(store.directory().isEmpty());
    EXPECT_EQ(readSecret(store, u"gelato.api-key"_s).status, SecretLookup::Status::NotFound);
}

TEST_F(CredentialsDirectoryTest, InvalidNamesNeverTouchTheFileSystem)
{
    ASSERT_TRUE(QDir(m_dir.path()).mkdir(u"sub"_s));
    writeFile(u"outside"_s, "x");
    CredentialsDirectorySecretStore store(m_dir.filePath(u"sub"_s));
    const SecretLookup lookup = readSecret(store, u"../outside"_s);
    EXPECT_EQ(lookup.status, SecretLookup::Status::Failed);
    EXPECT_TRUE(lookup.value.isEmpty());
    EXPECT_TRUE(lookup.error.startsWith(u"\"../outside\" is not a secret name"_s))
            << qPrintable(lookup.error);
}

TEST_F(CredentialsDirectoryTest, UnreadableOrHugeFileFailsReadably)
{
    writeFile(u"gelato.api-key"_s, QByteArray(100 * 1024, 'x'));
    ASSERT_TRUE(QDir(m_dir.path()).mkdir(u"poleepo.client-id"_s)); // a directory where a file should be
    CredentialsDirectorySecretStore store(m_dir.path());

    const SecretLookup huge = readSecret(store, u"gelato.api-key"_s);
    EXPECT_EQ(huge.status, SecretLookup::Status::Failed);
    EXPECT_EQ(huge.error,
              u"credential file %1 is larger than 65536 bytes"_s.arg(m_dir.filePath(u"gelato.api-key"_s)));
    EXPECT_TRUE(huge.value.isEmpty());

    const SecretLookup directory = readSecret(store, u"poleepo.client-id"_s);
    EXPECT_EQ(directory.status, SecretLookup::Status::Failed);
    EXPECT_TRUE(directory.error.startsWith(
            u"cannot read credential file %1"_s.arg(m_dir.filePath(u"poleepo.client-id"_s))))
            << qPrintable(directory.error);
}

TEST_F(CredentialsDirectoryTest, IsReadOnly)
{
    CredentialsDirectorySecretStore store(m_dir.path());
    const auto written = writeSecret(store, u"gelato.api-key"_s, u"k123"_s);
    ASSERT_FALSE(written.ok());
    EXPECT_TRUE(written.error().startsWith(u"gelato.api-key: the credentials directory is read-only"_s))
            << qPrintable(written.error());
    EXPECT_FALSE(QFile::exists(m_dir.filePath(u"gelato.api-key"_s)));
    EXPECT_FALSE(removeSecret(store, u"gelato.api-key"_s).ok());
}
