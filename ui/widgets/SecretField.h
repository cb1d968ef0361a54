// SecretField: one secret (API key, webhook secret) shown masked as "set" / "not set" from an
// asynchronous read of the SecretStore. The real value never enters the widget; "Change…" lets the
// user type a new one, which savePendingChange() writes asynchronously.
#pragma once

#include <QWidget>

class QLineEdit;
class QPushButton;

namespace Bottega {

class InlineMessage;
class SecretStore;

class SecretField final : public QWidget
{
    Q_OBJECT
    Q_DISABLE_COPY_MOVE(SecretField)

public:
    enum class State { Unavailable, Checking, Set, NotSet, ReadFailed, Saving };
    Q_ENUM(State)

    // key: the secret's name ("gelato.api-key"); the store is not owned and may be null.
    explicit SecretField(const QString &key, SecretStore *store, QWidget *parent = nullptr);
    ~SecretField() override;

    QString key() const;
    State state() const;
    // Where the value was found ("keychain", "environment", ...) when state() is Set.
    QString source() const;
    // The store's readable error of the last read or write, empty if none.
    QString errorText() const;

    // Asks the store whether the secret is set; the answer arrives later.
    void refresh();

    bool isChanging() const;
    // True when the user typed a new value that has not been saved yet.
    bool hasPendingChange() const;
    void startChange();
    void cancelChange();
    // Writes the typed value; saveFinished() follows. Does nothing without a pending change.
    void savePendingChange();

    QLineEdit *lineEdit() const; // for tests and buddies

    // The service this secret belongs to is switched off: a failed read is not shown as an error
    // (the field just says it is unknown); a failed write still is, since the user asked for it.
    void setServiceOff(bool off);
    bool isServiceOff() const { return m_serviceOff; }

Q_SIGNALS:
    void stateChanged(Bottega::SecretField::State state);
    void pendingChangeChanged(bool pending);
    void saveFinished(bool ok);

private:
    void setState(State state);
    QString foundText() const; // the placeholder when the secret is set
    void updateWidgets();

    QString m_key;
    SecretStore *m_store;
    QLineEdit *m_edit;
    QPushButton *m_changeButton;
    InlineMessage *m_message;
    State m_state = State::Unavailable;
    QString m_source;
    QString m_error;
    bool m_errorFromWrite = false;
    bool m_serviceOff = false;
    State m_stateBeforeSave = State::Unavailable;
    bool m_changing = false;
    // Answers to an older read are dropped; only the latest one describes the store.
    quint64 m_readGeneration = 0;
};

} // namespace Bottega
