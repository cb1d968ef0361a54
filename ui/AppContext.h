// AppContext: the core services a window needs, created and owned by the app. Any pointer may be
// null (tests build only what they use); pages then show that the service is unavailable.
#pragma once

#include <QString>

class QSettings;

namespace Bottega {

class BackgroundTasks;
class BatchGeneration;
class CatalogBrowsing;
class ConnectionTest;
class Database;
class FileStore;
class GelatoClient;
class OrderService;
class PackageTypes;
class Scheduler;
class SecretStore;
class Server;
class Settings;
class ShipWithPoleepo;

struct AppContext
{
    Settings *settings = nullptr;
    SecretStore *secrets = nullptr;
    Database *database = nullptr;
    Scheduler *scheduler = nullptr;
    Server *server = nullptr;
    // Only handed to the TemplateSync use case (Synchronize, New from Gelato template); never called.
    GelatoClient *gelato = nullptr;
    CatalogBrowsing *catalog = nullptr; // the Gelato catalog browser
    ConnectionTest *connections = nullptr; // Settings' Test connection
    FileStore *files = nullptr; // print images from local files
    OrderService *orders = nullptr; // the Orders pages (ORD-1..9)
    ShipWithPoleepo *shipWithPoleepo = nullptr; // the order editor's Info Poleepo tab (SHIP-2..4)
    PackageTypes *packageTypes = nullptr; // Settings' package types (CONF-8)
    BatchGeneration *batchGeneration = nullptr; // the Batches page's resubmit (BATCH-4)
    // Long work started from the window runs here, on the worker thread; the status bar lists it.
    BackgroundTasks *tasks = nullptr;
    // Why the built-in server is not listening, when the app could not start it
    // ("cannot listen on 127.0.0.1:8069: the address is already in use"). Shown in the status bar.
    QString serverError;
    // Where the window keeps its own state (last page, geometry); null: nothing is remembered.
    QSettings *windowState = nullptr;
};

} // namespace Bottega
