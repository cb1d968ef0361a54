#include "ui/MainWindow.h"
namespace Bottega {
MainWindow::MainWindow(QWidget *parent) : QMainWindow(parent) { }
} // namespace Bottega
