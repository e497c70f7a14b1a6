// SPDX-FileCopyrightText: 2026 Updraft contributors
// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

#include "config/secretreference.h"

#include <QString>

namespace Updraft {

// Where the state store lives: a SQLite file (the default, one machine), or a PostgreSQL database shared by
// several agents and consoles:
//   postgresql://USER@HOST[:PORT]/DATABASE[?password=env:VAR|file:PATH|keychain:KEY][&sslmode=…][&sslrootcert=…]
// The URL never holds a password, only a reference to one. TLS is verified by default (sslmode=verify-full);
// sslrootcert names the CA that signed the server's certificate. Other libpq parameters accepted:
// sslcert, sslkey, sslcrl, connect_timeout, application_name, host (a socket directory).
struct StoreLocation {
    enum class Kind { Sqlite, Postgresql };
    Kind kind = Kind::Sqlite;
    QString file; // Sqlite: the database file
    // Postgresql: where and as whom; options in libpq's "key=value;…" form for Qt's QPSQL driver.
    QString host;
    int port = 5432;
    QString database;
    QString user;
    QString connectOptions;
    SecretReference password;
    QString text; // as given: what messages show (it holds no secret)

    // A file path, or a postgresql:// (postgres://) URL. False with `error` naming what is wrong.
    static bool parse(const QString &text, StoreLocation &out, QString *error);
    static StoreLocation sqliteFile(const QString &path);
    bool isShared() const { return kind == Kind::Postgresql; }
    static bool isUrl(const QString &text);
};

} // namespace Updraft
