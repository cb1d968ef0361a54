// OrderShippingPanel: Standard or Express for an order and Get rate (ORD-4): each rate Gelato quoted
// with its price and delivery dates, one of which the user chooses. The calls themselves are the
// editor's; this panel shows their progress, answers and errors.
#pragma once

#include "core/domain/SalesOrder.h"
#include "core/orders/ShippingRates.h"

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;
class QRadioButton;
class QTableWidget;

namespace Bottega {

class InlineMessage;

class OrderShippingPanel final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(OrderShippingPanel)

public:
    enum Column { TypeColumn, PriceColumn, DeliveryColumn, ChooseColumn };

    explicit OrderShippingPanel(QWidget *parent = nullptr);
    ~OrderShippingPanel() override;

    void setOrder(const SalesOrder &order);
    // "standard" or "express", as the radio buttons say.
    QString shippingType() const;
    void setReadOnly(bool readOnly);
    // Get rate is disabled while something blocks quoting; the reason is its tooltip.
    void setGetRateBlocked(const QString &reason);

    void setBusy(bool busy);
    void showRates(const QList<ShippingRate> &rates);
    void showError(const QString &error);
    QList<ShippingRate> rates() const { return m_rates; }

    QPushButton *getRateButton() const { return m_getRate; }
    QTableWidget *rateTable() const { return m_table; }
    InlineMessage *message() const { return m_message; }
    QLabel *chosenLabel() const { return m_chosen; }
    // Presses the Choose button of a rate's row.
    void choose(int row);

    static QString typeName(const QString &type);

Q_SIGNALS:
    void getRateRequested();
    void rateChosen(const ShippingRate &rate);
    // The user switched between Standard and Express.
    void typeChanged();

private:
    void fitTable();

    QRadioButton *m_standard;
    QRadioButton *m_express;
    QPushButton *m_getRate;
    QProgressBar *m_progress;
    QTableWidget *m_table;
    QLabel *m_chosen;
    InlineMessage *m_message;
    QList<ShippingRate> m_rates;
    QString m_blockedReason;
    bool m_readOnly = false;
    bool m_busy = false;
};

} // namespace Bottega
