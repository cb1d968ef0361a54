// WindowLauncher: starts the desktop app: language, runtime, single instance per data dir, the
// built-in server and scheduler (as in `serve`), then the main window.
#pragma once

class QApplication;

namespace Bottega {
class Runtime;
struct AppContext;
}

namespace Bottega::WindowLauncher {

int run(QApplication &app);

// The window's services from the runtime (the PERF-7 benchmark builds its window the same way).
AppContext contextFor(Runtime &runtime);

} // namespace Bottega::WindowLauncher
