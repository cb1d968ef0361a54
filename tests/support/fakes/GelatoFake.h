// GelatoFake: Gelato's API on loopback for tests (templates, catalogs, orders: GelatoOrdersFake), answering
// with the seed's example payloads (tests/data/gelato/) and templates built for tests. Checks X-API-KEY like
// Gelato (401 with Gelato's JSON error shape); faults per path come from FakeHttpServer.
#pragma once

#include "tests/support/fakes/FakeHttpServer.h"
#include "tests/support/fakes/GelatoOrdersFake.h"

#include <QHash>
#include <QList>
#include <QPair>
#include <QStringList>

namespace Bottega::Test {

class GelatoFake final : public FakeHttpServer
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(GelatoFake)

public:
    // Template ids the fake knows from the start.
    static constexpr auto tshirtId = "c12a363e-0d4e-4d96-be4b-bf4138eb8743"; // the seed's, 6 sizes
    static constexpr auto threeId = "tpl-three"; // (M,Orange), (L,Orange), (L,Red): front, back
    static constexpr auto singleId = "tpl-single"; // one variant
    static constexpr auto emptyId = "tpl-empty"; // no variants
    static constexpr auto bigId = "tpl-500"; // 500 variants (PERF-3)

    explicit GelatoFake(QObject *parent = nullptr);
    ~GelatoFake() override;

    static QByteArray apiKey() { return QByteArrayLiteral("gelato-test-key-7f3a"); }
    void setApiKey(const QByteArray &key) { m_key = key; }

    // Serves (or replaces) a template: `variants` are {title, options "Size=M;Color=Red", areas}.
    void setTemplate(const QString &id, const QByteArray &json) { m_templates.insert(id, json); }
    struct VariantSpec
    {
        QString title;
        QList<QPair<QString, QString>> options;
        QStringList printAreas;
        QString id; // empty: "<templateId>-v<index>"
    };
    static QByteArray templateJson(const QString &id, const QString &title,
                                   const QList<VariantSpec> &variants);
    static QByteArray threeVariantTemplate(); // the (M,Orange),(L,Orange),(L,Red) template
    static QByteArray generatedTemplate(const QString &id, int variantCount);

    // Base URLs to put into gelato.*-url.
    QUrl ecommerceUrl() const { return url(QStringLiteral("/ecommerce/v1/")); }
    QUrl productUrl() const { return url(QStringLiteral("/product/v3/")); }
    QUrl orderUrl() const { return url(QStringLiteral("/order/v4/")); }
    QUrl shipmentUrl() const { return url(QStringLiteral("/shipment/v1/")); }
    static QString templatePath(const QString &id) { return QStringLiteral("/ecommerce/v1/templates/") + id; }

    // The order endpoints, their state and their test controls.
    GelatoOrdersFake &orders() { return m_orders; }

protected:
    FakeResponse answer(const RecordedRequest &request) override;

private:
    QByteArray m_key = apiKey();
    QHash<QString, QByteArray> m_templates;
    GelatoOrdersFake m_orders {*this, QStringLiteral("/order/v4")};
};

} // namespace Bottega::Test
