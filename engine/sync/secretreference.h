// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QJsonObject>

namespace Updraft {

// Where a secret lives. Configuration files and the store hold only this reference, never the secret.
//   {"env": "VAR"}   an environment variable of the process running the sync
//   {"file": "PATH"} a file readable only by its owner (mode 0600 or stricter); one trailing newline is
//   dropped
struct SecretReference {
    enum class Kind { None, Environment, File };
    Kind kind = Kind::None;
    QString name;

    static bool fromJson(const QJsonValue &value, SecretReference &out, QString *error);
    QJsonValue toJson() const;
    bool isSet() const { return kind != Kind::None; }
    // Reads the secret. `keyPath` names the configuration key in error messages.
    bool resolve(QByteArray &secret, const QString &keyPath, QString *error) const;
    bool operator==(const SecretReference &) const = default;
};

} // namespace Updraft
