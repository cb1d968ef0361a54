#include "core/server/FileStreamer.h"

#include <QTcpSocket>

namespace Bottega {

namespace {

constexpr qint64 chunkBytes = 64 * 1024;
constexpr qint64 maxQueuedBytes = 256 * 1024; // in the socket's buffer at a time

} // namespace

FileStreamer::FileStreamer(QTcpSocket *socket, std::unique_ptr<QFile> file)
    : QObject(socket), m_socket(socket), m_file(std::move(file))
{
}

FileStreamer::~FileStreamer() = default;

void FileStreamer::start()
{
    connect(m_socket, &QTcpSocket::bytesWritten, this, &FileStreamer::pump);
    pump();
}

void FileStreamer::pump()
{
    while (m_socket->bytesToWrite() < maxQueuedBytes && !m_file->atEnd()) {
        const QByteArray chunk = m_file->read(chunkBytes);
        if (chunk.isEmpty())
            break;
        m_socket->write(chunk);
    }
    if (m_file->atEnd() || m_file->error() != QFileDevice::NoError) {
        // A read error leaves the answer short of its Content-Length: closing tells the client.
        disconnect(m_socket, nullptr, this, nullptr);
        m_socket->disconnectFromHost();
        deleteLater();
    }
}

} // namespace Bottega
