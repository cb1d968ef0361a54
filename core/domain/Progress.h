// ProgressReport: how long work (a job's run, an import) tells whoever started it how far it is, in
// counts (done of total; total 0 while unknown), and learns whether to go on. The work calls it
// only at safe points (between items or chunks, never inside one); an answer of false stops the work
// there, keeping what is already complete. An empty function: nobody follows, never stop.
#pragma once

#include <QtGlobal>
#include <functional>

namespace Bottega {

using ProgressReport = std::function<bool(qint64 done, qint64 total)>;

// Reports through progress if there is one; true: go on.
inline bool reportProgress(const ProgressReport &progress, qint64 done, qint64 total)
{
    return !progress || progress(done, total);
}

} // namespace Bottega
