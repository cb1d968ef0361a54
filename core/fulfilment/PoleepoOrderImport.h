// PoleepoOrderImport: a Poleepo order becomes a local sales order (SHIP-1, ORD-10), whether the
// STATUS_ORDER webhook or the import job brought it. The first import stores it (origin Poleepo,
// its channel, Poleepo order id and status, lines matched to variants by SKU) and decides what to
// do with it (ORD-11): all Gelato goods → "gelato" (ready to send), none → "other", else a person
// must look, with the reason (an unknown SKU, a mix of Gelato and other goods, what a malformed
// order lacks). Nothing is dropped. Importing it again changes it through OrderUpdate (status,
// shippings), never making a second order. A "Canceled" order is cancelled locally where the
// state rules allow it, and otherwise marked for a person. Synchronous; runs in the caller's transaction if
// any. Owned by the thread that uses it.
#pragma once

#include "core/domain/Message.h"
#include "core/domain/Result.h"
#include "core/poleepo/PoleepoTypes.h"

#include <QCoreApplication>
#include <QStringList>
#include <memory>

namespace Bottega {

class Clock;
class Database;
class OrderUpdate;

class PoleepoOrderImport final
{
    Q_DISABLE_COPY_MOVE(PoleepoOrderImport)
    Q_DECLARE_TR_FUNCTIONS(Bottega::PoleepoOrderImport)

public:
    struct Imported
    {
        qint64 orderId = 0;
        bool created = false;
        QList<Message> changes; // what an import of a known order changed; empty: nothing new
    };

    explicit PoleepoOrderImport(Database &database, const Clock *clock = nullptr);
    ~PoleepoOrderImport();

    Result<Imported> importOrder(const PoleepoOrder &order);

    // The words for a stored reason (codes: "missing", "unknown-sku", "mixed-goods",
    // "no-poleepo-shipping", "send-failed"), in the reader's language.
    // Why an order needs a person, as a fact (code "attention.<code>"), and in the reader's words.
    static Message attention(const QString &code, const QStringList &args);
    static QString attentionText(const QString &code, const QStringList &args);

private:
    Result<Imported> create(const PoleepoOrder &order);
    // Poleepo cancelled the order: cancelled here too while nothing went to Gelato, else marked
    // for a person (Gelato may already print it).
    Result<void> applyCancel(qint64 orderId, Imported &imported);

    Database &m_database;
    const Clock *m_clock;
    std::unique_ptr<OrderUpdate> m_update;
};

} // namespace Bottega
