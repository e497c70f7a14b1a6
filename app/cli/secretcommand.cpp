// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#include "clicommands.h"

#include "config/keychain.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <algorithm>
#include <cstdio>
#include <iterator>
#include <termios.h>
#include <unistd.h>

using namespace Qt::Literals::StringLiterals;

namespace Updraft::Cli {

namespace {

// One line from a terminal, typed without echo; everything from a pipe or a file. One trailing newline is
// dropped, as from a {"file": …} secret.
QByteArray readSecret(const QString &prompt)
{
    const bool terminal = ::isatty(STDIN_FILENO);
    termios saved{};
    if (terminal && ::tcgetattr(STDIN_FILENO, &saved) == 0) {
        std::fputs(qPrintable(prompt), stderr);
        termios silent = saved;
        silent.c_lflag &= ~tcflag_t(ECHO);
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &silent);
    }
    QByteArray secret;
    char buffer[1024];
    if (terminal) {
        while (std::fgets(buffer, sizeof buffer, stdin)) {
            secret.append(buffer);
            if (secret.endsWith('\n'))
                break;
        }
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
        std::fputc('\n', stderr);
    } else {
        size_t n = 0;
        while ((n = std::fread(buffer, 1, sizeof buffer, stdin)) > 0)
            secret.append(buffer, qsizetype(n));
    }
    std::fill(std::begin(buffer), std::end(buffer), '\0');
    if (secret.endsWith('\n'))
        secret.chop(secret.endsWith("\r\n") ? 2 : 1);
    return secret;
}

} // namespace

int secretCommand(const QString &action, const QString &name, const QString &field)
{
    const QStringList fields{u"source.bindPassword"_s, u"target.token"_s};
    if (!fields.contains(field)) {
        err(u"updraft-cli: the secret fields are %1, not \"%2\""_s.arg(fields.join(u" and "_s), field));
        return UsageError;
    }
    if (name.isEmpty()) {
        err(u"updraft-cli: secret takes the name of a configuration"_s);
        return UsageError;
    }
    const QString key = Keychain::keyFor(name, field);
    QString error;
    if (action == u"remove"_s) {
        if (!Keychain::remove(key, &error)) {
            err(u"updraft-cli: %1"_s.arg(error));
            return CouldNotRun;
        }
        out(u"Removed \"%1\" from the keychain."_s.arg(key));
        return Success;
    }

    QByteArray secret = readSecret(u"%1 %2 (not shown): "_s.arg(name, field));
    if (secret.isEmpty()) {
        err(u"updraft-cli: no secret given on standard input; nothing stored"_s);
        return CouldNotRun;
    }
    const bool stored = Keychain::write(key, secret, &error);
    secret.fill('\0');
    if (!stored) {
        err(u"updraft-cli: %1"_s.arg(error));
        return CouldNotRun;
    }
    // The reference, the only thing the configuration holds.
    const QJsonObject reference{{u"keychain"_s, key}};
    err(u"Stored in the keychain. Use in the configuration, as %1:"_s.arg(field));
    out(QString::fromUtf8(QJsonDocument(reference).toJson(QJsonDocument::Compact)));
    return Success;
}

} // namespace Updraft::Cli
