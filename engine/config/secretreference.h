// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace Updraft {

// Where a secret lives. Configuration files, exported JSON and the store hold only this reference, never the
// secret.
//   {"keychain": "KEY"} an entry of the OS keychain (sync/keychain.h), KEY usually Keychain::keyFor(name,
//                       "target.token"); what the console stores, and the CLI reads the same entry
//   {"env": "VAR"}      an environment variable of the process running the sync
//   {"file": "PATH"}    a file readable only by its owner (mode 0600 or stricter); one trailing newline is
//                       dropped
// The last two are the documented alternatives where no keychain is available; nothing falls back to them.
struct SecretReference {
    enum class Kind { None, Environment, File, Keychain };
    Kind kind = Kind::None;
    QString name;

    static bool fromJson(const QJsonValue &value, SecretReference &out, QString *error);
    QJsonValue toJson() const;
    bool isSet() const { return kind != Kind::None; }
    // Reads the secret. `keyPath` names the configuration key in error messages. A keychain reference blocks
    // until the keychain answers (see sync/keychain.h for threading).
    bool resolve(QByteArray &secret, const QString &keyPath, QString *error) const;
    bool operator==(const SecretReference &) const = default;
};

} // namespace Updraft
