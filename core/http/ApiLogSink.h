// ApiLogSink: where HttpClient and the built-in server put their API log rows. The app wires it
// to the store, so that neither http nor server code touches the database.
#pragma once

#include "core/domain/ApiLogEntry.h"

namespace Bottega {

class ApiLogSink
{
public:
    virtual ~ApiLogSink() = default;
    virtual void record(const ApiLogEntry &entry) = 0;
};

} // namespace Bottega
