// FileStreamer: sends a file's bytes down a socket in chunks as the socket drains, so that a large
// print file never sits whole in memory. Lives as the socket's child and deletes itself when done.
#pragma once

#include <QFile>
#include <QObject>
#include <memory>

class QTcpSocket;

namespace Bottega {

class FileStreamer final : public QObject
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(FileStreamer)

public:
    // `file` is open for reading; the socket is closed after the last byte.
    FileStreamer(QTcpSocket *socket, std::unique_ptr<QFile> file);
    ~FileStreamer() override;

    void start();

private:
    void pump();

    QTcpSocket *m_socket;
    std::unique_ptr<QFile> m_file;
};

} // namespace Bottega
