#include "app/commands/Command.h"

#include <QString>

using namespace Qt::StringLiterals;

namespace Bottega::Commands {

CommandFunction find(const QString &name)
{
    if (name == u"config"_s)
        return &config;
    if (name == u"secret"_s)
        return &secret;
    if (name == u"job"_s)
        return &job;
    if (name == u"serve"_s)
        return &serve;
    if (name == u"webhook"_s)
        return &webhook;
    if (name == u"test-connection"_s)
        return &testConnection;
    if (name == u"product"_s)
        return &product;
    if (name == u"order"_s)
        return &order;
    if (name == u"batch"_s)
        return &batch;
    if (name == u"log"_s)
        return &log;
    if (name == u"package-type"_s)
        return &packageType;
    return nullptr;
}

} // namespace Bottega::Commands
