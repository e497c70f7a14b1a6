// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include <QByteArray>
#include <QString>

namespace Updraft::PasswordHash {

// The cloud's documented format for an NT hash: "v1;PPH1_MD4,<salt hex>,<iterations>,<hash hex>;".
// The NT hash is written as upper-case hex, that text as UTF-16LE, and that is run through
// PBKDF2-HMAC-SHA256.
constexpr int Pph1Iterations = 1000;
constexpr int Pph1SaltBytes = 10;

QString pph1(const QByteArray &ntHash, const QByteArray &salt, int iterations = Pph1Iterations);
// With a fresh random salt: what is sent, once per user and per change.
QString pph1WithRandomSalt(const QByteArray &ntHash);
// Recomputes a PPH1_MD4 string from its own salt and iterations; for tests and for checking what a target
// holds.
bool verifyPph1(const QString &pph1, const QByteArray &ntHash);

// MD4 of the password's UTF-16LE bytes.
QByteArray ntHash(const QString &password);

} // namespace Updraft::PasswordHash
