// Command: one admin command of docs/cli.md. A command runs from the event loop and reports its exit
// code through `done` exactly once (0 ok, 1 failed, 2 usage error), possibly later (keychain, network).
#pragma once

#include <QJsonObject>
#include <QString>
#include <functional>

namespace Bottega {

class Runtime;
struct CommandLine;

// Commands translate their texts in the context "Bottega::Commands": the namespace lupdate files them under.
using CommandDone = std::function<void(int exitCode)>;
using CommandFunction = void (*)(Runtime &runtime, const CommandLine &commandLine, CommandDone done);

namespace Commands {
void config(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
void secret(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
void job(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
void serve(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
void webhook(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
void testConnection(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
// `product sync-template`, asynchronous; the product command dispatches to it and prints the product.
void productSyncTemplate(Runtime &runtime, const CommandLine &commandLine,
                         std::function<int(qint64 productId)> printProduct, CommandDone done);
void product(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
void order(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
// `order delivered-to-shop | ship | handed-over ID` (SHIP-2..4), dispatched by `order`.
void orderShipping(Runtime &runtime, const CommandLine &commandLine, qint64 orderId, CommandDone done);
// `order show`'s Poleepo shippings: printed, or put under "shipments" of `poleepoJson` when given.
// False (the error printed) when they cannot be read.
bool showShipments(Runtime &runtime, qint64 orderId, QJsonObject *poleepoJson);
void batch(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
void log(Runtime &runtime, const CommandLine &commandLine, CommandDone done);
// `package-type list | import`: the package types for Poleepo shipping (CONF-8).
void packageType(Runtime &runtime, const CommandLine &commandLine, CommandDone done);

// The function for a command name, nullptr if none.
CommandFunction find(const QString &name);
} // namespace Commands

enum ExitCode { ExitOk = 0, ExitFailure = 1, ExitUsage = 2 };

} // namespace Bottega
