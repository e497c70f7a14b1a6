// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

// The OS keychain through QtKeychain, under the service name "Updraft": on Linux the Secret Service of the
// session bus (GNOME Keyring, KeePassXC …) or KWallet. Configurations hold only a key (SecretReference
// {"keychain": KEY}); the secret itself never reaches a configuration file, the store or a log.
//
// There is no plaintext fallback: without a keychain every call fails with a message that names the key and
// the documented alternatives (an environment variable or a file only its owner can read).
//
// Threading: every function blocks until the keychain answers (at most two minutes: a desktop keyring may ask
// its user to unlock it) and may be called from any thread, with or without a running event loop. The jobs
// run one at a time on a thread of this module; a QCoreApplication must exist, and its destructor stops that
// thread. Being blocking, they belong on worker threads, not on the GUI thread.
namespace Updraft::Keychain {

// A key scoped by configuration: keyFor("corp.example.com", "target.token") is
// "corp.example.com/target.token".
QString keyFor(const QString &configurationName, const QString &field);

// Whether a keychain answers: a session bus with a Secret Service (or KWallet) on it, running or activatable,
// that reads a missing entry as "not found". If not, `why` says what is missing and what to use instead.
bool available(QString *why = nullptr);

// Stores `secret` (not empty) under `key`, replacing what was there.
bool write(const QString &key, const QByteArray &secret, QString *error);
// Reads the secret under `key`; a missing entry is an error that names the key.
bool read(const QString &key, QByteArray &secret, QString *error);
// Removes the entry under `key`; succeeds if there was none.
bool remove(const QString &key, QString *error);

} // namespace Updraft::Keychain
