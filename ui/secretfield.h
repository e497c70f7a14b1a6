// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/secretreference.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace Updraft {

// Where one secret of a configuration lives, as the admin chooses it: typed into the OS keychain (under a key
// scoped by configuration), or named as an environment variable or a file only its owner can read. The
// configuration only ever holds the reference; a typed secret leaves this widget only to be written to the
// keychain or used for a connection test.
class SecretField : public QWidget
{
    Q_OBJECT
public:
    enum class Storage { Keychain, Environment, File };

    // `keyPath` is the configuration key ("source.bindPassword"); `what` names the secret ("password").
    SecretField(QString keyPath, const QString &what, QWidget *parent = nullptr);

    void setReference(const SecretReference &reference);
    // Without a keychain, the keychain choice is disabled and `why` says what to use instead.
    void setKeychainAvailable(bool available, const QString &why);
    void setStorage(Storage storage);
    Storage storage() const;

    // The reference the configuration named `configurationName` gets: a typed secret goes under
    // Keychain::keyFor(configurationName, keyPath); a keychain secret kept as it was keeps its key.
    SecretReference reference(const QString &configurationName) const;
    // What was typed (keychain storage only), empty if nothing.
    QByteArray typedSecret() const;
    bool isSet() const;
    QString keyPath() const { return m_keyPath; }
    QLineEdit *input() const { return m_input; }

Q_SIGNALS:
    void changed();

private:
    void updateInput();

    QString m_keyPath;
    SecretReference m_existing;
    QComboBox *m_storage = nullptr;
    QLineEdit *m_input = nullptr;
    QLabel *m_note = nullptr;
};

} // namespace Updraft
