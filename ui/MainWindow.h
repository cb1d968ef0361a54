#pragma once
#include <QMainWindow>
namespace Bottega {
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(QWidget *parent = nullptr);
};
} // namespace Bottega
