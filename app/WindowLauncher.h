// WindowLauncher: starts the desktop app: language, runtime, single instance per data dir, the
// built-in server and scheduler (as in `serve`), then the main window.
#pragma once

class QApplication;

namespace Bottega::WindowLauncher {

int run(QApplication &app);

} // namespace Bottega::WindowLauncher
